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
 */
import { createHash } from 'node:crypto';
import { and, asc, desc, eq, gt, gte, isNotNull, isNull, lt, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { accessLog, accessLogRetention, type DroppedRange } from '../db/schema';
import { sealAccessLog, sealChain } from './sealer';

export const GENESIS_HASH = '0'.repeat(64);
const NO_ORGANISATION = '00000000-0000-0000-0000-000000000000';
/** NEN 7513 asks an access log be kept at least this long; no drop may claim a shorter term. */
export const MIN_RETENTION_YEARS = 5;

type Entry = typeof accessLog.$inferSelect;
type RetentionRow = typeof accessLogRetention.$inferSelect;

const field = (v: string | null | undefined) => (v == null ? '-' : `${Buffer.byteLength(v, 'utf8')}:${v}`);
const time = (d: Date | null) => (d ? d.toISOString() : null);

/** The text an entry's hash is taken over; equal to access_log_canonical() in the database. */
export function canonicalEntry(e: Entry): string {
  return [
    'v1',
    field(String(e.id)),
    field(e.seq == null ? null : String(e.seq)),
    field(e.prevHash),
    field(e.organisationId),
    field(time(e.at)),
    field(time(e.receivedAt)),
    field(e.userId),
    field(e.role),
    field(e.onBehalfOf),
    field(e.caseId),
    field(e.action),
    field(e.procedure),
    field(e.result),
    field(e.sessionId),
    field(e.deviceId),
    field(e.device),
    field(e.reason),
    field(e.clientEventId),
  ].join('|');
}

export const entryHash = (e: Entry) => createHash('sha256').update(canonicalEntry(e), 'utf8').digest('hex');

/** The text a retention record's hash is taken over; equal to access_log_retention_canonical(). */
export function canonicalRetention(r: RetentionRow): string {
  const ranges = [...r.ranges].sort((a, b) => a.from - b.from);
  return [
    'r1',
    field(r.organisationId),
    field(r.month.slice(0, 7)),
    field(String(r.entries)),
    field(String(r.firstSeq)),
    field(String(r.lastSeq)),
    field(ranges.length ? ranges.map((x) => `${x.from}:${x.to}:${x.prevHash}:${x.hash}`).join(',') : null),
    field(String(r.retentionYears)),
    field(time(r.asOf)),
    field(time(r.droppedAt)),
  ].join('|');
}

export type ChainProblem =
  | { kind: 'gewijzigd'; organisationId: string | null; id: number; seq: number }
  | {
      kind: 'verwijderd';
      organisationId: string | null;
      beforeId: number;
      missingFrom: number;
      missingTo: number;
    }
  | { kind: 'ingevoegd'; organisationId: string | null; id: number; seq: number; afterId: number | null }
  | {
      kind: 'bewaartermijn';
      organisationId: string | null;
      /** The retention record concerned, if one. */
      recordId: number | null;
      /** The entry concerned, if one. */
      id: number | null;
      reason: string;
    };

/** Where a checked stretch of a chain links on to. */
export type ChainAnchor =
  | { kind: 'begin' }
  /** An entry outside the month checked (normally the last of the month before). */
  | { kind: 'item'; id: number; seq: number; month: string }
  /** The last position dropped with a month after its retention term. */
  | { kind: 'bewaartermijn'; seq: number; hash: string; month: string };

export interface ChainSummary {
  organisationId: string | null;
  entries: number;
  /** The first position present (0: none). */
  firstSeq: number;
  /** The chain's head (in month mode: the last position in the month). */
  headSeq: number;
  headHash: string;
  /** Entries dropped after their retention term (recorded in access_log_retention). */
  dropped: number;
  /** What the first entry present links to. */
  anchor: ChainAnchor;
}

export interface RetentionSummary {
  id: number;
  organisationId: string | null;
  /** YYYY-MM */
  month: string;
  entries: number;
  firstSeq: number;
  lastSeq: number;
  droppedAt: string;
}

export interface ChainReport {
  ok: boolean;
  entries: number;
  /** Set when one month was checked (YYYY-MM). */
  month?: string;
  chains: ChainSummary[];
  /** The months dropped after their retention term (of the month checked, in month mode). */
  dropped: RetentionSummary[];
  problems: ChainProblem[];
}

export interface VerifyOptions {
  /** Check one month (UTC, YYYY-MM) instead of the whole log. */
  month?: string;
}

const PAGE = 5000;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** A month's bounds (UTC): the range of its partition. */
export function monthBounds(month: string): { from: Date; to: Date } {
  const m = MONTH.exec(month);
  if (!m) throw new RangeError(`Geen maand (JJJJ-MM): ${month}`);
  const year = Number(m[1]);
  const index = Number(m[2]) - 1;
  return { from: new Date(Date.UTC(year, index, 1)), to: new Date(Date.UTC(year, index + 1, 1)) };
}

const monthOf = (d: Date) => d.toISOString().slice(0, 7);

/** Chain key as the chain's index has it, so lookups by position use access_log_chain_key. */
const chainKey = (org: string | null) =>
  sql`coalesce(${accessLog.organisationId}, ${NO_ORGANISATION}::uuid) = ${org ?? NO_ORGANISATION}::uuid`;

interface Island extends DroppedRange {
  recordId: number;
  month: string;
}

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

/** The dropped runs of one chain's records, by position. */
function islandsOf(records: RetentionRow[]): Island[] {
  return records
    .flatMap((r) => r.ranges.map((x) => ({ ...x, recordId: r.id, month: r.month.slice(0, 7) })))
    .sort((a, b) => a.from - b.from);
}

/** The whole chain in position order, in pages. */
async function verifyWholeChain(
  db: Db,
  org: string | null,
  islands: Island[],
  problems: ChainProblem[],
): Promise<ChainSummary> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let prevId: number | null = null;
  // The dropped run the link comes from, when it does not come from an entry.
  let prevIsland = null as Island | null;
  let after = { seq: 0, id: 0 };
  let count = 0;
  let firstSeq = 0;
  let anchor: ChainAnchor = { kind: 'begin' };
  let next = 0;
  const dropped = islands.reduce((n, i) => n + i.to - i.from + 1, 0);

  /** Passes the dropped runs that end before position `seq`; positions missing beside them are named. */
  const passDropped = (seq: number, beforeId: number | null) => {
    for (let island = islands[next]; island && island.to < seq; island = islands[next]) {
      next += 1;
      if (island.to < expectedSeq) {
        problems.push({
          kind: 'bewaartermijn',
          organisationId: org,
          recordId: island.recordId,
          id: null,
          reason: `positie ${island.from}–${island.to} (maand ${island.month}) is als verwijderd vastgelegd maar overlapt wat er nog staat`,
        });
        continue;
      }
      if (island.from > expectedSeq) {
        problems.push(
          beforeId === null
            ? {
                kind: 'bewaartermijn',
                organisationId: org,
                recordId: island.recordId,
                id: null,
                reason: `positie ${expectedSeq}–${island.from - 1} ontbreekt vóór de verwijderde maand ${island.month}: verwijderd`,
              }
            : {
                kind: 'verwijderd',
                organisationId: org,
                beforeId,
                missingFrom: expectedSeq,
                missingTo: island.from - 1,
              },
        );
      } else if (island.prevHash !== prevHash) {
        problems.push({
          kind: 'bewaartermijn',
          organisationId: org,
          recordId: island.recordId,
          id: prevId,
          reason: `de verwijderde posities ${island.from}–${island.to} (maand ${island.month}) sluiten niet aan op ${prevId === null ? 'wat ervoor ligt' : `item ${prevId}`}`,
        });
      }
      expectedSeq = island.to + 1;
      prevHash = island.hash;
      prevId = null;
      prevIsland = island;
    }
    const inside = islands[next];
    if (inside && inside.from <= seq && beforeId !== null) {
      problems.push({
        kind: 'bewaartermijn',
        organisationId: org,
        recordId: inside.recordId,
        id: beforeId,
        reason: `item ${beforeId} (positie ${seq}) staat nog in het log maar is als verwijderd vastgelegd (maand ${inside.month})`,
      });
    }
  };

  for (;;) {
    const page = await db
      .select()
      .from(accessLog)
      .where(
        and(
          chainKey(org),
          isNotNull(accessLog.seq),
          sql`(${accessLog.seq}, ${accessLog.id}) > (${after.seq}, ${after.id})`,
        ),
      )
      .orderBy(asc(accessLog.seq), asc(accessLog.id))
      .limit(PAGE);
    for (const e of page) {
      const seq = e.seq ?? 0;
      count += 1;
      const intact = e.hash === entryHash(e);
      if (!intact) problems.push({ kind: 'gewijzigd', organisationId: org, id: e.id, seq });
      after = { seq, id: e.id };
      if (seq < expectedSeq) {
        // A position already taken: this entry is off the chain; the next one links to the one before.
        problems.push({ kind: 'ingevoegd', organisationId: org, id: e.id, seq, afterId: prevId });
        continue;
      }
      passDropped(seq, e.id);
      if (firstSeq === 0) {
        firstSeq = seq;
        if (prevIsland && expectedSeq === seq) {
          anchor = { kind: 'bewaartermijn', seq: seq - 1, hash: prevHash, month: prevIsland.month };
        }
      }
      if (seq > expectedSeq) {
        problems.push({
          kind: 'verwijderd',
          organisationId: org,
          beforeId: e.id,
          missingFrom: expectedSeq,
          missingTo: seq - 1,
        });
      } else if (e.prevHash !== prevHash && intact) {
        problems.push(
          prevId === null && prevIsland
            ? {
                kind: 'bewaartermijn',
                organisationId: org,
                recordId: prevIsland.recordId,
                id: e.id,
                reason: `item ${e.id} (positie ${seq}) sluit niet aan op de laatste verwijderde positie ${prevIsland.to} (maand ${prevIsland.month})`,
              }
            : { kind: 'ingevoegd', organisationId: org, id: e.id, seq, afterId: prevId },
        );
      }
      expectedSeq = Math.max(expectedSeq, seq + 1);
      prevHash = e.hash ?? '';
      prevId = e.id;
      prevIsland = null;
    }
    if (page.length < PAGE) break;
  }
  // Dropped runs after the last entry present: the head went with its month.
  passDropped(Number.POSITIVE_INFINITY, null);
  return {
    organisationId: org,
    entries: count,
    firstSeq,
    headSeq: expectedSeq - 1,
    headHash: prevHash,
    dropped,
    anchor,
  };
}

/**
 * One month of one chain: every entry in it, and the links into and out of it wherever the
 * neighbouring positions are (a lookup along the chain's index per edge of a run of positions).
 */
async function verifyMonthOfChain(
  db: Db,
  org: string | null,
  bounds: { from: Date; to: Date },
  islands: Island[],
  problems: ChainProblem[],
): Promise<ChainSummary> {
  const at = (seq: number) =>
    db
      .select()
      .from(accessLog)
      .where(and(chainKey(org), eq(accessLog.seq, seq)))
      .orderBy(asc(accessLog.id))
      .limit(1)
      .then((r) => r[0]);
  const nearest = async (seq: number, direction: 'below' | 'above') => {
    const [row] = await db
      .select({ id: accessLog.id, seq: accessLog.seq })
      .from(accessLog)
      .where(
        and(
          chainKey(org),
          isNotNull(accessLog.seq),
          direction === 'below' ? lt(accessLog.seq, seq) : gt(accessLog.seq, seq),
        ),
      )
      .orderBy(direction === 'below' ? desc(accessLog.seq) : asc(accessLog.seq))
      .limit(1);
    return row ? { id: row.id, seq: row.seq ?? 0 } : null;
  };
  const droppedEndingAt = (seq: number) => islands.find((i) => i.to === seq);
  const droppedStartingAt = (seq: number) => islands.find((i) => i.from === seq);

  let count = 0;
  let firstSeq = 0;
  let anchor: ChainAnchor = { kind: 'begin' };
  let prev: Entry | null = null;
  let prevIntact = true;
  let after = { seq: 0, id: 0 };

  /** The link into `e` from a position outside the month (or none). */
  const linkIn = async (e: Entry, seq: number, intact: boolean) => {
    let expected: string | null = null;
    let from: ChainAnchor | null = null;
    let afterId: number | null = null;
    let island: Island | undefined;
    if (seq === 1) {
      expected = GENESIS_HASH;
      from = { kind: 'begin' };
    } else {
      const p = await at(seq - 1);
      island = p ? undefined : droppedEndingAt(seq - 1);
      if (p) {
        expected = p.hash;
        afterId = p.id;
        from = { kind: 'item', id: p.id, seq: seq - 1, month: monthOf(p.at) };
      } else if (island) {
        expected = island.hash;
        from = { kind: 'bewaartermijn', seq: island.to, hash: island.hash, month: island.month };
      } else {
        // Removed: from just after the nearest position below that is present or dropped.
        let lowest = (await nearest(seq, 'below'))?.seq ?? 0;
        for (const i of islands) if (i.to < seq && i.to > lowest) lowest = i.to;
        problems.push({
          kind: 'verwijderd',
          organisationId: org,
          beforeId: e.id,
          missingFrom: lowest + 1,
          missingTo: seq - 1,
        });
      }
    }
    if (from && firstSeq === seq) anchor = from;
    if (expected !== null && e.prevHash !== expected && intact) {
      problems.push(
        island
          ? {
              kind: 'bewaartermijn',
              organisationId: org,
              recordId: island.recordId,
              id: e.id,
              reason: `item ${e.id} (positie ${seq}) sluit niet aan op de laatste verwijderde positie ${island.to} (maand ${island.month})`,
            }
          : { kind: 'ingevoegd', organisationId: org, id: e.id, seq, afterId },
      );
    }
  };

  /**
   * The link out of `e` to a position outside the month (or none: the head, or a cut tail).
   * Positions missing right before the month's next entry (`nextSeq`) are named by linkIn.
   */
  const linkOut = async (e: Entry, seq: number, nextSeq: number | null, intact: boolean) => {
    const n = await at(seq + 1);
    if (n) {
      if (intact && n.prevHash !== e.hash && n.hash === entryHash(n)) {
        problems.push({ kind: 'ingevoegd', organisationId: org, id: n.id, seq: seq + 1, afterId: e.id });
      }
      return;
    }
    const island = droppedStartingAt(seq + 1);
    if (island) {
      if (intact && island.prevHash !== e.hash) {
        problems.push({
          kind: 'bewaartermijn',
          organisationId: org,
          recordId: island.recordId,
          id: e.id,
          reason: `de verwijderde posities ${island.from}–${island.to} (maand ${island.month}) sluiten niet aan op item ${e.id}`,
        });
      }
      return;
    }
    const following = await nearest(seq, 'above');
    if (!following || following.seq === nextSeq) return;
    let highest = following.seq;
    for (const i of islands) if (i.from > seq && i.from < highest) highest = i.from;
    problems.push({
      kind: 'verwijderd',
      organisationId: org,
      beforeId: following.id,
      missingFrom: seq + 1,
      missingTo: highest - 1,
    });
  };

  for (;;) {
    const page = await db
      .select()
      .from(accessLog)
      .where(
        and(
          chainKey(org),
          isNotNull(accessLog.seq),
          gte(accessLog.at, bounds.from),
          lt(accessLog.at, bounds.to),
          sql`(${accessLog.seq}, ${accessLog.id}) > (${after.seq}, ${after.id})`,
        ),
      )
      .orderBy(asc(accessLog.seq), asc(accessLog.id))
      .limit(PAGE);
    for (const e of page) {
      const seq = e.seq ?? 0;
      after = { seq, id: e.id };
      count += 1;
      const intact = e.hash === entryHash(e);
      if (!intact) problems.push({ kind: 'gewijzigd', organisationId: org, id: e.id, seq });
      if (prev && prev.seq === seq) {
        problems.push({ kind: 'ingevoegd', organisationId: org, id: e.id, seq, afterId: prev.id });
        continue;
      }
      if (firstSeq === 0) firstSeq = seq;
      if (prev && prev.seq === seq - 1) {
        if (e.prevHash !== prev.hash && intact) {
          problems.push({ kind: 'ingevoegd', organisationId: org, id: e.id, seq, afterId: prev.id });
        }
      } else {
        // A run of positions in this month ends at prev and another starts here.
        if (prev) await linkOut(prev, prev.seq ?? 0, seq, prevIntact);
        await linkIn(e, seq, intact);
      }
      prev = e;
      prevIntact = intact;
    }
    if (page.length < PAGE) break;
  }
  if (prev) await linkOut(prev, prev.seq ?? 0, null, prevIntact);
  const dropped = islands.reduce((n, i) => n + i.to - i.from + 1, 0);
  return {
    organisationId: org,
    entries: count,
    firstSeq,
    headSeq: prev?.seq ?? 0,
    headHash: prev?.hash ?? '',
    dropped,
    anchor,
  };
}

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
async function checkRetentionRecords(db: Db, records: RetentionRow[]): Promise<ChainProblem[]> {
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

/** A Dutch, one-line-per-problem description for the command line. */
export function describeProblem(p: ChainProblem): string {
  const chain = `keten ${p.organisationId ?? NO_ORGANISATION}`;
  switch (p.kind) {
    case 'gewijzigd':
      return `${chain}: item ${p.id} (positie ${p.seq}) is gewijzigd: de inhoud past niet bij de hash`;
    case 'verwijderd':
      return `${chain}: positie ${p.missingFrom}${p.missingTo > p.missingFrom ? `–${p.missingTo}` : ''} ontbreekt vóór item ${p.beforeId}: verwijderd`;
    case 'ingevoegd':
      return p.afterId === null
        ? `${chain}: item ${p.id} (positie ${p.seq}) is ingevoegd: het sluit niet aan op het begin`
        : `${chain}: item ${p.id} (positie ${p.seq}) sluit niet aan op item ${p.afterId}: ingevoegd, of item ${p.afterId} is herschreven`;
    case 'bewaartermijn':
      return `${chain}: bewaartermijn: ${p.reason}`;
  }
}

/** Where a checked stretch starts, in Dutch. */
export function describeAnchor(a: ChainAnchor): string {
  switch (a.kind) {
    case 'begin':
      return 'begint bij het begin van de keten';
    case 'item':
      return `sluit aan op item ${a.id} (positie ${a.seq}, maand ${a.month})`;
    case 'bewaartermijn':
      return `sluit aan op positie ${a.seq}, verwijderd na de bewaartermijn met maand ${a.month} (hash ${a.hash})`;
  }
}
