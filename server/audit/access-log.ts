/**
 * The access log (NEN 7513): one entry per access to a child's file, allowed
 * or denied — who, in which role, on whose behalf, which child, what, when
 * (UTC), from which session and device, and the result.
 *
 * The database makes it tamper-evident (migration 0011): entries form a hash
 * chain per organisation, set by a trigger under a lock so concurrent writers
 * never fork it, and nobody may change or delete an entry. `npm run
 * audit:verify` checks the chain (server/audit/chain.ts).
 *
 * On PostgreSQL entries are written through `ctx.auditDb`: their own pool and
 * one statement each (append_access_log, migration 0013), committed at once,
 * so a refusal stays logged when the request's own transaction rolls back, and
 * the chain's lock is held for that statement only.
 */

import { sql } from 'drizzle-orm';
import type { Context } from '../context';
import type { Db } from '../db/connection';
import { accessLog } from '../db/schema';
import type { AuthedContext } from '../trpc';

export type AccessAction = 'read' | 'create' | 'update' | 'delete' | 'search' | 'export' | 'print' | 'list';

export interface AccessEntry {
  caseId: string | null;
  action: AccessAction;
  procedure: string;
  allowed: boolean;
  reason?: string;
  onBehalfOf?: string | null;
}

export type AccessLogRow = typeof accessLog.$inferInsert;

type LogContext = Pick<AuthedContext, 'user' | 'request'> & Pick<Context, 'auditDb'>;

/** The device an access came from: the registered device when known, else the browser's description. */
export function deviceOf(ctx: LogContext): { deviceId: string | null; device: string } {
  return { deviceId: ctx.user.deviceId ?? null, device: ctx.request.userAgent.slice(0, 300) };
}

export async function logAccess(db: Db, ctx: LogContext, entries: AccessEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const { deviceId, device } = deviceOf(ctx);
  const rows: AccessLogRow[] = entries.map((e) => ({
    organisationId: ctx.user.organisationId,
    userId: ctx.user.id,
    role: ctx.user.role,
    onBehalfOf: e.onBehalfOf ?? null,
    caseId: e.caseId,
    action: e.action,
    procedure: e.procedure,
    result: e.allowed ? ('toegestaan' as const) : ('geweigerd' as const),
    sessionId: ctx.user.sessionId,
    deviceId,
    device,
    reason: e.reason?.slice(0, 500) ?? null,
  }));
  if (!ctx.auditDb) {
    await appendAccessLog(db, ctx, rows);
    return;
  }
  await inTurn(ctx.auditDb, ctx.user.organisationId, rows);
}

/**
 * Group commit for the access log on PostgreSQL. The organisation's chain takes one writer at a time
 * (its lock is held until commit, a disk flush), so under load the requests of one organisation
 * would queue on it one entry-statement each. Instead, the entries that arrive while a statement of
 * the organisation is being written go together in the next one: one lock, one commit for them all.
 * Every request still waits until its own entries are committed before it answers.
 */
interface Turn {
  rows: AccessLogRow[];
  written: Promise<void>;
}
interface Line {
  /** The batch still taking entries; it is written once the one before it has committed. */
  open: Turn | null;
  last: Promise<unknown>;
}
const lines = new WeakMap<Db, Map<string, Line>>();
/** Rows per statement at most. */
const BATCH_ROWS = 1000;

function inTurn(auditDb: Db, organisationId: string, rows: AccessLogRow[]): Promise<void> {
  const byOrganisation = lines.get(auditDb) ?? new Map<string, Line>();
  lines.set(auditDb, byOrganisation);
  const queue = byOrganisation.get(organisationId) ?? { open: null, last: Promise.resolve() };
  byOrganisation.set(organisationId, queue);
  let turn = queue.open;
  if (!turn || turn.rows.length >= BATCH_ROWS) {
    const next: Turn = { rows: [], written: Promise.resolve() };
    next.written = queue.last.then(async () => {
      if (queue.open === next) queue.open = null;
      await appendInOneStatement(auditDb, organisationId, next.rows);
    });
    queue.open = next;
    queue.last = next.written.catch(() => undefined);
    turn = next;
  }
  turn.rows.push(...rows);
  return turn.written;
}

async function appendInOneStatement(auditDb: Db, organisationId: string, rows: AccessLogRow[]) {
  // One statement, committed at once (migration 0013): the chain's lock is held for no round trip.
  const result = await auditDb.execute(
    sql`select id from append_access_log(${organisationId}::uuid, ${JSON.stringify(rows.map(asColumns))}::jsonb) as id`,
  );
  return (result as unknown as { rows: { id: string | number }[] }).rows.map((r) => Number(r.id));
}

/**
 * Appends rows (all of the user's organisation). Returns the ids written;
 * rows whose clientEventId is already logged are skipped (a repeated upload).
 */
export async function appendAccessLog(db: Db, ctx: LogContext, rows: AccessLogRow[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const insert = (target: Db) =>
    target
      .insert(accessLog)
      .values(rows)
      .onConflictDoNothing({ target: accessLog.clientEventId })
      .returning({ id: accessLog.id })
      .then((r) => r.map((x) => x.id));
  if (!ctx.auditDb) return insert(db);
  return appendInOneStatement(ctx.auditDb, ctx.user.organisationId, rows);
}

/** A row as access_log's columns, for jsonb_populate_recordset. */
const asColumns = (r: AccessLogRow) => ({
  at: r.at ?? null,
  organisation_id: r.organisationId ?? null,
  user_id: r.userId ?? null,
  role: r.role ?? null,
  on_behalf_of: r.onBehalfOf ?? null,
  case_id: r.caseId ?? null,
  action: r.action,
  procedure: r.procedure,
  result: r.result,
  session_id: r.sessionId ?? null,
  device: r.device ?? null,
  reason: r.reason ?? null,
  client_event_id: r.clientEventId ?? null,
  received_at: r.receivedAt ?? null,
  device_id: r.deviceId ?? null,
});
