/**
 * Row-level security, the second line behind the services' checks (migration
 * 0011). PostgreSQL only: the embedded PGlite has a single user that owns the
 * tables, so its isolation rests on the services alone (and the access matrix
 * proves those).
 */
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { type Database, openDatabase } from '../../server/db/connection';
import { withOrganisation } from '../../server/db/organisation-scope';
import { cases, contacts } from '../../server/db/schema';
import { createTestDatabase, type TestDatabase, testDbKind } from '../helpers/db';
import { buildFixture, FIXTURE_PASSWORD, type Fixture } from '../helpers/fixture';

const onPostgres = testDbKind() === 'postgres';

describe.skipIf(!onPostgres)('row-level security on PostgreSQL', () => {
  let owner: TestDatabase;
  let asApp: Database;
  let f: Fixture;
  let app: FastifyInstance;

  beforeAll(async () => {
    owner = await createTestDatabase();
    f = await buildFixture(owner.db);
    asApp = await openDatabase({ kind: 'postgres', url: owner.url as string, appRole: 'jb_app' });
    app = await buildApp({
      config: loadConfig({ NODE_ENV: 'test', STATIC_DIR: '/nonexistent' }),
      database: asApp,
    });
  });
  afterAll(async () => {
    await app?.close();
    await asApp?.close();
    await owner?.dispose();
  });

  const rows = (r: unknown) => (r as { rows: Record<string, unknown>[] }).rows;
  /** The database's own message (drizzle wraps it as "Failed query: …" with the cause). */
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => 'toegestaan',
      (e: Error & { cause?: Error }) => e.cause?.message ?? e.message,
    );

  it('works as a role that owns no table', async () => {
    const [me] = rows(await asApp.db.execute(sql`select current_user as role`));
    expect(me?.role).toBe('jb_app');
    const owned = rows(
      await asApp.db.execute(
        sql`select count(*)::int as n from pg_tables where schemaname = 'public' and tableowner = current_user`,
      ),
    );
    expect(owned[0]?.n).toBe(0);
    await expect(asApp.db.execute(sql`create table probe (a int)`)).rejects.toThrow();
  });

  it('shows no child data outside an organisation scope', async () => {
    expect(await asApp.db.select({ id: cases.id }).from(cases)).toEqual([]);
    expect(await asApp.db.select({ id: contacts.id }).from(contacts)).toEqual([]);
  });

  it('shows one organisation only its own rows, even to a query that forgets to filter', async () => {
    const seenByB = await withOrganisation(asApp.db, f.orgB, (tx) => tx.select({ id: cases.id }).from(cases));
    expect(seenByB.map((c) => c.id)).toEqual([f.cases.ofWorkerB]);
    const seenByA = await withOrganisation(asApp.db, f.orgA, (tx) => tx.select({ id: cases.id }).from(cases));
    expect(seenByA.map((c) => c.id).sort()).toEqual(
      [f.cases.ofWorker1, f.cases.ofWorker2, f.cases.ofWorker3].sort(),
    );
  });

  it('refuses to write a row into another organisation', async () => {
    const updated = await withOrganisation(asApp.db, f.orgB, (tx) =>
      tx.execute(sql`update cases set team_id = team_id where id = ${f.cases.ofWorker1} returning id`),
    );
    expect(rows(updated)).toEqual([]);
    const foreignInsert = withOrganisation(asApp.db, f.orgB, (tx) =>
      tx.execute(sql`insert into organisation_versions (organisation_id, version) values (${f.orgA}, 1)`),
    );
    expect(await refusal(foreignInsert)).toMatch(/row-level security/);
  });

  it('lets the app only add to the access log, within its organisation', async () => {
    const append = (org: string) =>
      withOrganisation(asApp.db, f.orgA, (tx) =>
        tx.execute(
          sql`insert into access_log (organisation_id, action, procedure, result) values (${org}, 'read', 'probe', 'toegestaan')`,
        ),
      );
    expect(await refusal(append(f.orgA))).toBe('toegestaan');
    expect(await refusal(append(f.orgB))).toMatch(/row-level security/);
    const remove = withOrganisation(asApp.db, f.orgA, (tx) =>
      tx.execute(sql`delete from access_log where procedure = 'probe'`),
    );
    expect(await refusal(remove)).toMatch(/permission denied/);
    // The one-statement append (migration 0013) runs as the app and scopes itself to the organisation
    // it names: an entry of another organisation is refused by the same policy.
    const appendInOne = (scope: string, org: string) =>
      asApp.db.execute(
        sql`select id from append_access_log(${scope}::uuid, ${JSON.stringify([{ organisation_id: org, action: 'read', procedure: 'probe', result: 'toegestaan' }])}::jsonb) as id`,
      );
    expect(await refusal(appendInOne(f.orgA, f.orgA))).toBe('toegestaan');
    expect(await refusal(appendInOne(f.orgA, f.orgB))).toMatch(/row-level security/);
  });

  it('serves signed-in requests inside their organisation scope', async () => {
    const signIn = async (username: string) => {
      const res = await app.inject({
        method: 'POST',
        url: '/trpc/auth.login',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ username, password: FIXTURE_PASSWORD }),
      });
      expect(res.statusCode).toBe(200);
      return String(res.headers['set-cookie']).split(';')[0] as string;
    };
    const caseload = async (cookie: string) => {
      const res = await app.inject({
        method: 'POST',
        url: '/trpc/cases.mine',
        headers: { 'content-type': 'application/json', cookie },
        payload: '{}',
      });
      expect(res.statusCode).toBe(200);
      return JSON.stringify(res.json());
    };
    const a = await caseload(await signIn(f.users.worker1.username));
    expect(a).toContain(f.cases.ofWorker1);
    const b = await caseload(await signIn(f.users.workerB.username));
    expect(b).toContain(f.cases.ofWorkerB);
    expect(b).not.toContain(f.cases.ofWorker1);
    // A refused access is logged although the request's transaction rolled back.
    const refused = await app.inject({
      method: 'POST',
      url: '/trpc/cases.file',
      headers: { 'content-type': 'application/json', cookie: await signIn(f.users.workerB.username) },
      payload: JSON.stringify({ caseId: f.cases.ofWorker1 }),
    });
    expect(refused.statusCode).toBe(403);
    const logged = rows(
      await owner.db.execute(
        sql`select result from access_log where case_id = ${f.cases.ofWorker1} and user_id = ${f.users.workerB.id}`,
      ),
    );
    expect(logged.map((r) => r.result)).toContain('geweigerd');
  });

  it('lets the app write the shared kaart and its history, each entry only in its own organisation’s name', async () => {
    const login = await app.inject({
      method: 'POST',
      url: '/trpc/auth.login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: f.users.admin.username, password: FIXTURE_PASSWORD }),
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0] as string;
    const call = (procedure: string, body: unknown) =>
      app.inject({
        method: 'POST',
        url: `/trpc/${procedure}`,
        headers: { 'content-type': 'application/json', cookie },
        payload: JSON.stringify(body),
      });
    const id = '6f1d2c3b-0000-4000-8000-00000000aa01';
    const saved = await call('kaart.saveAanbieder', {
      id,
      name: 'Rls Zorg',
      agbCode: '12345678',
      products: [{ category: '45', code: '45A01', name: 'Ambulante gezinsbegeleiding' }],
      regionIds: [f.regionId],
      waitWeeks: 2,
      contactRoute: '',
      active: true,
      baseVersion: 0,
    });
    expect(saved.statusCode).toBe(200);
    const list = await call('kaart.list', {});
    expect(list.statusCode, list.body).toBe(200);
    const shown = (
      list.json() as { result: { data: { aanbieders: { id: string; lastChange: unknown }[] } } }
    ).result.data.aanbieders.find((a) => a.id === id);
    expect(shown?.lastChange).toMatchObject({ by: 'admin', organisation: 'GI Alfa' });
    // Every organisation reads the history; nobody writes an entry in another's name, or changes one.
    const entries = (org: string) =>
      withOrganisation(asApp.db, org, (tx) =>
        tx.execute(sql`select version from aanbieder_changes where aanbieder_id = ${id}`),
      );
    expect(rows(await entries(f.orgB))).toEqual([{ version: 1 }]);
    const forge = withOrganisation(asApp.db, f.orgB, (tx) =>
      tx.execute(
        sql`insert into aanbieder_changes (aanbieder_id, version, organisation_id, user_id, changed_at, after) values (${id}, 2, ${f.orgA}, ${f.users.admin.id}, now(), '{}'::jsonb)`,
      ),
    );
    expect(await refusal(forge)).toMatch(/row-level security/);
    const rewrite = withOrganisation(asApp.db, f.orgA, (tx) =>
      tx.execute(sql`update aanbieder_changes set version = 9 where aanbieder_id = ${id}`),
    );
    expect(await refusal(rewrite)).toMatch(/permission denied/);
  });
});
