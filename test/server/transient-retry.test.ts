/**
 * PostgreSQL's transient failures: a serialization failure or deadlock runs
 * the whole signed-in procedure again (its first run leaving nothing behind),
 * and a database that is away is SERVICE_UNAVAILABLE with a Dutch message.
 * On PostgreSQL also with a real serialization failure between two
 * SERIALIZABLE transactions.
 */
import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../server/db/transaction';
import {
  DATABASE_UNAVAILABLE_MESSAGE,
  isDatabaseUnavailable,
  isRetryableTransactionError,
  retryTransient,
} from '../../server/db/transient';
import { authedProcedure, createCallerFactory, publicProcedure, router } from '../../server/trpc';
import { createTestDatabase, type TestDatabase, testDbKind } from '../helpers/db';
import { contextFor } from '../helpers/server';

const pgError = (code: string, message = 'pg error') => Object.assign(new Error(message), { code });
/** As drizzle hands it on: the driver's error as the cause of its own. */
const wrapped = (cause: Error) => new Error('Failed query: …', { cause });

describe('transient database errors', () => {
  it('tells a serialization failure or deadlock from other errors, through wrapping causes', () => {
    expect(isRetryableTransactionError(wrapped(pgError('40001')))).toBe(true);
    expect(isRetryableTransactionError(pgError('40P01'))).toBe(true);
    expect(isRetryableTransactionError(pgError('23505'))).toBe(false);
    expect(isRetryableTransactionError(new Error('boom'))).toBe(false);
  });

  it('tells a database that is away: shutdown, connection errors, refused or reset sockets, pool timeouts', () => {
    for (const err of [
      pgError('57P01', 'terminating connection due to administrator command'),
      pgError('08006'),
      pgError('08003'),
      pgError('ECONNREFUSED'),
      pgError('ECONNRESET'),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
    ]) {
      expect(isDatabaseUnavailable(wrapped(err))).toBe(true);
    }
    expect(isDatabaseUnavailable(pgError('40001'))).toBe(false);
    expect(isDatabaseUnavailable(pgError('23505'))).toBe(false);
  });

  it('runs a function again after a serialization failure, and gives up after the last attempt', async () => {
    let runs = 0;
    const value = await retryTransient(
      async () => {
        runs++;
        if (runs < 3) throw wrapped(pgError('40001'));
        return 'ok';
      },
      { baseDelayMs: 1 },
    );
    expect(value).toBe('ok');
    expect(runs).toBe(3);

    let always = 0;
    await expect(
      retryTransient(
        async () => {
          always++;
          throw pgError('40P01');
        },
        { attempts: 3, baseDelayMs: 1 },
      ),
    ).rejects.toMatchObject({ code: '40P01' });
    expect(always).toBe(3);

    let other = 0;
    await expect(
      retryTransient(async () => {
        other++;
        throw pgError('23505');
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect(other).toBe(1);
  });
});

describe('a signed-in procedure on PostgreSQL', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    await database.db.execute(sql`create table retry_probe (id uuid primary key, run int not null)`);
  });
  afterAll(() => database?.dispose());

  const user = {
    id: randomUUID(),
    username: 'probe',
    role: 'jeugdbeschermer' as const,
    organisationId: randomUUID(),
    teamId: null,
    displayName: 'Probe',
  };
  /** The request context of the real server: its transaction middleware is on. */
  const serverContext = () => ({
    ...contextFor(database, user),
    dbKind: 'postgres' as const,
    auditDb: database.db,
  });

  it('is run again, whole, after a serialization failure: the failed run leaves nothing', async () => {
    let runs = 0;
    const id = randomUUID();
    const probeRouter = router({
      write: authedProcedure.mutation(async ({ ctx }) => {
        runs++;
        await ctx.db.execute(sql`insert into retry_probe (id, run) values (${randomUUID()}, ${runs})`);
        if (runs === 1) throw wrapped(pgError('40001', 'could not serialize access'));
        await ctx.db.execute(sql`insert into retry_probe (id, run) values (${id}, ${runs})`);
        return runs;
      }),
    });
    const caller = createCallerFactory(probeRouter)(serverContext());
    expect(await caller.write()).toBe(2);
    const rows = await database.db.execute(sql`select run from retry_probe order by run`);
    // Only the second run's two rows: the first run's insert was rolled back with its transaction.
    expect((rows as unknown as { rows: { run: number }[] }).rows.map((r) => r.run)).toEqual([2, 2]);
  });

  it('answers SERVICE_UNAVAILABLE with a Dutch message when the database is away', async () => {
    const probeRouter = router({
      signedIn: authedProcedure.mutation(() => {
        throw wrapped(pgError('57P01', 'terminating connection due to administrator command'));
      }),
      open: publicProcedure.query(() => {
        throw wrapped(new Error('Connection terminated unexpectedly'));
      }),
    });
    const caller = createCallerFactory(probeRouter)(serverContext());
    for (const call of [() => caller.signedIn(), () => caller.open()]) {
      const err = await call().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TRPCError);
      expect(err).toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: DATABASE_UNAVAILABLE_MESSAGE });
    }
  });

  it.skipIf(testDbKind() !== 'postgres')(
    'wins, retried, a real serialization failure between two SERIALIZABLE transactions on one row',
    async () => {
      const counter = randomUUID();
      await database.db.execute(sql`insert into retry_probe (id, run) values (${counter}, 0)`);
      let attempts = 0;
      let retried = 0;
      // Both read the row, wait for each other, then write it: one of the two must fail with 40001.
      let arrived = 0;
      let release: () => void = () => {};
      const bothRead = new Promise<void>((resolve) => {
        release = resolve;
      });
      const increment = () =>
        retryTransient(
          () =>
            inTransaction(database.db, async (tx) => {
              attempts++;
              await tx.execute(sql`set transaction isolation level serializable`);
              const read = await tx.execute(sql`select run from retry_probe where id = ${counter}`);
              const run = (read as unknown as { rows: { run: number }[] }).rows[0]?.run ?? 0;
              if (++arrived === 2) release();
              await Promise.race([bothRead, new Promise((r) => setTimeout(r, 2000))]);
              await tx.execute(sql`update retry_probe set run = ${run + 1} where id = ${counter}`);
            }),
          { baseDelayMs: 5, onRetry: () => retried++ },
        );
      await Promise.all([increment(), increment()]);
      const final = await database.db.execute(sql`select run from retry_probe where id = ${counter}`);
      expect((final as unknown as { rows: { run: number }[] }).rows[0]?.run).toBe(2);
      expect(retried).toBeGreaterThanOrEqual(1);
      expect(attempts).toBeGreaterThanOrEqual(3);
    },
  );
});
