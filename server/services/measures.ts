/** The measures of a set of cases, per case, the current one first (shared/rules/norms.ts decides which). */
import { inArray } from 'drizzle-orm';
import { currentMeasureFirst } from '../../shared/rules/norms';
import type { Db } from '../db/connection';
import { maatregelen } from '../db/schema';

export async function measuresByCase(db: Db, caseIds: readonly string[]) {
  const rows = caseIds.length
    ? await db
        .select({
          caseId: maatregelen.caseId,
          type: maatregelen.type,
          rulingDate: maatregelen.rulingDate,
          status: maatregelen.status,
          outOfHomePlacement: maatregelen.outOfHomePlacement,
          zaaknummer: maatregelen.zaaknummer,
          endDate: maatregelen.endDate,
          endedOn: maatregelen.endedOn,
          normsFrom: maatregelen.normsFrom,
        })
        .from(maatregelen)
        .where(inArray(maatregelen.caseId, [...new Set(caseIds)]))
    : [];
  const byCase = new Map<string, typeof rows>();
  for (const r of rows) byCase.set(r.caseId, [...(byCase.get(r.caseId) ?? []), r]);
  for (const list of byCase.values()) list.sort(currentMeasureFirst);
  return byCase;
}
