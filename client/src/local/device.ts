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
 * Unsynced work is never thrown away: another user can only take over a
 * device whose outbox is empty.
 */
import type { SessionUser } from '../../../shared/schemas/user';
import { createKeyring, type Keyring, unlockKeyring, WrongPinError } from './crypto';
import { LocalDb } from './db';
import { LocalStore } from './store';

export const MAX_PIN_TRIES = 5;

export type DeviceState =
  | { kind: 'loading' }
  | { kind: 'empty' }
  | { kind: 'locked'; userId: string; lockedOut: boolean; failedPins: number }
  | { kind: 'unlocked'; user: SessionUser; store: LocalStore };

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
      this.set({ kind: 'empty' });
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
   * lockout ends, but only after a fresh password login — a session that
   * merely survived a reload does not count.
   */
  async afterOnlineLogin(user: SessionUser): Promise<DeviceState> {
    const passwordChecked = this.passwordLoginOf === user.id;
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

  /** First use: a new random data key, wrapped under the chosen PIN; a new sync client. */
  async setUp(user: SessionUser, pin: string): Promise<void> {
    const { keyring, wrapped } = await createKeyring(pin);
    const profile = await keyring.encrypt('meta', 'profile', user);
    await this.db.transaction('rw', this.db.meta, async () => {
      await this.db.meta.clear();
      await this.db.meta.bulkPut([
        { key: 'clientId', value: crypto.randomUUID() },
        { key: 'userId', value: user.id },
        { key: 'keyring', value: wrapped },
        { key: 'nextMutationId', value: 1 },
        { key: 'cookie', value: null },
        { key: 'profile', value: profile },
        { key: 'failedPins', value: 0 },
        { key: 'lockedOut', value: false },
      ]);
    });
    this.open(keyring, user);
  }

  /** Opens the store with the PIN. Counts wrong PINs; too many lock it until an online login. */
  async unlock(pin: string, freshUser?: SessionUser): Promise<void> {
    if (this.state.kind !== 'locked') return;
    if (this.state.lockedOut) throw new LockedOutError();
    const wrapped = await this.db.getMeta('keyring');
    if (!wrapped) throw new Error('Geen sleutel op dit toestel');
    let keyring: Keyring;
    try {
      keyring = await unlockKeyring(wrapped, pin);
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
  }

  private open(keyring: Keyring, user: SessionUser) {
    this.set({ kind: 'unlocked', user, store: new LocalStore(this.db, keyring, user.id) });
  }

  /** Drops the data key from memory. */
  lock(): void {
    if (this.state.kind !== 'unlocked') return;
    this.set({ kind: 'locked', userId: this.state.user.id, lockedOut: false, failedPins: 0 });
  }

  /** Deletes the local database. Callers make sure no unsynced work is in it. */
  async wipe(): Promise<void> {
    this.db.close();
    await this.db.delete();
    this.db = new LocalDb(this.dbName);
    this.set({ kind: 'empty' });
  }
}

export const device = new Device();
