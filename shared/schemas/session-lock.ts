/**
 * Locking the server session with the app. A locked session answers nothing
 * but unlock. Unlock proves the PIN (and, where the phone has one, its passkey)
 * without sending either: at set-up the phone gives the server an unlock key
 * derived from them (crypto.ts); to unlock it signs a fresh server nonce with
 * that key. Wrong proofs are counted on the server: MAX_UNLOCK_FAILURES in a
 * row end every session of the device and withhold its key share until the
 * user signs in again.
 */
import { z } from 'zod';

export const MAX_UNLOCK_FAILURES = 5;

// The phone imports this file for the constants and the proof's message only: the schemas are marked
// pure, so its bundle leaves them out.

/** base64url of 32 bytes: the unlock key, the nonce and the proof. */
const bytes32 = /* @__PURE__ */ z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'Ongeldige sleutel');

export const unlockChallengeInput = /* @__PURE__ */ z.strictObject({ deviceId: z.uuid() });

export const unlockInput = /* @__PURE__ */ z.strictObject({
  deviceId: z.uuid(),
  nonce: bytes32,
  proof: bytes32,
});
export type UnlockInput = z.infer<typeof unlockInput>;

/**
 * The unlock key for the device. Replacing one the server holds takes a proof
 * with the old key (over a fresh nonce) or a fresh sign-in.
 */
export const setUnlockKeyInput = /* @__PURE__ */ z.strictObject({
  deviceId: z.uuid(),
  unlockKey: bytes32,
  nonce: /* @__PURE__ */ bytes32.optional(),
  proof: /* @__PURE__ */ bytes32.optional(),
});
export type SetUnlockKeyInput = z.infer<typeof setUnlockKeyInput>;

export interface UnlockChallenge {
  nonce: string;
  expiresAt: string;
}

/** A wrong proof is an answer, not an error: the count it raised must be committed. */
export type UnlockResult =
  | { ok: true }
  | { ok: false; reason: 'wrong-pin'; attemptsLeft: number }
  | { ok: false; reason: 'locked-out' };

/**
 * Why a call was refused, in the error's `data.sessionLock`:
 *  - session-locked: the app locked (or the session idled past SESSION_LOCK_IDLE_MINUTES); unlock first;
 *  - locked-out: too many wrong proofs; only a new sign-in opens the way;
 *  - no-unlock-key: the device has no unlock key yet (set up before this existed);
 *  - challenge-expired: the nonce is unknown, used or too old; ask a new one.
 */
export const SESSION_LOCK_REASONS = [
  'session-locked',
  'locked-out',
  'no-unlock-key',
  'challenge-expired',
] as const;
export type SessionLockReason = (typeof SESSION_LOCK_REASONS)[number];

/** What the proof signs: the device and the server's nonce, under a label of its own. */
export function unlockProofMessage(deviceId: string, nonce: string): string {
  return `jeugdbescherming:unlock-proof:v1:${deviceId}:${nonce}`;
}
