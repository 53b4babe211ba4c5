/**
 * The phone and the server session's lock (client/src/local/device.ts against
 * the real session router): set-up gives the server the unlock key; online,
 * the PIN is proven to the server before the share is given, so the server
 * counts wrong PINs whatever the phone's own count says; a device from before
 * the 6-digit rule chooses a new PIN at its next online unlock. Real PBKDF2.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { commands } from 'vitest/browser';
import {
  createKeyring,
  InvalidPinError,
  unlockKeyring,
  type WrappedKeyring,
  WrongPinError,
} from '../../client/src/local/crypto';
import { Device, type DeviceApi, LockedOutError, MAX_PIN_TRIES } from '../../client/src/local/device';
import type { DeviceShare, RegisteredDevice } from '../../shared/schemas/device';
import type { UnlockResult } from '../../shared/schemas/session-lock';
import type { SessionUser } from '../../shared/schemas/user';
import legacy from '../client/fixtures/legacy-keyrings.json';
import { SERVER_NOW, type World } from './local-helpers';

const PIN = '582931';
const WRONG_PIN = '864209';

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

const now = () => new Date().toISOString();
const session = (
  procedure: 'unlockChallenge' | 'unlock' | 'setUnlockKey' | 'lock' | 'signIn',
  input?: unknown,
) => commands.sessionCall('worker1', procedure, input ?? {}, now());

/** worker1 signed in online: the device's calls, the session lock included. */
const online: DeviceApi = {
  register: (input) => commands.deviceCall('worker1', 'register', input, now()) as Promise<RegisteredDevice>,
  share: (input) => commands.deviceCall('worker1', 'share', input, now()) as Promise<DeviceShare>,
  session: {
    challenge: (input) => session('unlockChallenge', input) as Promise<{ nonce: string }>,
    unlock: (input) => session('unlock', input) as Promise<UnlockResult>,
    setUnlockKey: (input) => session('setUnlockKey', input) as Promise<UnlockResult>,
    lock: () => session('lock'),
  },
};

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('the session lock on the phone', () => {
  it('has the server count wrong PINs online: resetting the phone’s own count does not buy more tries', async () => {
    const device = new Device(`test-${crypto.randomUUID()}`);
    await device.load();
    await device.setUp(profile, PIN, online);
    const deviceId = (await device.db.getMeta('deviceId')) as string;
    // The server holds the unlock key: it hands out nonces for this device.
    expect(await session('unlockChallenge', { deviceId })).toEqual(
      expect.objectContaining({ nonce: expect.any(String) }),
    );
    device.lock();

    expect(await failure(device.unlock(WRONG_PIN, undefined, online))).toBeInstanceOf(WrongPinError);
    expect(device.getStateFailedPins()).toBe(1);
    for (let i = 2; i < MAX_PIN_TRIES; i++) {
      // Someone with the store clears the phone's count before every try: the server's stays.
      await device.db.setMeta('failedPins', 0);
      expect(await failure(device.unlock(WRONG_PIN, undefined, online))).toBeInstanceOf(WrongPinError);
      expect(device.getStateFailedPins()).toBe(i);
    }
    await device.db.setMeta('failedPins', 0);
    expect(await failure(device.unlock(WRONG_PIN, undefined, online))).toBeInstanceOf(LockedOutError);

    // The phone's lock-out flag edited away, and the right PIN: the server still says no.
    await device.db.meta.bulkPut([
      { key: 'lockedOut', value: false },
      { key: 'failedPins', value: 0 },
    ]);
    const again = new Device(device.db.name);
    await again.load();
    expect(await failure(again.unlock(PIN, undefined, online))).toBeInstanceOf(LockedOutError);
    expect(again.getState()).toMatchObject({ kind: 'locked', lockedOut: true });

    // A new sign-in with the password lifts it on both sides.
    vi.setSystemTime(new Date(SERVER_NOW.getTime() + 60_000));
    await session('signIn');
    again.notePasswordLogin(profile.id);
    await again.afterOnlineLogin(profile);
    await again.unlock(PIN, profile, online);
    expect(again.getState().kind).toBe('unlocked');
  }, 60_000);

  it('proves the PIN again when the server locked the session while the store stayed open', async () => {
    const device = new Device(`test-${crypto.randomUUID()}`);
    await device.load();
    await device.setUp(profile, PIN, online);
    await session('lock');
    expect(await device.reprove(online)).toBe(true);
    // Locked on the phone, the proof key is gone with the data key.
    device.lock();
    expect(await device.reprove(online)).toBe(false);
  });
});

describe('a device from before the 6-digit rule', () => {
  /** The store as an app version with 5-digit PINs and no server share left it. */
  async function legacyDevice(): Promise<Device> {
    const device = new Device(`test-${crypto.randomUUID()}`);
    await device.load();
    const wrapped = legacy.withoutShare.wrapped as WrappedKeyring;
    const keyring = await unlockKeyring(wrapped, legacy.pin);
    await device.db.meta.bulkPut([
      { key: 'clientId', value: crypto.randomUUID() },
      { key: 'userId', value: profile.id },
      { key: 'keyring', value: wrapped },
      { key: 'nextMutationId', value: 1 },
      { key: 'cookie', value: null },
      { key: 'profile', value: await keyring.encrypt('meta', 'profile', profile) },
      { key: 'failedPins', value: 0 },
      { key: 'lockedOut', value: false },
    ]);
    await device.load();
    return device;
  }

  it('opens offline with the old PIN, and asks for a new one at the first online unlock', async () => {
    const device = await legacyDevice();
    await device.unlock(legacy.pin);
    expect(device.getState()).toMatchObject({ kind: 'unlocked' });
    expect(device.getState()).not.toHaveProperty('needsNewPin');
    device.lock();

    await device.unlock(legacy.pin, profile, online);
    expect(device.getState()).toMatchObject({ kind: 'unlocked', needsNewPin: true });
    expect(await failure(device.chooseNewPin('13579', online))).toBeInstanceOf(InvalidPinError);
    expect(await failure(device.chooseNewPin('123456', online))).toMatchObject({ problem: 'sequence' });
    await device.chooseNewPin(PIN, online);
    expect(device.getState()).toMatchObject({ kind: 'unlocked' });
    expect(device.getState()).not.toHaveProperty('needsNewPin');

    // Version 2 now, with the server's share and its unlock key; the old PIN opens nothing.
    const wrapped = (await device.db.getMeta('keyring')) as WrappedKeyring;
    expect(wrapped).toMatchObject({ v: 2, usesServerShare: true });
    const deviceId = (await device.db.getMeta('deviceId')) as string;
    expect(await session('unlockChallenge', { deviceId })).toEqual(
      expect.objectContaining({ nonce: expect.any(String) }),
    );
    device.lock();
    expect(await failure(device.unlock(legacy.pin, undefined, online))).toBeInstanceOf(WrongPinError);
    // The same data key: the profile sealed under the old keyring opens with the new PIN.
    await device.unlock(PIN, undefined, online);
    expect(device.getState()).toMatchObject({ kind: 'unlocked', user: { id: profile.id } });
  }, 60_000);

  it('is not made with a 5-digit or easily guessed PIN any more', async () => {
    const device = new Device(`test-${crypto.randomUUID()}`);
    await device.load();
    expect(await failure(device.setUp(profile, '24680', online))).toBeInstanceOf(InvalidPinError);
    expect(await failure(device.setUp(profile, '111111', online))).toMatchObject({ problem: 'same-digit' });
    expect(await failure(createKeyring('24680'))).toBeInstanceOf(InvalidPinError);
    expect(device.getState().kind).toBe('empty');
  });
});
