/**
 * The referral desk (verwijsbalie): the queue of open requests for help across
 * the organisation, one request with what handling it needs, the steps and
 * events that move it, and the reports (nog geen passende hulp, waiting time)
 * with their CSV exports.
 *
 * Guarantees: support staff get what a referral needs — the child's name and
 * birth date, gemeente, the request, its history — never the contact reports.
 * Every step or event is checked against the shared rules
 * (shared/rules/verwijzing.ts) whoever sends it, changes nothing when refused,
 * is kept in the history with who, when and the answer, and gives the request
 * a new sync version so the worker's phone pulls the change. Every child
 * whose data goes out is in the access log (list, read, update or export).
 */
import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { and, asc, desc, eq, gte, inArray, isNotNull, lt, lte, ne, type SQL, sql } from 'drizzle-orm';
import { daysBetween, dutchToday, type IsoDate, plusDays } from '../../shared/rules/dates';
import { escalationSummary, nextEscalationTarget } from '../../shared/rules/escalation-summary';
import { type HelpReport, noFittingHelpReport, type ReportCell } from '../../shared/rules/help-report';
import { lastDayOf, normsStart } from '../../shared/rules/measure-life';
import { currentRulingDate, helpDueDate, WARNING_DAYS } from '../../shared/rules/norms';
import {
  allowedVerwijzingSteps,
  applyVerwijzingStep,
  checkVerwijzingEvent,
  type EscalationLevel,
  type VerwijzingEvent,
} from '../../shared/rules/verwijzing';
import { categoryLabel, type WaitingReport, waitingReport } from '../../shared/rules/waiting-report';
import type {
  Alternative,
  Bridging,
  QueueFilter,
  VerwijzingStepInput,
} from '../../shared/schemas/referral-desk';
import {
  OPEN_VERWIJZING_STATUSES,
  type Urgency,
  VERWIJZING_STATUS_NAMES,
  type VerwijzingStatus,
} from '../../shared/schemas/verwijzing';
import { type AccessAction, logAccess } from '../audit/access-log';
import type { Db } from '../db/connection';
import {
  aanbiederRegions,
  aanbieders,
  cases,
  gemeenten,
  jeugdigen,
  koersen,
  maatregelen,
  regionArrangements,
  regions,
  users,
  verwijzingen,
  verwijzingStappen,
} from '../db/schema';
import { nextVersion } from '../sync/versions';
import type { AuthedContext } from '../trpc';
import { caseScope, countScope } from './access';
import { measuresByCase } from './measures';
import { project, projectView } from './projection';
import { requireFreshAuth } from './step-up';

// ── Shared helpers ─────────────────────────────────────────────────────────

const URGENCY_RANK: Record<Urgency, number> = { acuut: 0, urgent: 1, regulier: 2 };

/** "45 Jeugdhulp ambulant" style: the product name with its code and JZ020 category. */
function productText(r: { productName: string; productCode: string; productCategory: string }): string {
  const category = `${r.productCategory} ${categoryLabel(r.productCategory)}`;
  if (!r.productName) return category;
  return `${r.productName} (${r.productCode ? `${r.productCode}, ` : ''}${category})`;
}

/**
 * The court ruling a request answers: the measure whose 3-month help date is
 * the request's "hulp uiterlijk" (that is how the date was set), else the
 * newest running measure's, else the newest measure's.
 */
function rulingFor(
  measures: { rulingDate: IsoDate; status: string; normsFrom: IsoDate | null }[],
  due: IsoDate,
): IsoDate | null {
  const answered = measures.find((m) => helpDueDate(normsStart(m)) === due);
  return answered ? normsStart(answered) : currentRulingDate(measures);
}

function logCases(
  ctx: AuthedContext,
  db: Db,
  caseIds: string[],
  action: AccessAction,
  procedure: string,
): Promise<void> {
  return logAccess(
    db,
    ctx,
    [...new Set(caseIds)].map((caseId) => ({ caseId, action, procedure, allowed: true })),
  );
}

async function refuse(ctx: AuthedContext, db: Db, action: AccessAction, procedure: string): Promise<never> {
  // An unknown id and another organisation's request are refused alike, so ids cannot be probed.
  await logAccess(db, ctx, [
    { caseId: null, action, procedure, allowed: false, reason: 'buiten bevoegdheid' },
  ]);
  throw new TRPCError({ code: 'FORBIDDEN', message: 'U heeft geen toegang tot deze aanvraag' });
}

// ── The queue ──────────────────────────────────────────────────────────────

/**
 * The queue, filtered, in the order of the afwegingskader: acuut, urgent,
 * regulier; within each the nearest "hulp uiterlijk" date (which follows from
 * the court's ruling), then the earliest ruling, then the oldest request.
 * Without a status filter it holds the open requests (ingediend up to
 * opgeschaald); with one, exactly that status.
 */
async function loadQueue(ctx: AuthedContext, filter: QueueFilter) {
  const today = dutchToday(ctx.now);
  const where: (SQL | undefined)[] = [
    caseScope(ctx),
    filter?.status
      ? eq(verwijzingen.status, filter.status)
      : inArray(verwijzingen.status, [...OPEN_VERWIJZING_STATUSES]),
  ];
  if (filter?.regionId) where.push(eq(gemeenten.regionId, filter.regionId));
  if (filter?.gemeenteId) where.push(eq(verwijzingen.gemeenteId, filter.gemeenteId));
  if (filter?.urgency) where.push(eq(verwijzingen.urgency, filter.urgency));
  if (filter?.norm === 'verlopen') where.push(lt(verwijzingen.helpDueDate, today));
  if (filter?.norm === 'binnenkort') {
    where.push(
      gte(verwijzingen.helpDueDate, today),
      lte(verwijzingen.helpDueDate, plusDays(today, WARNING_DAYS.passendeHulp)),
    );
  }
  const rows = await ctx.db
    .select({
      id: verwijzingen.id,
      caseId: verwijzingen.caseId,
      status: verwijzingen.status,
      productCategory: verwijzingen.productCategory,
      productName: verwijzingen.productName,
      urgency: verwijzingen.urgency,
      helpDueDate: verwijzingen.helpDueDate,
      requestedAt: verwijzingen.requestedAt,
      escalation: verwijzingen.escalation,
      expectedStartOn: verwijzingen.expectedStartOn,
      followUpOn: verwijzingen.followUpOn,
      hasBridging: sql<boolean>`${verwijzingen.bridging} is not null`,
      aanbieder: aanbieders.name,
      firstName: jeugdigen.firstName,
      lastName: jeugdigen.lastName,
      gemeenteId: verwijzingen.gemeenteId,
      gemeente: gemeenten.name,
      regionId: regions.id,
      region: regions.name,
    })
    .from(verwijzingen)
    .innerJoin(cases, eq(cases.id, verwijzingen.caseId))
    .innerJoin(jeugdigen, eq(jeugdigen.id, cases.jeugdigeId))
    .innerJoin(gemeenten, eq(gemeenten.id, verwijzingen.gemeenteId))
    .innerJoin(regions, eq(regions.id, gemeenten.regionId))
    .leftJoin(aanbieders, eq(aanbieders.id, verwijzingen.aanbiederId))
    .where(and(...where));
  const measures = await measuresByCase(ctx.db, [...new Set(rows.map((r) => r.caseId))]);
  const queue = rows
    .map((r) => {
      const requestedOn = dutchToday(r.requestedAt);
      return {
        id: r.id,
        caseId: r.caseId,
        jeugdigeName: `${r.firstName} ${r.lastName}`,
        gemeenteId: r.gemeenteId,
        gemeente: r.gemeente,
        regionId: r.regionId,
        region: r.region,
        status: r.status,
        productCategory: r.productCategory,
        product: r.productName || categoryLabel(r.productCategory),
        urgency: r.urgency,
        rulingDate: rulingFor(measures.get(r.caseId) ?? [], r.helpDueDate),
        helpDueDate: r.helpDueDate,
        daysLeft: daysBetween(today, r.helpDueDate),
        requestedAt: r.requestedAt.toISOString(),
        waitDays: daysBetween(requestedOn, today),
        escalation: r.escalation,
        expectedStartOn: r.expectedStartOn,
        followUpOn: r.followUpOn,
        aanbieder: r.aanbieder,
        hasBridging: Boolean(r.hasBridging),
      };
    })
    .filter((r) => filter?.minWaitDays === undefined || r.waitDays >= filter.minWaitDays);
  queue.sort(
    (a, b) =>
      URGENCY_RANK[a.urgency] - URGENCY_RANK[b.urgency] ||
      a.helpDueDate.localeCompare(b.helpDueDate) ||
      (a.rulingDate ?? '9999').localeCompare(b.rulingDate ?? '9999') ||
      a.requestedAt.localeCompare(b.requestedAt) ||
      a.id.localeCompare(b.id),
  );
  return queue;
}
export type QueueRow = Awaited<ReturnType<typeof loadQueue>>[number];

export async function referralQueue(ctx: AuthedContext, filter: QueueFilter) {
  const queue = await loadQueue(ctx, filter);
  await logCases(
    ctx,
    ctx.db,
    queue.map((r) => r.caseId),
    'list',
    'referrals.queue',
  );
  return queue;
}

// ── One request ────────────────────────────────────────────────────────────

/** Initials and birth year: the summary leaves the GI, so it names the child no more than needed. */
function childLabel(firstName: string, lastName: string, birthDate: IsoDate): string {
  const surname = lastName.trim().split(/\s+/).at(-1) ?? '';
  return `${firstName.charAt(0).toUpperCase()}.${surname.charAt(0).toUpperCase()}., geboren ${birthDate.slice(0, 4)}`;
}

/**
 * Everything the desk needs to handle one request: the child (name, birth
 * date), gemeente, region and the GI's arrangement with it, the request with
 * the koers goals it serves, its history, the steps allowed now, the providers
 * that offer the product in the region, and a doorbraak summary when it can be
 * escalated. Deliberately not: contact reports, the family's network, the rest
 * of the koers.
 */
export async function referralDetail(ctx: AuthedContext, id: string) {
  const [r] = await ctx.db
    .select({
      id: verwijzingen.id,
      caseId: verwijzingen.caseId,
      status: verwijzingen.status,
      escalation: verwijzingen.escalation,
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
      gemeenteNote: verwijzingen.gemeenteNote,
      helpDueDate: verwijzingen.helpDueDate,
      requestedBy: users.displayName,
      requestedAt: verwijzingen.requestedAt,
      aanbiederId: verwijzingen.aanbiederId,
      bridging: verwijzingen.bridging,
      alternative: verwijzingen.alternative,
      followUpOn: verwijzingen.followUpOn,
      expectedStartOn: verwijzingen.expectedStartOn,
      startedOn: verwijzingen.startedOn,
      endedOn: verwijzingen.endedOn,
      firstName: jeugdigen.firstName,
      lastName: jeugdigen.lastName,
      birthDate: jeugdigen.birthDate,
      gemeenteId: gemeenten.id,
      gemeente: gemeenten.name,
      regionId: regions.id,
      region: regions.name,
    })
    .from(verwijzingen)
    .innerJoin(cases, eq(cases.id, verwijzingen.caseId))
    .innerJoin(jeugdigen, eq(jeugdigen.id, cases.jeugdigeId))
    .innerJoin(gemeenten, eq(gemeenten.id, verwijzingen.gemeenteId))
    .innerJoin(regions, eq(regions.id, gemeenten.regionId))
    .innerJoin(users, eq(users.id, verwijzingen.requestedBy))
    .where(and(eq(verwijzingen.id, id), caseScope(ctx)));
  if (!r) return refuse(ctx, ctx.db, 'read', 'referrals.get');
  // Of the child's file: who the child is, as the role's projection gives it (the desk's need).
  const child = projectView(ctx.user.role, 'jeugdige', r, ['firstName', 'lastName', 'birthDate']);

  const [arrangementRows, koersRows, historyRows, providerRows, measures] = await Promise.all([
    ctx.db
      .select({
        consultation: regionArrangements.consultation,
        contactPoint: regionArrangements.contactPoint,
        answerWorkdays: regionArrangements.answerWorkdays,
        expertteamContact: regionArrangements.expertteamContact,
        notes: regionArrangements.notes,
      })
      .from(regionArrangements)
      .where(
        and(
          eq(regionArrangements.organisationId, ctx.user.organisationId),
          eq(regionArrangements.regionId, r.regionId),
        ),
      ),
    r.goalIds.length
      ? ctx.db
          .select({ content: koersen.content })
          .from(koersen)
          .where(eq(koersen.caseId, r.caseId))
          .orderBy(desc(koersen.version))
      : Promise.resolve([]),
    ctx.db
      .select({
        id: verwijzingStappen.id,
        step: verwijzingStappen.step,
        fromStatus: verwijzingStappen.fromStatus,
        toStatus: verwijzingStappen.toStatus,
        answer: verwijzingStappen.answer,
        aanbiederName: aanbieders.name,
        on: verwijzingStappen.on,
        by: users.displayName,
        byRole: verwijzingStappen.byRole,
        at: verwijzingStappen.at,
      })
      .from(verwijzingStappen)
      .innerJoin(users, eq(users.id, verwijzingStappen.byUserId))
      .leftJoin(aanbieders, eq(aanbieders.id, verwijzingStappen.aanbiederId))
      .where(eq(verwijzingStappen.verwijzingId, r.id))
      // Steps in one request share a clock tick at most; the sync version orders them as committed.
      .orderBy(asc(verwijzingStappen.at), asc(verwijzingStappen.rowVersion)),
    ctx.db
      .select({
        id: aanbieders.id,
        name: aanbieders.name,
        products: aanbieders.products,
        waitWeeks: aanbieders.waitWeeks,
        contactRoute: aanbieders.contactRoute,
      })
      .from(aanbieders)
      .innerJoin(aanbiederRegions, eq(aanbiederRegions.aanbiederId, aanbieders.id))
      .where(and(eq(aanbiederRegions.regionId, r.regionId), eq(aanbieders.active, true))),
    measuresByCase(ctx.db, [r.caseId]),
  ]);

  // Provider names for the request's own ids (preferred, registered, alternative), inactive ones included.
  const namedIds = [
    ...new Set(
      [...r.preferredAanbiederIds, r.aanbiederId, r.alternative?.aanbiederId].filter(
        (x): x is string => typeof x === 'string',
      ),
    ),
  ];
  const names = new Map(
    (namedIds.length
      ? await ctx.db
          .select({ id: aanbieders.id, name: aanbieders.name })
          .from(aanbieders)
          .where(inArray(aanbieders.id, namedIds))
      : []
    ).map((a) => [a.id, a.name]),
  );

  // Goals by id from the newest koers version that still has them: of the koers, only the goals'
  // text reaches the desk (the role's projection), and only of the goals the request names.
  const goalText = new Map<string, string>();
  for (const k of koersRows) {
    const { content } = project(ctx.user.role, 'koers', k);
    for (const d of content?.doelen ?? []) if (d.goal && !goalText.has(d.id)) goalText.set(d.id, d.goal);
  }
  const goals = r.goalIds.map((goalId) => ({ id: goalId, goal: goalText.get(goalId) ?? null }));

  const today = dutchToday(ctx.now);
  const rulingDate = rulingFor(measures.get(r.caseId) ?? [], r.helpDueDate);
  const history = historyRows.map((h) => ({ ...h, at: h.at.toISOString() }));
  const alternative = r.alternative
    ? {
        ...r.alternative,
        aanbiederName: r.alternative.aanbiederId ? (names.get(r.alternative.aanbiederId) ?? null) : null,
      }
    : null;
  const allowedSteps = allowedVerwijzingSteps(r.status, r.escalation);
  const target = allowedSteps.includes('opschalen') ? nextEscalationTarget(r.escalation) : null;
  const preferred = new Set(r.preferredAanbiederIds);
  const providers = providerRows
    .map((p) => ({
      id: p.id,
      name: p.name,
      waitWeeks: p.waitWeeks,
      contactRoute: p.contactRoute,
      preferred: preferred.has(p.id),
      products: p.products.filter((x) => x.category === r.productCategory).map((x) => x.name),
    }))
    .filter((p) => p.products.length > 0)
    .sort(
      (a, b) =>
        Number(b.preferred) - Number(a.preferred) ||
        a.waitWeeks - b.waitWeeks ||
        a.name.localeCompare(b.name, 'nl'),
    );

  await logCases(ctx, ctx.db, [r.caseId], 'read', 'referrals.get');
  return {
    id: r.id,
    caseId: r.caseId,
    status: r.status,
    escalation: r.escalation,
    allowedSteps,
    child: { name: `${child.firstName} ${child.lastName}`, birthDate: child.birthDate },
    gemeente: { id: r.gemeenteId, name: r.gemeente },
    region: { id: r.regionId, name: r.region },
    arrangement: arrangementRows[0] ?? null,
    rulingDate,
    request: {
      productCategory: r.productCategory,
      productCategoryName: categoryLabel(r.productCategory),
      productCode: r.productCode,
      productName: r.productName,
      need: r.need,
      goals,
      urgency: r.urgency,
      urgencyReason: r.urgencyReason,
      preferredAanbieders: r.preferredAanbiederIds.map((pid) => ({ id: pid, name: names.get(pid) ?? null })),
      consent: r.consent,
      familyViews: r.familyViews,
      gemeenteNote: r.gemeenteNote,
      helpDueDate: r.helpDueDate,
      daysLeft: daysBetween(today, r.helpDueDate),
      requestedBy: r.requestedBy,
      requestedAt: r.requestedAt.toISOString(),
    },
    aanbieder: r.aanbiederId ? { id: r.aanbiederId, name: names.get(r.aanbiederId) ?? null } : null,
    bridging: r.bridging,
    alternative,
    followUpOn: r.followUpOn,
    expectedStartOn: r.expectedStartOn,
    startedOn: r.startedOn,
    endedOn: r.endedOn,
    history,
    providers,
    escalationTarget: target,
    escalationSummary: target
      ? escalationSummary({
          to: target,
          child: childLabel(child.firstName, child.lastName, child.birthDate),
          gemeente: r.gemeente,
          region: r.region,
          product: productText(r),
          need: r.need,
          goals: goals.flatMap((g) => (g.goal ? [g.goal] : [])),
          urgency: r.urgency,
          urgencyReason: r.urgencyReason,
          rulingDate,
          helpDueDate: r.helpDueDate,
          today,
          history,
          bridging: r.bridging,
          alternative,
        })
      : null,
  };
}
export type ReferralDetail = Awaited<ReturnType<typeof referralDetail>>;

// ── Steps (status changes) ─────────────────────────────────────────────────

/** What a step needs besides being allowed from the current status. */
function missingFor(input: VerwijzingStepInput): string | null {
  if (input.step === 'aanmelden' && !input.aanbiederId) return 'Kies bij aanmelden de aanbieder.';
  if ((input.step === 'starten' || input.step === 'beeindigen') && !input.on)
    return 'Vul de datum in waarop de hulp is gestart of beëindigd.';
  if (
    (input.step === 'afwijzen' || input.step === 'intrekken' || input.step === 'opschalen') &&
    !input.answer
  )
    return 'Vul bij afwijzen, intrekken en opschalen de reden of het antwoord in.';
  return null;
}

/** The request locked for a change, if the user may handle it. */
async function lockRequest(tx: Db, ctx: AuthedContext, verwijzingId: string) {
  const [row] = await tx
    .select({
      id: verwijzingen.id,
      caseId: verwijzingen.caseId,
      organisationId: verwijzingen.organisationId,
      status: verwijzingen.status,
      escalation: verwijzingen.escalation,
    })
    .from(verwijzingen)
    .innerJoin(cases, eq(cases.id, verwijzingen.caseId))
    .where(and(eq(verwijzingen.id, verwijzingId), caseScope(ctx)))
    .for('update', { of: verwijzingen });
  return row;
}

async function assertAanbiederExists(tx: Db, aanbiederId: string | null | undefined) {
  if (!aanbiederId) return;
  const [aanbieder] = await tx
    .select({ id: aanbieders.id })
    .from(aanbieders)
    .where(eq(aanbieders.id, aanbiederId));
  if (!aanbieder) throw new TRPCError({ code: 'BAD_REQUEST', message: 'Deze aanbieder is onbekend.' });
}

/**
 * One step on a request at the referral desk, enforced by the shared state
 * machine whoever sends it: an illegal step is refused with its reason and
 * changes nothing. The step is kept in the history with who, when and the
 * answer; the request gets a new sync version, so the worker's phone follows.
 * For an escalation, `on` is the day of its first follow-up.
 */
export async function takeReferralStep(ctx: AuthedContext, input: VerwijzingStepInput) {
  const missing = missingFor(input);
  if (missing) throw new TRPCError({ code: 'BAD_REQUEST', message: missing });
  const outcome = await ctx.db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const row = await lockRequest(tx, ctx, input.verwijzingId);
    if (!row) return null;
    const result = applyVerwijzingStep(row.status, row.escalation, input.step);
    if (!result.ok) throw new TRPCError({ code: 'BAD_REQUEST', message: result.reason });
    await assertAanbiederExists(tx, input.aanbiederId);
    const rowVersion = await nextVersion(tx, row.organisationId);
    await tx
      .update(verwijzingen)
      .set({
        status: result.to,
        escalation: result.escalation,
        ...(input.step === 'aanmelden' ? { aanbiederId: input.aanbiederId } : {}),
        ...(input.step === 'starten' ? { startedOn: input.on } : {}),
        ...(input.step === 'beeindigen' ? { endedOn: input.on } : {}),
        ...((input.step === 'accepteren' || input.step === 'wachtlijst') && input.on
          ? { expectedStartOn: input.on }
          : {}),
        ...(input.step === 'opschalen' && input.on ? { followUpOn: input.on } : {}),
        updatedAt: ctx.now,
        rowVersion,
      })
      .where(eq(verwijzingen.id, row.id));
    await tx.insert(verwijzingStappen).values({
      id: randomUUID(),
      organisationId: row.organisationId,
      verwijzingId: row.id,
      caseId: row.caseId,
      step: input.step,
      fromStatus: row.status,
      toStatus: result.to,
      answer: input.answer,
      aanbiederId: input.aanbiederId ?? null,
      on: input.on ?? null,
      byUserId: ctx.user.id,
      byRole: ctx.user.role,
      at: ctx.now,
      rowVersion,
    });
    await logAccess(tx, ctx, [
      { caseId: row.caseId, action: 'update', procedure: 'referrals.step', allowed: true },
    ]);
    return { status: result.to, escalation: result.escalation };
  });
  // The refusal is logged outside the transaction: a rollback would take the log row with it.
  return outcome ?? refuse(ctx, ctx.db, 'update', 'referrals.step');
}

// ── Events (no status change) ──────────────────────────────────────────────

interface EventChange {
  set: Partial<{ bridging: Bridging; alternative: Alternative; followUpOn: IsoDate | null }>;
  /** The text kept in the history. */
  answer: string;
  on: IsoDate | null;
  aanbiederId: string | null;
}

/**
 * Records an event (bridging help, an alternative offer, a follow-up) on a
 * request: allowed only in the statuses the shared rules give, kept in the
 * history with the status unchanged, and synced to the worker's phone.
 */
async function recordEvent(
  ctx: AuthedContext,
  verwijzingId: string,
  event: VerwijzingEvent,
  procedure: string,
  change: EventChange,
): Promise<{ status: VerwijzingStatus; escalation: EscalationLevel }> {
  const outcome = await ctx.db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const row = await lockRequest(tx, ctx, verwijzingId);
    if (!row) return null;
    const check = checkVerwijzingEvent(row.status, event);
    if (!check.ok) throw new TRPCError({ code: 'BAD_REQUEST', message: check.reason });
    await assertAanbiederExists(tx, change.aanbiederId);
    const rowVersion = await nextVersion(tx, row.organisationId);
    await tx
      .update(verwijzingen)
      .set({ ...change.set, updatedAt: ctx.now, rowVersion })
      .where(eq(verwijzingen.id, row.id));
    await tx.insert(verwijzingStappen).values({
      id: randomUUID(),
      organisationId: row.organisationId,
      verwijzingId: row.id,
      caseId: row.caseId,
      step: event,
      fromStatus: row.status,
      toStatus: row.status,
      answer: change.answer,
      aanbiederId: change.aanbiederId,
      on: change.on,
      byUserId: ctx.user.id,
      byRole: ctx.user.role,
      at: ctx.now,
      rowVersion,
    });
    await logAccess(tx, ctx, [{ caseId: row.caseId, action: 'update', procedure, allowed: true }]);
    return { status: row.status, escalation: row.escalation };
  });
  return outcome ?? refuse(ctx, ctx.db, 'update', procedure);
}

/** Bridging help while the child waits; a new one replaces the current (the history keeps both). */
export function setBridging(ctx: AuthedContext, input: { verwijzingId: string; bridging: Bridging }) {
  const b = input.bridging;
  return recordEvent(ctx, input.verwijzingId, 'overbrugging', 'referrals.setBridging', {
    set: { bridging: b },
    answer: `${b.provider}: ${b.description}`,
    on: b.startedOn,
    aanbiederId: null,
  });
}

/** An alternative offered instead of waiting; the worker's choice on it comes from the phone. */
export function offerAlternative(
  ctx: AuthedContext,
  input: { verwijzingId: string; offer: string; aanbiederId: string | null; expectedStartOn: IsoDate | null },
) {
  return recordEvent(ctx, input.verwijzingId, 'alternatief', 'referrals.offerAlternative', {
    set: {
      alternative: {
        offer: input.offer,
        aanbiederId: input.aanbiederId,
        expectedStartOn: input.expectedStartOn,
        offeredAt: ctx.now.toISOString(),
        choice: null,
        reason: '',
        decidedAt: null,
      },
    },
    answer: input.offer,
    on: input.expectedStartOn,
    aanbiederId: input.aanbiederId,
  });
}

/** The follow-up of an escalation: what was done or agreed, and when to look again. */
export function followUp(
  ctx: AuthedContext,
  input: { verwijzingId: string; note: string; nextOn: IsoDate | null },
) {
  return recordEvent(ctx, input.verwijzingId, 'opvolging', 'referrals.followUp', {
    set: { followUpOn: input.nextOn },
    answer: input.note,
    on: input.nextOn,
    aanbiederId: null,
  });
}

// ── Reports ────────────────────────────────────────────────────────────────

/**
 * "Nog geen passende hulp" at a peildatum for the organisation, per region and
 * gemeente of the child's woonplaats, with the children behind each number.
 * Every measure counts once, while it runs: from its ruling to the day it
 * ended, or its end date when it lapsed (shared/rules/measure-life.ts); help
 * counts when a request for the child started on or after the day the norms
 * count from (the first ruling of the measure's chain; help-report.ts decides).
 */
async function loadHelpReport(ctx: AuthedContext, peildatum: IsoDate) {
  // Counted: the organisation's measures (numbers are no child's data). Named: only the children in
  // the user's case scope (an open request); the others are counted, not named.
  const measures = await ctx.db
    .select({
      caseId: maatregelen.caseId,
      rulingDate: maatregelen.rulingDate,
      status: maatregelen.status,
      endDate: maatregelen.endDate,
      endedOn: maatregelen.endedOn,
      normsFrom: maatregelen.normsFrom,
      firstName: jeugdigen.firstName,
      lastName: jeugdigen.lastName,
      gemeente: gemeenten.name,
      region: regions.name,
    })
    .from(maatregelen)
    .innerJoin(cases, eq(cases.id, maatregelen.caseId))
    .innerJoin(jeugdigen, eq(jeugdigen.id, cases.jeugdigeId))
    .innerJoin(gemeenten, eq(gemeenten.id, jeugdigen.gemeenteId))
    .innerJoin(regions, eq(regions.id, gemeenten.regionId))
    .where(countScope(ctx));
  const caseIds = [...new Set(measures.map((m) => m.caseId))];
  const starts = caseIds.length
    ? await ctx.db
        .select({ caseId: verwijzingen.caseId, startedOn: verwijzingen.startedOn })
        .from(verwijzingen)
        .where(and(inArray(verwijzingen.caseId, caseIds), isNotNull(verwijzingen.startedOn)))
    : [];
  // Per case, the days help started, earliest first (one pass, not one per measure).
  const startsOf = new Map<string, string[]>();
  for (const s of starts) {
    if (s.startedOn) startsOf.set(s.caseId, [...(startsOf.get(s.caseId) ?? []), s.startedOn]);
  }
  for (const days of startsOf.values()) days.sort();
  const report: HelpReport = noFittingHelpReport(
    measures.map((m) => ({
      caseId: m.caseId,
      region: m.region,
      gemeente: m.gemeente,
      rulingDate: m.rulingDate,
      normsFrom: normsStart(m),
      endedOn: lastDayOf(m),
      helpStartedOn: startsOf.get(m.caseId)?.find((day) => day >= normsStart(m)) ?? null,
    })),
    peildatum,
  );
  const noHelp = [...new Set(report.total.caseIds)];
  const named = new Set(
    noHelp.length
      ? (
          await ctx.db
            .select({ id: cases.id })
            .from(cases)
            .where(and(inArray(cases.id, noHelp), caseScope(ctx)))
        ).map((c) => c.id)
      : [],
  );
  const names = new Map(
    measures.map((m) => {
      const child = projectView(ctx.user.role, 'jeugdige', m, ['firstName', 'lastName']);
      return [m.caseId, `${child.firstName} ${child.lastName}`];
    }),
  );
  const namedOnly = (cell: ReportCell): ReportCell => ({
    ...cell,
    caseIds: cell.caseIds.filter((id) => named.has(id)),
  });
  return {
    peildatum: report.peildatum,
    regions: report.regions.map((r) => ({
      region: r.region,
      cell: namedOnly(r.cell),
      gemeenten: r.gemeenten.map((g) => ({ gemeente: g.gemeente, cell: namedOnly(g.cell) })),
    })),
    total: namedOnly(report.total),
    children: noHelp
      .filter((id) => named.has(id))
      .map((caseId) => ({ caseId, name: names.get(caseId) ?? '' })),
    /** Children without fitting help who have no open request: counted above, not named. */
    unnamed: noHelp.length - named.size,
  };
}

export async function helpReport(ctx: AuthedContext, peildatum: IsoDate) {
  const report = await loadHelpReport(ctx, peildatum);
  await logCases(
    ctx,
    ctx.db,
    report.children.map((c) => c.caseId),
    'list',
    'referrals.helpReport',
  );
  return report;
}

/**
 * Waiting time per product category and provider at a peildatum
 * (shared/rules/waiting-report.ts). Only numbers go out, no child, so there
 * is nothing to log per child. A withdrawn request counts as withdrawn from
 * its last change: withdrawing is the last thing that can happen to it.
 */
export async function waitingTimes(ctx: AuthedContext, peildatum: IsoDate): Promise<WaitingReport> {
  const rows = await ctx.db
    .select({
      productCategory: verwijzingen.productCategory,
      aanbiederId: verwijzingen.aanbiederId,
      aanbiederName: aanbieders.name,
      requestedAt: verwijzingen.requestedAt,
      startedOn: verwijzingen.startedOn,
      status: verwijzingen.status,
      updatedAt: verwijzingen.updatedAt,
    })
    .from(verwijzingen)
    .innerJoin(cases, eq(cases.id, verwijzingen.caseId))
    .leftJoin(aanbieders, eq(aanbieders.id, verwijzingen.aanbiederId))
    .where(and(countScope(ctx), ne(verwijzingen.status, 'concept')));
  return waitingReport(
    rows.map((r) => ({
      productCategory: r.productCategory,
      aanbiederId: r.aanbiederId,
      aanbiederName: r.aanbiederName,
      requestedOn: dutchToday(r.requestedAt),
      startedOn: r.startedOn,
      withdrawnOn:
        r.status === 'ingetrokken' || (r.status === 'beeindigd' && !r.startedOn)
          ? dutchToday(r.updatedAt)
          : null,
    })),
    peildatum,
  );
}

// ── CSV export ─────────────────────────────────────────────────────────────

export type CsvCell = string | number | null;

/**
 * One CSV cell for Dutch spreadsheets: semicolon-separated, decimal comma.
 * Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR at the
 * start) gets a leading apostrophe; text with a separator, quote or line
 * break is quoted, quotes doubled.
 */
export function csvCell(value: CsvCell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value).replace('.', ',');
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[";\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Rows to CSV text: a byte-order mark (so Excel reads UTF-8), CRLF line ends. */
export function toCsv(rows: CsvCell[][]): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(';')).join('\r\n')}\r\n`;
}

const ESCALATION_NAME: Record<EscalationLevel, string> = { geen: '', expertteam: 'Expertteam', ozj: 'OZJ' };
const URGENCY_NAME: Record<Urgency, string> = { regulier: 'Regulier', urgent: 'Urgent', acuut: 'Acuut' };

export function queueCsvRows(queue: QueueRow[]): CsvCell[][] {
  return [
    [
      'Jeugdige',
      'Gemeente',
      'Regio',
      'Product',
      'Status',
      'Urgentie',
      'Uitspraak',
      'Hulp uiterlijk',
      'Dagen tot hulp uiterlijk',
      'Wachtdagen',
      'Aangevraagd op',
      'Aanbieder',
      'Overbrugging',
      'Opgeschaald naar',
      'Verwachte start',
    ],
    ...queue.map((r) => [
      r.jeugdigeName,
      r.gemeente,
      r.region,
      r.product,
      VERWIJZING_STATUS_NAMES[r.status],
      URGENCY_NAME[r.urgency],
      r.rulingDate,
      r.helpDueDate,
      r.daysLeft,
      r.waitDays,
      dutchToday(new Date(r.requestedAt)),
      r.aanbieder,
      r.hasBridging ? 'ja' : 'nee',
      ESCALATION_NAME[r.escalation],
      r.expectedStartOn,
    ]),
  ];
}

export function helpReportCsvRows(report: Awaited<ReturnType<typeof loadHelpReport>>): CsvCell[][] {
  const names = new Map(report.children.map((c) => [c.caseId, c.name]));
  // Only the named children (an open request); the rest of a cell's number has no name here.
  const children = (cell: ReportCell) => {
    const listed = cell.caseIds.map((id) => names.get(id) ?? '');
    const unnamed = cell.noHelp - cell.caseIds.length;
    return [...listed, ...(unnamed > 0 ? [`${unnamed} zonder open aanvraag`] : [])].join(', ');
  };
  const rows: CsvCell[][] = [
    ['Regio', 'Gemeente', 'Maatregelen', 'Nog geen passende hulp', 'Kinderen zonder passende hulp'],
  ];
  for (const r of report.regions) {
    for (const g of r.gemeenten) {
      rows.push([r.region, g.gemeente, g.cell.total, g.cell.noHelp, children(g.cell)]);
    }
    rows.push([r.region, 'Regio totaal', r.cell.total, r.cell.noHelp, children(r.cell)]);
  }
  rows.push(['Totaal', '', report.total.total, report.total.noHelp, children(report.total)]);
  return rows;
}

export function waitingCsvRows(report: WaitingReport): CsvCell[][] {
  const stats = (s: WaitingReport['total']['started']) => [s.count, s.medianDays, s.longestDays];
  return [
    [
      'Indeling',
      'Groep',
      'Gestart: aantal',
      'Gestart: mediaan wachttijd (dagen)',
      'Gestart: langste wachttijd (dagen)',
      'Wacht nog: aantal',
      'Wacht nog: mediaan tot peildatum (dagen)',
      'Wacht nog: langste tot peildatum (dagen)',
    ],
    ...report.byCategory.map((g) => [
      'Productcategorie',
      `${g.key} ${g.label}`,
      ...stats(g.started),
      ...stats(g.waiting),
    ]),
    ...report.byProvider.map((g) => ['Aanbieder', g.label, ...stats(g.started), ...stats(g.waiting)]),
    ['Totaal', '', ...stats(report.total.started), ...stats(report.total.waiting)],
  ];
}

export type CsvExportInput =
  | { kind: 'queue'; filter?: QueueFilter }
  | { kind: 'helpReport'; peildatum: IsoDate }
  | { kind: 'waiting'; peildatum: IsoDate };

/**
 * A CSV of what the screen shows, built from the same data as the screen;
 * every child named in it is logged as exported.
 */
export async function exportCsv(ctx: AuthedContext, input: CsvExportInput) {
  // A whole list of children leaves the system: only just after the user proved who they are.
  requireFreshAuth(ctx);
  const today = dutchToday(ctx.now);
  switch (input.kind) {
    case 'queue': {
      const queue = await loadQueue(ctx, input.filter);
      await logCases(
        ctx,
        ctx.db,
        queue.map((r) => r.caseId),
        'export',
        'referrals.exportCsv',
      );
      return { filename: `verwijsbalie-wachtrij-${today}.csv`, csv: toCsv(queueCsvRows(queue)) };
    }
    case 'helpReport': {
      const report = await loadHelpReport(ctx, input.peildatum);
      await logCases(
        ctx,
        ctx.db,
        report.children.map((c) => c.caseId),
        'export',
        'referrals.exportCsv',
      );
      return {
        filename: `nog-geen-passende-hulp-${input.peildatum}.csv`,
        csv: toCsv(helpReportCsvRows(report)),
      };
    }
    case 'waiting': {
      const report = await waitingTimes(ctx, input.peildatum);
      return { filename: `wachttijden-${input.peildatum}.csv`, csv: toCsv(waitingCsvRows(report)) };
    }
  }
}
