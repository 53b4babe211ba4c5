/**
 * The field app's waits that hide behind each other (issue 19, "feels instant"): the sync asks for
 * the sociale kaart while its pull is on the way, and the first PIN setup derives the PIN's key
 * (PBKDF2) while the server registers the device. Each test holds the first answer back until the
 * second request has started: done one after the other, they would wait for each other for good.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { commands } from 'vitest/browser';
import { Device, type DeviceApi } from '../../client/src/local/device';
import { syncOnce } from '../../client/src/sync/engine';
import type { RegisteredDevice } from '../../shared/schemas/device';
import type { SessionUser } from '../../shared/schemas/user';
import { openPhone, type World } from './local-helpers';

let world: World;

beforeEach(async () => {
  world = await commands.resetServer();
}, 60_000);
afterEach(() => {
  vi.restoreAllMocks();
});

/** Resolves once `started` says so; rejects after a while (the two requests were not side by side). */
function whenStarted(started: () => boolean, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const until = Date.now() + 5_000;
    const check = () => {
      if (started()) return resolve();
      if (Date.now() > until) return reject(new Error(`${what} did not start meanwhile`));
      setTimeout(check, 10);
    };
    check();
  });
}

describe('waits side by side', { timeout: 60_000 }, () => {
  it('asks for the sociale kaart while the pull is on its way, and keeps it after the pull', async () => {
    const phone = await openPhone(world, 'worker1');
    let kaartAsked = false;
    const transport = {
      ...phone.transport,
      kaart: (etag: string | null) => {
        kaartAsked = true;
        return phone.transport.kaart(etag);
      },
      pull: async (input: Parameters<typeof phone.transport.pull>[0]) => {
        await whenStarted(() => kaartAsked, 'the kaart request');
        return phone.transport.pull(input);
      },
    };
    const report = await syncOnce(phone.store, transport);
    expect(report.kaartError).toBeUndefined();
    expect(report.pulledRows).toBeGreaterThan(0);
    expect(await phone.db.getMeta('kaartEtag')).toEqual(expect.any(String));
    expect(await phone.db.getMeta('kaart')).toBeTruthy();
  });

  it('a failed pull is the sync’s error even while the kaart is still coming; a failed kaart is only noted', async () => {
    const phone = await openPhone(world, 'worker1');
    let answerKaart = () => {};
    const slowKaart = {
      ...phone.transport,
      kaart: (etag: string | null) =>
        new Promise<Awaited<ReturnType<typeof phone.transport.kaart>>>((resolve, reject) => {
          answerKaart = () => void phone.transport.kaart(etag).then(resolve, reject);
        }),
      pull: () => Promise.reject(new TypeError('Failed to fetch')),
    };
    await expect(syncOnce(phone.store, slowKaart)).rejects.toThrow('Failed to fetch');
    answerKaart();
    expect(await phone.db.getMeta('cookie')).toBeUndefined();

    const noKaart = { ...phone.transport, kaart: () => Promise.reject(new Error('kaart weg')) };
    const report = await syncOnce(phone.store, noKaart);
    expect(report.kaartError).toBe('kaart weg');
    expect(report.pulledRows).toBeGreaterThan(0);
  });

  it('derives the PIN’s key while the server registers the device, and still mixes in its share', async () => {
    const profile: SessionUser = {
      id: world.users.worker1.id,
      displayName: 'worker1',
      role: 'jeugdbeschermer',
      organisationName: 'GI Alfa',
      teamName: 'Team Een',
    };
    let derived = false;
    const deriveBits = crypto.subtle.deriveBits.bind(crypto.subtle);
    vi.spyOn(crypto.subtle, 'deriveBits').mockImplementation((algorithm, key, length) => {
      if ((algorithm as { name: string }).name === 'PBKDF2') derived = true;
      return deriveBits(algorithm, key, length);
    });
    const api: DeviceApi = {
      register: async (input) => {
        await whenStarted(() => derived, 'PBKDF2');
        return commands.deviceCall(
          'worker1',
          'register',
          input,
          new Date().toISOString(),
        ) as Promise<RegisteredDevice>;
      },
      share: () => Promise.reject(new TypeError('Failed to fetch')),
    };
    const device = new Device(`test-${crypto.randomUUID()}`);
    await device.load();
    await device.setUp(profile, '582931', api);
    expect(device.getState().kind).toBe('unlocked');
    expect((await device.db.getMeta('keyring'))?.usesServerShare).toBe(true);
    // The keyring needs the share: the PIN opens it again with the cached share (offline), as before.
    device.lock();
    await device.unlock('582931');
    expect(device.getState().kind).toBe('unlocked');
  });
});
