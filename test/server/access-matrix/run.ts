/**
 * Calls one procedure as one persona on one target, inside a transaction that
 * is rolled back afterwards, so every call of the matrix sees the same
 * fixture (a reassignment or a stand-in would otherwise change who may open
 * what for the calls after it). The access-log rows the call wrote are counted
 * inside the same transaction, before the rollback.
 */
import { randomUUID } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import type { Db } from '../../../server/db/connection';
import { accessLog } from '../../../server/db/schema';
import { inTransaction } from '../../../server/db/transaction';
import { appRouter } from '../../../server/routers';
import { createCallerFactory } from '../../../server/trpc';
import type { TestDatabase } from '../../helpers/db';
import type { FixtureUser } from '../../helpers/fixture';
import { contextFor } from '../../helpers/server';
import type { MatrixWorld, ProcedureSpec, Target } from './specs';

const createCaller = createCallerFactory(appRouter);

class Rollback extends Error {}

export interface CallResult {
  result?: unknown;
  error?: unknown;
  /** 'geweigerd' rows for the caller written by this call. */
  refusalsLogged: number;
  /** Children logged as exported ('export') by this call. */
  exportsLogged: number;
}

const refusalsOf = async (db: Db, userId: string) => {
  const [row] = await db
    .select({ n: count() })
    .from(accessLog)
    .where(and(eq(accessLog.userId, userId), eq(accessLog.result, 'geweigerd')));
  return Number(row?.n ?? 0);
};

const exportsOf = async (db: Db, userId: string) => {
  const [row] = await db
    .select({ n: count() })
    .from(accessLog)
    .where(and(eq(accessLog.userId, userId), eq(accessLog.action, 'export')));
  return Number(row?.n ?? 0);
};

/** Runs `fn` in a transaction that never commits. */
export async function rolledBack<T>(database: TestDatabase, fn: (db: Db) => Promise<T>): Promise<T> {
  let out: { value: T } | null = null;
  try {
    await inTransaction(database.db, async (tx) => {
      out = { value: await fn(tx) };
      throw new Rollback();
    });
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
  }
  if (!out) throw new Error('rolledBack: no result');
  return (out as { value: T }).value;
}

/** The procedure at a dotted path of a caller (`cases.file`). */
export function procedureAt(caller: unknown, path: string): (input: unknown) => Promise<unknown> {
  let node = caller as Record<string, unknown>;
  for (const key of path.split('.')) node = node[key] as Record<string, unknown>;
  return node as unknown as (input: unknown) => Promise<unknown>;
}

export function callAs(
  database: TestDatabase,
  w: MatrixWorld,
  path: string,
  spec: ProcedureSpec,
  user: FixtureUser | null,
  target: Target,
  options: { signedInMinutesAgo?: number } = {},
): Promise<CallResult> {
  return rolledBack(database, async (db) => {
    const ctx = contextFor({ ...database, db }, user, {
      sessionId: user ? (w.sessionIds[user.id] ?? null) : null,
    });
    await spec.setup?.(db, w);
    // Exports need a fresh sign-in (step-up); that is not an access rule, so every persona has one
    // unless the call is about step-up itself.
    if (ctx.user)
      ctx.user.authenticatedAt = new Date(ctx.now.getTime() - (options.signedInMinutesAgo ?? 0) * 60_000);
    const caller = createCaller(ctx);
    const clientId = randomUUID();
    // Office roles are refused the pull, so they have no client: their call is refused for it.
    if (spec.needsClient && user) await caller.sync.pull({ clientId, cookie: null }).catch(() => null);
    const before = user ? await refusalsOf(db, user.id) : 0;
    const exportsBefore = user ? await exportsOf(db, user.id) : 0;
    const outcome: CallResult = { refusalsLogged: 0, exportsLogged: 0 };
    try {
      outcome.result = await procedureAt(caller, path)(spec.input(w, target, clientId));
    } catch (err) {
      outcome.error = err;
    }
    outcome.refusalsLogged = user ? (await refusalsOf(db, user.id)) - before : 0;
    outcome.exportsLogged = user ? (await exportsOf(db, user.id)) - exportsBefore : 0;
    return outcome;
  });
}
