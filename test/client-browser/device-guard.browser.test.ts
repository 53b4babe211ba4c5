/**
 * The device guard (client/src/sync/device-guard.ts): what a phone does after
 * a sync when the server says it was revoked or its user disabled. Unsynced
 * work is never wiped before it was handed in; once it was, the local
 * database goes. The server is faked here (the real one, and the whole
 * origin's wipe, are in test/e2e/device-revoke.spec.ts); so is the origin's list
 * of databases, caches and service workers, which this test page shares with
 * the test runner.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Device } from '../../client/src/local/device';
import type { LocalStore } from '../../client/src/local/store';
import { type DeviceGuardApi, guardDevice, guardLockedDevice } from '../../client/src/sync/device-guard';
import { enqueue, readOutbox } from '../../client/src/sync/outbox';
import type { DeviceStatus, SurrenderInput } from '../../shared/schemas/device';
import type { SessionUser } from '../../shared/schemas/user';
import { contactArgs } from './local-helpers';

const PIN = '582931';
const auth = { deviceId: crypto.randomUUID(), deviceSecret: 'S'.repeat(43) };

function fakeServer(status: DeviceStatus) {
  const calls = { surrenders: [] as SurrenderInput[], confirmed: 0, loggedOut: 0, shares: 0 };
  let surrenderFails = false;
  const api: DeviceGuardApi = {
    register: () => Promise.reject(new Error('not used')),
    share: async () => {
      calls.shares += 1;
      return { serverShare: 'A'.repeat(43), shareValidUntil: new Date(Date.now() + 3_600_000).toISOString() };
    },
    status: async (input) => {
      expect(input).toEqual(auth);
      return { status };
    },
    surrender: async (input) => {
      if (surrenderFails) throw new TypeError('Failed to fetch');
      calls.surrenders.push(input);
      return { ok: true };
    },
    confirmWiped: async () => {
      calls.confirmed += 1;
      return { ok: true };
    },
    logout: async () => {
      calls.loggedOut += 1;
    },
  };
  return { api, calls, failSurrender: (fails: boolean) => (surrenderFails = fails) };
}

const owner: SessionUser = {
  id: crypto.randomUUID(),
  displayName: 'Eva Smit',
  role: 'jeugdbeschermer',
  organisationName: 'GI Alfa',
  teamName: 'Team Een',
};

async function phoneWithPendingContact() {
  const device = new Device(`test-${crypto.randomUUID()}`);
  await device.load();
  await device.setUp(owner, PIN);
  await device.db.meta.bulkPut([
    { key: 'deviceId', value: auth.deviceId },
    { key: 'deviceSecret', value: auth.deviceSecret },
  ]);
  const state = device.getState();
  if (state.kind !== 'unlocked') throw new Error('expected an unlocked device');
  const args = contactArgs(crypto.randomUUID(), 'Nog niet verstuurd verslag');
  await enqueue(state.store, 'logContact', args);
  const store: LocalStore = state.store;
  return { device, store, args, readPending: () => readOutbox(store, 'pending') };
}

const databaseExists = async (name: string) =>
  new Promise<boolean>((resolve) => {
    let created = false;
    const request = indexedDB.open(name);
    request.onupgradeneeded = () => {
      created = true;
    };
    request.onsuccess = () => {
      request.result.close();
      if (created) indexedDB.deleteDatabase(name);
      resolve(!created);
    };
  });

let ourDatabases: string[] = [];
beforeEach(() => {
  ourDatabases = [];
  // The wipe deletes every database, cache and service worker of the origin: here only this test's.
  vi.spyOn(indexedDB, 'databases').mockImplementation(async () =>
    ourDatabases.map((name) => ({ name, version: 1 })),
  );
  vi.spyOn(caches, 'keys').mockResolvedValue([]);
  vi.spyOn(navigator.serviceWorker, 'getRegistrations').mockResolvedValue([]);
  vi.spyOn(Storage.prototype, 'clear').mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('the device guard after a sync', () => {
  it('renews the key share of an active device and leaves everything as it is', async () => {
    const phone = await phoneWithPendingContact();
    const server = fakeServer('actief');
    expect(await guardDevice(phone.device, phone.readPending, server.api)).toBe(false);
    expect(server.calls.shares).toBe(1);
    expect(phone.device.getState().kind).toBe('unlocked');
  });

  it('hands in the work of a revoked device with its secret (its session is gone), then wipes; not before it got through', async () => {
    const phone = await phoneWithPendingContact();
    const name = phone.device.db.name;
    ourDatabases.push(name);
    const server = fakeServer('ingetrokken');

    server.failSurrender(true);
    await expect(guardDevice(phone.device, phone.readPending, server.api)).rejects.toThrow('Failed to fetch');
    expect(phone.device.getState().kind).toBe('unlocked');
    expect(await phone.readPending()).toHaveLength(1);
    expect(server.calls.confirmed).toBe(0);

    server.failSurrender(false);
    expect(await guardDevice(phone.device, phone.readPending, server.api)).toBe(true);
    expect(server.calls.surrenders[0]).toMatchObject({
      ...auth,
      mutations: [{ id: 1, name: 'logContact', args: phone.args }],
    });
    expect(phone.device.getState()).toEqual({ kind: 'revoked', reason: 'ingetrokken' });
    expect(await databaseExists(name)).toBe(false);
    expect(server.calls.confirmed).toBe(1);
  });

  it('surrenders the work of a disabled user before wiping, and keeps it all when the surrender fails', async () => {
    const phone = await phoneWithPendingContact();
    const name = phone.device.db.name;
    ourDatabases.push(name);
    const server = fakeServer('gebruiker-uitgeschakeld');

    server.failSurrender(true);
    await expect(guardDevice(phone.device, phone.readPending, server.api)).rejects.toThrow('Failed to fetch');
    expect(phone.device.getState().kind).toBe('unlocked');
    expect(await phone.readPending()).toHaveLength(1);

    server.failSurrender(false);
    expect(await guardDevice(phone.device, phone.readPending, server.api)).toBe(true);
    expect(server.calls.surrenders).toHaveLength(1);
    expect(server.calls.surrenders[0]).toMatchObject({
      ...auth,
      mutations: [{ id: 1, name: 'logContact', args: phone.args }],
    });
    expect(phone.device.getState()).toEqual({ kind: 'revoked', reason: 'gebruiker-uitgeschakeld' });
    expect(await databaseExists(name)).toBe(false);
    expect(server.calls.confirmed).toBe(1);
    expect(server.calls.loggedOut).toBe(1);
  });

  it('wipes a revoked device once nothing is pending', async () => {
    const phone = await phoneWithPendingContact();
    const name = phone.device.db.name;
    ourDatabases.push(name);
    await phone.store.db.outbox.clear();
    const server = fakeServer('ingetrokken');
    expect(await guardDevice(phone.device, phone.readPending, server.api)).toBe(true);
    expect(server.calls.surrenders).toEqual([]);
    expect(phone.device.getState()).toEqual({ kind: 'revoked', reason: 'ingetrokken' });
    expect(await databaseExists(name)).toBe(false);
  });
});

describe('the device guard at start, before the PIN', () => {
  it('wipes a revoked device with nothing pending at once', async () => {
    const phone = await phoneWithPendingContact();
    const name = phone.device.db.name;
    ourDatabases.push(name);
    await phone.store.db.outbox.clear();
    phone.device.lock();
    await guardLockedDevice(phone.device, fakeServer('ingetrokken').api);
    expect(phone.device.getState()).toEqual({ kind: 'revoked', reason: 'ingetrokken' });
    expect(await databaseExists(name)).toBe(false);
  });

  it.each(['gebruiker-uitgeschakeld', 'ingetrokken'] as const)(
    'keeps pending work (%s), and lets the PIN open the store to hand it in',
    async (status) => {
      const phone = await phoneWithPendingContact();
      phone.device.lock();
      await guardLockedDevice(phone.device, fakeServer(status).api);
      expect(phone.device.getState()).toMatchObject({ kind: 'locked', surrender: true });
      expect(await phone.device.db.outbox.count()).toBe(1);
    },
  );
});
