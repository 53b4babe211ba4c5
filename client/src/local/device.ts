/**
 * The device's hold on the local store: who it belongs to and whether it is
 * open. The data key exists in memory only while unlocked; locking drops it.
 *
 *  - empty:    no local data; after an online login the user sets a PIN.
 *  - locked:   data of `userId` is here; the PIN opens it (offline too).
 *              After MAX_PIN_TRIES wrong PINs in a row it stays shut until an
 *              online login by that user (`lockedOut`).
 *  - unlocked: the store is open for `user`. `needsNewPin`: opened with a PIN
 *              from before the 6-digit rule while signed in online; the user
 *              chooses a new one before going on (chooseNewPin).
 *
 *  - revoked:  the server revoked this device (or disabled its user); its
 *              data is gone (IndexedDB, caches, service worker).
 *
 * Unsynced work is never thrown away: another user can only take over a
 * device whose outbox is empty.
 *
 * The data key's wrapping also needs the server's share of this device (see
 * share-cache.ts) and, where the phone offers one, its passkey (passkey.ts).
 * Online, the PIN is first proven to the server (session-lock): the server
 * counts wrong PINs and gives the share only for a right one; offline the
 * cached share works while it is valid, and the phone counts.
 *
 * Over 400 lines on purpose: the Device class is one state machine (empty,
 * locked, unlocked, revoked) whose transitions each keep a guarantee above;
 * read in one place, one sees that no path opens the store without every
 * factor or wipes unsynced work. What it asks the server, its states and the
 * errors the screens catch are in device-api.ts.
 */
import { platformLabel } from '../../../shared/rules/device-name';
import { newPinProblem } from '../../../shared/rules/pin';
import type { DeviceStatus } from '../../../shared/schemas/device';
import type { UnlockResult } from '../../../shared/schemas/session-lock';
import type { SessionUser } from '../../../shared/schemas/user';
import {
  createKeyring,
  InvalidPinError,
  type Keyring,
  type NewKeyring,
  openWithPin,
  rewrapDataKey,
  signUnlockProof,
  WrongPinError,
} from './crypto';
import { LocalDb } from './db';
import {
  type DeviceApi,
  DeviceHeldByOtherError,
  type DeviceState,
  LockedOutError,
  MAX_PIN_TRIES,
  type SessionLockApi,
  ShareNeededError,
  UnlockKeyRefusedError,
} from './device-api';
import { lazyPasskeys, type Passkeys } from './passkey';
import { cachedShare, cacheShare, decodeShare, encodeShare } from './share-cache';
import { LocalStore } from './store';

export * from './device-api';

/** A name the team lead recognises in the list of devices, e.g. "Android · Chrome". */
const deviceLabel = () => platformLabel(navigator.userAgent);

type Listener = () => void;

const PROOF_WAIT_MS = 10_000;

function withinTime<T>(promise: Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('Geen antwoord van de server')), PROOF_WAIT_MS);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** The proof the server asked for went one of these ways. */
type ProofVerdict =
  | 'ok'
  /** No server answer, or no session: unlock goes by the cached share. */
  | 'offline'
  /** The device has no unlock key on the server (set up before they existed). */
  | 'no-key'
  | { wrong: number }
  | 'locked-out';

export class Device {
  private state: DeviceState = { kind: 'loading' };
  private readonly listeners = new Set<Listener>();
  db: LocalDb;
  /** While unlocked (version 2 keyrings): signs the proofs that unlock the server session again. */
  private proofKey: CryptoKey | null = null;
  /** While a new PIN must be chosen: the data key (extractable, for re-wrapping) and the share it had. */
  private pendingNewPin: { dataKey: CryptoKey; share: Uint8Array | undefined } | null = null;

  constructor(
    private readonly dbName = 'jeugdbescherming',
    private readonly passkeys: Passkeys = lazyPasskeys,
  ) {
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
      const pending = await this.unsyncedCount();
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
   * First use: the PIN (held to the rule for new PINs), a passkey where the
   * phone offers one, a new sync client registered as a device of the user
   * (with `api`; without it — tests of the local layer — no server share),
   * and a new random data key wrapped under all of them. The server gets the
   * unlock key derived from the PIN and passkey. `name`: what the user calls
   * this phone (shown in Toestellen and the access log).
   */
  async setUp(user: SessionUser, pin: string, api?: DeviceApi, name?: string): Promise<void> {
    const problem = newPinProblem(pin);
    if (problem) throw new InvalidPinError(problem);
    // First, while the tap that sent the form still counts as the user's gesture.
    const passkey = (await this.passkeys.create(user)) ?? undefined;
    const clientId = crypto.randomUUID();
    const registering = api
      ? api.register({ clientId, label: deviceLabel(), ...(name ? { name } : {}) })
      : Promise.resolve(null);
    // The PIN's key derivation runs while the server registers the device (one round trip less to wait).
    const share = registering.then((r) => (r ? decodeShare(r.serverShare) : undefined));
    // Handled below either way (a refusal reaches the caller through createKeyring or `registering`).
    share.catch(() => undefined);
    const made = await createKeyring(pin, { serverShare: share, passkey });
    const registered = await registering;
    const serverShare = registered ? decodeShare(registered.serverShare) : undefined;
    if (registered && api?.session) await this.giveUnlockKey(api.session, registered.deviceId, made);
    const profile = await made.keyring.encrypt('meta', 'profile', user);
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
        { key: 'keyring', value: made.wrapped },
        { key: 'nextMutationId', value: 1 },
        { key: 'cookie', value: null },
        { key: 'profile', value: profile },
        { key: 'failedPins', value: 0 },
        { key: 'lockedOut', value: false },
      ]);
    });
    if (registered && serverShare) await cacheShare(this.db, serverShare, registered.shareValidUntil);
    localStorage.setItem(this.mark, '1');
    this.proofKey = made.proofKey;
    this.open(made.keyring, user);
  }

  private async giveUnlockKey(session: SessionLockApi, deviceId: string, made: NewKeyring) {
    const result = await session.setUnlockKey({ deviceId, unlockKey: encodeShare(made.unlockKey) });
    if (!result.ok) throw new UnlockKeyRefusedError();
  }

  /**
   * Opens the store with the PIN (and the passkey, where the keyring has one).
   * Online, the PIN is proven to the server first, which counts wrong ones and
   * then gives the share; offline (or without a session) the cached share is
   * used and the phone counts. Too many wrong PINs, counted by either, lock it
   * until an online login. `freshUser`: signed in online just now; a keyring
   * from before the 6-digit rule then asks for a new PIN (needsNewPin).
   */
  async unlock(pin: string, freshUser?: SessionUser, api?: DeviceApi): Promise<void> {
    if (this.state.kind !== 'locked') return;
    if (this.state.lockedOut) throw new LockedOutError();
    const wrapped = await this.db.getMeta('keyring');
    if (!wrapped) throw new Error('Geen sleutel op dit toestel');
    const passkeyOutput = wrapped.passkey ? await this.passkeys.evaluate(wrapped.passkey) : undefined;
    const opening = await openWithPin(wrapped, pin, passkeyOutput);
    const deviceId = await this.db.getMeta('deviceId');
    let share: Uint8Array | undefined;
    if (wrapped.usesServerShare) {
      if (opening.proofKey && deviceId && api?.session) {
        const verdict = await this.prove(api.session, deviceId, opening.proofKey);
        if (verdict === 'locked-out') return this.shutOut();
        if (typeof verdict === 'object') return this.countWrongPin(MAX_PIN_TRIES - verdict.wrong);
        // Right PIN: a fresh share (and window); the cached one if that fails.
        if (verdict === 'ok') share = await this.refreshShare(api, deviceId).catch(() => undefined);
      }
      share ??= await this.shareForUnlock(api);
    }
    let keyring: Keyring;
    const upgrade = wrapped.v === 1 && freshUser !== undefined && api !== undefined;
    try {
      keyring = await opening.open(share);
      if (upgrade) this.pendingNewPin = { dataKey: await opening.openForRewrap(share), share };
    } catch (error) {
      if (error instanceof WrongPinError) {
        await this.countWrongPin(((await this.db.getMeta('failedPins')) ?? 0) + 1);
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
    this.proofKey = opening.proofKey;
    this.open(keyring, user, upgrade);
  }

  /** Records a wrong PIN (the phone's count, or the server's); at MAX_PIN_TRIES the store shuts. */
  private async countWrongPin(failedPins: number): Promise<never> {
    if (failedPins >= MAX_PIN_TRIES) return this.shutOut();
    await this.db.meta.bulkPut([
      { key: 'failedPins', value: failedPins },
      { key: 'lockedOut', value: false },
    ]);
    if (this.state.kind === 'locked') this.set({ ...this.state, failedPins, lockedOut: false });
    throw new WrongPinError();
  }

  private async shutOut(): Promise<never> {
    await this.db.meta.bulkPut([
      { key: 'failedPins', value: MAX_PIN_TRIES },
      { key: 'lockedOut', value: true },
    ]);
    const userId = await this.db.getMeta('userId');
    if (this.state.kind === 'unlocked' || this.state.kind === 'locked') {
      this.dropSecrets();
      this.set({ kind: 'locked', userId: userId ?? '', failedPins: MAX_PIN_TRIES, lockedOut: true });
    }
    throw new LockedOutError();
  }

  /**
   * Asks the server for a nonce and answers it with the proof key. A phone
   * that knows it is offline does not try; a connection that answers nothing
   * within PROOF_WAIT_MS counts as none, so the PIN still opens the store.
   */
  private async prove(session: SessionLockApi, deviceId: string, proofKey: CryptoKey): Promise<ProofVerdict> {
    if (typeof navigator !== 'undefined' && navigator.onLine === false) return 'offline';
    let challenge: Awaited<ReturnType<SessionLockApi['challenge']>>;
    try {
      challenge = await withinTime(session.challenge({ deviceId }));
    } catch {
      return 'offline';
    }
    if ('refused' in challenge) {
      if (challenge.refused === 'locked-out') return 'locked-out';
      if (challenge.refused === 'no-unlock-key') return 'no-key';
      return 'offline';
    }
    const proof = await signUnlockProof(proofKey, deviceId, challenge.nonce);
    let result: UnlockResult;
    try {
      result = await withinTime(session.unlock({ deviceId, nonce: challenge.nonce, proof }));
    } catch {
      return 'offline';
    }
    if (result.ok) return 'ok';
    return result.reason === 'locked-out' ? 'locked-out' : { wrong: result.attemptsLeft };
  }

  /**
   * The server session locked while the store stayed open (idle on the
   * server's side, or after an offline unlock): proves the PIN again with the
   * key kept since the unlock. True when the session is open again.
   */
  async reprove(api: DeviceApi): Promise<boolean> {
    const deviceId = await this.db.getMeta('deviceId');
    if (this.state.kind !== 'unlocked' || !this.proofKey || !deviceId || !api.session) return false;
    const verdict = await this.prove(api.session, deviceId, this.proofKey);
    if (verdict === 'locked-out') await this.shutOut().catch(() => undefined);
    return verdict === 'ok';
  }

  /**
   * A device from before the 6-digit rule, opened online: the same data key is
   * wrapped under the new PIN (and a passkey where the phone offers one), the
   * server gets its unlock key, and a device from before server shares is
   * registered first. Until then the old keyring stays as it was.
   */
  async chooseNewPin(newPin: string, api: DeviceApi): Promise<void> {
    const state = this.state;
    const pending = this.pendingNewPin;
    if (state.kind !== 'unlocked' || !pending) return;
    const problem = newPinProblem(newPin);
    if (problem) throw new InvalidPinError(problem);
    const passkey = (await this.passkeys.create(state.user)) ?? undefined;
    let deviceId = await this.db.getMeta('deviceId');
    let share = pending.share;
    let validUntil: string | null = null;
    if (!deviceId) {
      const clientId = await this.db.getMeta('clientId');
      if (!clientId) throw new Error('Geen client-id op dit toestel');
      const registered = await api.register({ clientId, label: deviceLabel() });
      await this.db.meta.bulkPut([
        { key: 'deviceId', value: registered.deviceId },
        { key: 'deviceSecret', value: registered.deviceSecret },
      ]);
      deviceId = registered.deviceId;
      share = decodeShare(registered.serverShare);
      validUntil = registered.shareValidUntil;
    }
    const made = await rewrapDataKey(pending.dataKey, newPin, {
      ...(share ? { serverShare: share } : {}),
      passkey,
    });
    if (api.session) await this.giveUnlockKey(api.session, deviceId, made);
    await this.db.setMeta('keyring', made.wrapped);
    if (share && validUntil) await cacheShare(this.db, share, validUntil);
    this.pendingNewPin = null;
    this.proofKey = made.proofKey;
    this.set({ kind: 'unlocked', user: state.user, store: state.store });
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

  private open(keyring: Keyring, user: SessionUser, needsNewPin = false) {
    const store = new LocalStore(this.db, keyring, user.id);
    this.set(
      needsNewPin ? { kind: 'unlocked', user, store, needsNewPin: true } : { kind: 'unlocked', user, store },
    );
  }

  private dropSecrets() {
    this.proofKey = null;
    this.pendingNewPin = null;
  }

  needSurrender(): void {
    if (this.state.kind === 'locked') this.set({ ...this.state, surrender: true });
  }

  /** Drops the data key (and the proof key) from memory. */
  lock(): void {
    if (this.state.kind !== 'unlocked') return;
    this.dropSecrets();
    this.set({ kind: 'locked', userId: this.state.user.id, lockedOut: false, failedPins: 0 });
  }

  /**
   * Revoked: the store is closed for good (no query may open, and so re-create,
   * the database) and the app says why. sync/device-guard.ts deletes the data.
   */
  closeRevoked(reason: Exclude<DeviceStatus, 'actief'>): void {
    this.dropSecrets();
    this.db.close({ disableAutoOpen: true });
    this.set({ kind: 'revoked', reason });
  }

  /**
   * Changes not yet applied by the server (pending or refused), and attachments whose bytes have not
   * reached it (their announcement may be acknowledged already: the outbox alone does not tell).
   */
  private async unsyncedCount(): Promise<number> {
    const [changes, files] = await Promise.all([
      this.db.outbox.count(),
      this.db.attachments.where('state').anyOf('pending', 'refused').count(),
    ]);
    return changes + files;
  }

  /** Deletes the local database. Callers make sure no unsynced work is in it. */
  async wipe(): Promise<void> {
    this.dropSecrets();
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
    this.dropSecrets();
    if ((await this.unsyncedCount().catch(() => 0)) === 0) {
      this.db.close();
      await this.db.delete().catch(() => undefined);
      this.db = new LocalDb(this.dbName);
    }
    this.set({ kind: 'empty', evicted: true });
  }
}

export const device = new Device();
