/**
 * The access log's sealer: gives the entries appended since the last seal their place in their
 * organisation's hash chain (seal_access_log, migration 0020), in batches, off the request path.
 *
 * Guarantees:
 *  - A request never waits for the chain: it appends its entries and answers; the sealer follows a
 *    moment later (nudged by the append, and every few seconds in any case).
 *  - Nothing is lost between an append and its seal: an unsealed entry waits in the table, and the
 *    next seal of any process — or `npm run audit:verify`, which seals first — takes it.
 *  - Chains never fork: each seal holds its organisation's lock until it commits, whichever server
 *    process runs it.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/connection';

const BATCH = 5000;

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/** Seals every waiting entry of one organisation's chain (null: entries without organisation). */
export async function sealChain(db: Db, organisationId: string | null): Promise<number> {
  let total = 0;
  for (;;) {
    const [row] = rowsOf<{ n: number | string }>(
      await db.execute(sql`select seal_access_log(${organisationId}::uuid, ${BATCH}) as n`),
    );
    const n = Number(row?.n ?? 0);
    total += n;
    if (n < BATCH) return total;
  }
}

/** Seals the waiting entries of every chain; returns how many it sealed. */
export async function sealAccessLog(db: Db): Promise<number> {
  const chains = rowsOf<{ org: string | null }>(
    await db.execute(sql`select access_log_unsealed_chains() as org`),
  );
  let total = 0;
  for (const { org } of chains) total += await sealChain(db, org);
  return total;
}

export interface Sealer {
  /** An append happened: seal soon (once per short window, however many appends). */
  nudge(): void;
  /** Seals what waits now and stops the timers. */
  stop(): Promise<void>;
}

/**
 * Runs the sealer for a server process: shortly after appends (`delayMs`) and every `intervalMs`
 * (for entries another process appended, or that waited through a crash). A failed seal is tried
 * again at the next turn; the entries keep waiting meanwhile.
 */
export function startSealer(db: Db, opts: { delayMs?: number; intervalMs?: number } = {}): Sealer {
  const delayMs = opts.delayMs ?? 200;
  let soon: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const run = () => {
    running = running.then(() => sealAccessLog(db)).catch(() => undefined);
    return running;
  };
  const every = setInterval(run, opts.intervalMs ?? 5000);
  every.unref();
  run();
  return {
    nudge() {
      if (soon || stopped) return;
      soon = setTimeout(() => {
        soon = null;
        run();
      }, delayMs);
      soon.unref();
    },
    async stop() {
      stopped = true;
      clearInterval(every);
      if (soon) clearTimeout(soon);
      soon = null;
      await run();
    },
  };
}
