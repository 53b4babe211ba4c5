/**
 * Registered devices. Each phone is a device of one user; the server holds a
 * share of the key that wraps the phone's local data key, and hands it out
 * only to a session of that user for a device that is not revoked, so a phone
 * that cannot reach the server can be unlocked for DEVICE_SHARE_HOURS at most.
 * A session is bound to one device: the first it registers or syncs as; it
 * cannot register or sync as another. Revoking a device (or retiring it at
 * logout) ends its sessions; until its user signs in anew, the device can only
 * speak with its own secret (no session needed): ask its status, hand in what
 * it still holds, and report its wipe.
 * Team leads act on their team's devices, beheerders on their organisation's;
 * anything else is FORBIDDEN and logged.
 *
 * The area: session-device.ts (register, the key share, syncing as the
 * device), secret-calls.ts (status, hand-in, wipe), office.ts (list, revoke,
 * disable a user). This file holds what they share.
 */
import { createHash, randomBytes } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { logAccess } from '../../audit/access-log';
import type { Context } from '../../context';
import type { AuthedContext } from '../../trpc';

export const secretHash = (secret: string) => createHash('sha256').update(secret).digest('base64url');
export const random32 = () => randomBytes(32).toString('base64url');

export function shareValidUntil(ctx: Pick<Context, 'config' | 'now'>): string {
  return new Date(ctx.now.getTime() + ctx.config.DEVICE_SHARE_HOURS * 3_600_000).toISOString();
}

export const forbidden = (message = 'Geen toegang tot dit toestel') =>
  new TRPCError({ code: 'FORBIDDEN', message });
export const OTHER_DEVICE = 'Deze sessie hoort bij een ander toestel. Log op dit toestel opnieuw in.';

/** A refused office or session call: logged (no case), then FORBIDDEN. */
export async function refuse(
  ctx: AuthedContext,
  procedure: string,
  reason: string,
  message?: string,
): Promise<never> {
  await logAccess(ctx.db, ctx, [{ caseId: null, action: 'update', procedure, allowed: false, reason }]);
  throw forbidden(message);
}
