/**
 * Verifies the access log's hash chains (one per organisation, sealed by
 * seal_access_log of migration 0020 on the text of migration 0011). The entry text is rebuilt here
 * independently of the database's function, and every entry's hash, position
 * and link to its predecessor are checked. Reported by entry id:
 *  - gewijzigd:  the entry's content no longer matches its hash (altered);
 *  - verwijderd: positions are missing between two entries (removed);
 *  - ingevoegd:  the entry repeats a position, or does not link to the entry
 *                before it while its own hash holds (inserted, or the entry
 *                before it was rewritten together with its hash).
 * Removing entries from the very end cannot be seen from the log alone; the
 * verification prints each chain's head (position and hash) so it can be
 * compared with the one noted at the previous check.
 */
import { createHash } from 'node:crypto';
import { and, asc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { accessLog } from '../db/schema';
import { sealAccessLog, sealChain } from './sealer';

export const GENESIS_HASH = '0'.repeat(64);
const NO_ORGANISATION = '00000000-0000-0000-0000-000000000000';

type Entry = typeof accessLog.$inferSelect;

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

export type ChainProblem =
  | { kind: 'gewijzigd'; organisationId: string | null; id: number; seq: number }
  | {
      kind: 'verwijderd';
      organisationId: string | null;
      beforeId: number;
      missingFrom: number;
      missingTo: number;
    }
  | { kind: 'ingevoegd'; organisationId: string | null; id: number; seq: number; afterId: number | null };

export interface ChainReport {
  ok: boolean;
  entries: number;
  chains: { organisationId: string | null; entries: number; headSeq: number; headHash: string }[];
  problems: ChainProblem[];
}

const PAGE = 5000;

/**
 * Checks every chain (or one organisation's). Seals what waits for its seal first (sealer.ts), so
 * every entry appended until now is checked. Reads in pages, so a log of millions fits in memory.
 */
export async function verifyAccessLog(db: Db, organisationId?: string | null): Promise<ChainReport> {
  if (organisationId !== undefined) await sealChain(db, organisationId);
  else await sealAccessLog(db);
  const chainKeys =
    organisationId !== undefined
      ? [organisationId]
      : (
          await db
            .selectDistinct({ organisationId: accessLog.organisationId })
            .from(accessLog)
            .orderBy(asc(accessLog.organisationId))
        ).map((r) => r.organisationId);
  const report: ChainReport = { ok: true, entries: 0, chains: [], problems: [] };
  for (const org of chainKeys) {
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    let prevId: number | null = null;
    let after = { seq: 0, id: 0 };
    let count = 0;
    const sameChain = org === null ? isNull(accessLog.organisationId) : eq(accessLog.organisationId, org);
    for (;;) {
      const page = await db
        .select()
        .from(accessLog)
        .where(
          and(
            sameChain,
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
        if (!intact) report.problems.push({ kind: 'gewijzigd', organisationId: org, id: e.id, seq });
        after = { seq, id: e.id };
        if (seq < expectedSeq) {
          // A position already taken: this entry is off the chain; the next one links to the one before.
          report.problems.push({ kind: 'ingevoegd', organisationId: org, id: e.id, seq, afterId: prevId });
          continue;
        }
        if (seq > expectedSeq) {
          report.problems.push({
            kind: 'verwijderd',
            organisationId: org,
            beforeId: e.id,
            missingFrom: expectedSeq,
            missingTo: seq - 1,
          });
        } else if (e.prevHash !== prevHash && intact) {
          report.problems.push({ kind: 'ingevoegd', organisationId: org, id: e.id, seq, afterId: prevId });
        }
        expectedSeq = Math.max(expectedSeq, seq + 1);
        prevHash = e.hash ?? '';
        prevId = e.id;
      }
      if (page.length < PAGE) break;
    }
    report.entries += count;
    report.chains.push({ organisationId: org, entries: count, headSeq: expectedSeq - 1, headHash: prevHash });
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
      ),
    );
  for (const e of forged) {
    report.problems.push({ kind: 'gewijzigd', organisationId: e.organisationId, id: e.id, seq: 0 });
  }
  report.ok = report.problems.length === 0;
  return report;
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
  }
}
