/**
 * The server session locks with the app. When the phone locks (idle or by
 * hand) it says so, and a phone's session that saw no request for
 * SESSION_LOCK_IDLE_MINUTES locks by itself; a locked session answers nothing
 * but unlock (the guard in server/trpc.ts). Unlock proves the PIN-derived key
 * without the PIN: the device's unlock key (an HMAC key the phone derived from
 * the PIN and, where it has one, its passkey, at set-up) signs a fresh nonce.
 * Guarantees:
 *  - a proof is checked only after a try has been taken from the device's
 *    count, atomically, so parallel guesses get no more than MAX_UNLOCK_FAILURES;
 *  - at MAX_UNLOCK_FAILURES wrong proofs in a row every session of the device
 *    ends, and no share, unlock or re-registration is given until the user
 *    signs in again (password or identity provider) after that moment;
 *  - a nonce is used once, for one session, within two minutes.
 * The server never learns the PIN: from the unlock key, the PIN can only be
 * guessed with the keyring's salt, which stays on the phone.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { and, eq, gt, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import {
  MAX_UNLOCK_FAILURES,
  type SessionLockReason,
  type SetUnlockKeyInput,
  type UnlockChallenge,
  type UnlockInput,
  type UnlockResult,
  unlockProofMessage,
} from '../../shared/schemas/session-lock';
import { logAccess } from '../audit/access-log';
import type { Config } from '../config';
import type { Db } from '../db/connection';
import { devices, sessions } from '../db/schema';
import type { AuthedContext } from '../trpc';
import { hasFreshAuth } from './step-up';

const CHALLENGE_MS = 2 * 60_000;

/** The cause of a refusal for the session's lock; the error formatter puts `reason` in `data.sessionLock`. */
export class SessionLockError extends Error {
  override name = 'SessionLockError';
  constructor(readonly reason: SessionLockReason) {
    super(reason);
  }
}

const MESSAGES: Record<SessionLockReason, string> = {
  'session-locked': 'De app is vergrendeld. Ontgrendel hem eerst met uw pincode.',
  'locked-out': 'Te vaak een onjuiste pincode. Log opnieuw in met uw wachtwoord.',
  'no-unlock-key': 'Dit toestel heeft nog geen ontgrendelsleutel. Kies een nieuwe pincode.',
  'challenge-expired': 'De ontgrendelvraag is verlopen of al gebruikt. Probeer het opnieuw.',
};

export function sessionLockError(reason: SessionLockReason): TRPCError {
  return new TRPCError({
    code: reason === 'challenge-expired' ? 'BAD_REQUEST' : 'FORBIDDEN',
    message: MESSAGES[reason],
    cause: new SessionLockError(reason),
  });
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

/**
 * Called for every request with a session, before its last-seen time is
 * touched: a session of a device with an unlock key that was idle too long is
 * locked now (and stays so until an unlock proof). True when it is locked.
 */
export async function lockIfIdle(
  db: Db,
  config: Config,
  session: { id: string; lastSeenAt: Date; lockedAt: Date | null; deviceLockable: boolean | null },
  now: Date,
): Promise<boolean> {
  if (session.lockedAt) return true;
  if (!session.deviceLockable) return false;
  if (now.getTime() - session.lastSeenAt.getTime() <= config.SESSION_LOCK_IDLE_MINUTES * 60_000) return false;
  await db
    .update(sessions)
    .set({ lockedAt: now })
    .where(and(eq(sessions.id, session.id), isNull(sessions.lockedAt)));
  return true;
}

/** A device of the user's, not revoked, and not another device than the session's own. */
async function deviceOfSession(ctx: AuthedContext, deviceId: string) {
  if (!ctx.user.sessionId) {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Niet ingelogd of sessie verlopen' });
  }
  const [row] = await ctx.db
    .select({
      id: devices.id,
      userId: devices.userId,
      revokedAt: devices.revokedAt,
      unlockKey: devices.unlockKey,
      unlockBlockedAt: devices.unlockBlockedAt,
    })
    .from(devices)
    .where(eq(devices.id, deviceId));
  if (!row || row.userId !== ctx.user.id) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Geen toegang tot dit toestel' });
  }
  if (row.revokedAt) throw new TRPCError({ code: 'FORBIDDEN', message: 'Dit toestel is ingetrokken' });
  if (ctx.user.deviceId && ctx.user.deviceId !== deviceId) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Deze sessie hoort bij een ander toestel' });
  }
  await liftBlockAfterSignIn(ctx, row);
  return row;
}

/**
 * A device blocked for wrong proofs opens again only to a session whose user
 * signed in (or stepped up) after the block; that sign-in lifts it.
 */
export async function liftBlockAfterSignIn(
  ctx: Pick<AuthedContext, 'db' | 'user'>,
  device: { id: string; unlockBlockedAt: Date | null },
): Promise<void> {
  const blockedAt = device.unlockBlockedAt;
  if (!blockedAt) return;
  const at = ctx.user.authenticatedAt;
  if (!at || at.getTime() <= blockedAt.getTime()) throw sessionLockError('locked-out');
  await ctx.db
    .update(devices)
    .set({ unlockFailures: 0, unlockBlockedAt: null })
    .where(and(eq(devices.id, device.id), eq(devices.unlockBlockedAt, blockedAt)));
  device.unlockBlockedAt = null;
}

/** The app locked: so does this session, if its device can prove its way back (it has an unlock key). */
export async function lock(ctx: AuthedContext): Promise<{ locked: boolean }> {
  if (!ctx.user.sessionId) return { locked: false };
  const lockable = ctx.db.select({ id: devices.id }).from(devices).where(isNotNull(devices.unlockKey));
  const rows = await ctx.db
    .update(sessions)
    .set({
      lockedAt: sql`coalesce(${sessions.lockedAt}, ${ctx.now.toISOString()}::timestamptz)`,
      unlockChallenge: null,
      unlockChallengeExpiresAt: null,
    })
    .where(and(eq(sessions.id, ctx.user.sessionId), inArray(sessions.deviceId, lockable)))
    .returning({ id: sessions.id });
  return { locked: rows.length > 0 };
}

/** A fresh nonce for this session's next proof; it replaces any earlier one. */
export async function challenge(ctx: AuthedContext, deviceId: string): Promise<UnlockChallenge> {
  const device = await deviceOfSession(ctx, deviceId);
  if (!device.unlockKey) throw sessionLockError('no-unlock-key');
  const nonce = randomBytes(32).toString('base64url');
  const expiresAt = new Date(ctx.now.getTime() + CHALLENGE_MS);
  await ctx.db
    .update(sessions)
    .set({ unlockChallenge: sha256(nonce), unlockChallengeExpiresAt: expiresAt })
    .where(eq(sessions.id, ctx.user.sessionId as string));
  return { nonce, expiresAt: expiresAt.toISOString() };
}

/**
 * Uses the session's nonce, takes one try from the device's count, then
 * checks the proof. Right: the count is reset. Wrong at the last try: the
 * device is blocked and every session of it (and this one) is locked.
 */
async function checkProof(
  ctx: AuthedContext,
  device: { id: string; unlockKey: string },
  nonce: string,
  proof: string,
  procedure: string,
): Promise<UnlockResult> {
  // The device's row first, then the session's, in every path (a blocking proof locks all the
  // device's sessions): one order, so parallel proofs queue instead of deadlocking.
  await ctx.db.select({ id: devices.id }).from(devices).where(eq(devices.id, device.id)).for('update');
  const used = await ctx.db
    .update(sessions)
    .set({ unlockChallenge: null, unlockChallengeExpiresAt: null })
    .where(
      and(
        eq(sessions.id, ctx.user.sessionId as string),
        eq(sessions.unlockChallenge, sha256(nonce)),
        gt(sessions.unlockChallengeExpiresAt, ctx.now),
      ),
    )
    .returning({ id: sessions.id });
  if (used.length === 0) throw sessionLockError('challenge-expired');
  // Counted before the check, in one statement: two proofs at once cannot both take the last try.
  const [taken] = await ctx.db
    .update(devices)
    .set({ unlockFailures: sql`${devices.unlockFailures} + 1` })
    .where(
      and(
        eq(devices.id, device.id),
        lt(devices.unlockFailures, MAX_UNLOCK_FAILURES),
        isNull(devices.unlockBlockedAt),
      ),
    )
    .returning({ failures: devices.unlockFailures });
  if (!taken) throw sessionLockError('locked-out');

  const expected = createHmac('sha256', Buffer.from(device.unlockKey, 'base64url'))
    .update(unlockProofMessage(device.id, nonce))
    .digest();
  const given = Buffer.from(proof, 'base64url');
  if (given.length === expected.length && timingSafeEqual(given, expected)) {
    await ctx.db
      .update(devices)
      .set({ unlockFailures: 0, lastSeenAt: ctx.now })
      .where(eq(devices.id, device.id));
    return { ok: true };
  }

  if (taken.failures < MAX_UNLOCK_FAILURES) {
    await logAccess(ctx.db, ctx, [
      { caseId: null, action: 'update', procedure, allowed: false, reason: 'onjuiste pincode' },
    ]);
    return { ok: false, reason: 'wrong-pin', attemptsLeft: MAX_UNLOCK_FAILURES - taken.failures };
  }
  await ctx.db.update(devices).set({ unlockBlockedAt: ctx.now }).where(eq(devices.id, device.id));
  // Locked, not ended: they answer nothing but sign-out (and an unlock that says locked-out), and the
  // phone can still show why before the login screen.
  await ctx.db
    .update(sessions)
    .set({ lockedAt: ctx.now })
    .where(or(eq(sessions.deviceId, device.id), eq(sessions.id, ctx.user.sessionId as string)));
  await logAccess(ctx.db, ctx, [
    {
      caseId: null,
      action: 'update',
      procedure,
      allowed: false,
      reason: `pincode ${MAX_UNLOCK_FAILURES} keer onjuist: toestel geblokkeerd tot opnieuw inloggen`,
    },
  ]);
  return { ok: false, reason: 'locked-out' };
}

/** Checks the proof; right, the session is unlocked and bound to the device (which then asks its share). */
export async function unlock(ctx: AuthedContext, input: UnlockInput): Promise<UnlockResult> {
  const device = await deviceOfSession(ctx, input.deviceId);
  const unlockKey = device.unlockKey;
  if (!unlockKey) throw sessionLockError('no-unlock-key');
  const outcome = await checkProof(
    ctx,
    { id: device.id, unlockKey },
    input.nonce,
    input.proof,
    'session.unlock',
  );
  if (!outcome.ok) return outcome;
  await ctx.db
    .update(sessions)
    .set({ lockedAt: null, deviceId: device.id })
    .where(eq(sessions.id, ctx.user.sessionId as string));
  return { ok: true };
}

/**
 * Gives the device its unlock key (at PIN set-up, or when a device from
 * before unlock keys chooses its new PIN). Replacing a key the server holds
 * takes a proof with that key or a fresh sign-in: a session alone cannot
 * swap in a PIN of its own.
 */
export async function setUnlockKey(ctx: AuthedContext, input: SetUnlockKeyInput): Promise<UnlockResult> {
  const device = await deviceOfSession(ctx, input.deviceId);
  if (device.unlockKey && !hasFreshAuth(ctx)) {
    if (!input.nonce || !input.proof) {
      throw new TRPCError({
        code: 'FORBIDDEN',
        message: 'Bevestig eerst met de huidige pincode, of log opnieuw in.',
      });
    }
    const outcome = await checkProof(
      ctx,
      { id: device.id, unlockKey: device.unlockKey },
      input.nonce,
      input.proof,
      'session.setUnlockKey',
    );
    if (!outcome.ok) return outcome;
  }
  await ctx.db
    .update(devices)
    .set({ unlockKey: input.unlockKey, unlockFailures: 0 })
    .where(eq(devices.id, device.id));
  await ctx.db
    .update(sessions)
    .set({ deviceId: device.id })
    .where(eq(sessions.id, ctx.user.sessionId as string));
  return { ok: true };
}
