/**
 * The access log's anchor outside the database: each organisation's chain
 * head, signed with a key the database does not hold, in files of their own.
 * A table owner who cuts the tail or rewrites the chain with fresh hashes
 * leaves a chain that verifies on its own; the checkpoints name both, and a
 * forged checkpoint too. Runs on PGlite and on PostgreSQL (there the server
 * reads the heads as the app role).
 */
import { execFile } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAccessLog } from '../../server/audit/chain';
import {
  type Checkpoint,
  describeCheckpointProblem,
  startCheckpoints,
  verifyCheckpoints,
  writeCheckpoints,
} from '../../server/audit/checkpoints';
import { loadSigningKey, SigningKeyError } from '../../server/audit/signing-key';
import { type Database, openDatabase } from '../../server/db/connection';
import { migrate } from '../../server/db/migrate';
import * as schema from '../../server/db/schema';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

const temp: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'jb-checkpoints-'));
  temp.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of temp) rmSync(dir, { recursive: true, force: true });
});

async function addEntries(db: Database['db'], organisationId: string, n: number) {
  await db.insert(schema.accessLog).values(
    Array.from({ length: n }, (_, i) => ({
      organisationId,
      action: 'read',
      procedure: `test.${i}`,
      result: 'toegestaan' as const,
      reason: `lezing ${i}`,
    })),
  );
}

/** What a table owner can do: switch the guard off, cut the tail of one organisation's chain. */
const cutTail = (db: Database, organisationId: string, fromSeq: number) =>
  db.withConnection((exec) =>
    exec(`ALTER TABLE access_log DISABLE TRIGGER access_log_no_change;
          DELETE FROM access_log WHERE organisation_id = '${organisationId}' AND seq >= ${fromSeq};
          ALTER TABLE access_log ENABLE TRIGGER access_log_no_change;`),
  );

/** ...or change its first entry and compute every hash after it again, so the chain holds. */
const rewrite = (db: Database, organisationId: string) =>
  db.withConnection((exec) =>
    exec(`ALTER TABLE access_log DISABLE TRIGGER access_log_no_change;
          UPDATE access_log SET reason = 'herschreven' WHERE organisation_id = '${organisationId}' AND seq = 1;
          DO $$
          DECLARE e access_log; prev text := repeat('0', 64);
          BEGIN
            FOR e IN SELECT * FROM access_log WHERE organisation_id = '${organisationId}' ORDER BY seq LOOP
              e.prev_hash := prev;
              e.hash := encode(sha256(convert_to(access_log_canonical(e), 'UTF8')), 'hex');
              UPDATE access_log SET prev_hash = e.prev_hash, hash = e.hash WHERE id = e.id;
              prev := e.hash;
            END LOOP;
          END $$;
          ALTER TABLE access_log ENABLE TRIGGER access_log_no_change;`),
  );

const lines = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Checkpoint);

describe('signed checkpoints of the access log', () => {
  let database: TestDatabase;
  /** As the server works on PostgreSQL: the app role (row-level security). */
  let asServer: Database;
  const orgA = randomUUID();
  const orgB = randomUUID();
  let dir: string;
  let key: NonNullable<Awaited<ReturnType<typeof loadSigningKey>>>;

  beforeAll(async () => {
    database = await createTestDatabase();
    asServer =
      database.kind === 'postgres'
        ? await openDatabase({
            kind: 'postgres',
            url: database.url as string,
            appRole: 'jb_app',
            poolSize: 2,
          })
        : database;
    await database.db.insert(schema.organisations).values([
      { id: orgA, name: 'GI Alfa' },
      { id: orgB, name: 'GI Beta' },
    ]);
    const root = tempDir();
    dir = join(root, 'audit-checkpoints');
    const config = { AUDIT_CHECKPOINT_DIR: dir, AUDIT_SIGNING_KEY: undefined };
    expect(await loadSigningKey(config, { create: false })).toBeNull();
    key = (await loadSigningKey(config, { create: true })) as typeof key;
    // Made at the first start, beside the checkpoint folder, readable by the server's user only.
    expect(key.source).toBe(join(root, 'audit-signing-key.pem'));
    expect(statSync(key.source).mode & 0o077).toBe(0);
    expect((await loadSigningKey(config, { create: true }))?.publicKey.export({ format: 'jwk' })).toEqual(
      key.publicKey.export({ format: 'jwk' }),
    );
  });
  afterAll(async () => {
    if (asServer !== database) await asServer?.close();
    await database?.dispose();
  });

  it('signs each chain head into a file of its own, only when it moved, and verifies it', async () => {
    await addEntries(database.db, orgA, 6);
    await addEntries(database.db, orgB, 4);
    const first = await writeCheckpoints(asServer.db, dir, key.privateKey, new Date('2026-11-24T10:00:00Z'));
    expect(first.written.map((c) => [c.organisationId, c.seq]).sort()).toEqual(
      [
        [orgA, 6],
        [orgB, 4],
      ].sort(),
    );
    expect(lines(join(dir, `${orgA}.jsonl`))).toEqual([first.written.find((c) => c.organisationId === orgA)]);
    const again = await writeCheckpoints(asServer.db, dir, key.privateKey, new Date('2026-11-24T10:05:00Z'));
    expect(again.written).toEqual([]);
    await addEntries(database.db, orgA, 2);
    const later = await writeCheckpoints(asServer.db, dir, key.privateKey, new Date('2026-11-24T10:10:00Z'));
    expect(later.written.map((c) => [c.organisationId, c.seq])).toEqual([[orgA, 8]]);
    expect(lines(join(dir, `${orgA}.jsonl`)).map((c) => c.seq)).toEqual([6, 8]);

    const report = await verifyCheckpoints(database.db, dir, key.publicKey);
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, files: 2, checkpoints: 3 });
  });

  it('signs once more at shutdown', async () => {
    const checkpoints = startCheckpoints(
      asServer.db,
      { AUDIT_CHECKPOINT_DIR: dir, AUDIT_CHECKPOINT_MINUTES: 60 },
      key.privateKey,
      { info: () => {}, error: (msg) => expect.fail(msg) },
    );
    await checkpoints.run();
    await addEntries(database.db, orgB, 1);
    await checkpoints.stop();
    expect(lines(join(dir, `${orgB}.jsonl`)).map((c) => c.seq)).toEqual([4, 5]);
  });

  it('names a cut tail and a rewritten chain, which the chain alone does not show', async () => {
    await cutTail(database, orgA, 7);
    await rewrite(database, orgB);
    // The chain as the database now holds it is consistent: this is what the checkpoints are for.
    expect((await verifyAccessLog(database.db)).problems).toEqual([]);

    const report = await verifyCheckpoints(database.db, dir, key.publicKey);
    expect(report.ok).toBe(false);
    const cut = {
      kind: 'afgekapt',
      organisationId: orgA,
      headSeq: 6,
      checkpoint: expect.objectContaining({ seq: 8, at: '2026-11-24T10:10:00.000Z' }),
    };
    const rewritten = expect.objectContaining({
      kind: 'herschreven',
      organisationId: orgB,
      seq: 4,
      mismatches: 2,
    });
    // One file per organisation, in the order of their ids.
    expect(report.problems).toEqual(orgA < orgB ? [cut, rewritten] : [rewritten, cut]);
    const text = report.problems.map(describeCheckpointProblem).join('\n');
    expect(text).toContain(`keten ${orgA}: afgekapt`);
    expect(text).toContain(`keten ${orgB}: herschreven: positie 4`);

    // The server does not sign over it: the evidence stays the last word.
    await addEntries(database.db, orgA, 1);
    const run = await writeCheckpoints(asServer.db, dir, key.privateKey, new Date('2026-11-24T11:00:00Z'));
    expect(run.suspicious).toContainEqual({ organisationId: orgA, seq: 7, lastSeq: 8 });
    expect(run.suspicious).toContainEqual({ organisationId: orgB, seq: 5, lastSeq: 5 });
    expect(run.written).toEqual([]);
    expect(lines(join(dir, `${orgA}.jsonl`)).map((c) => c.seq)).toEqual([6, 8]);
  });

  it('names a forged or altered checkpoint by its signature', async () => {
    const file = join(dir, `${orgB}.jsonl`);
    const genuine = lines(file);
    const forger = generateKeyPairSync('ed25519');
    const altered = { ...(genuine[0] as Checkpoint), seq: 3 };
    // An altered line, and one signed with another key (written as the server would).
    const otherDir = tempDir();
    await addEntries(database.db, orgB, 1);
    const forged = (
      await writeCheckpoints(database.db, otherDir, forger.privateKey, new Date())
    ).written.find((c) => c.organisationId === orgB);
    writeFileSync(
      file,
      [...genuine, altered, forged, '{"kapot']
        .map((c) => (typeof c === 'string' ? c : JSON.stringify(c)))
        .join('\n'),
    );
    const report = await verifyCheckpoints(database.db, dir, key.publicKey);
    const forgeries = report.problems.filter((p) => p.kind !== 'afgekapt' && p.kind !== 'herschreven');
    expect(forgeries).toEqual([
      { kind: 'handtekening-ongeldig', file, line: genuine.length + 1, organisationId: orgB, seq: 3 },
      {
        kind: 'handtekening-ongeldig',
        file,
        line: genuine.length + 2,
        organisationId: orgB,
        seq: forged?.seq,
      },
      { kind: 'onleesbaar', file, line: genuine.length + 3, reason: 'geen JSON' },
    ]);
    expect(describeCheckpointProblem(forgeries[0] as (typeof forgeries)[number])).toContain(
      'handtekening ongeldig',
    );
  });
});

describe('the checkpoint key', () => {
  it('comes from AUDIT_SIGNING_KEY as PEM or as base64, and must be Ed25519', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const der = privateKey.export({ format: 'der', type: 'pkcs8' });
    const seed = der.subarray(der.length - 32);
    const jwk = privateKey.export({ format: 'jwk' });
    const dir = join(tempDir(), 'audit-checkpoints');
    for (const value of [pem, der.toString('base64'), seed.toString('base64')]) {
      const key = await loadSigningKey(
        { AUDIT_CHECKPOINT_DIR: dir, AUDIT_SIGNING_KEY: value },
        { create: true },
      );
      expect(key?.privateKey.export({ format: 'jwk' })).toEqual(jwk);
      expect(key?.source).toBe('AUDIT_SIGNING_KEY');
    }
    // Given in the setting, no key file is made.
    expect(existsSync(join(dir, '..', 'audit-signing-key.pem'))).toBe(false);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({
      format: 'pem',
      type: 'pkcs8',
    });
    for (const value of [rsa.toString(), 'geen sleutel']) {
      await expect(
        loadSigningKey({ AUDIT_CHECKPOINT_DIR: dir, AUDIT_SIGNING_KEY: value }, { create: true }),
      ).rejects.toThrow(SigningKeyError);
    }
  });
});

describe('npm run audit:verify with checkpoints', () => {
  const run = promisify(execFile);

  it('exits 0 for a log that matches its checkpoints; names a cut tail, a rewrite and a bad signature with exit 1', async () => {
    const root = tempDir();
    const checkpointDir = join(root, 'audit-checkpoints');
    let own: Database;
    let ownTest: TestDatabase | null = null;
    let env: Record<string, string>;
    if (process.env.TEST_DB === 'postgres') {
      ownTest = await createTestDatabase();
      own = ownTest;
      env = { DATABASE_URL: ownTest.url ?? '' };
    } else {
      const pgliteDir = join(root, 'pglite');
      own = await openDatabase({ kind: 'pglite', dataDir: pgliteDir });
      await migrate(own);
      env = { DATABASE_URL: '', PGLITE_DIR: pgliteDir };
    }
    env = { ...env, AUDIT_CHECKPOINT_DIR: checkpointDir, AUDIT_SIGNING_KEY: '' };
    const orgA = randomUUID();
    const orgB = randomUUID();
    await own.db.insert(schema.organisations).values([
      { id: orgA, name: 'GI Alfa' },
      { id: orgB, name: 'GI Beta' },
    ]);
    await addEntries(own.db, orgA, 5);
    await addEntries(own.db, orgB, 5);
    const key = await loadSigningKey({ AUDIT_CHECKPOINT_DIR: checkpointDir }, { create: true });
    if (!key) throw new Error('no key');
    await writeCheckpoints(own.db, checkpointDir, key.privateKey, new Date());

    const cli = async () => {
      if (!ownTest) await own.close();
      const result = await run('npx', ['tsx', 'server/audit/verify-cli.ts'], {
        env: { ...process.env, ...env },
      }).then(
        (r) => ({ code: 0, out: r.stdout }),
        (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
      );
      if (!ownTest) own = await openDatabase({ kind: 'pglite', dataDir: env.PGLITE_DIR as string });
      return result;
    };

    const intact = await cli();
    expect(intact.out).toContain('Checkpoints: 2 in 2 bestanden');
    expect(intact.out).toContain('Toegangslog in orde');
    expect(intact.code).toBe(0);

    await cutTail(own, orgA, 4);
    await rewrite(own, orgB);
    const file = join(checkpointDir, `${orgB}.jsonl`);
    const [line] = lines(file);
    writeFileSync(file, `${JSON.stringify(line)}\n${JSON.stringify({ ...line, seq: 2 })}\n`);
    const broken = await cli();
    expect(broken.code).toBe(1);
    expect(broken.out).toContain(`keten ${orgA}: afgekapt: de checkpoint van`);
    expect(broken.out).toContain('de keten eindigt nu bij positie 3');
    expect(broken.out).toContain(`keten ${orgB}: herschreven: positie 5`);
    expect(broken.out).toContain(`regel 2 (keten ${orgB}, positie 2): handtekening ongeldig`);
    expect(broken.out).toContain('Toegangslog NIET in orde');
    if (ownTest) await ownTest.dispose();
    else await own.close();
  }, 120_000);
});
