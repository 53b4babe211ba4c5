/**
 * The text an access-log entry's hash (and a retention record's) is taken
 * over, rebuilt here independently of the database's function
 * (access_log_canonical(), migration 0011), so the verification does not
 * trust the database it checks. Each field is length-prefixed: no two
 * different entries share a text. Also the months the log is partitioned by
 * (UTC, on `at`).
 */
import { createHash } from 'node:crypto';
import type { accessLog, accessLogRetention } from '../db/schema';

export const GENESIS_HASH = '0'.repeat(64);
export const NO_ORGANISATION = '00000000-0000-0000-0000-000000000000';

export type Entry = typeof accessLog.$inferSelect;
export type RetentionRow = typeof accessLogRetention.$inferSelect;

const field = (v: string | null | undefined) => (v == null ? '-' : `${Buffer.byteLength(v, 'utf8')}:${v}`);
export const time = (d: Date | null) => (d ? d.toISOString() : null);

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

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** A month's bounds (UTC): the range of its partition. */
export function monthBounds(month: string): { from: Date; to: Date } {
  const m = MONTH.exec(month);
  if (!m) throw new RangeError(`Geen maand (JJJJ-MM): ${month}`);
  const year = Number(m[1]);
  const index = Number(m[2]) - 1;
  return { from: new Date(Date.UTC(year, index, 1)), to: new Date(Date.UTC(year, index + 1, 1)) };
}

export const monthOf = (d: Date) => d.toISOString().slice(0, 7);
