/**
 * The device's contract with the rest of the app: what it asks the server
 * (the session lock, registration and the key share), the states the screens
 * follow, and the errors they catch. The state machine itself is device.ts.
 */
import type { DeviceShare, DeviceStatus, RegisteredDevice } from '../../../shared/schemas/device';
import {
  MAX_UNLOCK_FAILURES,
  type SessionLockReason,
  type SetUnlockKeyInput,
  type UnlockInput,
  type UnlockResult,
} from '../../../shared/schemas/session-lock';
import type { SessionUser } from '../../../shared/schemas/user';
import type { LocalStore } from './store';

/** The server session's lock (session.*), as the device sees it. */
export interface SessionLockApi {
  /**
   * A nonce to sign, or why the server takes no proof now ('no-session': not
   * signed in). Rejects when the server cannot be reached.
   */
  challenge(input: {
    deviceId: string;
  }): Promise<{ nonce: string } | { refused: SessionLockReason | 'no-session' }>;
  unlock(input: UnlockInput): Promise<UnlockResult>;
  setUnlockKey(input: SetUnlockKeyInput): Promise<UnlockResult>;
  /** Tells the server the app locked; failures (offline) are the server's idle lock's to cover. */
  lock(): Promise<unknown>;
}

/** What the device asks the server about itself while a user is signed in. */
export interface DeviceApi {
  /** `name`: what the user calls this phone; the server proposes one without it. */
  register(input: { clientId: string; label: string; name?: string }): Promise<RegisteredDevice>;
  share(input: { deviceId: string }): Promise<DeviceShare>;
  /** Absent in tests of the local layer: unlocking then goes by the cached share alone. */
  session?: SessionLockApi;
}

/** The server counts the same: whichever sees the fifth wrong PIN shuts the store. */
export const MAX_PIN_TRIES = MAX_UNLOCK_FAILURES;

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
  | { kind: 'unlocked'; user: SessionUser; store: LocalStore; needsNewPin?: true }
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

/** The server refused the unlock key the device made (set-up or a new PIN). */
export class UnlockKeyRefusedError extends Error {
  override name = 'UnlockKeyRefusedError';
  constructor() {
    super('De server nam de nieuwe pincode niet aan.');
  }
}
