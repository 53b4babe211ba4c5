/**
 * Verifies the access log's hash chains (one per organisation, sealed by
 * seal_access_log of migration 0020 on the text of migration 0011). The entry text is rebuilt here
 * independently of the database's function, and every entry's hash, position
 * and link to its predecessor are checked. Reported by entry id:
 *  - gewijzigd:  the entry's content no longer matches its hash (altered);
 *  - verwijderd: positions are missing between two entries (removed);
 *  - ingevoegd:  the entry repeats a position, or does not link to the entry
 *                before it while its own hash holds (inserted, or the entry
 *                before it was rewritten together with its hash);
 *  - bewaartermijn: a record of months dropped after their retention term
 *                (access_log_retention, migration 0021) does not hold: altered,
 *                dropped too early, not named in the log, or not fitting the
 *                chain around it.
 * Removing entries from the very end cannot be seen from the log alone; the
 * verification prints each chain's head (position and hash) so it can be
 * compared with the one noted at the previous check (and the signed
 * checkpoints do, checkpoints.ts).
 *
 * The log is partitioned by month (UTC, on `at`). The whole log is checked in
 * position order across the months; `{ month: 'YYYY-MM' }` checks one month on
 * its own: its entries, the link of each to its predecessor and successor
 * wherever those are (normally the last entry of the month before and the
 * first of the month after; a read uploaded late from a phone sits in the
 * month it was made), and says where the month's chain starts. Positions that
 * went with a month dropped after its retention term are no gap: the record
 * of the drop holds the hashes on both sides, so what remains verifies on.
 *
 * The parts: chain-text.ts (the hashed text, months), chain-walk.ts (one
 * chain, whole or a month), chain-retention.ts (the drop records),
 * chain-report.ts (what is reported, and its Dutch lines).
 */
import { and, asc, eq, gte, isNull, lt, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { accessLog, accessLogRetention } from '../db/schema';
import type { ChainReport, VerifyOptions } from './chain-report';
import { checkRetentionRecords } from './chain-retention';
import { monthBounds } from './chain-text';
import { islandsOf, verifyMonthOfChain, verifyWholeChain } from './chain-walk';
import { sealAccessLog, sealChain } from './sealer';

/** Checks every chain (or one organisation's): the whole log, or one month of it. */
export async function verifyAccessLog(
  db: Db,
  organisationId?: string | null,
  options: VerifyOptions = {},
): Promise<ChainReport> {
  const bounds = options.month === undefined ? null : monthBounds(options.month);
  // Seals what waits for its seal first (sealer.ts), so every entry appended until now is checked.
  if (organisationId !== undefined) await sealChain(db, organisationId);
  else await sealAccessLog(db);
  const records = await db
    .select()
    .from(accessLogRetention)
    .where(
      organisationId === undefined
        ? undefined
        : organisationId === null
          ? isNull(accessLogRetention.organisationId)
          : eq(accessLogRetention.organisationId, organisationId),
    )
    .orderBy(asc(accessLogRetention.id));
  const inMonth = bounds
    ? and(gte(accessLog.at, bounds.from), lt(accessLog.at, bounds.to))
    : (undefined as SQL | undefined);
  const chainKeys =
    organisationId !== undefined
      ? [organisationId]
      : (
          await db
            .selectDistinct({ organisationId: accessLog.organisationId })
            .from(accessLog)
            .where(inMonth)
            .orderBy(asc(accessLog.organisationId))
        ).map((r) => r.organisationId);
  if (!bounds) {
    // A chain whose every entry went after its term is still a chain: its head is in the record.
    for (const r of records) if (!chainKeys.includes(r.organisationId)) chainKeys.push(r.organisationId);
  }
  const report: ChainReport = {
    ok: true,
    entries: 0,
    ...(options.month ? { month: options.month } : {}),
    chains: [],
    dropped: records
      .filter((r) => !options.month || r.month.slice(0, 7) === options.month)
      .map((r) => ({
        id: r.id,
        organisationId: r.organisationId,
        month: r.month.slice(0, 7),
        entries: r.entries,
        firstSeq: r.firstSeq,
        lastSeq: r.lastSeq,
        droppedAt: r.droppedAt.toISOString(),
      })),
    problems: [],
  };
  report.problems.push(...(await checkRetentionRecords(db, records)));
  for (const org of chainKeys) {
    const islands = islandsOf(records.filter((r) => r.organisationId === org));
    const summary = bounds
      ? await verifyMonthOfChain(db, org, bounds, islands, report.problems)
      : await verifyWholeChain(db, org, islands, report.problems);
    report.entries += summary.entries;
    report.chains.push(summary);
  }
  // An entry outside the chain that carries chain values was given them by someone else than the
  // sealer (which fills all three at once): it is named as altered.
  const forged = await db
    .select({ id: accessLog.id, organisationId: accessLog.organisationId })
    .from(accessLog)
    .where(
      and(
        isNull(accessLog.seq),
        sql`(${accessLog.hash} is not null or ${accessLog.prevHash} is not null)`,
        organisationId === undefined
          ? undefined
          : organisationId === null
            ? isNull(accessLog.organisationId)
            : eq(accessLog.organisationId, organisationId),
        inMonth,
      ),
    );
  for (const e of forged) {
    report.problems.push({ kind: 'gewijzigd', organisationId: e.organisationId, id: e.id, seq: 0 });
  }
  report.ok = report.problems.length === 0;
  return report;
}
