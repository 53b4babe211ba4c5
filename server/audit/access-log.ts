/**
 * The access log (NEN 7513): one row per access to a child's file, allowed or
 * denied, written by the request that did the access. The log is append-only:
 * nothing in the app updates or deletes these rows.
 */

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

export async function logAccess(
  db: Db,
  ctx: Pick<AuthedContext, 'user' | 'request'>,
  entries: AccessEntry[],
) {
  if (entries.length === 0) return;
  await db.insert(accessLog).values(
    entries.map((e) => ({
      organisationId: ctx.user.organisationId,
      userId: ctx.user.id,
      role: ctx.user.role,
      onBehalfOf: e.onBehalfOf ?? null,
      caseId: e.caseId,
      action: e.action,
      procedure: e.procedure,
      result: e.allowed ? ('toegestaan' as const) : ('geweigerd' as const),
      sessionId: ctx.user.sessionId,
      device: ctx.request.userAgent.slice(0, 300),
      reason: e.reason ?? null,
    })),
  );
}
