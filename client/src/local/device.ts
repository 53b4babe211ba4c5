/**
 * The device's hold on the local store: who it belongs to and whether it is
 * open. The data key exists in memory only while unlocked; locking drops it.
 *
 *  - empty:    no local data; after an online login the user sets a PIN.
 *  - locked:   data of `userId` is here; the PIN opens it (offline too).
 *              After MAX_PIN_TRIES wrong PINs in a row it stays shut until an
 *              online login by that user (`lockedOut`).
 *  - unlocked: the store is open for `user`.
 *
 *  - revoked:  the server revoked this device (or disabled its user); its
 *              data is gone (IndexedDB, caches, service worker).
 *
 * Unsynced work is never thrown away: another user can only take over a
 * device whose outbox is empty.
 *
 * The data key's wrapping also needs the server's share of this device (see
 * share-cache.ts): the PIN works offline while the cached share is valid;
 * after that the phone must be online to unlock.
 */
import type { DeviceShare, DeviceStatus, RegisteredDevice } from '../../../shared/schemas/device';
import type { SessionUser } from '../../../shared/schemas/user';
import { addServerShare, createKeyring, type Keyring, unlockKeyring, WrongPinError } from './crypto';
import { LocalDb } from './db';
import { cachedShare, cacheShare, decodeShare } from './share-cache';
import { LocalStore } from './store';

/** What the device asks the server about itself while a user is signed in. */
export interface DeviceApi {
  register(input: { clientId: string; label: string }): Promise<RegisteredDevice>;
  share(input: { deviceId: string }): Promise<DeviceShare>;
}

export const MAX_PIN_TRIES = 5;

export type DeviceState =
  | { kind: 'loading' }
  /** `evicted`: the device held data and the browser wiped it (storage pressure, cleared site data). */
  | { kind: 'empty'; evicted?: true }
  | {
      kind: 'locked';
      userId: string;
      lockedOut: boolean;
      failedPins: number;
      /** Revoked, or the user disabled, with work still pending: the PIN opens the store to hand it in. */
      surrender?: boolean;
    }
  | { kind: 'unlocked'; user: SessionUser; store: LocalStore }
  | { kind: 'revoked'; reason: Exclude<DeviceStatus, 'actief'> };

/** Another user's unsynced work is on this device: it must be synced by them first. */
export class DeviceHeldByOtherError extends Error {
  override name = 'DeviceHeldByOtherError';
  constructor(readonly pending: number) {
    super('Op dit toestel staat nog niet-gesynchroniseerd werk van een andere gebruiker.');
  }
}

export class LockedOutError extends Error {
  override name = 'LockedOutError';
  constructor() {
    super('Te vaak een onjuiste pincode. Log online opnieuw in met uw wachtwoord.');
  }
}

/** The cached server share ran out (or is missing): the PIN alone cannot open the store offline. */
export class ShareNeededError extends Error {
  override name = 'ShareNeededError';
  constructor(options?: ErrorOptions) {
    super('Dit toestel moet online zijn om te ontgrendelen.', options);
  }
}

/** A name the team lead recognises in the list of devices, e.g. "Android · Chrome". */
function deviceLabel(): string {
  const ua = navigator.userAgent;
  const os = /Android|iPhone|iPad|Windows|Mac OS X|CrOS|Linux/.exec(ua)?.[0] ?? 'Onbekend';
  const browser = /Edg|Firefox|Chrome|Safari/.exec(ua)?.[0] ?? 'browser';
  return `${os === 'Mac OS X' ? 'macOS' : os} · ${browser === 'Edg' ? 'Edge' : browser}`;
}

type Listener = () => void;

export class Device {
  private state: DeviceState = { kind: 'loading' };
  private readonly listeners = new Set<Listener>();
  db: LocalDb;

  constructor(private readonly dbName = 'jeugdbescherming') {
    this.db = new LocalDb(dbName);
  }

  subscribe = (listener: Listener) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): DeviceState => this.state;

  /** Wrong PINs in a row so far (0 unless locked). */
  getStateFailedPins(): number {
    return this.state.kind === 'locked' ? this.state.failedPins : 0;
  }

  private set(state: DeviceState) {
    this.state = state;
    for (const listener of this.listeners) listener();
  }

  /** Reads what the device holds; the store stays locked. */
  async load(): Promise<DeviceState> {
    const keyring = await this.db.getMeta('keyring');
    const userId = await this.db.getMeta('userId');
    if (!keyring || !userId) {
      // A mark outside IndexedDB says data was set up here: without the data, the browser wiped it.
      this.set(localStorage.getItem(this.mark) ? { kind: 'empty', evicted: true } : { kind: 'empty' });
    } else {
      this.set({
        kind: 'locked',
        userId,
        lockedOut: (await this.db.getMeta('lockedOut')) ?? false,
        failedPins: (await this.db.getMeta('failedPins')) ?? 0,
      });
    }
    return this.state;
  }

  private passwordLoginOf: string | null = null;

  /** The login screen checked this user's password just now (not a session carried over from before). */
  notePasswordLogin(userId: string): void {
    this.passwordLoginOf = userId;
  }

  /**
   * When a user is signed in online. Another user than the device's: the
   * device is wiped for them if it holds no unsynced work. Same user: a PIN
   * lockout ends, but only after a fresh sign-in (the password typed on the
   * login screen, or the identity provider within the last two minutes) — a
   * password session that merely survived a reload does not count.
   */
  async afterOnlineLogin(user: SessionUser): Promise<DeviceState> {
    // Typed the password here just now, or signed in at the identity provider just now.
    const passwordChecked = this.passwordLoginOf === user.id || user.freshSignIn === true;
    this.passwordLoginOf = null;
    const state = this.state.kind === 'loading' ? await this.load() : this.state;
    if (state.kind === 'unlocked' && state.user.id !== user.id) this.lock();
    const owner = await this.db.getMeta('userId');
    if (owner && owner !== user.id) {
      const pending = await this.db.outbox.count();
      if (pending > 0) throw new DeviceHeldByOtherError(pending);
      await this.wipe();
      return this.state;
    }
    if (owner === user.id && passwordChecked) {
      await this.db.meta.bulkPut([
        { key: 'failedPins', value: 0 },
        { key: 'lockedOut', value: false },
      ]);
      if (this.state.kind === 'locked') this.set({ ...this.state, lockedOut: false, failedPins: 0 });
    }
    return this.state;
  }

  /**
   * First use: a new sync client, registered as a device of the user (with
   * `api`; without it — tests of the local layer — no server share), and a new
   * random data key wrapped under the chosen PIN and the server's share.
   */
  async setUp(user: SessionUser, pin: string, api?: DeviceApi): Promise<void> {
    const clientId = crypto.randomUUID();
    const registered = api ? await api.register({ clientId, label: deviceLabel() }) : null;
    const serverShare = registered ? decodeShare(registered.serverShare) : undefined;
    const { keyring, wrapped } = await createKeyring(pin, serverShare ? { serverShare } : {});
    const profile = await keyring.encrypt('meta', 'profile', user);
    await this.db.transaction('rw', this.db.meta, async () => {
      await this.db.meta.clear();
      await this.db.meta.bulkPut([
        ...(registered
          ? [
              { key: 'deviceId', value: registered.deviceId },
              { key: 'deviceSecret', value: registered.deviceSecret },
            ]
          : []),
        { key: 'clientId', value: clientId },
        { key: 'userId', value: user.id },
        { key: 'keyring', value: wrapped },
        { key: 'nextMutationId', value: 1 },
        { key: 'cookie', value: null },
        { key: 'profile', value: profile },
        { key: 'failedPins', value: 0 },
        { key: 'lockedOut', value: false },
      ]);
    });
    if (registered && serverShare) await cacheShare(this.db, serverShare, registered.shareValidUntil);
    localStorage.setItem(this.mark, '1');
    this.open(keyring, user);
  }

  /**
   * Opens the store with the PIN (and the server share: cached, or fetched
   * through `api` when the cached one ran out). Counts wrong PINs; too many
   * lock it until an online login. A keyring from before server shares is
   * upgraded when `api` can reach the server.
   */
  async unlock(pin: string, freshUser?: SessionUser, api?: DeviceApi): Promise<void> {
    if (this.state.kind !== 'locked') return;
    if (this.state.lockedOut) throw new LockedOutError();
    const wrapped = await this.db.getMeta('keyring');
    if (!wrapped) throw new Error('Geen sleutel op dit toestel');
    const share = wrapped.usesServerShare ? await this.shareForUnlock(api) : undefined;
    let keyring: Keyring;
    try {
      keyring = await unlockKeyring(wrapped, pin, share);
    } catch (error) {
      if (error instanceof WrongPinError) {
        const failedPins = ((await this.db.getMeta('failedPins')) ?? 0) + 1;
        const lockedOut = failedPins >= MAX_PIN_TRIES;
        await this.db.meta.bulkPut([
          { key: 'failedPins', value: failedPins },
          { key: 'lockedOut', value: lockedOut },
        ]);
        this.set({ ...this.state, failedPins, lockedOut });
        if (lockedOut) throw new LockedOutError();
      }
      throw error;
    }
    await this.db.setMeta('failedPins', 0);
    let user = freshUser;
    if (user) {
      await this.db.setMeta('profile', await keyring.encrypt('meta', 'profile', user));
    } else {
      const profile = await this.db.getMeta('profile');
      if (!profile) throw new Error('Geen profiel op dit toestel');
      user = await keyring.decrypt<SessionUser>('meta', 'profile', profile);
    }
    this.open(keyring, user);
    if (!wrapped.usesServerShare && api) void this.addShare(pin, api).catch(() => undefined);
  }

  private async shareForUnlock(api?: DeviceApi): Promise<Uint8Array> {
    const cached = await cachedShare(this.db);
    if (cached) return cached;
    const deviceId = await this.db.getMeta('deviceId');
    if (!api || !deviceId) throw new ShareNeededError();
    try {
      return await this.refreshShare(api, deviceId);
    } catch (error) {
      throw new ShareNeededError({ cause: error });
    }
  }

  /** Fetches the share and caches it for a new window: done at every sync, so a phone in use stays usable offline. */
  async refreshShare(api: DeviceApi, deviceId?: string): Promise<Uint8Array> {
    const id = deviceId ?? (await this.db.getMeta('deviceId'));
    if (!id) throw new ShareNeededError();
    const fresh = await api.share({ deviceId: id });
    const share = decodeShare(fresh.serverShare);
    await cacheShare(this.db, share, fresh.shareValidUntil);
    return share;
  }

  /** A device set up before server shares: registers it and re-wraps the same data key with the share. */
  private async addShare(pin: string, api: DeviceApi): Promise<void> {
    const clientId = await this.db.getMeta('clientId');
    const wrapped = await this.db.getMeta('keyring');
    if (!clientId || !wrapped || wrapped.usesServerShare) return;
    const registered = await api.register({ clientId, label: deviceLabel() });
    const share = decodeShare(registered.serverShare);
    const upgraded = await addServerShare(wrapped, pin, share);
    await this.db.meta.bulkPut([
      { key: 'keyring', value: upgraded },
      { key: 'deviceId', value: registered.deviceId },
      { key: 'deviceSecret', value: registered.deviceSecret },
    ]);
    await cacheShare(this.db, share, registered.shareValidUntil);
  }

  private open(keyring: Keyring, user: SessionUser) {
    this.set({ kind: 'unlocked', user, store: new LocalStore(this.db, keyring, user.id) });
  }

  needSurrender(): void {
    if (this.state.kind === 'locked') this.set({ ...this.state, surrender: true });
  }

  /** Drops the data key from memory. */
  lock(): void {
    if (this.state.kind !== 'unlocked') return;
    this.set({ kind: 'locked', userId: this.state.user.id, lockedOut: false, failedPins: 0 });
  }

  /**
   * Revoked: the store is closed for good (no query may open, and so re-create,
   * the database) and the app says why. sync/device-guard.ts deletes the data.
   */
  closeRevoked(reason: Exclude<DeviceStatus, 'actief'>): void {
    this.db.close({ disableAutoOpen: true });
    this.set({ kind: 'revoked', reason });
  }

  /** Deletes the local database. Callers make sure no unsynced work is in it. */
  async wipe(): Promise<void> {
    this.db.close();
    await this.db.delete();
    localStorage.removeItem(this.mark);
    this.db = new LocalDb(this.dbName);
    this.set({ kind: 'empty' });
  }

  private get mark() {
    return `${this.dbName}:set-up`;
  }

  /**
   * The browser wiped the database while the app used it (a write or sync found no client id):
   * drop the open store and start clean — a new PIN, then a full pull. An outbox that somehow
   * survived is left alone: only a wiped database is deleted.
   */
  async noticeEvicted(): Promise<void> {
    if (this.state.kind === 'empty') return;
    if ((await this.db.outbox.count().catch(() => 0)) === 0) {
      this.db.close();
      await this.db.delete().catch(() => undefined);
      this.db = new LocalDb(this.dbName);
    }
    this.set({ kind: 'empty', evicted: true });
  }
}

export const device = new Device();
