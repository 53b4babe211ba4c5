/**
 * The access log's hash chain: writers append without waiting for it, the
 * sealer chains their entries, concurrent sealers never fork a chain, a crash
 * between append and seal loses nothing, and the verification names every
 * altered, removed or inserted entry. Runs on PGlite and on PostgreSQL; on
 * PostgreSQL the writers are 50 real connections as the app role, each in its
 * own transaction, as the server writes them, with two sealers beside them.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AccessEntry, logAccess } from '../../server/audit/access-log';
import { verifyAccessLog } from '../../server/audit/chain';
import { describeProblem } from '../../server/audit/chain-report';
import { sealAccessLog } from '../../server/audit/sealer';
import { type Db, openDatabase, postgresPool } from '../../server/db/connection';
import { migrate } from '../../server/db/migrate';
import * as schema from '../../server/db/schema';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { buildFixture, type Fixture, type FixtureUser } from '../helpers/fixture';
import { contextFor } from '../helpers/server';

let database: TestDatabase;
let f: Fixture;
let writers: pg.Pool | null = null;
let writerDb: Db | undefined;

beforeAll(async () => {
  database = await createTestDatabase();
  f = await buildFixture(database.db);
  if (database.kind === 'postgres' && database.url) {
    writers = postgresPool(database.url, 50, 'jb_app');
    writerDb = drizzle({ client: writers, schema, casing: 'snake_case' }) as unknown as Db;
  }
});
afterAll(async () => {
  await writers?.end();
  await database.dispose();
});

const asOwner = (text: string) => database.withConnection((exec) => exec(text));

/** Runs statements as the owner in a transaction that is rolled back; answers the first error. */
const asOwnerRolledBack = (statements: string[]) =>
  database.withConnection(async (exec) => {
    await exec('BEGIN');
    try {
      for (const s of statements) await exec(s);
      return null;
    } catch (err) {
      return err as Error;
    } finally {
      await exec('ROLLBACK');
    }
  });

function writeAs(user: FixtureUser, entries: AccessEntry[]) {
  const ctx = { ...contextFor(database, user), auditDb: writerDb };
  return logAccess(database.db, { ...ctx, user: ctx.user as NonNullable<typeof ctx.user> }, entries);
}

const read = (caseId: string, i: number): AccessEntry => ({
  caseId,
  action: 'read',
  procedure: `test.writer${i}`,
  allowed: true,
  reason: `lezer ${i} — “aanhalingstekens” en | streep`,
});

describe('the access-log chain', () => {
  it('stays one unbroken chain per organisation under 50 concurrent writers and two sealers', async () => {
    const { worker1, workerB, lead1 } = f.users;
    // Two sealers (two server processes) seal while the writers write.
    const sealerDb = writerDb ?? database.db;
    let writing = true;
    const sealers = [0, 1].map(async () => {
      while (writing) {
        await sealAccessLog(sealerDb);
        await new Promise((r) => setTimeout(r, 5));
      }
    });
    await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        for (let round = 0; round < 4; round++) {
          const user = i % 5 === 0 ? workerB : i % 2 ? worker1 : lead1;
          const caseId = user === workerB ? f.cases.ofWorkerB : f.cases.ofWorker1;
          // Some writers append several entries in one statement.
          await writeAs(user, round === 3 ? [read(caseId, i), read(caseId, i + 100)] : [read(caseId, i)]);
        }
      }),
    );
    writing = false;
    await Promise.all(sealers);
    const report = await verifyAccessLog(database.db);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.entries).toBe(250);
    const byOrg = Object.fromEntries(report.chains.map((c) => [c.organisationId, c]));
    expect(byOrg[f.orgA]?.entries).toBe(200);
    expect(byOrg[f.orgA]?.headSeq).toBe(200);
    expect(byOrg[f.orgB]?.entries).toBe(50);
    const positions = await database.db.execute(
      sql`select organisation_id, count(distinct seq)::int as n, min(seq)::int as lo, max(seq)::int as hi from access_log group by organisation_id`,
    );
    const rows = (positions as unknown as { rows: { n: number; lo: number; hi: number }[] }).rows;
    for (const row of rows) expect([row.lo, row.hi]).toEqual([1, row.n]);
  });

  it('refuses any change or removal of an entry, for the app and for the owner alike', async () => {
    await expect(asOwner(`UPDATE access_log SET reason = 'anders' WHERE seq = 3`)).rejects.toThrow(
      /alleen worden aangevuld/,
    );
    await expect(asOwner('DELETE FROM access_log WHERE seq = 3')).rejects.toThrow(/alleen worden aangevuld/);
    await expect(asOwner('TRUNCATE access_log')).rejects.toThrow(/alleen worden aangevuld/);
    // Not even dressed up as the sealer: a sealed entry keeps its chain values and its content.
    expect(
      (
        await asOwnerRolledBack([
          "SET LOCAL app.sealing = 'on'",
          "UPDATE access_log SET hash = 'x' WHERE seq = 3",
        ])
      )?.message,
    ).toMatch(/alleen worden aangevuld/);
    if (writerDb) {
      await expect(writerDb.execute(sql`update access_log set reason = 'x'`)).rejects.toThrow();
    }
  });

  it('ignores chain values a writer tries to set itself', async () => {
    const [row] = await database.db
      .insert(schema.accessLog)
      .values({
        organisationId: f.orgB,
        action: 'read',
        procedure: 'test.forger',
        result: 'toegestaan',
        seq: 1,
        prevHash: 'f'.repeat(64),
        hash: 'e'.repeat(64),
      })
      .returning();
    // Appended without a place in the chain; the sealer gives it the next one.
    expect(row?.seq).toBeNull();
    expect(row?.hash).toBeNull();
    await sealAccessLog(database.db);
    const [sealed] = await database.db
      .select()
      .from(schema.accessLog)
      .where(sql`${schema.accessLog.id} = ${row?.id}`);
    expect(sealed?.seq).toBe(51);
    expect(sealed?.hash).not.toBe('e'.repeat(64));
    expect((await verifyAccessLog(database.db)).ok).toBe(true);
  });

  it('loses nothing between an append and its seal: a crash leaves the entries waiting for the next seal', async () => {
    const before = (await verifyAccessLog(database.db)).chains.find((c) => c.organisationId === f.orgB);
    await writeAs(f.users.workerB, [read(f.cases.ofWorkerB, 900), read(f.cases.ofWorkerB, 901)]);
    // A seal that dies before its commit (the process crashed mid-seal) leaves them unsealed.
    expect(await asOwnerRolledBack([`SELECT seal_access_log('${f.orgB}')`, 'SELECT 1/0'])).toBeInstanceOf(
      Error,
    );
    const waiting = await database.db.execute(
      sql`select count(*)::int as n from access_log where organisation_id = ${f.orgB} and seq is null`,
    );
    expect((waiting as unknown as { rows: { n: number }[] }).rows[0]?.n).toBe(2);
    // The next process that seals (here: the verification) takes them, in order, onto the chain.
    const after = await verifyAccessLog(database.db);
    expect(after.ok).toBe(true);
    const chain = after.chains.find((c) => c.organisationId === f.orgB);
    expect(chain?.headSeq).toBe((before?.headSeq ?? 0) + 2);
  });

  it('names an altered, a removed and an inserted entry', async () => {
    const idAt = async (seq: number) => {
      const r = await database.db.execute(
        sql`select id from access_log where organisation_id = ${f.orgA} and seq = ${seq}`,
      );
      return Number((r as unknown as { rows: { id: number }[] }).rows[0]?.id);
    };
    const altered = await idAt(10);
    const afterRemoved = await idAt(21);
    const beforeInserted = await idAt(40);
    await asOwner(`
      ALTER TABLE access_log DISABLE TRIGGER access_log_no_change;
      ALTER TABLE access_log DISABLE TRIGGER access_log_chain;
      UPDATE access_log SET reason = 'verdoezeld' WHERE id = ${altered};
      DELETE FROM access_log WHERE id = ${await idAt(20)};
      DROP INDEX access_log_chain_key;
      INSERT INTO access_log (organisation_id, seq, prev_hash, hash, action, procedure, result, at)
        SELECT organisation_id, seq, prev_hash, 'x', 'read', 'vervalst', 'toegestaan', at
        FROM access_log WHERE id = ${beforeInserted};
      UPDATE access_log SET hash = encode(sha256(convert_to(access_log_canonical(access_log.*), 'UTF8')), 'hex')
        WHERE procedure = 'vervalst';
      ALTER TABLE access_log ENABLE TRIGGER access_log_chain;
      ALTER TABLE access_log ENABLE TRIGGER access_log_no_change;
    `);
    const inserted = Number(
      (
        (await database.db.execute(
          sql`select id from access_log where procedure = 'vervalst'`,
        )) as unknown as { rows: { id: number }[] }
      ).rows[0]?.id,
    );
    const report = await verifyAccessLog(database.db);
    expect(report.ok).toBe(false);
    const kinds = report.problems.map((p) => [p.kind, 'id' in p ? p.id : p.beforeId]);
    expect(kinds).toContainEqual(['gewijzigd', altered]);
    expect(kinds).toContainEqual(['verwijderd', afterRemoved]);
    // A forged copy of position 40 with a hash of its own that holds: it takes a position already taken.
    expect(report.problems).toContainEqual({
      kind: 'ingevoegd',
      organisationId: f.orgA,
      id: inserted,
      seq: 40,
      afterId: beforeInserted,
    });
    expect(report.problems).toHaveLength(3);
    expect(report.problems.map(describeProblem).join('\n')).toContain(
      `item ${altered} (positie 10) is gewijzigd`,
    );
  });
});

describe('an entry given chain values outside the sealer', () => {
  it('is not sealed, and the verification names it as altered', async () => {
    await asOwner(`
      ALTER TABLE access_log DISABLE TRIGGER access_log_chain;
      INSERT INTO access_log (organisation_id, action, procedure, result, prev_hash, hash)
        VALUES ('${f.orgB}', 'read', 'buiten-de-verzegelaar', 'toegestaan', repeat('0', 64), 'x');
      ALTER TABLE access_log ENABLE TRIGGER access_log_chain;
    `);
    const [row] = await database.db
      .select({ id: schema.accessLog.id })
      .from(schema.accessLog)
      .where(sql`${schema.accessLog.procedure} = 'buiten-de-verzegelaar'`);
    const report = await verifyAccessLog(database.db);
    expect(report.problems).toContainEqual({
      kind: 'gewijzigd',
      organisationId: f.orgB,
      id: row?.id,
      seq: 0,
    });
  });
});

describe('npm run audit:verify', () => {
  const run = promisify(execFile);
  let dir: string | null = null;
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reports an intact log with exit 0 and an edited entry by id with exit 1', async () => {
    // Its own database: PGlite in a folder (the command opens it as the server would), or PostgreSQL.
    let env: Record<string, string>;
    let own: Awaited<ReturnType<typeof openDatabase>>;
    let ownTest: TestDatabase | null = null;
    if (database.kind === 'pglite') {
      dir = mkdtempSync(join(tmpdir(), 'jb-verify-'));
      own = await openDatabase({ kind: 'pglite', dataDir: dir });
      await migrate(own);
      env = { DATABASE_URL: '', PGLITE_DIR: dir };
    } else {
      ownTest = await createTestDatabase();
      own = ownTest;
      env = { DATABASE_URL: ownTest.url ?? '' };
    }
    // No checkpoints of its own (audit-checkpoints.test.ts has those): a folder that stays empty.
    const checkpoints = mkdtempSync(join(tmpdir(), 'jb-verify-checkpoints-'));
    env = { ...env, AUDIT_CHECKPOINT_DIR: join(checkpoints, 'leeg'), AUDIT_SIGNING_KEY: '' };
    const org = randomUUID();
    await own.db.insert(schema.organisations).values({ id: org, name: 'GI Verificatie' });
    await own.db.insert(schema.accessLog).values(
      Array.from({ length: 5 }, (_, i) => ({
        organisationId: org,
        action: 'read',
        procedure: `test.${i}`,
        result: 'toegestaan' as const,
      })),
    );
    await sealAccessLog(own.db);
    const target = Number(
      (
        (await own.db.execute(sql`select id from access_log where seq = 3`)) as unknown as {
          rows: { id: number }[];
        }
      ).rows[0]?.id,
    );
    const command = (extra: Record<string, string>) => {
      if (database.kind === 'pglite') return own.close().then(() => runCli(extra));
      return runCli(extra);
    };
    const runCli = (extra: Record<string, string>) =>
      run('npx', ['tsx', 'server/audit/verify-cli.ts'], { env: { ...process.env, ...extra } }).then(
        (r) => ({ code: 0, out: r.stdout }),
        (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
      );

    const intact = await command(env);
    expect(intact.out).toContain('Toegangslog in orde: 5 items');
    expect(intact.code).toBe(0);

    if (database.kind === 'pglite') {
      own = await openDatabase({ kind: 'pglite', dataDir: dir as string });
    }
    await own.withConnection((exec) =>
      exec(`ALTER TABLE access_log DISABLE TRIGGER access_log_no_change;
            UPDATE access_log SET user_id = '${randomUUID()}' WHERE id = ${target};
            ALTER TABLE access_log ENABLE TRIGGER access_log_no_change;`),
    );
    const broken = await command(env);
    expect(broken.code).toBe(1);
    expect(broken.out).toContain(`item ${target} (positie 3) is gewijzigd`);
    // The check was itself logged: the intact run appended one entry, so the chain now has 6 + 1.
    if (database.kind === 'postgres') await ownTest?.dispose();
    rmSync(checkpoints, { recursive: true, force: true });
  }, 60_000);
});
