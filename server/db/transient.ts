/**
 * PostgreSQL errors that are not the request's fault, and what to do about
 * them:
 *  - a serialization failure (40001) or deadlock (40P01) rolled the whole
 *    transaction back: running the procedure again is safe and usually wins;
 *  - a lost or refused connection (the database restarting, a network cut,
 *    the pool unable to connect in time) is answered SERVICE_UNAVAILABLE with
 *    a message the worker understands; the phone keeps its outbox and
 *    retries, and sync's exactly-once rule makes the retry safe even when the
 *    commit did happen but its answer was lost.
 * Drizzle and tRPC wrap the driver's error, so the cause chain is searched.
 */
import { setTimeout as sleep } from 'node:timers/promises';

export const DATABASE_UNAVAILABLE_MESSAGE = 'De database is even niet bereikbaar; probeer het zo opnieuw';

const RETRYABLE_SQLSTATES = new Set(['40001', '40P01']);
/** admin/crash shutdown, cannot connect now, and the connection exception class (08xxx). */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
const UNAVAILABLE_NODE_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
]);
/** pg and pg-pool report some connection trouble only in the message. */
const UNAVAILABLE_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /connection timeout/i,
  /client has encountered a connection error and is not queryable/i,
  /cannot use a pool after calling end/i,
  /client was closed and is not queryable/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
];

function* causes(err: unknown): Generator<unknown> {
  let current: unknown = err;
  for (let depth = 0; current && depth < 10; depth++) {
    yield current;
    current = (current as { cause?: unknown }).cause;
  }
}

function codeOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A serialization failure or deadlock: the transaction was rolled back and may simply run again. */
export function isRetryableTransactionError(err: unknown): boolean {
  for (const e of causes(err)) {
    const code = codeOf(e);
    if (code && RETRYABLE_SQLSTATES.has(code)) return true;
  }
  return false;
}

/** The database is not reachable right now (restart, network, pool cannot connect). */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (const e of causes(err)) {
    const code = codeOf(e);
    if (
      code &&
      (UNAVAILABLE_SQLSTATES.has(code) || code.startsWith('08') || UNAVAILABLE_NODE_CODES.has(code))
    )
      return true;
    const message = (e as { message?: unknown }).message;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((m) => m.test(message))) return true;
  }
  return false;
}

export interface RetryOptions {
  /** Runs in all, the first included. */
  attempts?: number;
  /** The first backoff; it doubles per retry, with full jitter. */
  baseDelayMs?: number;
  /** Called before each retry (logging, tests). */
  onRetry?: (err: unknown, attempt: number) => void;
}

/**
 * Runs `fn` (one whole transaction) again when PostgreSQL rolled it back for
 * a serialization failure or deadlock, a few times with jittered backoff; any
 * other error, or the last failure, goes to the caller.
 */
export async function retryTransient<T>(fn: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 4;
  const base = options.baseDelayMs ?? 20;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt >= attempts || !isRetryableTransactionError(err)) throw err;
      options.onRetry?.(err, attempt);
      await sleep(Math.random() * base * 2 ** (attempt - 1));
    }
  }
}
