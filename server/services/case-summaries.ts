/**
 * Builds the caseload rows (child, measure, the three norm states) for a set
 * of cases in a fixed number of queries, whatever the number of cases.
 * Callers have checked access; this only reads.
 */
import { and, desc, eq, inArray, isNotNull, max, min, sql } from 'drizzle-orm';
import { ageOn, dutchToday, type IsoDate } from '../../shared/rules/dates';
import { normsStart } from '../../shared/rules/measure-life';
import { caseNorms, urgencyRank } from '../../shared/rules/norms';
import type { HolidayPolicy } from '../../shared/rules/working-days';
import type { CaseSummary } from '../../shared/schemas/case';
import type { Db } from '../db/connection';
import {
  caseAssignments,
  cases,
  contacts,
  gemeenten,
  gezinnen,
  jeugdigen,
  koersen,
  maatregelen,
  verwijzingen,
} from '../db/schema';

export async function loadCaseSummaries(
  db: Db,
  caseIds: string[],
  now: Date,
  /** The organisation's holiday policy (settingsOf): the phone and every other screen count with it too. */
  policy: HolidayPolicy,
): Promise<CaseSummary[]> {
  if (caseIds.length === 0) return [];
  const today = dutchToday(now);
  const [base, measures, assigned, agreed, helped, lastContacts] = await Promise.all([
    db
      .select({
        caseId: cases.id,
        firstName: jeugdigen.firstName,
        lastName: jeugdigen.lastName,
        birthDate: jeugdigen.birthDate,
        gezinName: gezinnen.name,
        gemeente: gemeenten.name,
      })
      .from(cases)
      .innerJoin(jeugdigen, eq(jeugdigen.id, cases.jeugdigeId))
      .innerJoin(gezinnen, eq(gezinnen.id, jeugdigen.gezinId))
      .innerJoin(gemeenten, eq(gemeenten.id, jeugdigen.gemeenteId))
      .where(inArray(cases.id, caseIds)),
    // The current measure: the running one with the latest ruling, else the latest ended one.
    db
      .selectDistinctOn([maatregelen.caseId], {
        caseId: maatregelen.caseId,
        type: maatregelen.type,
        rulingDate: maatregelen.rulingDate,
        endDate: maatregelen.endDate,
        normsFrom: maatregelen.normsFrom,
      })
      .from(maatregelen)
      .where(inArray(maatregelen.caseId, caseIds))
      .orderBy(maatregelen.caseId, sql`${maatregelen.status} = 'lopend' desc`, desc(maatregelen.rulingDate)),
    db
      .select({ caseId: caseAssignments.caseId, on: min(caseAssignments.fromDate) })
      .from(caseAssignments)
      .where(and(inArray(caseAssignments.caseId, caseIds), eq(caseAssignments.role, 'vast')))
      .groupBy(caseAssignments.caseId),
    db
      .select({ caseId: koersen.caseId, on: min(koersen.agreedOn) })
      .from(koersen)
      .where(and(inArray(koersen.caseId, caseIds), isNotNull(koersen.agreedOn)))
      .groupBy(koersen.caseId),
    db
      .select({ caseId: verwijzingen.caseId, on: min(verwijzingen.startedOn) })
      .from(verwijzingen)
      .where(and(inArray(verwijzingen.caseId, caseIds), isNotNull(verwijzingen.startedOn)))
      .groupBy(verwijzingen.caseId),
    db
      .select({ caseId: contacts.caseId, at: max(contacts.occurredAt) })
      .from(contacts)
      .where(inArray(contacts.caseId, caseIds))
      .groupBy(contacts.caseId),
  ]);

  const byCase = <T extends { caseId: string }>(rows: T[]) => new Map(rows.map((r) => [r.caseId, r]));
  const measureOf = byCase(measures);
  const assignedOf = byCase(assigned);
  const agreedOf = byCase(agreed);
  const helpedOf = byCase(helped);
  const contactOf = byCase(lastContacts);

  const summaries: CaseSummary[] = [];
  for (const row of base) {
    const measure = measureOf.get(row.caseId);
    if (!measure) continue; // A file without a measure is not a case the norms apply to.
    const norms = caseNorms(
      {
        rulingDate: normsStart(measure), // a chain of measures: from its first ruling (measure-life.ts)
        assignedOn: (assignedOf.get(row.caseId)?.on as IsoDate | null | undefined) ?? null,
        koersAgreedOn: (agreedOf.get(row.caseId)?.on as IsoDate | null | undefined) ?? null,
        helpStartedOn: (helpedOf.get(row.caseId)?.on as IsoDate | null | undefined) ?? null,
      },
      today,
      policy,
    );
    const lastAt = contactOf.get(row.caseId)?.at;
    summaries.push({
      caseId: row.caseId,
      jeugdigeName: `${row.firstName} ${row.lastName}`,
      birthDate: row.birthDate,
      age: ageOn(row.birthDate, today),
      gezinName: row.gezinName,
      gemeente: row.gemeente,
      maatregelType: measure.type,
      rulingDate: measure.rulingDate,
      measureEndDate: measure.endDate,
      lastContactAt: lastAt ? new Date(lastAt).toISOString() : null,
      norms,
    });
  }
  return sortByUrgency(summaries);
}

export function sortByUrgency(rows: CaseSummary[]): CaseSummary[] {
  return rows
    .map((row) => ({ row, rank: urgencyRank(row.norms) }))
    .sort(
      (a, b) =>
        a.rank[0] - b.rank[0] ||
        a.rank[1] - b.rank[1] ||
        a.row.jeugdigeName.localeCompare(b.row.jeugdigeName, 'nl'),
    )
    .map((x) => x.row);
}
