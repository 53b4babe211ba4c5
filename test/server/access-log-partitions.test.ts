/**
 * The access log by month (migration 0021, server/audit/partitions.ts): each entry sits in the
 * partition of its month, the coming months are made ahead, an entry from a month without a
 * partition waits in DEFAULT and moves when its month is made, one month verifies on its own and
 * names what was tampered with in it, and a month past the retention term is dropped — only when
 * sealed — with a record that keeps what remains verifiable (and the signed checkpoints too).
 * Time is the test's: every moment is given (`at`, `now`), never read from the wall clock, except
 * that the database refuses to count a retention term from later than its own clock.
 * Runs on PGlite and on PostgreSQL (there also: what the app role may and may not do).
 */

import { execFile } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AccessLogRow, appendAccessLog } from '../../server/audit/access-log';
import { verifyAccessLog } from '../../server/audit/chain';
import { describeProblem } from '../../server/audit/chain-report';
import { verifyCheckpoints, writeCheckpoints } from '../../server/audit/checkpoints';
import {
  dropExpiredAccessLog,
  ensureAccessLogPartitions,
  listAccessLogPartitions,
} from '../../server/audit/partitions';
import { sealAccessLog } from '../../server/audit/sealer';
import { type Db, postgresPool } from '../../server/db/connection';
import { loadMigrations, migrate } from '../../server/db/migrate';
import * as schema from '../../server/db/schema';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import type { FixtureUser } from '../helpers/fixture';
import { contextFor } from '../helpers/server';

const NOW = new Date('2026-11-24T10:00:00Z');
const RETENTION = { AUDIT_RETENTION_YEARS: 5 };

let database: TestDatabase;
const temp: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.dispose();
  for (const dir of temp) rmSync(dir, { recursive: true, force: true });
});

const rows = <T>(result: unknown) => (result as { rows: T[] }).rows;
const asOwner = (text: string) => database.withConnection((exec) => exec(text));

/** An organisation of its own for each test, so each chain starts at position 1. */
async function newOrganisation(): Promise<{ org: string; user: FixtureUser }> {
  const org = randomUUID();
  await database.db.insert(schema.organisations).values({ id: org, name: `GI ${org.slice(0, 8)}` });
  const user: FixtureUser = {
    id: randomUUID(),
    username: `beheer-${org.slice(0, 8)}`,
    role: 'beheerder',
    organisationId: org,
    teamId: null,
    displayName: 'Beheerder',
  };
  return { org, user };
}

/** Appends entries at the given moments, as the server does (the app's clock: `now`). */
function append(user: FixtureUser, moments: (string | { at: string; clientEventId: string })[]) {
  const ctx = contextFor(database, user, { now: NOW });
  const authed = { ...ctx, user: ctx.user as NonNullable<typeof ctx.user> };
  const list: AccessLogRow[] = moments.map((m, i) => ({
    organisationId: user.organisationId,
    userId: user.id,
    role: user.role,
    caseId: null,
    action: 'read',
    procedure: `test.maand.${i}`,
    result: 'toegestaan',
    at: new Date(typeof m === 'string' ? m : m.at),
    clientEventId: typeof m === 'string' ? null : m.clientEventId,
  }));
  return appendAccessLog(database.db, authed, list);
}

async function placeOf(id: number) {
  const [row] = rows<{ part: string; seq: string | number | null; hash: string | null }>(
    await database.db.execute(
      sql`select tableoid::regclass::text as part, seq, hash from access_log where id = ${id}`,
    ),
  );
  return {
    part: row?.part,
    seq: row?.seq === null || row?.seq === undefined ? null : Number(row.seq),
    hash: row?.hash,
  };
}

const partitionNames = async () => (await listAccessLogPartitions(database.db)).map((p) => p.name);

describe('the access log by month', () => {
  it('puts each entry in the partition of its month (UTC), and the chain runs on across the boundary', async () => {
    const { org, user } = await newOrganisation();
    await ensureAccessLogPartitions(database.db, NOW);
    const [lastOfNovember, firstOfDecember] = await append(user, [
      '2026-11-30T23:59:59.999Z',
      '2026-12-01T00:00:00.000Z',
    ]);
    // A read on a phone in November, uploaded in December: its month is November, its position last.
    const [late] = await append(user, [{ at: '2026-11-30T12:00:00.000Z', clientEventId: randomUUID() }]);
    await sealAccessLog(database.db);
    expect(await placeOf(lastOfNovember as number)).toMatchObject({ part: 'access_log_2026_11', seq: 1 });
    expect(await placeOf(firstOfDecember as number)).toMatchObject({ part: 'access_log_2026_12', seq: 2 });
    expect(await placeOf(late as number)).toMatchObject({ part: 'access_log_2026_11', seq: 3 });

    const whole = await verifyAccessLog(database.db, org);
    expect(whole.problems).toEqual([]);
    expect(whole.chains[0]).toMatchObject({ entries: 3, firstSeq: 1, headSeq: 3, anchor: { kind: 'begin' } });
    const november = await verifyAccessLog(database.db, org, { month: '2026-11' });
    expect(november.problems).toEqual([]);
    expect(november.chains[0]).toMatchObject({
      entries: 2,
      firstSeq: 1,
      headSeq: 3,
      anchor: { kind: 'begin' },
    });
    // December's first entry links to the last of November.
    const december = await verifyAccessLog(database.db, org, { month: '2026-12' });
    expect(december.problems).toEqual([]);
    expect(december.chains[0]).toMatchObject({
      entries: 1,
      firstSeq: 2,
      anchor: { kind: 'item', id: lastOfNovember, seq: 1, month: '2026-11' },
    });
  });

  it('makes the coming months ahead, and moves an entry that waited in DEFAULT into its month when that is made', async () => {
    const { org, user } = await newOrganisation();
    const made = await ensureAccessLogPartitions(database.db, new Date('2027-06-15T08:00:00Z'));
    expect(made).toBeGreaterThan(0);
    expect(await partitionNames()).toEqual(
      expect.arrayContaining([
        'access_log_2027_05',
        'access_log_2027_06',
        'access_log_2027_07',
        'access_log_2027_08',
        'access_log_2027_09',
      ]),
    );
    expect(await ensureAccessLogPartitions(database.db, new Date('2027-06-15T08:00:00Z'))).toBe(0);

    // A month without a partition: the entry is taken all the same, in DEFAULT, and sealed there.
    const [id] = await append(user, ['2025-01-10T09:00:00.000Z']);
    await sealAccessLog(database.db);
    const waiting = await placeOf(id as number);
    expect(waiting).toMatchObject({ part: 'access_log_default', seq: 1 });
    await ensureAccessLogPartitions(database.db, NOW);
    // Moved as it was: same position, same hash, and the chain still holds.
    expect(await placeOf(id as number)).toEqual({ ...waiting, part: 'access_log_2025_01' });
    expect((await verifyAccessLog(database.db, org)).problems).toEqual([]);
    // The guard against deletes, off on DEFAULT for the move only, is on again.
    const guard = rows<{ enabled: string }>(
      await database.db.execute(
        sql`select tgenabled as enabled from pg_trigger where tgrelid = 'access_log_default'::regclass and tgname = 'access_log_no_change'`,
      ),
    );
    expect(guard).toEqual([{ enabled: 'O' }]);
  });

  it('counts a phone event uploaded twice once, also when the two land in different months', async () => {
    const { user } = await newOrganisation();
    const event = randomUUID();
    expect(await append(user, [{ at: '2026-11-20T10:00:00.000Z', clientEventId: event }])).toHaveLength(1);
    // A refused read is logged at its arrival, so a second upload carries another time.
    expect(await append(user, [{ at: '2026-12-02T10:00:00.000Z', clientEventId: event }])).toHaveLength(0);
    const twice = randomUUID();
    expect(
      await append(user, [
        { at: '2026-11-20T10:00:00.000Z', clientEventId: twice },
        { at: '2026-11-21T10:00:00.000Z', clientEventId: twice },
      ]),
    ).toHaveLength(1);
  });

  it('verifies one month on its own and names the tampered entry in it; the months around it still verify', async () => {
    const { org, user } = await newOrganisation();
    const ids = await append(user, [
      '2026-10-05T10:00:00.000Z',
      '2026-10-06T10:00:00.000Z',
      '2026-11-05T10:00:00.000Z',
      '2026-11-06T10:00:00.000Z',
      '2026-11-07T10:00:00.000Z',
      '2026-12-05T10:00:00.000Z',
    ]);
    await sealAccessLog(database.db);
    const tampered = ids[3] as number;
    await asOwner(`
      ALTER TABLE access_log DISABLE TRIGGER access_log_no_change;
      UPDATE access_log SET reason = 'verdoezeld' WHERE id = ${tampered};
      ALTER TABLE access_log ENABLE TRIGGER access_log_no_change;
    `);
    const november = await verifyAccessLog(database.db, org, { month: '2026-11' });
    expect(november.ok).toBe(false);
    expect(november.problems).toEqual([{ kind: 'gewijzigd', organisationId: org, id: tampered, seq: 4 }]);
    expect(november.chains[0]).toMatchObject({
      entries: 3,
      anchor: { kind: 'item', id: ids[1], seq: 2, month: '2026-10' },
    });
    expect((await verifyAccessLog(database.db, org, { month: '2026-10' })).problems).toEqual([]);
    expect((await verifyAccessLog(database.db, org, { month: '2026-12' })).problems).toEqual([]);
    expect((await verifyAccessLog(database.db, org)).problems).toEqual([
      { kind: 'gewijzigd', organisationId: org, id: tampered, seq: 4 },
    ]);

    // An entry removed at the end of a month is named by that month and by the next.
    await asOwner(`
      ALTER TABLE access_log DISABLE TRIGGER access_log_no_change;
      DELETE FROM access_log WHERE id = ${ids[4]};
      ALTER TABLE access_log ENABLE TRIGGER access_log_no_change;
    `);
    const removed = {
      kind: 'verwijderd',
      organisationId: org,
      beforeId: ids[5],
      missingFrom: 5,
      missingTo: 5,
    };
    expect((await verifyAccessLog(database.db, org, { month: '2026-11' })).problems).toContainEqual(removed);
    expect((await verifyAccessLog(database.db, org, { month: '2026-12' })).problems).toEqual([removed]);
  });

  it('drops a month past the retention term, records it, and what remains verifies, checkpoints included', async () => {
    const { org, user } = await newOrganisation();
    const old = await append(user, [
      '2019-03-10T10:00:00.000Z',
      '2019-03-11T10:00:00.000Z',
      '2019-03-12T10:00:00.000Z',
      '2019-04-05T10:00:00.000Z',
      '2019-04-06T10:00:00.000Z',
    ]);
    await sealAccessLog(database.db);
    const dir = mkdtempSync(join(tmpdir(), 'jb-partitions-'));
    temp.push(dir);
    const key = generateKeyPairSync('ed25519');
    // A checkpoint signs position 5, the last that will be dropped; a later one signs position 7.
    await writeCheckpoints(database.db, dir, key.privateKey, NOW);
    const recent = await append(user, ['2026-11-02T10:00:00.000Z', '2026-11-03T10:00:00.000Z']);
    await writeCheckpoints(database.db, dir, key.privateKey, new Date(NOW.getTime() + 60_000));
    await ensureAccessLogPartitions(database.db, NOW);
    expect(await partitionNames()).toEqual(
      expect.arrayContaining(['access_log_2019_03', 'access_log_2019_04']),
    );

    const result = await dropExpiredAccessLog(database.db, RETENTION, NOW);
    expect(result).toEqual(
      expect.arrayContaining([
        { month: '2019-03', dropped: true, entries: 3, note: null },
        { month: '2019-04', dropped: true, entries: 2, note: null },
      ]),
    );
    // November 2021 is the first month kept at 24 November 2026; nothing of 2025 goes.
    expect(result.every((m) => m.month < '2021-11')).toBe(true);
    const names = await partitionNames();
    expect(names).not.toContain('access_log_2019_03');
    expect(names).toContain('access_log_2025_01');
    for (const id of old) expect((await placeOf(id)).part).toBeUndefined();

    const records = await database.db
      .select()
      .from(schema.accessLogRetention)
      .where(sql`${schema.accessLogRetention.organisationId} = ${org}`)
      .orderBy(schema.accessLogRetention.id);
    expect(records.map((r) => [r.month, r.entries, r.firstSeq, r.lastSeq])).toEqual([
      ['2019-03-01', 3, 1, 3],
      ['2019-04-01', 2, 4, 5],
    ]);
    // The drop is in the log itself, naming each record's hash.
    const named = rows<{ reason: string }>(
      await database.db.execute(
        sql`select reason from access_log where organisation_id = ${org} and procedure = 'audit.retention' order by id`,
      ),
    );
    expect(named.map((n) => n.reason)).toEqual(records.map((r) => expect.stringContaining(r.recordHash)));

    const report = await verifyAccessLog(database.db, org);
    expect(report.problems).toEqual([]);
    expect(report.chains[0]).toMatchObject({
      firstSeq: 6,
      dropped: 5,
      // The two recent entries and the two entries that record the drop.
      entries: 4,
      headSeq: 9,
      anchor: { kind: 'bewaartermijn', seq: 5, month: '2019-04' },
    });
    const november = await verifyAccessLog(database.db, org, { month: '2026-11' });
    expect(november.problems).toEqual([]);
    expect(november.chains[0]?.anchor).toMatchObject({ kind: 'bewaartermijn', seq: 5 });
    expect(recent).toHaveLength(2);
    const checked = await verifyCheckpoints(database.db, dir, key.publicKey);
    expect(checked.problems).toEqual([]);
    expect(checked.checkpoints).toBeGreaterThanOrEqual(2);

    // The record cannot be changed, and a changed one does not pass.
    await expect(
      asOwner(`DELETE FROM access_log_retention WHERE organisation_id = '${org}'`),
    ).rejects.toThrow(/blijft vastgelegd/);
    await asOwner(`
      ALTER TABLE access_log_retention DISABLE TRIGGER access_log_retention_no_change;
      UPDATE access_log_retention SET entries = 2, first_seq = 2,
        ranges = jsonb_set(ranges, '{0,from}', '2') WHERE organisation_id = '${org}' AND month = '2019-03-01';
      ALTER TABLE access_log_retention ENABLE TRIGGER access_log_retention_no_change;
    `);
    const altered = await verifyAccessLog(database.db, org);
    expect(altered.ok).toBe(false);
    expect(altered.problems.map(describeProblem).join('\n')).toMatch(
      /bewaartermijn: vastlegging \d+ \(maand 2019-03\): gewijzigd/,
    );
    expect(altered.problems.map(describeProblem).join('\n')).toMatch(/positie 1 ontbreekt vóór item/);
  });

  it('keeps a month past its term while an entry in it is not sealed, and drops it once it is', async () => {
    const { org, user } = await newOrganisation();
    await append(user, ['2019-06-10T10:00:00.000Z']);
    await ensureAccessLogPartitions(database.db, NOW);
    const kept = await dropExpiredAccessLog(database.db, RETENTION, NOW);
    expect(kept).toContainEqual({
      month: '2019-06',
      dropped: false,
      entries: null,
      note: 'niet alles verzegeld',
    });
    expect(await partitionNames()).toContain('access_log_2019_06');

    await sealAccessLog(database.db);
    const dropped = await dropExpiredAccessLog(database.db, RETENTION, NOW);
    expect(dropped).toContainEqual({ month: '2019-06', dropped: true, entries: 1, note: null });
    // The chain's only entry went: the entry that records the drop goes on from its hash.
    await sealAccessLog(database.db);
    const report = await verifyAccessLog(database.db, org);
    expect(report.problems).toEqual([]);
    expect(report.chains[0]).toMatchObject({ entries: 1, firstSeq: 2, headSeq: 2, dropped: 1 });
  });

  it('never drops a month younger than five years, whatever term is asked or clock is given', async () => {
    const { user } = await newOrganisation();
    await append(user, ['2022-02-10T10:00:00.000Z']);
    await ensureAccessLogPartitions(database.db, NOW);
    await sealAccessLog(database.db);
    // A term of one year, counted from far in the future: the database uses five, from its own clock.
    await database.db.execute(
      sql`select * from drop_expired_access_log(1, '2090-01-01T00:00:00Z'::timestamptz)`,
    );
    expect(await partitionNames()).toContain('access_log_2022_02');
  });
});

describe('migration 0021 on a log that has entries', () => {
  it('moves every entry into its month as it was: ids, positions, hashes; the chain, the guards and the sequence go on', async () => {
    const own = await createTestDatabase({ migrated: false });
    try {
      const known = await loadMigrations();
      const upTo = known.findIndex((m) => m.name.startsWith('0021_'));
      await migrate(own, known.slice(0, upTo));
      const org = randomUUID();
      await own.db.insert(schema.organisations).values({ id: org, name: 'GI Voor de migratie' });
      const event = randomUUID();
      const entry = (at: string, i: number, clientEventId: string | null = null) => ({
        organisationId: org,
        action: 'read',
        procedure: `test.voor.${i}`,
        result: 'toegestaan' as const,
        at: new Date(at),
        clientEventId,
      });
      await own.db
        .insert(schema.accessLog)
        .values([
          entry('2026-09-10T10:00:00.000Z', 0),
          entry('2026-10-10T10:00:00.000Z', 1, event),
          entry('2026-11-10T10:00:00.000Z', 2),
          entry('2026-10-31T23:59:59.999Z', 3),
        ]);
      await own.db.execute(sql`select seal_access_log(${org}::uuid)`);
      // One entry still waiting for its seal when the migration runs.
      await own.db.insert(schema.accessLog).values(entry('2026-11-11T10:00:00.000Z', 4));
      const before = await own.db
        .select({ id: schema.accessLog.id, seq: schema.accessLog.seq, hash: schema.accessLog.hash })
        .from(schema.accessLog)
        .orderBy(schema.accessLog.id);

      await migrate(own, known);
      const after = rows<{
        id: string | number;
        seq: string | number | null;
        hash: string | null;
        part: string;
      }>(
        await own.db.execute(
          sql`select id, seq, hash, tableoid::regclass::text as part from access_log order by id`,
        ),
      );
      expect(
        after.map((r) => ({ id: Number(r.id), seq: r.seq === null ? null : Number(r.seq), hash: r.hash })),
      ).toEqual(before);
      expect(after.map((r) => r.part)).toEqual([
        'access_log_2026_09',
        'access_log_2026_10',
        'access_log_2026_11',
        'access_log_2026_10',
        'access_log_2026_11',
      ]);
      const report = await verifyAccessLog(own.db, org);
      expect(report.problems).toEqual([]);
      expect(report.chains[0]).toMatchObject({ entries: 5, headSeq: 5 });
      // The sequence goes on; a repeated phone event is still skipped; nothing may change an entry.
      const [next] = await own.db
        .insert(schema.accessLog)
        .values([entry('2026-11-12T10:00:00.000Z', 5), entry('2026-11-12T10:00:00.000Z', 6, event)])
        .returning({ id: schema.accessLog.id });
      expect(next?.id).toBeGreaterThan(Math.max(...before.map((b) => b.id)));
      const count = rows<{ n: number }>(await own.db.execute(sql`select count(*)::int as n from access_log`));
      expect(count[0]?.n).toBe(6);
      await expect(own.withConnection((exec) => exec('DELETE FROM access_log'))).rejects.toThrow(
        /alleen worden aangevuld/,
      );
      await expect(own.withConnection((exec) => exec('TRUNCATE access_log'))).rejects.toThrow(
        /alleen worden aangevuld/,
      );
      await expect(own.withConnection((exec) => exec('TRUNCATE access_log_2026_09'))).rejects.toThrow(
        /alleen worden aangevuld/,
      );
      const security = rows<{ rls: boolean; policies: number }>(
        await own.db.execute(
          sql`select relrowsecurity as rls, (select count(*)::int from pg_policy where polrelid = 'access_log'::regclass) as policies from pg_class where oid = 'access_log'::regclass`,
        ),
      );
      expect(security).toEqual([{ rls: true, policies: 2 }]);
    } finally {
      await own.dispose();
    }
  });
});

describe.runIf(process.env.TEST_DB === 'postgres')('the app role and the partitions', () => {
  it('loses no entry and forks no chain while months are made and entries move out of DEFAULT under 20 writers', async () => {
    const { org, user } = await newOrganisation();
    const writers = postgresPool(database.url ?? '', 20, 'jb_app');
    const writerDb = drizzle({ client: writers, schema, casing: 'snake_case' }) as unknown as Db;
    const ctx = contextFor(database, user, { now: NOW });
    const authed = { ...ctx, auditDb: writerDb, user: ctx.user as NonNullable<typeof ctx.user> };
    let going = true;
    const upkeep = (async () => {
      // Months of 2028 are made one by one while the writers write into them.
      for (let month = 1; going && month <= 12; month++) {
        await ensureAccessLogPartitions(database.db, new Date(Date.UTC(2028, month - 1, 15)), 0);
        await sealAccessLog(database.db);
      }
    })();
    try {
      const written = await Promise.all(
        Array.from({ length: 20 }, async (_, w) => {
          const ids: number[] = [];
          for (let i = 0; i < 12; i++) {
            const at = new Date(Date.UTC(2028, (w + i) % 12, 3 + (i % 20), 10));
            const row: AccessLogRow = {
              organisationId: org,
              userId: user.id,
              role: user.role,
              caseId: null,
              action: 'read',
              procedure: `test.schrijver.${w}`,
              result: 'toegestaan',
              at,
            };
            ids.push(...(await appendAccessLog(database.db, authed, [row])));
          }
          return ids;
        }),
      );
      going = false;
      await upkeep;
      await ensureAccessLogPartitions(database.db, new Date(Date.UTC(2028, 11, 15)), 0);
      expect(written.flat()).toHaveLength(240);
      const report = await verifyAccessLog(database.db, org);
      expect(report.problems).toEqual([]);
      expect(report.chains[0]).toMatchObject({ entries: 240, headSeq: 240 });
      const waiting = rows<{ n: number }>(
        await database.db.execute(
          sql`select count(*)::int as n from access_log_default where organisation_id = ${org}`,
        ),
      );
      expect(waiting[0]?.n).toBe(0);
    } finally {
      going = false;
      await upkeep.catch(() => undefined);
      await writers.end();
    }
  });

  it('reaches the log only through access_log, and may make months and drop expired ones', async () => {
    const app = postgresPool(database.url ?? '', 1, 'jb_app');
    try {
      await expect(app.query('select count(*) from access_log_2026_11')).rejects.toThrow(/permission denied/);
      await expect(app.query('select count(*) from access_log_default')).rejects.toThrow(/permission denied/);
      await expect(app.query(`select access_log_create_partition('2030-01-01')`)).rejects.toThrow(
        /permission denied/,
      );
      const made = await app.query(`select ensure_access_log_partitions(3, '2031-01-15T00:00:00Z') as n`);
      expect(Number(made.rows[0]?.n)).toBeGreaterThan(0);
      await app.query(`select * from drop_expired_access_log(5, '2026-11-24T10:00:00Z')`);
      await expect(app.query('drop table access_log_2031_01')).rejects.toThrow(/must be owner/);
    } finally {
      await app.end();
    }
  });
});

describe('npm run audit:verify -- --maand', () => {
  it('refuses a month it cannot read, before it opens the database', async () => {
    const run = promisify(execFile);
    const out = await run('npx', ['tsx', 'server/audit/verify-cli.ts', '--maand', '2026-13'], {
      env: { ...process.env, DATABASE_URL: '', PGLITE_DIR: 'memory://' },
    }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
    );
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('--maand: geen maand (JJJJ-MM): 2026-13');
  }, 30_000);
});
