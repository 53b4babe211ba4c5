/**
 * Walking one chain of the access log: the whole chain in position order (in
 * pages), or one month of it with the links into and out of the month
 * wherever its neighbours are. Every entry's hash, position and link to its
 * predecessor are checked; positions that went with a month dropped after its
 * retention term are no gap (their record holds the hashes on both sides).
 */
import { and, asc, desc, eq, gt, gte, isNotNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { accessLog, type DroppedRange } from '../db/schema';
import type { ChainAnchor, ChainProblem, ChainSummary } from './chain-report';
import {
  type Entry,
  entryHash,
  GENESIS_HASH,
  monthOf,
  NO_ORGANISATION,
  type RetentionRow,
} from './chain-text';

const PAGE = 5000;

/** Chain key as the chain's index has it, so lookups by position use access_log_chain_key. */
const chainKey = (org: string | null) =>
  sql`coalesce(${accessLog.organisationId}, ${NO_ORGANISATION}::uuid) = ${org ?? NO_ORGANISATION}::uuid`;

export interface Island extends DroppedRange {
  recordId: number;
  month: string;
}

/** The dropped runs of one chain's records, by position. */
export function islandsOf(records: RetentionRow[]): Island[] {
  return records
    .flatMap((r) => r.ranges.map((x) => ({ ...x, recordId: r.id, month: r.month.slice(0, 7) })))
    .sort((a, b) => a.from - b.from);
}

/** The whole chain in position order, in pages. */
export async function verifyWholeChain(
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
export async function verifyMonthOfChain(
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
