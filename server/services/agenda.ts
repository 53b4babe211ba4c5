/**
 * PLACEHOLDER on the `push` branch: the agenda's own helper (branch `agenda`)
 * replaces this file at merge, with exactly this signature. Until then a
 * worker "has something" when a case they carry today (vaste jeugdbeschermer
 * or waarnemer) has a norm that is nearly due or late (shared/rules/norms.ts).
 * Called inside a transaction scoped to `organisationId`.
 */
import { and, eq, gte, inArray, isNull, lte, ne, or } from 'drizzle-orm';
import type { IsoDate } from '../../shared/rules/dates';
import { NORM_KEYS } from '../../shared/rules/norms';
import type { Db } from '../db/connection';
import { caseAssignments, cases } from '../db/schema';
import { loadCaseSummaries } from './case-summaries';
import { holidayPolicyOf } from './settings';

/** Of `userIds`, those whose agenda holds at least one item on `today`. */
export async function usersWithAgendaItems(
  db: Db,
  organisationId: string,
  userIds: string[],
  today: IsoDate,
): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const carried = await db
    .select({ userId: caseAssignments.userId, caseId: caseAssignments.caseId })
    .from(caseAssignments)
    .innerJoin(cases, eq(cases.id, caseAssignments.caseId))
    .where(
      and(
        eq(caseAssignments.organisationId, organisationId),
        inArray(caseAssignments.userId, userIds),
        lte(caseAssignments.fromDate, today),
        or(isNull(caseAssignments.untilDate), gte(caseAssignments.untilDate, today)),
        ne(cases.status, 'afgesloten'),
      ),
    );
  if (carried.length === 0) return new Set();
  const summaries = await loadCaseSummaries(
    db,
    [...new Set(carried.map((c) => c.caseId))],
    // Noon UTC is `today` in the Netherlands too, whatever the server's time zone.
    new Date(`${today}T12:00:00Z`),
    await holidayPolicyOf(db, organisationId),
  );
  const pressing = new Set(
    summaries
      .filter((s) => NORM_KEYS.some((k) => s.norms[k].state === 'te-laat' || s.norms[k].state === 'bijna'))
      .map((s) => s.caseId),
  );
  return new Set(carried.filter((c) => pressing.has(c.caseId)).map((c) => c.userId));
}
