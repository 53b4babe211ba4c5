/**
 * Row-level security, the second line behind the services' checks (migration
 * 0011). PostgreSQL only: the embedded PGlite has a single user that owns the
 * tables, so its isolation rests on the services alone (and the access matrix
 * proves those).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { type Database, openDatabase } from '../../server/db/connection';
import { withOrganisation } from '../../server/db/organisation-scope';
import { cases, contacts, devices, mutationResults, sessions, syncClients } from '../../server/db/schema';
import { logContactArgs } from '../helpers/contact-args';
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

  it("gives each organisation a pool whose every connection sees that organisation's rows only", async () => {
    const poolA = asApp.forOrganisation?.(f.orgA);
    const poolB = asApp.forOrganisation?.(f.orgB);
    if (!poolA || !poolB) throw new Error('PostgreSQL has organisation pools');
    expect(asApp.forOrganisation?.(f.orgA)).toBe(poolA);
    // Without a transaction, in parallel (several connections of each pool): each sees its own.
    const reads = await Promise.all(
      Array.from({ length: 12 }, (_, i) => (i % 2 ? poolB : poolA).select({ id: cases.id }).from(cases)),
    );
    reads.forEach((seen, i) => {
      const ids = seen.map((c) => c.id).sort();
      expect(ids).toEqual(
        i % 2 ? [f.cases.ofWorkerB] : [f.cases.ofWorker1, f.cases.ofWorker2, f.cases.ofWorker3].sort(),
      );
    });
    // A write into another organisation is refused there too.
    const foreign = poolA
      .update(cases)
      .set({ status: 'afgesloten' })
      .where(sql`${cases.id} = ${f.cases.ofWorkerB}`);
    expect((await foreign.returning({ id: cases.id })).length).toBe(0);
    // A pool's organisation is a uuid, never SQL or options text.
    expect(() => asApp.forOrganisation?.("x' -c role=postgres")).toThrow(/Ongeldige organisatie/);
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

  /** Over HTTP, as the real server runs: the app role. */
  const post = (path: string, body: unknown, cookie?: string) =>
    app.inject({
      method: 'POST',
      url: `/trpc/${path}`,
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      payload: JSON.stringify(body),
    });
  const signIn = async (username: string) => {
    const res = await post('auth.login', { username, password: FIXTURE_PASSWORD });
    expect(res.statusCode).toBe(200);
    return String(res.headers['set-cookie']).split(';')[0] as string;
  };
  const contactArgs = (caseId: string, report: string) =>
    logContactArgs(caseId, { occurredAt: new Date().toISOString(), report });

  it("runs a phone's whole life as the app role: sign-in, device, sync, reads, revocation, hand-in, wipe, logout", async () => {
    const { worker1, lead1 } = f.users;
    const cookie = await signIn(worker1.username);
    const clientId = randomUUID();
    const reg = await post('devices.register', { clientId, label: 'Telefoon' }, cookie);
    expect(reg.statusCode).toBe(200);
    const { deviceId, deviceSecret } = reg.json().result.data as { deviceId: string; deviceSecret: string };
    expect((await post('devices.share', { deviceId }, cookie)).statusCode).toBe(200);
    const pushed = await post(
      'sync.push',
      {
        clientId,
        mutations: [{ id: 1, name: 'logContact', args: contactArgs(f.cases.ofWorker1, 'Via de app-rol') }],
      },
      cookie,
    );
    expect(pushed.json().result.data).toMatchObject({ status: 'ok', lastMutationId: 1 });
    const pulled = await post('sync.pull', { clientId, cookie: null }, cookie);
    expect(pulled.statusCode).toBe(200);
    expect(pulled.body).toContain('Via de app-rol');
    const reads = await post(
      'sync.reads',
      { clientId, reads: [{ id: randomUUID(), caseId: f.cases.ofWorker1, at: new Date().toISOString() }] },
      cookie,
    );
    expect(reads.json().result.data).toEqual({ recorded: 1 });
    expect((await post('auth.methods', {}, cookie)).json().result.data).toMatchObject({
      session: 'wachtwoord',
    });
    const auth = { deviceId, deviceSecret };
    expect((await post('devices.status', auth)).json().result.data).toEqual({ status: 'actief' });

    const lead = await signIn(lead1.username);
    expect((await post('devices.revoke', { deviceId, reason: 'Kwijt' }, lead)).statusCode).toBe(200);
    expect((await post('cases.mine', {}, cookie)).statusCode).toBe(401);
    expect((await post('devices.status', auth)).json().result.data).toEqual({ status: 'ingetrokken' });
    const handedIn = await post('devices.surrender', {
      ...auth,
      mutations: [
        {
          id: 2,
          name: 'logContact',
          createdAt: new Date().toISOString(),
          args: contactArgs(f.cases.ofWorker1, 'Ingeleverd via de app-rol'),
        },
      ],
    });
    expect(handedIn.statusCode).toBe(200);
    expect((await post('devices.confirmWiped', auth)).statusCode).toBe(200);

    // A new phone, then a logout that clears it: the device is retired.
    const again = await signIn(worker1.username);
    const next = await post('devices.register', { clientId: randomUUID(), label: 'Nieuw' }, again);
    expect(next.statusCode).toBe(200);
    const nextAuth = next.json().result.data as { deviceId: string; deviceSecret: string };
    expect((await post('auth.logout', {}, again)).statusCode).toBe(200);
    expect(
      (
        await post('devices.status', { deviceId: nextAuth.deviceId, deviceSecret: nextAuth.deviceSecret })
      ).json().result.data,
    ).toEqual({ status: 'ingetrokken' });

    const landed = rows(
      await owner.db.execute(sql`select report from contacts where report ilike '%via de app-rol'`),
    );
    expect(landed.map((r) => r.report).sort()).toEqual(['Ingeleverd via de app-rol', 'Via de app-rol']);
  });

  it("hides another organisation's sessions, devices, sync clients and mutation results", async () => {
    // Each organisation's worker has signed in, registered a phone and pushed.
    for (const user of [f.users.worker2, f.users.workerB]) {
      const cookie = await signIn(user.username);
      const clientId = randomUUID();
      expect((await post('devices.register', { clientId, label: 'T' }, cookie)).statusCode).toBe(200);
      const caseId = user === f.users.workerB ? f.cases.ofWorkerB : f.cases.ofWorker2;
      const push = await post(
        'sync.push',
        {
          clientId,
          mutations: [
            { id: 1, name: 'logContact', args: contactArgs(caseId, `Geheim van ${user.username}`) },
          ],
        },
        cookie,
      );
      expect(push.statusCode).toBe(200);
    }
    const seenBy = (org: string | null) => {
      const read = (db: typeof asApp.db) =>
        Promise.all([
          db.select({ userId: sessions.userId }).from(sessions),
          db.select({ userId: devices.userId }).from(devices),
          db.select({ userId: syncClients.userId }).from(syncClients),
          db.select({ args: mutationResults.args }).from(mutationResults),
        ]);
      return org ? withOrganisation(asApp.db, org, read) : read(asApp.db);
    };
    const [sessionsB, devicesB, clientsB, resultsB] = await seenBy(f.orgB);
    for (const rowsOfB of [sessionsB, devicesB, clientsB]) {
      expect(rowsOfB.length).toBeGreaterThan(0);
      expect(new Set(rowsOfB.map((r) => r.userId))).toEqual(new Set([f.users.workerB.id]));
    }
    expect(JSON.stringify(resultsB)).toContain('Geheim van workerb');
    expect(JSON.stringify(resultsB)).not.toContain('Geheim van worker2');
    const [sessionsA, , , resultsA] = await seenBy(f.orgA);
    expect(sessionsA.map((r) => r.userId)).not.toContain(f.users.workerB.id);
    expect(JSON.stringify(resultsA)).toContain('Geheim van worker2');
    expect(JSON.stringify(resultsA)).not.toContain('Geheim van workerb');
    // Outside any organisation: nothing at all.
    const outside = await seenBy(null);
    expect(outside.map((r) => r.length)).toEqual([0, 0, 0, 0]);
    // Nor can one organisation write into another's.
    const foreignSession = withOrganisation(asApp.db, f.orgA, (tx) =>
      tx.execute(
        sql`update sessions set revoked_at = now() where user_id = ${f.users.workerB.id} returning id`,
      ),
    );
    expect(rows(await foreignSession)).toEqual([]);
  });
});
