/**
 * The server's key share on the phone (client/src/local/device.ts and
 * share-cache.ts) against the real devices router: the PIN opens the store
 * offline while the cached share is valid, not after it (nor with the clock
 * turned back), and again once the phone fetched the share online. Real
 * PBKDF2 (600,000 iterations), so each unlock costs about half a second.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { commands } from 'vitest/browser';
import { Device, type DeviceApi, ShareNeededError } from '../../client/src/local/device';
import type { DeviceShare, RegisteredDevice } from '../../shared/schemas/device';
import type { SessionUser } from '../../shared/schemas/user';
import { rawDump, SERVER_NOW, type World } from './local-helpers';

const PIN = '582931';
const HOUR = 3_600_000;
const at = (hours: number) => new Date(SERVER_NOW.getTime() + hours * HOUR);

let world: World;
let profile: SessionUser;

beforeEach(async () => {
  world = await commands.resetServer();
  profile = {
    id: world.users.worker1.id,
    displayName: 'worker1',
    role: 'jeugdbeschermer',
    organisationName: 'GI Alfa',
    teamName: 'Team Een',
  };
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(SERVER_NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

/** The server, reached at the phone's current time (the share's window is counted from then). */
const online: DeviceApi = {
  register: (input) =>
    commands.deviceCall('worker1', 'register', input, new Date().toISOString()) as Promise<RegisteredDevice>,
  share: (input) =>
    commands.deviceCall('worker1', 'share', input, new Date().toISOString()) as Promise<DeviceShare>,
};
const noNetwork = () => Promise.reject(new TypeError('Failed to fetch'));
const offline: DeviceApi = { register: noNetwork, share: noNetwork };

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

async function registeredDevice() {
  const device = new Device(`test-${crypto.randomUUID()}`);
  await device.load();
  await device.setUp(profile, PIN, online);
  device.lock();
  return device;
}

describe('the server share on the phone', () => {
  it('unlocks offline within the window, is refused past it, and unlocks again once the share is fetched online', async () => {
    const device = await registeredDevice();
    expect((await device.db.getMeta('keyring'))?.usesServerShare).toBe(true);

    vi.setSystemTime(at(71));
    await device.unlock(PIN, undefined, offline);
    expect(device.getState().kind).toBe('unlocked');
    device.lock();

    vi.setSystemTime(at(73));
    expect(await failure(device.unlock(PIN, undefined, offline))).toBeInstanceOf(ShareNeededError);
    expect(device.getState()).toMatchObject({ kind: 'locked', failedPins: 0 });
    // The expired share is gone from the device, not merely ignored.
    expect(await device.db.getMeta('serverShare')).toBeUndefined();

    await device.unlock(PIN, undefined, online);
    expect(device.getState().kind).toBe('unlocked');
    expect((await device.db.getMeta('serverShare'))?.validUntil).toBe(at(73 + 72).toISOString());
    device.lock();

    // A new window: offline works again.
    vi.setSystemTime(at(100));
    await device.unlock(PIN, undefined, offline);
    expect(device.getState().kind).toBe('unlocked');
  }, 60_000);

  it('treats a clock set back to before the share was fetched as expired', async () => {
    const device = await registeredDevice();
    vi.setSystemTime(at(-1));
    expect(await failure(device.unlock(PIN, undefined, offline))).toBeInstanceOf(ShareNeededError);
  });

  it('keeps the share only sealed: reading the database does not give its bytes', async () => {
    const device = await registeredDevice();
    const deviceId = (await device.db.getMeta('deviceId')) ?? '';
    const { serverShare } = (await online.share({ deviceId })) as DeviceShare;
    const { text } = await rawDump(device.db.name);
    expect(text).toContain('serverShare');
    expect(text).not.toContain(serverShare);
    const cached = await device.db.getMeta('serverShare');
    expect(cached?.key.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', cached?.key as CryptoKey)).rejects.toThrow();
  });

  it('does not give a revoked device its share again: past the window it stays shut', async () => {
    const device = await registeredDevice();
    const deviceId = (await device.db.getMeta('deviceId')) ?? '';
    await commands.deviceCall('lead1', 'revoke', { deviceId, reason: 'Gestolen' }, at(1).toISOString());
    vi.setSystemTime(at(73));
    expect(await failure(device.unlock(PIN, undefined, online))).toBeInstanceOf(ShareNeededError);
    expect(device.getState().kind).toBe('locked');
  });
});
