/**
 * Step-up: exports, bulk downloads and reading the access log need a fresh
 * proof of who the user is, not just a session that is still alive. The
 * session records when the user last proved it (sign-in, or a step-up with
 * password or at the identity provider); older than STEP_UP_MINUTES, these
 * procedures answer FORBIDDEN with `data.stepUp: true`, and the client asks
 * for the password (or sends the user to the identity provider) and retries.
 */
import { TRPCError } from '@trpc/server';
import type { AuthedContext } from '../trpc';

/** The cause of a FORBIDDEN that a fresh authentication would lift; the error formatter flags it. */
export class StepUpRequired extends Error {
  override name = 'StepUpRequired';
}

export function hasFreshAuth(ctx: Pick<AuthedContext, 'user' | 'now' | 'config'>): boolean {
  const at = ctx.user.authenticatedAt;
  if (!at) return false;
  return ctx.now.getTime() - at.getTime() <= ctx.config.STEP_UP_MINUTES * 60_000;
}

/** Throws FORBIDDEN (stepUp) unless the user proved who they are within STEP_UP_MINUTES. */
export function requireFreshAuth(ctx: Pick<AuthedContext, 'user' | 'now' | 'config'>): void {
  if (hasFreshAuth(ctx)) return;
  throw new TRPCError({
    code: 'FORBIDDEN',
    message: `Bevestig eerst opnieuw wie u bent: dit mag alleen binnen ${ctx.config.STEP_UP_MINUTES} minuten na het inloggen`,
    cause: new StepUpRequired(),
  });
}
