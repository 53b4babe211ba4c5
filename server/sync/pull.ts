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
import { and, eq, gt, gte, inArray, lte, ne, or, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { DEFAULT_HOLIDAY_POLICY, type HolidayPolicy } from '../../shared/rules/working-days';
import {
  decodeCookie,
  encodeCookie,
  type PullCookie,
  type PulledRow,
  type PullInput,
  type PullResult,
  SYNC_ENTITIES,
  type SyncEntity,
} from '../../shared/schemas/sync';
import { logAccess } from '../audit/access-log';
import {
  aanbieders,
  beschikkingen,
  betrokkenen,
  caseAssignments,
  cases,
  contacts,
  gemeenten,
  gezinnen,
  jeugdigen,
  koersConflicts,
  koersen,
  maatregelen,
  organisationSettings,
  organisationVersions,
  syncClients,
  users,
  verwijzingen,
  verwijzingStappen,
} from '../db/schema';
import { caseScope } from '../services/access';
import { project } from '../services/projection';
import type { AuthedContext } from '../trpc';
import { faultPullLimit } from './fault-injection';

const DEFAULT_LIMIT = 2000;
/**
 * A complete pull that changes nothing of the device's state (same cases, no cycle pending) touches
 * its lastSeenAt at most once a minute, as a session does: the periodic "nothing changed" pull of a
 * phone then writes nothing.
 */
const TOUCH_AFTER_MS = 60_000;
/** A device may ask for bigger pages (fewer round trips on a first sync), up to this. */
const MAX_LIMIT = 5000;

interface Window {
  kept: string[];
  added: string[];
  since: number;
  target: number;
  after: PullCookie['after'];
  limit: number;
}

/** Rows of one entity in the window: (kept case and newer than since, or new case) and not past target, after the cursor. */
function windowFilter(
  w: Window,
  entity: SyncEntity,
  caseCol: AnyPgColumn,
  versionCol: AnyPgColumn,
  idCol: AnyPgColumn,
) {
  const inScope: SQL[] = [];
  if (w.kept.length) inScope.push(and(inArray(caseCol, w.kept), gt(versionCol, w.since)) as SQL);
  if (w.added.length) inScope.push(inArray(caseCol, w.added));
  const parts: SQL[] = [inScope.length ? (or(...inScope) as SQL) : sql`false`, lte(versionCol, w.target)];
  if (w.after) {
    const [av, ai, aid] = w.after;
    const ei = SYNC_ENTITIES.indexOf(entity);
    if (ei > ai) parts.push(gte(versionCol, av));
    else if (ei < ai) parts.push(gt(versionCol, av));
    else parts.push(or(gt(versionCol, av), and(eq(versionCol, av), gt(idCol, aid))) as SQL);
  }
  return and(...parts) as SQL;
}

/**
 * One entity's rows in the window: the query (not yet sent) and how a result row becomes a pulled
 * row. The query also serves inside `exists (…)`, to ask first which tables hold anything.
 */
interface Plan {
  query: SQLWrapper;
  run(): Promise<PulledRow[]>;
}

const plan = <R>(query: SQLWrapper & PromiseLike<R[]>, toRow: (r: R) => PulledRow): Plan => ({
  query,
  run: async () => (await query).map(toRow),
});

type Fetch = (ctx: AuthedContext, w: Window) => Plan;

const row = (
  entity: SyncEntity,
  r: { id: string; caseId: string; v: number },
  data: Record<string, unknown>,
) => ({
  entity,
  id: r.id,
  caseId: r.caseId,
  version: Number(r.v),
  data,
});

const fetchers: Record<SyncEntity, Fetch> = {
  case: (ctx, w) =>
    plan(
      ctx.db
        .select({
          id: cases.id,
          caseId: cases.id,
          v: cases.rowVersion,
          jeugdigeId: cases.jeugdigeId,
          teamId: cases.teamId,
          status: cases.status,
          openedOn: cases.openedOn,
          closedOn: cases.closedOn,
        })
        .from(cases)
        .where(windowFilter(w, 'case', cases.id, cases.rowVersion, cases.id))
        .orderBy(cases.rowVersion, cases.id)
        .limit(w.limit),
      ({ v, caseId, ...data }) => row('case', { id: data.id, caseId, v }, data),
    ),

  assignment: (ctx, w) =>
    plan(
      ctx.db
        .select({
          id: caseAssignments.id,
          caseId: caseAssignments.caseId,
          v: caseAssignments.rowVersion,
          userId: caseAssignments.userId,
          role: caseAssignments.role,
          fromDate: caseAssignments.fromDate,
          untilDate: caseAssignments.untilDate,
        })
        .from(caseAssignments)
        .where(
          windowFilter(
            w,
            'assignment',
            caseAssignments.caseId,
            caseAssignments.rowVersion,
            caseAssignments.id,
          ),
        )
        .orderBy(caseAssignments.rowVersion, caseAssignments.id)
        .limit(w.limit),
      ({ v, ...data }) => row('assignment', { id: data.id, caseId: data.caseId, v }, data),
    ),

  jeugdige: (ctx, w) =>
    plan(
      ctx.db
        .select({
          id: jeugdigen.id,
          caseId: cases.id,
          v: jeugdigen.rowVersion,
          gezinId: jeugdigen.gezinId,
          firstName: jeugdigen.firstName,
          lastName: jeugdigen.lastName,
          birthDate: jeugdigen.birthDate,
          gemeenteId: jeugdigen.gemeenteId,
          gemeente: gemeenten.name,
        })
        .from(jeugdigen)
        .innerJoin(cases, eq(cases.jeugdigeId, jeugdigen.id))
        .innerJoin(gemeenten, eq(gemeenten.id, jeugdigen.gemeenteId))
        .where(windowFilter(w, 'jeugdige', cases.id, jeugdigen.rowVersion, jeugdigen.id))
        .orderBy(jeugdigen.rowVersion, jeugdigen.id)
        .limit(w.limit),
      ({ v, caseId, ...data }) => row('jeugdige', { id: data.id, caseId, v }, data),
    ),

  gezin: (ctx, w) =>
    plan(
      ctx.db
        .select({
          id: gezinnen.id,
          caseId: cases.id,
          v: gezinnen.rowVersion,
          name: gezinnen.name,
          address: gezinnen.address,
          postcode: gezinnen.postcode,
          gemeenteId: gezinnen.gemeenteId,
        })
        .from(gezinnen)
        .innerJoin(jeugdigen, eq(jeugdigen.gezinId, gezinnen.id))
        .innerJoin(cases, eq(cases.jeugdigeId, jeugdigen.id))
        .where(windowFilter(w, 'gezin', cases.id, gezinnen.rowVersion, gezinnen.id))
        .orderBy(gezinnen.rowVersion, gezinnen.id)
        .limit(w.limit),
      ({ v, caseId, ...data }) => row('gezin', { id: data.id, caseId, v }, data),
    ),

  betrokkene: (ctx, w) =>
    plan(
      ctx.db
        .select({
          id: betrokkenen.id,
          caseId: cases.id,
          v: betrokkenen.rowVersion,
          gezinId: betrokkenen.gezinId,
          name: betrokkenen.name,
          relation: betrokkenen.relation,
          hasCustody: betrokkenen.hasCustody,
          phone: betrokkenen.phone,
          email: betrokkenen.email,
          note: betrokkenen.note,
        })
        .from(betrokkenen)
        .innerJoin(jeugdigen, eq(jeugdigen.gezinId, betrokkenen.gezinId))
        .innerJoin(cases, eq(cases.jeugdigeId, jeugdigen.id))
        .where(windowFilter(w, 'betrokkene', cases.id, betrokkenen.rowVersion, betrokkenen.id))
        .orderBy(betrokkenen.rowVersion, betrokkenen.id)
        .limit(w.limit),
      ({ v, caseId, ...data }) => row('betrokkene', { id: data.id, caseId, v }, data),
    ),

  maatregel: (ctx, w) =>
    plan(
      ctx.db
        .select({
          id: maatregelen.id,
          caseId: maatregelen.caseId,
          v: maatregelen.rowVersion,
          type: maatregelen.type,
          court: maatregelen.court,
          rulingDate: maatregelen.rulingDate,
          startDate: maatregelen.startDate,
          endDate: maatregelen.endDate,
          outOfHomePlacement: maatregelen.outOfHomePlacement,
          status: maatregelen.status,
          endedOn: maatregelen.endedOn,
          // The measure's life (services/measure-life.ts): why it ended, what it continues, its norms' start.
          endReason: maatregelen.endReason,
          endReasonText: maatregelen.endReasonText,
          previousMaatregelId: maatregelen.previousMaatregelId,
          normsFrom: maatregelen.normsFrom,
        })
        .from(maatregelen)
        .where(windowFilter(w, 'maatregel', maatregelen.caseId, maatregelen.rowVersion, maatregelen.id))
        .orderBy(maatregelen.rowVersion, maatregelen.id)
        .limit(w.limit),
      ({ v, ...data }) => row('maatregel', { id: data.id, caseId: data.caseId, v }, data),
    ),

  beschikking: (ctx, w) =>
    plan(
      ctx.db
        .select({
          id: beschikkingen.id,
          caseId: maatregelen.caseId,
          v: beschikkingen.rowVersion,
          maatregelId: beschikkingen.maatregelId,
          kind: beschikkingen.kind,
          date: beschikkingen.date,
          validUntil: beschikkingen.validUntil,
          court: beschikkingen.court,
          reference: beschikkingen.reference,
          summary: beschikkingen.summary,
        })
        .from(beschikkingen)
        .innerJoin(maatregelen, eq(maatregelen.id, beschikkingen.maatregelId))
        .where(windowFilter(w, 'beschikking', maatregelen.caseId, beschikkingen.rowVersion, beschikkingen.id))
        .orderBy(beschikkingen.rowVersion, beschikkingen.id)
        .limit(w.limit),
      ({ v, caseId, ...data }) => row('beschikking', { id: data.id, caseId, v }, data),
    ),

  koers: (ctx, w) =>
    plan(
      ctx.db
        .select({
          id: koersen.id,
          caseId: koersen.caseId,
          v: koersen.rowVersion,
          version: koersen.version,
          status: koersen.status,
          content: koersen.content,
          agreement: koersen.agreement,
          evaluationDate: koersen.evaluationDate,
          agreedOn: koersen.agreedOn,
          // Per field, the version of its last change: the device sends it back as the base of an edit.
          fieldVersions: koersen.fieldVersions,
          createdBy: koersen.createdBy,
          updatedAt: koersen.updatedAt,
        })
        .from(koersen)
        .where(windowFilter(w, 'koers', koersen.caseId, koersen.rowVersion, koersen.id))
        .orderBy(koersen.rowVersion, koersen.id)
        .limit(w.limit),
      ({ v, updatedAt, ...data }) =>
        row(
          'koers',
          { id: data.id, caseId: data.caseId, v },
          { ...data, updatedAt: updatedAt.toISOString() },
        ),
    ),

  contact: (ctx, w) =>
    plan(
      ctx.db
        .select({
          id: contacts.id,
          caseId: contacts.caseId,
          v: contacts.rowVersion,
          kind: contacts.kind,
          occurredAt: contacts.occurredAt,
          present: contacts.present,
          childSeen: contacts.childSeen,
          report: contacts.report,
          amendsId: contacts.amendsId,
          nextContactOn: contacts.nextContactOn,
          authorId: contacts.authorId,
        })
        .from(contacts)
        .where(windowFilter(w, 'contact', contacts.caseId, contacts.rowVersion, contacts.id))
        .orderBy(contacts.rowVersion, contacts.id)
        .limit(w.limit),
      ({ v, occurredAt, ...data }) =>
        row(
          'contact',
          { id: data.id, caseId: data.caseId, v },
          { ...data, occurredAt: occurredAt.toISOString() },
        ),
    ),

  // A conflict is shown to the one whose edit it holds.
  koersConflict: (ctx, w) =>
    plan(
      ctx.db
        .select({
          id: koersConflicts.id,
          caseId: koersConflicts.caseId,
          v: koersConflicts.rowVersion,
          koersId: koersConflicts.koersId,
          field: koersConflicts.field,
          theirs: koersConflicts.theirs,
          mine: koersConflicts.mine,
          createdAt: koersConflicts.createdAt,
          resolvedAt: koersConflicts.resolvedAt,
          resolution: koersConflicts.resolution,
        })
        .from(koersConflicts)
        .where(
          and(
            eq(koersConflicts.authorId, ctx.user.id),
            windowFilter(
              w,
              'koersConflict',
              koersConflicts.caseId,
              koersConflicts.rowVersion,
              koersConflicts.id,
            ),
          ),
        )
        .orderBy(koersConflicts.rowVersion, koersConflicts.id)
        .limit(w.limit),
      ({ v, createdAt, resolvedAt, ...data }) =>
        row(
          'koersConflict',
          { id: data.id, caseId: data.caseId, v },
          { ...data, createdAt: createdAt.toISOString(), resolvedAt: resolvedAt?.toISOString() ?? null },
        ),
    ),

  verwijzing: (ctx, w) =>
    plan(
      ctx.db
        .select({
          id: verwijzingen.id,
          caseId: verwijzingen.caseId,
          v: verwijzingen.rowVersion,
          status: verwijzingen.status,
          productCategory: verwijzingen.productCategory,
          productCode: verwijzingen.productCode,
          productName: verwijzingen.productName,
          need: verwijzingen.need,
          goalIds: verwijzingen.goalIds,
          urgency: verwijzingen.urgency,
          urgencyReason: verwijzingen.urgencyReason,
          preferredAanbiederIds: verwijzingen.preferredAanbiederIds,
          consent: verwijzingen.consent,
          familyViews: verwijzingen.familyViews,
          aanbiederId: verwijzingen.aanbiederId,
          aanbiederName: aanbieders.name,
          gemeenteId: verwijzingen.gemeenteId,
          gemeenteNote: verwijzingen.gemeenteNote,
          helpDueDate: verwijzingen.helpDueDate,
          requestedAt: verwijzingen.requestedAt,
          startedOn: verwijzingen.startedOn,
          endedOn: verwijzingen.endedOn,
          escalation: verwijzingen.escalation,
          expectedStartOn: verwijzingen.expectedStartOn,
          followUpOn: verwijzingen.followUpOn,
          bridging: verwijzingen.bridging,
          alternative: verwijzingen.alternative,
        })
        .from(verwijzingen)
        .leftJoin(aanbieders, eq(aanbieders.id, verwijzingen.aanbiederId))
        .where(windowFilter(w, 'verwijzing', verwijzingen.caseId, verwijzingen.rowVersion, verwijzingen.id))
        .orderBy(verwijzingen.rowVersion, verwijzingen.id)
        .limit(w.limit),
      ({ v, requestedAt, ...data }) =>
        row(
          'verwijzing',
          { id: data.id, caseId: data.caseId, v },
          { ...data, requestedAt: requestedAt.toISOString() },
        ),
    ),

  /** A request's history: every step and note, with who took it (by name) and the answer. */
  verwijzingStap: (ctx, w) =>
    plan(
      ctx.db
        .select({
          id: verwijzingStappen.id,
          caseId: verwijzingStappen.caseId,
          v: verwijzingStappen.rowVersion,
          verwijzingId: verwijzingStappen.verwijzingId,
          step: verwijzingStappen.step,
          fromStatus: verwijzingStappen.fromStatus,
          toStatus: verwijzingStappen.toStatus,
          answer: verwijzingStappen.answer,
          aanbiederName: aanbieders.name,
          on: verwijzingStappen.on,
          byUserId: verwijzingStappen.byUserId,
          byName: users.displayName,
          byRole: verwijzingStappen.byRole,
          at: verwijzingStappen.at,
        })
        .from(verwijzingStappen)
        .innerJoin(users, eq(users.id, verwijzingStappen.byUserId))
        .leftJoin(aanbieders, eq(aanbieders.id, verwijzingStappen.aanbiederId))
        .where(
          windowFilter(
            w,
            'verwijzingStap',
            verwijzingStappen.caseId,
            verwijzingStappen.rowVersion,
            verwijzingStappen.id,
          ),
        )
        .orderBy(verwijzingStappen.rowVersion, verwijzingStappen.id)
        .limit(w.limit),
      ({ v, at, ...data }) =>
        row('verwijzingStap', { id: data.id, caseId: data.caseId, v }, { ...data, at: at.toISOString() }),
    ),
};

const sameIds = (a: string[] | null, b: string[]) =>
  !!a && a.length === b.length && a.every((id, i) => id === b[i]);

const order = (a: PulledRow, b: PulledRow) =>
  a.version - b.version ||
  SYNC_ENTITIES.indexOf(a.entity) - SYNC_ENTITIES.indexOf(b.entity) ||
  (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

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
  const [state] = await ctx.db
    .select({
      userId: syncClients.userId,
      lastMutationId: syncClients.lastMutationId,
      syncedCaseIds: syncClients.syncedCaseIds,
      pendingTarget: syncClients.pendingTarget,
      pendingCaseIds: syncClients.pendingCaseIds,
      pendingRefetchIds: syncClients.pendingRefetchIds,
      lastSeenAt: syncClients.lastSeenAt,
      version: sql<string | number | bigint | null>`(${ctx.db
        .select({ version: organisationVersions.version })
        .from(organisationVersions)
        .where(eq(organisationVersions.organisationId, ctx.user.organisationId))})`,
      caseIds: sql<string[] | null>`(select json_agg(${cases.id}) from ${cases} where ${and(
        caseScope(ctx),
        ne(cases.status, 'afgesloten'),
      )})`,
      holidayPolicy: sql<HolidayPolicy | null>`(${ctx.db
        .select({ policy: organisationSettings.holidayPolicy })
        .from(organisationSettings)
        .where(eq(organisationSettings.organisationId, ctx.user.organisationId))})`,
    })
    .from(sql`(select 1) as one`)
    .leftJoin(syncClients, eq(syncClients.id, input.clientId));
  const client =
    state?.userId != null
      ? {
          ...state,
          userId: state.userId,
          lastMutationId: state.lastMutationId ?? 0,
          lastSeenAt: state.lastSeenAt ?? new Date(0),
        }
      : undefined;
  if (client && client.userId !== ctx.user.id) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Dit apparaat hoort niet bij deze gebruiker' });
  }
  if (!client) {
    await ctx.db
      .insert(syncClients)
      .values({ id: input.clientId, userId: ctx.user.id, createdAt: ctx.now, lastSeenAt: ctx.now })
      .onConflictDoNothing();
  }
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
  const w: Window = {
    kept: scope.filter((id) => syncedSet.has(id)),
    added: scope.filter((id) => !syncedSet.has(id)),
    since,
    target,
    // A mid-cycle cookie without the cycle's state on the server starts the cycle again from `since`.
    after: resuming ? (cookie?.after ?? null) : null,
    limit,
  };

  // No row can be in an empty window (nothing new in scope, and nothing committed after `since`):
  // the usual periodic pull asks the twelve tables nothing.
  const emptyWindow = w.added.length === 0 && (w.kept.length === 0 || w.since >= w.target);
  // Building the twelve queries costs more CPU than the rest of such a pull: only when they may run.
  const plans = emptyWindow ? [] : SYNC_ENTITIES.map((e) => fetchers[e](ctx, w));
  let asked = plans.map(() => true);
  if (!emptyWindow && w.added.length === 0) {
    // An incremental pull (nothing new in scope) usually finds changes in a few tables: one statement
    // asks which tables hold rows in the window, then only those are read.
    const result = await ctx.db.execute(
      sql`select ${sql.join(
        plans.map((p, i) => sql`exists (${p.query}) as ${sql.identifier(`e${i}`)}`),
        sql`, `,
      )}`,
    );
    const found = (result as unknown as { rows: Record<string, unknown>[] }).rows[0] ?? {};
    asked = plans.map((_, i) => found[`e${i}`] === true);
  }
  const perEntity = await Promise.all(plans.map((p, i) => (asked[i] ? p.run() : [])));
  // Each row as the user's role may receive it (services/projection.ts): the field roles, the only
  // ones that pull (sync.pull's guard), get their cases whole; the table decides, not this file.
  for (const list of perEntity) for (const r of list) r.data = project(ctx.user.role, r.entity, r.data);
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
