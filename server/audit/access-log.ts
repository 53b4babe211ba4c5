/**
 * The access log (NEN 7513): one entry per access to a child's file, allowed
 * or denied — who, in which role, on whose behalf, which child, what, when
 * (UTC), from which session and device, and the result.
 *
 * The log is tamper-evident: entries form a hash chain per organisation, and
 * nobody may change or delete an entry (migrations 0011, 0020). A request only
 * appends; the sealer (sealer.ts) chains the new entries a moment later, in
 * batches, so no request waits for its organisation's chain. `npm run
 * audit:verify` seals what waits and checks the chains (chain.ts).
 *
 * On PostgreSQL entries are written through `ctx.auditDb`: their own pool and
 * one statement each (append_access_log, migration 0013), committed at once,
 * so a refusal stays logged when the request's own transaction rolls back.
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

type LogContext = Pick<AuthedContext, 'user' | 'request'> & Pick<Context, 'auditDb' | 'sealer'>;

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
  await appendAccessLog(db, ctx, rows);
}

async function appendInOneStatement(auditDb: Db, organisationId: string, rows: AccessLogRow[]) {
  // One statement, committed at once (migration 0013), checked by the organisation's policy.
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
  const append = () =>
    ctx.auditDb
      ? appendInOneStatement(ctx.auditDb, ctx.user.organisationId, rows)
      : db
          .insert(accessLog)
          .values(rows)
          // A repeated upload is skipped by the table's trigger (access_log_once, migration 0021).
          .returning({ id: accessLog.id })
          .then((r) => r.map((x) => x.id));
  let ids: number[] = [];
  for (let attempt = 1; ; attempt++) {
    try {
      ids = await append();
      break;
    } catch (err) {
      // The entry was routed to the DEFAULT partition just as its month's partition was made
      // (partitions.ts): nothing was written; written again, it goes to its month.
      if (attempt >= 3 || !routedToOldDefault(err)) throw err;
    }
  }
  // The chain follows off the request path (sealer.ts).
  ctx.sealer?.nudge();
  return ids;
}

/** PostgreSQL's "violates partition constraint" for access_log_default (a concurrent ATTACH). */
function routedToOldDefault(err: unknown): boolean {
  for (let e = err, depth = 0; e && depth < 10; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, table } = e as { code?: unknown; table?: unknown };
    if (code === '23514' && table === 'access_log_default') return true;
  }
  return false;
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
