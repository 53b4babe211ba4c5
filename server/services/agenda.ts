/**
 * The agenda on the server: which workers have something overdue or due today
 * (shared/rules/agenda.ts, "Vandaag"), for the daily digest of Web Push. The
 * answer is a set of user ids and nothing else — the digest says "Er staan
 * zaken voor u klaar", never what or whose.
 *
 * The same rules the phone runs over its local store run here over the rows
 * the phone's pull would give each worker: the cases in the jeugdbeschermer's
 * scope today (caseScope in access.ts — carried as vaste jeugdbeschermer or as
 * waarnemer within the period, built from the same assignmentRunsOn), of the
 * organisation asked for only. The phone's own outbox and its "gezien" marks
 * are not known here: the digest may announce an item the worker has marked
 * seen on the phone; the phone's agenda then shows it quiet.
 *
 * Reads dates, statuses and ids only; no child's file is opened, so no access
 * is logged (the worker's phone logs its own reads when the agenda is opened).
 */
import { and, type Column, desc, eq, inArray, ne } from 'drizzle-orm';
import { type AgendaCase, agendaItems, isVandaag } from '../../shared/rules/agenda';
import type { IsoDate } from '../../shared/rules/dates';
import type { Db } from '../db/connection';
import {
  caseAssignments,
  cases,
  contacts,
  koersen,
  maatregelen,
  users,
  verwijzingen,
  verwijzingStappen,
} from '../db/schema';
import { assignmentRunsOn } from './assignments';
import { holidayPolicyOf } from './settings';

/** Per case id, the rows of one table. */
function byCase<R extends { caseId: string }>(rows: R[]): Map<string, R[]> {
  const map = new Map<string, R[]>();
  for (const row of rows) {
    const list = map.get(row.caseId);
    if (list) list.push(row);
    else map.set(row.caseId, [row]);
  }
  return map;
}

/**
 * The users among `userIds` (active jeugdbeschermers of `organisationId`) for whom the agenda
 * rules give at least one item overdue or due on `today`.
 */
export async function usersWithAgendaItems(
  db: Db,
  organisationId: string,
  userIds: string[],
  today: IsoDate,
): Promise<Set<string>> {
  const found = new Set<string>();
  if (userIds.length === 0) return found;
  const workers = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        inArray(users.id, userIds),
        eq(users.organisationId, organisationId),
        eq(users.role, 'jeugdbeschermer'),
        eq(users.active, true),
      ),
    );
  if (workers.length === 0) return found;
  // The phone's scope: the open cases each worker holds today, within the organisation.
  const held = await db
    .select({ userId: caseAssignments.userId, caseId: caseAssignments.caseId })
    .from(caseAssignments)
    .innerJoin(cases, eq(cases.id, caseAssignments.caseId))
    .where(
      and(
        inArray(
          caseAssignments.userId,
          workers.map((w) => w.id),
        ),
        eq(cases.organisationId, organisationId),
        ne(cases.status, 'afgesloten'),
        assignmentRunsOn(today),
      ),
    );
  if (held.length === 0) return found;
  const caseIds = [...new Set(held.map((h) => h.caseId))];
  const inCases = (column: Column) => inArray(column, caseIds);

  const [caseRows, assignmentRows, measureRows, koersRows, contactRows, requestRows, stepRows, policy] =
    await Promise.all([
      db.select({ id: cases.id, status: cases.status }).from(cases).where(inCases(cases.id)),
      db
        .select({
          caseId: caseAssignments.caseId,
          userId: caseAssignments.userId,
          role: caseAssignments.role,
          fromDate: caseAssignments.fromDate,
          untilDate: caseAssignments.untilDate,
        })
        .from(caseAssignments)
        .where(inCases(caseAssignments.caseId)),
      db
        .select({
          caseId: maatregelen.caseId,
          id: maatregelen.id,
          type: maatregelen.type,
          status: maatregelen.status,
          rulingDate: maatregelen.rulingDate,
          endDate: maatregelen.endDate,
          endedOn: maatregelen.endedOn,
          normsFrom: maatregelen.normsFrom,
        })
        .from(maatregelen)
        .where(inCases(maatregelen.caseId)),
      db
        .select({
          caseId: koersen.caseId,
          id: koersen.id,
          version: koersen.version,
          evaluationDate: koersen.evaluationDate,
          agreedOn: koersen.agreedOn,
        })
        .from(koersen)
        .where(inCases(koersen.caseId)),
      // The next planned contact is the one agreed at the latest contact (as on the phone).
      db
        .selectDistinctOn([contacts.caseId], {
          caseId: contacts.caseId,
          nextContactOn: contacts.nextContactOn,
        })
        .from(contacts)
        .where(inCases(contacts.caseId))
        .orderBy(contacts.caseId, desc(contacts.occurredAt)),
      db
        .select({
          caseId: verwijzingen.caseId,
          id: verwijzingen.id,
          status: verwijzingen.status,
          productName: verwijzingen.productName,
          helpDueDate: verwijzingen.helpDueDate,
          startedOn: verwijzingen.startedOn,
          alternative: verwijzingen.alternative,
        })
        .from(verwijzingen)
        .where(inCases(verwijzingen.caseId)),
      db
        .select({
          caseId: verwijzingStappen.caseId,
          id: verwijzingStappen.id,
          verwijzingId: verwijzingStappen.verwijzingId,
          step: verwijzingStappen.step,
          toStatus: verwijzingStappen.toStatus,
          byUserId: verwijzingStappen.byUserId,
          at: verwijzingStappen.at,
        })
        .from(verwijzingStappen)
        .where(inCases(verwijzingStappen.caseId)),
      holidayPolicyOf(db, organisationId),
    ]);

  const assignmentsOf = byCase(assignmentRows);
  const measuresOf = byCase(measureRows);
  const koersenOf = byCase(koersRows);
  const nextContactOf = new Map(contactRows.map((c) => [c.caseId, c.nextContactOn]));
  const requestsOf = byCase(requestRows);
  const stepsOf = byCase(stepRows);
  const agendaCases = new Map<string, AgendaCase>(
    caseRows.map((c) => [
      c.id,
      {
        caseId: c.id,
        status: c.status,
        measures: measuresOf.get(c.id) ?? [],
        assignments: assignmentsOf.get(c.id) ?? [],
        koersen: koersenOf.get(c.id) ?? [],
        nextContactOn: nextContactOf.get(c.id) ?? null,
        verwijzingen: requestsOf.get(c.id) ?? [],
        stappen: (stepsOf.get(c.id) ?? []).map((s) => ({ ...s, at: s.at.toISOString() })),
      },
    ]),
  );
  const casesOf = new Map<string, AgendaCase[]>();
  for (const { userId, caseId } of held) {
    const c = agendaCases.get(caseId);
    if (!c) continue;
    const list = casesOf.get(userId) ?? [];
    if (!list.includes(c)) list.push(c);
    casesOf.set(userId, list);
  }
  for (const [userId, list] of casesOf) {
    if (agendaItems({ userId, today, policy, cases: list }).some(isVandaag)) found.add(userId);
  }
  return found;
}
