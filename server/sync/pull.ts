/**
 * sync.pull: what changed since the device's cookie, limited to what the user
 * may see now, in resumable pages ordered by (version, entity, id).
 *  - Versions come from the per-organisation counter, so their order is commit
 *    order and a cursor on them never skips a row (see versions.ts).
 *  - A pull cycle catches up to the counter's committed value at its first
 *    page (pendingTarget) with the scope of that moment (pendingCaseIds); later
 *    writes come with the next cycle.
 *  - A case new in scope arrives whole; a case that left scope is named in
 *    removedCaseIds once the cycle completes, so the device deletes it.
 *  - Only for the field roles (the router's guard), each row's fields as the
 *    role's need-to-know gives them (services/projection.ts).
 */
import { TRPCError } from '@trpc/server';
import { and, eq, ne, sql } from 'drizzle-orm';
import { dutchToday, type IsoDate } from '../../shared/rules/dates';
import { DEFAULT_HOLIDAY_POLICY, type HolidayPolicy } from '../../shared/rules/working-days';
import {
  decodeCookie,
  encodeCookie,
  type PullCookie,
  type PulledRow,
  type PullInput,
  type PullResult,
  SYNC_ENTITIES,
} from '../../shared/schemas/sync';
import type { Role } from '../../shared/schemas/user';
import { logAccess } from '../audit/access-log';
import type { Db } from '../db/connection';
import { cases, organisationSettings, organisationVersions, syncClients } from '../db/schema';
import { caseScope } from '../services/access';
import { project } from '../services/projection';
import type { AuthedContext } from '../trpc';
import { registerClient } from './clients';
import { faultPullLimit } from './fault-injection';
import { type RowWindow, readRows } from './pull-rows';

const DEFAULT_LIMIT = 2000;
/**
 * A complete pull that changes nothing of the device's state (same cases, no cycle pending) touches
 * its lastSeenAt at most once a minute, as a session does: the periodic "nothing changed" pull of a
 * phone then writes nothing.
 */
const TOUCH_AFTER_MS = 60_000;
/** A device may ask for bigger pages (fewer round trips on a first sync), up to this. */
const MAX_LIMIT = 5000;

const sameIds = (a: string[] | null, b: string[]) =>
  !!a && a.length === b.length && a.every((id, i) => id === b[i]);

const order = (a: PulledRow, b: PulledRow) =>
  a.version - b.version ||
  SYNC_ENTITIES.indexOf(a.entity) - SYNC_ENTITIES.indexOf(b.entity) ||
  (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The statement that opens every pull, prepared once per connection pool and role: the phone's
 * periodic "nothing changed" pull is this one statement. Its values are placeholders (the user as
 * caseScope reads them, services/access.ts).
 */
function buildPullState(db: Db, role: Role) {
  const p = <T>(name: string) => sql.placeholder(name) as unknown as T;
  const user = {
    id: p<string>('userId'),
    organisationId: p<string>('organisationId'),
    teamId: p<string | null>('teamId'),
    role,
    displayName: '',
    sessionId: null,
  };
  return db
    .select({
      userId: syncClients.userId,
      lastMutationId: syncClients.lastMutationId,
      syncedCaseIds: syncClients.syncedCaseIds,
      pendingTarget: syncClients.pendingTarget,
      pendingCaseIds: syncClients.pendingCaseIds,
      pendingRefetchIds: syncClients.pendingRefetchIds,
      lastSeenAt: syncClients.lastSeenAt,
      version: sql<string | number | bigint | null>`(${db
        .select({ version: organisationVersions.version })
        .from(organisationVersions)
        .where(eq(organisationVersions.organisationId, user.organisationId))})`,
      caseIds: sql<string[] | null>`(select json_agg(${cases.id}) from ${cases} where ${and(
        caseScope({ user, now: new Date(0) }, p<IsoDate>('today')),
        ne(cases.status, 'afgesloten'),
      )})`,
      holidayPolicy: sql<HolidayPolicy | null>`(${db
        .select({ policy: organisationSettings.holidayPolicy })
        .from(organisationSettings)
        .where(eq(organisationSettings.organisationId, user.organisationId))})`,
    })
    .from(sql`(select 1) as one`)
    .leftJoin(syncClients, eq(syncClients.id, p<string>('clientId')))
    .prepare(`pull_state_${role}`);
}

const pullStates = new WeakMap<Db, Map<Role, ReturnType<typeof buildPullState>>>();

function pullState(db: Db, role: Role) {
  const byRole = pullStates.get(db) ?? new Map<Role, ReturnType<typeof buildPullState>>();
  pullStates.set(db, byRole);
  const prepared = byRole.get(role) ?? buildPullState(db, role);
  byRole.set(role, prepared);
  return prepared;
}

export async function pull(ctx: AuthedContext, input: PullInput): Promise<PullResult> {
  const cookie = decodeCookie(input.cookie);
  if (input.cookie !== null && cookie === null) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: 'Ongeldige sync-cookie; begin opnieuw zonder cookie',
    });
  }
  const limit = faultPullLimit(Math.min(input.limit ?? DEFAULT_LIMIT, MAX_LIMIT));
  // The device's state, the organisation's counter and the cases in scope now: one statement (one
  // round trip, one snapshot). A resumed cycle uses the counter and scope it started with instead.
  const [state] = await pullState(ctx.db, ctx.user.role).execute({
    clientId: input.clientId,
    userId: ctx.user.id,
    organisationId: ctx.user.organisationId,
    teamId: ctx.user.teamId,
    today: dutchToday(ctx.now),
  });
  const client =
    state?.userId != null
      ? {
          ...state,
          userId: state.userId,
          lastMutationId: state.lastMutationId ?? 0,
          lastSeenAt: state.lastSeenAt ?? new Date(0),
        }
      : undefined;
  await registerClient(ctx, input.clientId, client?.userId ?? null);
  // Without a cookie the device holds nothing: everything in scope is new to it.
  const synced = cookie ? (client?.syncedCaseIds ?? []) : [];
  const since = cookie?.since ?? 0;

  let target: number;
  let scope: string[];
  let refetched: string[];
  const resuming = !!cookie?.after && client?.pendingTarget != null && !!client.pendingCaseIds;
  if (resuming && client?.pendingTarget != null && client.pendingCaseIds) {
    target = client.pendingTarget;
    scope = client.pendingCaseIds;
    refetched = client.pendingRefetchIds ?? [];
  } else {
    target = Number(state?.version ?? 0);
    // A cookie from the future (forged, or from another server's database) would skip rows for good.
    if (since > target || (cookie?.after && cookie.after[0] > target)) {
      throw new TRPCError({
        code: 'BAD_REQUEST',
        message: 'Ongeldige sync-cookie; begin opnieuw zonder cookie',
      });
    }
    scope = [...(state?.caseIds ?? [])].sort();
    // A refetch is honoured at the start of a cycle, for cases the user may see, and holds for the whole cycle.
    refetched = (input.refetchCaseIds ?? []).filter((id) => scope.includes(id));
  }
  const syncedSet = new Set(synced.filter((id) => !refetched.includes(id)));
  const scopeSet = new Set(scope);
  const w: RowWindow = {
    kept: scope.filter((id) => syncedSet.has(id)),
    added: scope.filter((id) => !syncedSet.has(id)),
    since,
    target,
    // A mid-cycle cookie without the cycle's state on the server starts the cycle again from `since`.
    after: resuming ? (cookie?.after ?? null) : null,
    limit,
    userId: ctx.user.id,
  };

  // No row can be in an empty window (nothing new in scope, and nothing committed after `since`):
  // the usual periodic pull asks the tables nothing.
  const emptyWindow = w.added.length === 0 && (w.kept.length === 0 || w.since >= w.target);
  const perEntity = emptyWindow ? [] : await readRows(ctx.db, w);
  // Each row as the user's role may receive it (services/projection.ts): the field roles, the only
  // ones that pull (sync.pull's guard), get their cases whole, so the row keeps its type; the table
  // decides, not this file.
  for (const list of perEntity)
    for (const r of list) r.data = project(ctx.user.role, r.entity, r.data) as typeof r.data;
  const seen = new Set<string>();
  const candidates = perEntity
    .flat()
    .sort(order)
    .filter((r) => {
      const key = `${r.entity}:${r.id}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  const rows = candidates.slice(0, limit);
  // More follows when this page had to leave candidates out, or an entity filled its limit
  // (it may hold rows past the cursor that were not even fetched).
  const more = candidates.length > limit || perEntity.some((list) => list.length >= limit);
  const last = rows.at(-1);

  let nextCookie: PullCookie;
  let removedCaseIds: string[] = [];
  if (more && last) {
    nextCookie = { since, after: [last.version, SYNC_ENTITIES.indexOf(last.entity), last.id] };
    await ctx.db
      .update(syncClients)
      .set({
        pendingTarget: target,
        pendingCaseIds: scope,
        pendingRefetchIds: refetched,
        lastSeenAt: ctx.now,
      })
      .where(eq(syncClients.id, input.clientId));
  } else {
    nextCookie = { since: target, after: null };
    removedCaseIds = synced.filter((id) => !scopeSet.has(id));
    const unchanged =
      client &&
      client.pendingTarget == null &&
      client.pendingCaseIds == null &&
      client.pendingRefetchIds == null &&
      sameIds(client.syncedCaseIds, scope) &&
      ctx.now.getTime() - client.lastSeenAt.getTime() < TOUCH_AFTER_MS;
    if (!unchanged)
      await ctx.db
        .update(syncClients)
        .set({
          syncedCaseIds: scope,
          pendingTarget: null,
          pendingCaseIds: null,
          pendingRefetchIds: null,
          lastSeenAt: ctx.now,
        })
        .where(eq(syncClients.id, input.clientId));
  }

  const deliveredCases = [...new Set(rows.map((r) => r.caseId))];
  await logAccess(
    ctx.db,
    ctx,
    deliveredCases.map((caseId) => ({
      caseId,
      action: 'read' as const,
      procedure: 'sync.pull',
      allowed: true,
    })),
  );

  return {
    cookie: encodeCookie(nextCookie),
    more,
    rows,
    removedCaseIds,
    // Named on the cycle's first page only: that is where the device replaces what it held.
    refetchedCaseIds: resuming ? [] : refetched,
    lastMutationId: Number(client?.lastMutationId ?? 0),
    serverTime: ctx.now.toISOString(),
    holidayPolicy: state?.holidayPolicy ?? DEFAULT_HOLIDAY_POLICY,
  };
}
