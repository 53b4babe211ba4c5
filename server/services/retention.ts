/**
 * Rows that are only needed for a while, deleted when no check reads them any
 * more, so that no table grows without bound (a flood of failed sign-ins or
 * abandoned provider sign-ins would otherwise stay forever):
 *  - sign-in attempts: the lockout counts those of the last
 *    LOGIN_WINDOW_MINUTES; they are kept a day (or twice the window, if that
 *    is longer) for whoever looks into a run of failures, then deleted;
 *  - sign-ins under way at the identity provider (`oidc_pending`): useless
 *    once expired (the callback refuses them), deleted then.
 * Every server process sweeps at start and then every SWEEP_MINUTES; the
 * deletes are idempotent, so several processes sweeping at once is harmless.
 */
import { lt } from 'drizzle-orm';
import type { Config } from '../config';
import type { Db } from '../db/connection';
import { loginAttempts, oidcPending } from '../db/schema';

const HOUR_MS = 3_600_000;
export const LOGIN_ATTEMPT_MIN_RETENTION_HOURS = 24;
export const SWEEP_MINUTES = 15;

/** The oldest sign-in attempt still kept at `now`. */
export function loginAttemptsKeptSince(config: Pick<Config, 'LOGIN_WINDOW_MINUTES'>, now: Date): Date {
  const keepMs = Math.max(
    LOGIN_ATTEMPT_MIN_RETENTION_HOURS * HOUR_MS,
    2 * config.LOGIN_WINDOW_MINUTES * 60_000,
  );
  return new Date(now.getTime() - keepMs);
}

/** Deletes what is past its retention at `now`; answers how many rows of each went. */
export async function sweepExpiredRows(
  db: Db,
  config: Pick<Config, 'LOGIN_WINDOW_MINUTES'>,
  now: Date,
): Promise<{ loginAttempts: number; oidcPending: number }> {
  const attempts = await db
    .delete(loginAttempts)
    .where(lt(loginAttempts.at, loginAttemptsKeptSince(config, now)))
    .returning({ id: loginAttempts.id });
  const pending = await db
    .delete(oidcPending)
    .where(lt(oidcPending.expiresAt, now))
    .returning({ stateHash: oidcPending.stateHash });
  return { loginAttempts: attempts.length, oidcPending: pending.length };
}

/**
 * Sweeps now and then every `everyMs` until the returned stop function is
 * called. A failed sweep (database away) is reported and tried again at the
 * next tick; the timer never keeps the process alive on its own.
 */
export function startRetentionSweep(
  db: Db,
  config: Pick<Config, 'LOGIN_WINDOW_MINUTES'>,
  options: { everyMs?: number; clock?: () => Date; onError?: (error: unknown) => void } = {},
): () => void {
  const clock = options.clock ?? (() => new Date());
  const onError = options.onError ?? ((error) => console.error('Opruimen van verlopen rijen mislukt', error));
  let running: Promise<unknown> | null = null;
  const sweep = () => {
    // One sweep at a time: a slow database does not pile them up.
    if (running) return;
    running = sweepExpiredRows(db, config, clock())
      .catch(onError)
      .finally(() => {
        running = null;
      });
  };
  sweep();
  const timer = setInterval(sweep, options.everyMs ?? SWEEP_MINUTES * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
