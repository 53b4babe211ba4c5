import { TRPCError } from '@trpc/server';
import { and, asc, eq, inArray, notExists, sql } from 'drizzle-orm';
import { daysBetween, dutchToday, type IsoDate } from '../../shared/rules/dates';
import { assignmentDueDate, currentRulingDate } from '../../shared/rules/norms';
import type {
  AssignNowInput,
  MoveWaitingInput,
  PlaceOnWaitingListInput,
  TeamPerson,
  UpdateWaitingInput,
  WaitingCandidate,
  WaitingEntry,
  WaitingList,
} from '../../shared/schemas/waiting-list';
import { placeOnWaitingListInput } from '../../shared/schemas/waiting-list';
import { logAccess } from '../audit/access-log';
import type { Db } from '../db/connection';
import { caseAssignments, cases, caseWaiting, jeugdigen, maatregelen, users } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { nextVersion } from '../sync/versions';
import type { AuthedContext } from '../trpc';
import { assertCaseAccess } from './access';
import { assignVasteWorker, vastOpenOn } from './assignments';
import { type CsvCell, toCsv } from './csv';
import { settingsOf } from './settings';
import { requireFreshAuth } from './step-up';

export const ACUTE_REFUSAL =
  'Een kind in acuut gevaar komt niet op de wachtlijst: wijs direct een vaste jeugdbeschermer toe.';

const bad = (message: string) => new TRPCError({ code: 'BAD_REQUEST', message });

/** A vaste assignment of the case that is still open today (or starts later). */
const openVast = (today: IsoDate) => and(eq(caseAssignments.caseId, cases.id), vastOpenOn(today));

function teamOf(ctx: AuthedContext): string {
  if (!ctx.user.teamId) throw new TRPCError({ code: 'FORBIDDEN', message: 'U hoort niet bij een team' });
  return ctx.user.teamId;
}

/** Active jeugdbeschermers and team leads of the lead's team, with the number of children each carries. */
async function teamPeople(ctx: AuthedContext, teamId: string): Promise<TeamPerson[]> {
  const today = dutchToday(ctx.now);
  const people = await ctx.db
    .select({ userId: users.id, displayName: users.displayName, role: users.role })
    .from(users)
    .where(
      and(
        eq(users.teamId, teamId),
        eq(users.organisationId, ctx.user.organisationId),
        eq(users.active, true),
        inArray(users.role, ['jeugdbeschermer', 'teamleider']),
      ),
    )
    .orderBy(users.displayName);
  const carried = await ctx.db
    .select({ userId: caseAssignments.userId, n: sql<number>`count(*)::int` })
    .from(caseAssignments)
    .innerJoin(cases, eq(cases.id, caseAssignments.caseId))
    .where(and(eq(cases.teamId, teamId), eq(cases.status, 'actief'), openVast(today)))
    .groupBy(caseAssignments.userId);
  const count = new Map(carried.map((c) => [c.userId, Number(c.n)]));
  return people.map((p) => ({
    userId: p.userId,
    displayName: p.displayName,
    role: p.role === 'teamleider' ? 'teamleider' : 'jeugdbeschermer',
    caseCount: count.get(p.userId) ?? 0,
  }));
}

async function rulingDates(db: Db, caseIds: string[]): Promise<Map<string, IsoDate | null>> {
  if (caseIds.length === 0) return new Map();
  const rows = await db
    .select({
      caseId: maatregelen.caseId,
      rulingDate: maatregelen.rulingDate,
      status: maatregelen.status,
      normsFrom: maatregelen.normsFrom,
    })
    .from(maatregelen)
    .where(inArray(maatregelen.caseId, caseIds));
  return new Map(caseIds.map((id) => [id, currentRulingDate(rows.filter((r) => r.caseId === id))] as const));
}

export async function listWaiting(ctx: AuthedContext): Promise<WaitingList> {
  const { teamId, today, entries, candidates } = await loadWaiting(ctx);
  await logAccess(
    ctx.db,
    ctx,
    [...entries, ...candidates].map((e) => ({
      caseId: e.caseId,
      action: 'list' as const,
      procedure: 'waitingList.list',
      allowed: true,
    })),
  );
  return { today, entries, candidates, people: await teamPeople(ctx, teamId) };
}

/**
 * The waiting list as CSV (step-up first), exactly the entries the screen lists, in its order;
 * every child in it is logged as 'export'.
 */
export async function exportWaitingCsv(ctx: AuthedContext) {
  requireFreshAuth(ctx);
  const { today, entries } = await loadWaiting(ctx);
  await logAccess(
    ctx.db,
    ctx,
    entries.map((e) => ({
      caseId: e.caseId,
      action: 'export' as const,
      procedure: 'waitingList.exportCsv',
      allowed: true,
    })),
  );
  return { filename: `wachtlijst-${today}.csv`, csv: toCsv(waitingCsvRows(entries)), count: entries.length };
}

const TRIAGE_NAME = { acuut: 'Acuut', niet_acuut: 'Niet acuut' } as const;

export function waitingCsvRows(entries: WaitingEntry[]): CsvCell[][] {
  return [
    [
      'Nr.',
      'Jeugdige',
      'Geboortedatum',
      'Triage',
      'Op de lijst sinds',
      'Dagen wachtend',
      'Uitspraak',
      'Toewijzen uiterlijk',
      'Norm verstreken',
      'Volgende veiligheidscheck',
      'Contactpersoon',
      'Risicotaxatie',
      'Instrument',
      'Datum risicotaxatie',
      'Overbruggende hulp',
      'Reden volgorde',
    ],
    ...entries.map((e, i) => [
      i + 1,
      `${e.firstName} ${e.lastName}`,
      e.birthDate,
      TRIAGE_NAME[e.triage],
      e.since,
      e.daysWaiting,
      e.rulingDate,
      e.assignmentDue,
      e.pastNorm ? 'ja' : 'nee',
      e.nextSafetyCheckOn,
      e.interimContactName,
      e.riskOutcome,
      e.riskInstrument,
      e.riskAssessedOn,
      e.bridging,
      e.priorityReason,
    ]),
  ];
}

/** The team's waiting children and those still without a vaste jeugdbeschermer; not logged (the callers log). */
async function loadWaiting(ctx: AuthedContext) {
  const teamId = teamOf(ctx);
  const today = dutchToday(ctx.now);
  const { holidayPolicy } = await settingsOf(ctx.db, ctx.user.organisationId);
  const sameTeam = and(eq(cases.teamId, teamId), eq(cases.organisationId, ctx.user.organisationId));
  const waiting = await ctx.db
    .select({
      caseId: caseWaiting.caseId,
      firstName: jeugdigen.firstName,
      lastName: jeugdigen.lastName,
      birthDate: jeugdigen.birthDate,
      since: caseWaiting.since,
      triage: caseWaiting.triage,
      riskOutcome: caseWaiting.riskOutcome,
      riskAssessedOn: caseWaiting.riskAssessedOn,
      riskInstrument: caseWaiting.riskInstrument,
      interimContactId: caseWaiting.interimContactId,
      interimContactName: users.displayName,
      nextSafetyCheckOn: caseWaiting.nextSafetyCheckOn,
      bridging: caseWaiting.bridging,
      priority: caseWaiting.priority,
      priorityReason: caseWaiting.priorityReason,
    })
    .from(caseWaiting)
    .innerJoin(cases, eq(cases.id, caseWaiting.caseId))
    .innerJoin(jeugdigen, eq(jeugdigen.id, cases.jeugdigeId))
    .leftJoin(users, eq(users.id, caseWaiting.interimContactId))
    .where(sameTeam)
    // Acute first (it should never be there), then the lead's order, then the longest waiting.
    .orderBy(
      sql`case when ${caseWaiting.triage} = 'acuut' then 0 else 1 end`,
      asc(caseWaiting.priority),
      asc(caseWaiting.since),
      asc(caseWaiting.caseId),
    );
  const candidatesRaw = await ctx.db
    .select({
      caseId: cases.id,
      firstName: jeugdigen.firstName,
      lastName: jeugdigen.lastName,
      status: cases.status,
    })
    .from(cases)
    .innerJoin(jeugdigen, eq(jeugdigen.id, cases.jeugdigeId))
    .where(
      and(
        sameTeam,
        inArray(cases.status, ['instroom', 'wachtlijst']),
        notExists(ctx.db.select({ one: sql`1` }).from(caseAssignments).where(openVast(today))),
        notExists(ctx.db.select({ one: sql`1` }).from(caseWaiting).where(eq(caseWaiting.caseId, cases.id))),
      ),
    )
    .orderBy(cases.registeredAt, cases.id);
  const rulings = await rulingDates(ctx.db, [
    ...waiting.map((w) => w.caseId),
    ...candidatesRaw.map((c) => c.caseId),
  ]);
  const due = (caseId: string) => {
    const ruling = rulings.get(caseId) ?? null;
    const assignmentDue = ruling ? assignmentDueDate(ruling, holidayPolicy) : null;
    return { rulingDate: ruling, assignmentDue, pastNorm: assignmentDue !== null && today > assignmentDue };
  };
  const entries: WaitingEntry[] = waiting.map((w) => ({
    ...w,
    daysWaiting: daysBetween(w.since, today),
    ...due(w.caseId),
    safetyCheckDue: w.nextSafetyCheckOn !== null && w.nextSafetyCheckOn <= today,
  }));
  const candidates: WaitingCandidate[] = candidatesRaw.map((c) => ({
    caseId: c.caseId,
    firstName: c.firstName,
    lastName: c.lastName,
    status: c.status === 'wachtlijst' ? 'wachtlijst' : 'instroom',
    ...due(c.caseId),
  }));
  return { teamId, today, entries, candidates };
}

async function assertInterimContact(ctx: AuthedContext, userId: string) {
  const people = await teamPeople(ctx, teamOf(ctx));
  if (!people.some((p) => p.userId === userId)) {
    throw bad('De contactpersoon moet een actieve jeugdbeschermer of teamleider van uw team zijn');
  }
}

function assertDates(today: IsoDate, facts: { riskAssessedOn?: string; nextSafetyCheckOn?: string }) {
  if (facts.riskAssessedOn && facts.riskAssessedOn > today) {
    throw bad('De risicotaxatie kan niet in de toekomst liggen');
  }
  if (facts.nextSafetyCheckOn && facts.nextSafetyCheckOn < today) {
    throw bad('De volgende veiligheidscheck moet vandaag of later zijn');
  }
}

/** Locks the case row and checks it has no vaste jeugdbeschermer and is not closed. */
async function lockUnassignedCase(tx: Db, caseId: string, today: IsoDate) {
  const [row] = await tx
    .select({ organisationId: cases.organisationId, status: cases.status })
    .from(cases)
    .where(eq(cases.id, caseId))
    .for('update');
  if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: 'Dossier onbekend' });
  const [assigned] = await tx
    .select({ id: caseAssignments.id })
    .from(caseAssignments)
    .innerJoin(cases, eq(cases.id, caseAssignments.caseId))
    .where(and(eq(cases.id, caseId), openVast(today)));
  if (assigned) throw bad('Dit kind heeft al een vaste jeugdbeschermer');
  if (row.status !== 'instroom' && row.status !== 'wachtlijst') {
    throw bad('Alleen een kind in de instroom of op de wachtlijst kan hier worden toegewezen');
  }
  return row;
}

/**
 * Triage and placement. Acute: refused with the reason (the screen offers
 * assignNow). Not acute: the case goes on the list (or its entry is updated,
 * keeping the date it started waiting and its place in the order).
 */
export async function place(ctx: AuthedContext, raw: PlaceOnWaitingListInput): Promise<{ ok: true }> {
  const input = placeOnWaitingListInput.parse(raw);
  await assertCaseAccess(ctx, input.caseId, 'update', 'waitingList.place');
  if (input.triage === 'acuut') throw bad(ACUTE_REFUSAL);
  const today = dutchToday(ctx.now);
  assertDates(today, input);
  await assertInterimContact(ctx, input.interimContactId);
  await inTransaction(ctx.db, async (tx) => {
    const caseRow = await lockUnassignedCase(tx, input.caseId, today);
    const facts = {
      triage: input.triage,
      riskOutcome: input.riskOutcome,
      riskAssessedOn: input.riskAssessedOn,
      riskInstrument: input.riskInstrument,
      interimContactId: input.interimContactId,
      nextSafetyCheckOn: input.nextSafetyCheckOn,
      bridging: input.bridging,
      updatedAt: ctx.now,
      updatedBy: ctx.user.id,
    };
    const [existing] = await tx
      .select({ caseId: caseWaiting.caseId })
      .from(caseWaiting)
      .where(eq(caseWaiting.caseId, input.caseId));
    if (existing) {
      await tx.update(caseWaiting).set(facts).where(eq(caseWaiting.caseId, input.caseId));
    } else {
      // A new child joins at the end of the order; the lead moves it up with a reason.
      const [last] = await tx
        .select({ max: sql<number | null>`max(${caseWaiting.priority})` })
        .from(caseWaiting)
        .innerJoin(cases, eq(cases.id, caseWaiting.caseId))
        .where(eq(cases.teamId, teamOf(ctx)));
      await tx.insert(caseWaiting).values({
        caseId: input.caseId,
        organisationId: caseRow.organisationId,
        since: today,
        priority: Number(last?.max ?? 0) + 1,
        ...facts,
      });
    }
    if (caseRow.status !== 'wachtlijst') {
      const rowVersion = await nextVersion(tx, caseRow.organisationId);
      await tx.update(cases).set({ status: 'wachtlijst', rowVersion }).where(eq(cases.id, input.caseId));
    }
    await logAccess(tx, ctx, [
      { caseId: input.caseId, action: 'update', procedure: 'waitingList.place', allowed: true },
    ]);
  });
  return { ok: true };
}

export async function update(ctx: AuthedContext, input: UpdateWaitingInput): Promise<{ ok: true }> {
  await assertCaseAccess(ctx, input.caseId, 'update', 'waitingList.update');
  assertDates(dutchToday(ctx.now), input);
  if (input.interimContactId) await assertInterimContact(ctx, input.interimContactId);
  const { caseId, ...changes } = input;
  const updated = await ctx.db
    .update(caseWaiting)
    .set({ ...changes, updatedAt: ctx.now, updatedBy: ctx.user.id })
    .where(eq(caseWaiting.caseId, caseId))
    .returning({ caseId: caseWaiting.caseId });
  if (updated.length === 0) throw bad('Dit kind staat niet op de wachtlijst');
  await logAccess(ctx.db, ctx, [
    { caseId, action: 'update', procedure: 'waitingList.update', allowed: true },
  ]);
  return { ok: true };
}

/** Swaps the child with its neighbour in the order and renumbers the team's list 1..n. */
export async function move(ctx: AuthedContext, input: MoveWaitingInput): Promise<{ ok: true }> {
  await assertCaseAccess(ctx, input.caseId, 'update', 'waitingList.move');
  const teamId = teamOf(ctx);
  await inTransaction(ctx.db, async (tx) => {
    const order = await tx
      .select({ caseId: caseWaiting.caseId })
      .from(caseWaiting)
      .innerJoin(cases, eq(cases.id, caseWaiting.caseId))
      .where(eq(cases.teamId, teamId))
      .orderBy(asc(caseWaiting.priority), asc(caseWaiting.since), asc(caseWaiting.caseId))
      .for('update');
    const ids = order.map((o) => o.caseId);
    const at = ids.indexOf(input.caseId);
    if (at < 0) throw bad('Dit kind staat niet op de wachtlijst');
    const to = input.direction === 'up' ? at - 1 : at + 1;
    if (to < 0 || to >= ids.length) throw bad('Dit kind staat al bovenaan of onderaan');
    [ids[at], ids[to]] = [ids[to] as string, ids[at] as string];
    for (const [i, caseId] of ids.entries()) {
      await tx
        .update(caseWaiting)
        .set({ priority: i + 1 })
        .where(eq(caseWaiting.caseId, caseId));
    }
    await tx
      .update(caseWaiting)
      .set({ priorityReason: input.reason, updatedAt: ctx.now, updatedBy: ctx.user.id })
      .where(eq(caseWaiting.caseId, input.caseId));
    await logAccess(tx, ctx, [
      { caseId: input.caseId, action: 'update', procedure: 'waitingList.move', allowed: true },
    ]);
  });
  return { ok: true };
}

/**
 * Gives a child without a vaste jeugdbeschermer one now (an acute child at
 * triage, or a waiting child when someone has room): a vaste assignment from
 * today, the case 'actief', both with a new sync version so the worker's phone
 * receives the case at the next pull; the waiting entry is removed (and logged).
 */
export async function assignNow(ctx: AuthedContext, input: AssignNowInput): Promise<{ ok: true }> {
  await assertCaseAccess(ctx, input.caseId, 'update', 'waitingList.assign');
  const people = await teamPeople(ctx, teamOf(ctx));
  if (!people.some((p) => p.userId === input.userId && p.role === 'jeugdbeschermer')) {
    throw bad('Deze jeugdbeschermer hoort niet bij uw team');
  }
  const today = dutchToday(ctx.now);
  await inTransaction(ctx.db, async (tx) => {
    const caseRow = await lockUnassignedCase(tx, input.caseId, today);
    await assignVasteWorker(tx, ctx, {
      caseId: input.caseId,
      organisationId: caseRow.organisationId,
      userId: input.userId,
      today,
    });
    const removed = await tx
      .delete(caseWaiting)
      .where(eq(caseWaiting.caseId, input.caseId))
      .returning({ caseId: caseWaiting.caseId });
    await logAccess(tx, ctx, [
      {
        caseId: input.caseId,
        action: 'update',
        procedure: 'waitingList.assign',
        allowed: true,
        reason: removed.length ? 'toegewezen; van de wachtlijst af' : 'direct toegewezen',
      },
    ]);
  });
  return { ok: true };
}
