/**
 * The device's hold on the local store (client/src/local/device.ts) with the
 * real keyring: PBKDF2 at 600,000 iterations, so every setUp and every PIN
 * tried costs about half a second. No server is needed: enqueue only writes
 * locally.
 */
import { describe, expect, it } from 'vitest';
import { WrongPinError } from '../../client/src/local/crypto';
import {
  Device,
  DeviceHeldByOtherError,
  type DeviceState,
  LockedOutError,
  MAX_PIN_TRIES,
} from '../../client/src/local/device';
import type { LocalData, LocalStore } from '../../client/src/local/store';
import { enqueue, readOutbox } from '../../client/src/sync/outbox';
import type { SessionUser } from '../../shared/schemas/user';
import { contactArgs, rawDump } from './local-helpers';

const PIN = '582931';
const WRONG_PIN = '864209';

const user = (displayName: string): SessionUser => ({
  id: crypto.randomUUID(),
  displayName,
  role: 'jeugdbeschermer',
  organisationName: 'GI Alfa',
  teamName: 'Team Een',
});

/** A device on its own database, set up for `owner` and left unlocked. */
async function setUpDevice(owner: SessionUser) {
  const device = new Device(`test-${crypto.randomUUID()}`);
  await device.load();
  await device.setUp(owner, PIN);
  return device;
}

function unlockedStore(device: Device): LocalStore {
  const state = device.getState();
  if (state.kind !== 'unlocked') throw new Error(`expected an unlocked device, not ${state.kind}`);
  return state.store;
}

/** The same database opened again, as after closing and reopening the app. */
async function restart(device: Device): Promise<Device> {
  device.db.close();
  const again = new Device(device.db.name);
  await again.load();
  return again;
}

/** The error an async call rejects with. */
async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

const lockedState = (device: Device) => device.getState() as Extract<DeviceState, { kind: 'locked' }>;

describe('Device: PIN set-up, lock and unlock', () => {
  it('goes loading → empty → unlocked → locked → unlocked, and the PIN opens the same user and data', async () => {
    const sanne = user('Sanne de Vries');
    const device = new Device(`test-${crypto.randomUUID()}`);
    const kinds: string[] = [device.getState().kind];
    device.subscribe(() => kinds.push(device.getState().kind));

    expect(await device.load()).toEqual({ kind: 'empty' });
    await device.setUp(sanne, PIN);
    const args = contactArgs(crypto.randomUUID(), 'Geschreven voor het vergrendelen');
    await enqueue(unlockedStore(device), 'logContact', args);

    device.lock();
    expect(device.getState()).toEqual({ kind: 'locked', userId: sanne.id, lockedOut: false, failedPins: 0 });
    await device.unlock(PIN);
    const state = device.getState();
    expect(state.kind === 'unlocked' && state.user).toEqual(sanne);
    expect(kinds).toEqual(['loading', 'empty', 'unlocked', 'locked', 'unlocked']);

    // Closed and opened again: locked, and the PIN brings back the user and what was written.
    const reopened = await restart(device);
    expect(reopened.getState()).toEqual({
      kind: 'locked',
      userId: sanne.id,
      lockedOut: false,
      failedPins: 0,
    });
    await reopened.unlock(PIN);
    const after = reopened.getState();
    expect(after.kind === 'unlocked' && after.user).toEqual(sanne);
    const [entry] = await readOutbox(unlockedStore(reopened));
    expect(entry?.args).toEqual(args);
  });

  it('stores the user and the data key only sealed: the profile is not readable without the PIN', async () => {
    const device = await setUpDevice(user('Profielnaam-Xq81'));
    device.lock();
    const { text } = await rawDump(device.db.name);
    expect(text).toContain('"keyring"');
    expect(text).not.toContain('Profielnaam-Xq81');
    expect(text).not.toContain(PIN);
  });

  it('counts wrong PINs, even across a restart; a right PIN resets the count', async () => {
    const owner = user('Mohamed El Amrani');
    let device = await setUpDevice(owner);
    device.lock();
    expect(await failure(device.unlock(WRONG_PIN))).toBeInstanceOf(WrongPinError);
    expect(lockedState(device)).toMatchObject({ failedPins: 1, lockedOut: false });
    expect(device.getStateFailedPins()).toBe(1);

    device = await restart(device);
    expect(lockedState(device)).toMatchObject({ failedPins: 1, lockedOut: false });
    expect(await failure(device.unlock(WRONG_PIN))).toBeInstanceOf(WrongPinError);
    expect(lockedState(device).failedPins).toBe(2);

    // A PIN that is not a PIN at all is refused without counting as a try.
    expect(await failure(device.unlock('12'))).toMatchObject({ name: 'InvalidPinError' });
    expect(lockedState(device).failedPins).toBe(2);

    await device.unlock(PIN);
    expect(device.getState().kind).toBe('unlocked');
    expect(await device.db.getMeta('failedPins')).toBe(0);
    device.lock();
    expect(device.getStateFailedPins()).toBe(0);
  });

  it(`locks out after ${MAX_PIN_TRIES} wrong PINs: even the right PIN is refused until the same user logs in online`, async () => {
    const owner = user('Lotte Bakker');
    let device = await setUpDevice(owner);
    device.lock();
    for (let i = 1; i < MAX_PIN_TRIES; i++) {
      expect(await failure(device.unlock(WRONG_PIN))).toBeInstanceOf(WrongPinError);
      expect(lockedState(device)).toMatchObject({ failedPins: i, lockedOut: false });
    }
    expect(await failure(device.unlock(WRONG_PIN))).toBeInstanceOf(LockedOutError);
    expect(lockedState(device)).toMatchObject({ failedPins: MAX_PIN_TRIES, lockedOut: true });

    expect(await failure(device.unlock(PIN))).toBeInstanceOf(LockedOutError);
    expect(device.getState().kind).toBe('locked');

    // The lockout is on disk: restarting the app does not lift it.
    device = await restart(device);
    expect(lockedState(device)).toMatchObject({ userId: owner.id, lockedOut: true });
    expect(await failure(device.unlock(PIN))).toBeInstanceOf(LockedOutError);

    // A session that merely survived a reload does not lift it…
    await device.afterOnlineLogin(owner);
    expect(lockedState(device)).toMatchObject({ lockedOut: true, failedPins: MAX_PIN_TRIES });
    expect(await failure(device.unlock(PIN))).toBeInstanceOf(LockedOutError);
    // …the owner's password login online does.
    device.notePasswordLogin(owner.id);
    await device.afterOnlineLogin(owner);
    expect(lockedState(device)).toMatchObject({ lockedOut: false, failedPins: 0 });
    expect(await device.db.getMeta('lockedOut')).toBe(false);
    await device.unlock(PIN);
    const state = device.getState();
    expect(state.kind === 'unlocked' && state.user).toEqual(owner);
  });

  it('a fresh sign-in at the identity provider lifts a lockout as a password login does', async () => {
    const owner = user('Sanne de Vries');
    const device = await setUpDevice(owner);
    device.lock();
    for (let i = 0; i < MAX_PIN_TRIES; i++) await failure(device.unlock(WRONG_PIN));
    expect(lockedState(device)).toMatchObject({ lockedOut: true });
    await device.afterOnlineLogin(owner);
    expect(lockedState(device)).toMatchObject({ lockedOut: true });
    // auth.me says the user signed in just now (no password typed on this screen: OIDC).
    await device.afterOnlineLogin({ ...owner, freshSignIn: true });
    expect(lockedState(device)).toMatchObject({ lockedOut: false, failedPins: 0 });
  });

  it('an online login of the owner keeps an unlocked device unlocked', async () => {
    const owner = user('Joris van Dam');
    const device = await setUpDevice(owner);
    const store = unlockedStore(device);
    device.notePasswordLogin(owner.id);
    await device.afterOnlineLogin(owner);
    expect(device.getState().kind).toBe('unlocked');
    expect(unlockedStore(device)).toBe(store);
  });
});

describe('Device: another user logs in online', () => {
  it('wipes a device whose outbox is empty, and the new user can set it up', async () => {
    const first = user('Fatima Yilmaz');
    const second = user('Bas Meijer');
    const device = await setUpDevice(first);
    const store = unlockedStore(device);
    await store.write([
      { entity: 'case', id: 'c1', caseId: 'c1', version: 3, data: { id: 'c1' } as LocalData<'case'> },
    ]);
    expect(await device.db.bundles.count()).toBe(1);

    expect(await device.afterOnlineLogin(second)).toEqual({ kind: 'empty' });
    expect(await device.db.bundles.count()).toBe(0);
    expect(await device.db.getMeta('userId')).toBeUndefined();
    expect(await device.db.getMeta('keyring')).toBeUndefined();
    expect((await restart(device)).getState()).toEqual({ kind: 'empty' });

    const fresh = new Device(device.db.name);
    await fresh.load();
    await fresh.setUp(second, '739164');
    const state = fresh.getState();
    expect(state.kind === 'unlocked' && state.user).toEqual(second);
    expect(await fresh.db.getMeta('userId')).toBe(second.id);
  });

  it("refuses to take a device holding the owner's unsynced work, and keeps all of it", async () => {
    const owner = user('Eva Smit');
    const other = user('Kevin Tromp');
    const device = await setUpDevice(owner);
    const args = contactArgs(crypto.randomUUID(), 'Nog niet verstuurd');
    await enqueue(unlockedStore(device), 'logContact', args);

    const error = await failure(device.afterOnlineLogin(other));
    expect(error).toBeInstanceOf(DeviceHeldByOtherError);
    expect((error as DeviceHeldByOtherError).pending).toBe(1);
    // The owner's data key left memory; the device waits for the owner.
    expect(device.getState()).toMatchObject({ kind: 'locked', userId: owner.id });
    expect(await device.db.getMeta('userId')).toBe(owner.id);

    // A refused change is unsynced work too.
    await device.db.outbox.toCollection().modify({ status: 'refused', reason: 'geweigerd' });
    const again = await restart(device);
    expect(await failure(again.afterOnlineLogin(other))).toBeInstanceOf(DeviceHeldByOtherError);

    await again.unlock(PIN);
    const [entry] = await readOutbox(unlockedStore(again));
    expect(entry).toMatchObject({ status: 'refused', args });
    const record = await unlockedStore(again).get('contact', args.id);
    expect(record?.data).toMatchObject({ report: 'Nog niet verstuurd' });
  });

  it('counts an attachment whose bytes have not reached the server as unsynced, after its announcement went', async () => {
    const owner = user('Eva Smit');
    const other = user('Kevin Tromp');
    const device = await setUpDevice(owner);
    // The outbox is empty (the announcement was acknowledged), but the photo itself is still on its way.
    const sealed = await unlockedStore(device).keyring.encrypt('attachments', 'a', { fileName: 'x.jpg' });
    await device.db.attachments.add({
      id: crypto.randomUUID(),
      caseId: crypto.randomUUID(),
      contactId: '',
      state: 'pending',
      mutationId: 1,
      addedAt: new Date().toISOString(),
      uploadedAt: null,
      bytes: 1000,
      reason: null,
      meta: sealed,
    } as never);
    expect(await device.db.outbox.count()).toBe(0);
    const error = await failure(device.afterOnlineLogin(other));
    expect(error).toBeInstanceOf(DeviceHeldByOtherError);
    expect((error as DeviceHeldByOtherError).pending).toBe(1);
    expect(await device.db.attachments.count()).toBe(1);
    expect(await device.db.getMeta('userId')).toBe(owner.id);

    // Once uploaded it is on the server: the next user may take the phone (and it is wiped for them).
    await device.db.attachments.toCollection().modify({ state: 'uploaded' });
    expect(await (await restart(device)).afterOnlineLogin(other)).toEqual({ kind: 'empty' });
  });
});
