/**
 * The records of months dropped from the access log after their retention
 * term (access_log_retention, migration 0021). Guarantee checked: a record's
 * hash holds, its month ended at least its term (and at least NEN 7513's
 * minimum) before the drop, its runs add up, and the log entry that names it
 * is in the log (or went with a later drop of its own month).
 */
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { accessLog } from '../db/schema';
import type { ChainProblem } from './chain-report';
import { canonicalRetention, monthBounds, monthOf, type RetentionRow, time } from './chain-text';

/** NEN 7513 asks an access log be kept at least this long; no drop may claim a shorter term. */
export const MIN_RETENTION_YEARS = 5;

const addYears = (d: Date, years: number) => {
  const copy = new Date(d);
  copy.setUTCFullYear(copy.getUTCFullYear() + years);
  return copy;
};

/**
 * Each retention record: its hash holds, its month ended at least its term (and at least
 * MIN_RETENTION_YEARS) before the drop, its runs add up, and the log entry that names it is in the
 * log (or went with a later drop of its own month).
 */
export async function checkRetentionRecords(db: Db, records: RetentionRow[]): Promise<ChainProblem[]> {
  const problems: ChainProblem[] = [];
  const problem = (r: RetentionRow, reason: string) =>
    problems.push({
      kind: 'bewaartermijn',
      organisationId: r.organisationId,
      recordId: r.id,
      id: null,
      reason: `vastlegging ${r.id} (maand ${r.month.slice(0, 7)}): ${reason}`,
    });
  for (const r of records) {
    const hash = createHash('sha256').update(canonicalRetention(r), 'utf8').digest('hex');
    if (hash !== r.recordHash) problem(r, 'gewijzigd: de inhoud past niet bij de hash');
    const { to: monthEnd } = monthBounds(r.month.slice(0, 7));
    if (
      r.retentionYears < MIN_RETENTION_YEARS ||
      addYears(monthEnd, r.retentionYears) > r.asOf ||
      r.asOf > r.droppedAt
    ) {
      problem(
        r,
        `te vroeg verwijderd (bewaartermijn ${r.retentionYears} jaar, geteld vanaf ${time(r.asOf)})`,
      );
    }
    const ranges = [...r.ranges].sort((a, b) => a.from - b.from);
    const size = ranges.reduce((n, x) => n + x.to - x.from + 1, 0);
    const ordered = ranges.every(
      (x, i) => x.from <= x.to && (i === 0 || (ranges[i - 1]?.to ?? 0) < x.from - 1),
    );
    if (!ordered || size !== r.entries || ranges[0]?.from !== r.firstSeq || ranges.at(-1)?.to !== r.lastSeq) {
      problem(r, 'de verwijderde posities kloppen niet met het aantal');
    }
    const [entry] = await db
      .select({
        procedure: accessLog.procedure,
        reason: accessLog.reason,
        organisationId: accessLog.organisationId,
      })
      .from(accessLog)
      .where(and(eq(accessLog.id, r.logEntryId), eq(accessLog.at, r.logEntryAt)));
    if (entry) {
      if (
        entry.procedure !== 'audit.retention' ||
        entry.organisationId !== r.organisationId ||
        !entry.reason?.includes(r.recordHash)
      ) {
        problem(r, `het logitem ${r.logEntryId} noemt deze vastlegging niet`);
      }
    } else {
      const entryMonth = monthOf(r.logEntryAt);
      const goneToo = records.some(
        (o) => o.organisationId === r.organisationId && o.month.slice(0, 7) === entryMonth,
      );
      if (!goneToo) problem(r, `het logitem ${r.logEntryId} dat haar noemt ontbreekt`);
    }
  }
  return problems;
}
