/**
 * The access log's months (migration 0021): the log is partitioned by month (UTC) on the time of
 * the access, so appending touches only this month's indexes however many years it holds, a month
 * can be verified on its own (chain.ts), and a month past the retention term goes as a whole.
 *
 * Guarantees:
 *  - An append never fails for want of a partition: last month's, this month's and the next
 *    MONTHS_AHEAD months' exist (made at start and every few hours), and anything else lands in
 *    the DEFAULT partition, from which it moves to its own month when that is made (the next run).
 *  - A month is dropped only when it ended more than the retention term (AUDIT_RETENTION_YEARS, at
 *    least the 5 years of NEN 7513; the database refuses less and never counts from a time later
 *    than its own clock) ago, and only when every entry in it is sealed. What went is recorded per
 *    chain (the positions, and the hashes on both sides) in access_log_retention, and named in the
 *    log itself, so the chain that remains verifies on. The app role cannot drop anything else: both
 *    functions run as the tables' owner and decide for themselves what may go.
 * Two server processes may run this at once: the functions take turns under one lock.
 */
import { sql } from 'drizzle-orm';
import type { Config } from '../config';
import type { Db } from '../db/connection';

/** How many months after the current one have their partition ready. */
export const MONTHS_AHEAD = 3;
/** How often a server process makes the coming months and drops the expired ones. */
export const UPKEEP_HOURS = 6;

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/** Makes the partitions around `now` (and of entries waiting in DEFAULT); answers how many it made. */
export async function ensureAccessLogPartitions(
  db: Db,
  now: Date,
  monthsAhead = MONTHS_AHEAD,
): Promise<number> {
  const [row] = rowsOf<{ n: number | string }>(
    await db.execute(
      sql`select ensure_access_log_partitions(${monthsAhead}, ${now.toISOString()}::timestamptz) as n`,
    ),
  );
  return Number(row?.n ?? 0);
}

export interface MonthDropped {
  /** YYYY-MM */
  month: string;
  dropped: boolean;
  entries: number | null;
  /** Why a month past its term was kept (e.g. not all sealed yet). */
  note: string | null;
}

/** Drops the months past the retention term at `now`; one line per month considered. */
export async function dropExpiredAccessLog(
  db: Db,
  config: Pick<Config, 'AUDIT_RETENTION_YEARS'>,
  now: Date,
): Promise<MonthDropped[]> {
  const rows = rowsOf<{
    month: string | Date;
    dropped: boolean;
    entries: number | string | null;
    note: string | null;
  }>(
    await db.execute(
      sql`select month::text as month, dropped, entries, note from drop_expired_access_log(${config.AUDIT_RETENTION_YEARS}, ${now.toISOString()}::timestamptz)`,
    ),
  );
  return rows.map((r) => ({
    month: String(r.month).slice(0, 7),
    dropped: r.dropped,
    entries: r.entries === null ? null : Number(r.entries),
    note: r.note,
  }));
}

export interface AccessLogPartition {
  name: string;
  /** YYYY-MM, or null for the DEFAULT partition. */
  month: string | null;
}

/** The log's partitions, oldest month first, DEFAULT last (needs to read the catalogue: owner). */
export async function listAccessLogPartitions(db: Db): Promise<AccessLogPartition[]> {
  const rows = rowsOf<{ name: string }>(
    await db.execute(sql`
      select c.relname::text as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
      where i.inhparent = 'access_log'::regclass order by c.relname`),
  );
  const month = (name: string) => {
    const m = /^access_log_(\d{4})_(\d{2})$/.exec(name);
    return m ? `${m[1]}-${m[2]}` : null;
  };
  return rows
    .map((r) => ({ name: r.name, month: month(r.name) }))
    .sort((a, b) => (a.month ?? '9999').localeCompare(b.month ?? '9999'));
}

/**
 * Makes the coming months and drops the expired ones, now and every `everyMs`, until the returned
 * function is called. A failed run (database away, a lock not had within seconds) is reported and
 * tried again at the next; the timer never keeps the process alive on its own.
 */
export function startAccessLogUpkeep(
  db: Db,
  config: Pick<Config, 'AUDIT_RETENTION_YEARS'>,
  options: {
    everyMs?: number;
    clock?: () => Date;
    onError?: (error: unknown) => void;
    onDropped?: (months: MonthDropped[]) => void;
  } = {},
): () => void {
  const clock = options.clock ?? (() => new Date());
  const onError =
    options.onError ?? ((error) => console.error('Onderhoud van het toegangslog mislukt', error));
  let running: Promise<unknown> | null = null;
  const run = () => {
    if (running) return;
    running = (async () => {
      const now = clock();
      await ensureAccessLogPartitions(db, now);
      const months = await dropExpiredAccessLog(db, config, now);
      if (months.length) options.onDropped?.(months);
    })()
      .catch(onError)
      .finally(() => {
        running = null;
      });
  };
  run();
  const timer = setInterval(run, options.everyMs ?? UPKEEP_HOURS * 3_600_000);
  timer.unref();
  return () => clearInterval(timer);
}
