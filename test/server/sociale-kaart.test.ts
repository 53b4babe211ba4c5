import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { aanbiederChanges, aanbieders, regions, users } from '../../server/db/schema';
import { StaleEdit } from '../../server/services/stale-edit';
import { FIXTURE_PASSWORD, type FixtureUser, fixtureDatabaseForFile } from '../helpers/fixture';
import { callerFor } from '../helpers/server';

const world = fixtureDatabaseForFile();

const provider = (
  regionIds: string[],
  over: Partial<Parameters<ReturnType<typeof callerFor>['kaart']['saveAanbieder']>[0]> = {},
) => ({
  id: randomUUID(),
  name: 'Gezinsbegeleiding Delft',
  agbCode: '98123456',
  products: [{ category: '45' as const, code: '45A01', name: 'Ambulante gezinsbegeleiding' }],
  regionIds,
  waitWeeks: 6,
  contactRoute: 'aanmelden@delft.example',
  active: true,
  baseVersion: 0,
  ...over,
});

describe('sociale kaart and regional arrangements', () => {
  it('a beheerder keeps providers and arrangements; a worker’s phone gets its regions’ part, and an etag skips an unchanged kaart', async () => {
    const { f, database } = world;
    const admin = callerFor(database, f.users.admin);
    const otherRegion = randomUUID();
    await database.db.insert(regions).values({ id: otherRegion, name: `Elders ${otherRegion.slice(0, 4)}` });
    const here = provider([f.regionId]);
    const elsewhere = provider([otherRegion], { name: 'Verblijf Elders', agbCode: '98654321' });
    const inactive = provider([f.regionId], { name: 'Gestopt', active: false });
    for (const p of [here, elsewhere, inactive]) await admin.kaart.saveAanbieder(p);
    await admin.kaart.saveArrangement({
      regionId: f.regionId,
      consultation: 'email',
      contactPoint: 'jeugd@delft.example',
      answerWorkdays: 5,
      expertteamContact: 'Expertteam Haaglanden',
      notes: '',
    });

    const full = await admin.kaart.list();
    expect(full.aanbieders.map((a) => a.name)).toEqual(
      expect.arrayContaining(['Gezinsbegeleiding Delft', 'Verblijf Elders', 'Gestopt']),
    );
    expect(full.arrangements).toEqual([expect.objectContaining({ regionId: f.regionId, answerWorkdays: 5 })]);

    const phone = callerFor(database, f.users.worker1);
    const first = await phone.kaart.forDevice({ etag: null });
    expect(first.kaart?.aanbieders.map((a) => a.id)).toEqual([here.id]);
    expect(first.kaart?.gemeenten.map((g) => g.id)).toContain(f.gemeenteId);
    expect(first.kaart?.arrangements[0]?.consultation).toBe('email');
    expect(await phone.kaart.forDevice({ etag: first.etag })).toEqual({ etag: first.etag, kaart: null });

    // A change (longer wait) gives a new etag and the new figure.
    await admin.kaart.saveAanbieder({
      ...here,
      baseVersion: 1,
      waitWeeks: 12,
      regionIds: [f.regionId, otherRegion],
    });
    const second = await phone.kaart.forDevice({ etag: first.etag });
    expect(second.etag).not.toBe(first.etag);
    expect(second.kaart?.aanbieders[0]).toMatchObject({
      waitWeeks: 12,
      regionIds: [f.regionId], // the phone only hears of its own regions
    });
  });

  it('refuses bad input with a precise message and leaves the kaart unchanged', async () => {
    const { f, database } = world;
    const admin = callerFor(database, f.users.admin);
    const bad = provider([randomUUID()]);
    await expect(admin.kaart.saveAanbieder(bad)).rejects.toThrow(/regio/);
    await expect(admin.kaart.saveAanbieder(provider([], { agbCode: '12' }))).rejects.toThrow(/AGB-code/);
    const twice = provider([f.regionId]);
    twice.products = [twice.products[0], { ...twice.products[0] }] as typeof twice.products;
    await expect(admin.kaart.saveAanbieder(twice)).rejects.toThrow(/productcode/);
    // A text past its limit is refused whole, in words that name it, its length and the limit.
    const issuesOf = (e: {
      code: string;
      cause?: { issues?: { path: PropertyKey[]; message: string }[] };
    }) => ({
      code: e.code,
      issues: e.cause?.issues?.map((i) => [i.path.join('.'), i.message]),
    });
    const long = provider([f.regionId], { contactRoute: 'c'.repeat(512) });
    long.products = [{ ...long.products[0], name: 'n'.repeat(201) }] as typeof long.products;
    expect(await admin.kaart.saveAanbieder(long).catch(issuesOf)).toEqual({
      code: 'BAD_REQUEST',
      issues: [
        ['products.0.name', 'De productnaam is te lang: 201 tekens, hoogstens 200.'],
        ['contactRoute', 'De contactroute is te lang: 512 tekens, hoogstens 500.'],
      ],
    });
    expect(
      await admin.kaart
        .saveArrangement({
          regionId: f.regionId,
          consultation: 'email',
          contactPoint: 'jeugdhulpbepaling@delft.example',
          answerWorkdays: 5,
          expertteamContact: '',
          notes: 'x'.repeat(2001),
        })
        .catch(issuesOf),
    ).toEqual({
      code: 'BAD_REQUEST',
      issues: [['notes', 'De notitie is te lang: 2001 tekens, hoogstens 2000.']],
    });
    const names = (await admin.kaart.list()).aanbieders.map((a) => a.id);
    expect(names).not.toContain(bad.id);
    expect(names).not.toContain(twice.id);
    expect(names).not.toContain(long.id);
  });

  it('only beheerders and support staff maintain it; only workers get the device copy', async () => {
    const { f, database } = world;
    const worker = callerFor(database, f.users.worker1);
    const lead = callerFor(database, f.users.lead1);
    await expect(worker.kaart.saveAanbieder(provider([f.regionId]))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(lead.kaart.list()).rejects.toBeInstanceOf(TRPCError);
    await expect(callerFor(database, f.users.support).kaart.forDevice({ etag: null })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});

describe('edits of the shared aanbieders list', () => {
  /** A beheerder of the other organisation (GI Beta): the list is shared between organisations. */
  async function adminOfBeta(): Promise<FixtureUser> {
    const { f, database } = world;
    const [exists] = await database.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.username, 'adminb'));
    const user: FixtureUser = {
      id: exists?.id ?? randomUUID(),
      username: 'adminb',
      role: 'beheerder',
      organisationId: f.orgB,
      teamId: null,
      displayName: 'Bea Beheer',
    };
    if (!exists) {
      const [hashed] = await database.db
        .select({ hash: users.passwordHash })
        .from(users)
        .where(eq(users.id, f.users.admin.id));
      await database.db.insert(users).values({ ...user, passwordHash: hashed?.hash ?? null });
    }
    return user;
  }
  const history = (id: string) =>
    world.database.db
      .select()
      .from(aanbiederChanges)
      .where(eq(aanbiederChanges.aanbiederId, id))
      .orderBy(asc(aanbiederChanges.version));
  const NOON = new Date('2026-11-24T11:00:00Z');
  const ONE = new Date('2026-11-24T13:00:00Z');

  it('writes down every edit with who, which organisation, when, before and after, and shows the last', async () => {
    const { f, database } = world;
    const alfa = callerFor(database, f.users.admin, { now: NOON });
    const beta = callerFor(database, await adminOfBeta(), { now: ONE });
    const p = provider([f.regionId], { name: 'Gedeeld Zorg' });
    expect(await alfa.kaart.saveAanbieder(p)).toEqual({ id: p.id, version: 1 });
    const seen = (await beta.kaart.list()).aanbieders.find((a) => a.id === p.id);
    expect(seen).toMatchObject({
      version: 1,
      lastChange: { by: 'admin', organisation: 'GI Alfa', at: NOON.toISOString() },
    });
    expect(await beta.kaart.saveAanbieder({ ...p, waitWeeks: 9, baseVersion: 1 })).toEqual({
      id: p.id,
      version: 2,
    });

    const entries = await history(p.id);
    expect(entries.map((e) => [e.version, e.organisationId, e.userId, e.changedAt.toISOString()])).toEqual([
      [1, f.orgA, f.users.admin.id, NOON.toISOString()],
      [2, f.orgB, (await adminOfBeta()).id, ONE.toISOString()],
    ]);
    expect(entries[0]?.before).toBeNull();
    expect(entries[1]?.before).toMatchObject({ waitWeeks: 6, name: 'Gedeeld Zorg' });
    expect(entries[1]?.after).toMatchObject({ waitWeeks: 9, regionIds: [f.regionId] });
    // Both organisations' beheerders see who changed it last.
    for (const caller of [alfa, beta]) {
      expect((await caller.kaart.list()).aanbieders.find((a) => a.id === p.id)).toMatchObject({
        version: 2,
        waitWeeks: 9,
        lastChange: { by: 'Bea Beheer', organisation: 'GI Beta', at: ONE.toISOString() },
      });
    }
  });

  it('refuses an edit made on an old version, with the current provider to show beside it, and changes nothing', async () => {
    const { f, database } = world;
    const alfa = callerFor(database, f.users.admin, { now: NOON });
    const beta = callerFor(database, await adminOfBeta(), { now: ONE });
    const p = provider([f.regionId], { name: 'Wachtrij Zorg' });
    await alfa.kaart.saveAanbieder(p);
    // Both open version 1; Beta saves first.
    await beta.kaart.saveAanbieder({ ...p, baseVersion: 1, waitWeeks: 20 });
    const refusal = await alfa.kaart
      .saveAanbieder({ ...p, baseVersion: 1, contactRoute: 'bel 010-1234567' })
      .then(
        () => null,
        (e: TRPCError) => e,
      );
    expect(refusal).toMatchObject({
      code: 'CONFLICT',
      message:
        'Niet opgeslagen: Bea Beheer (GI Beta) heeft deze aanbieder intussen gewijzigd. Vergelijk uw versie met de huidige.',
    });
    expect(refusal?.cause).toBeInstanceOf(StaleEdit);
    expect((refusal?.cause as StaleEdit | undefined)?.current).toMatchObject({
      id: p.id,
      version: 2,
      waitWeeks: 20,
      contactRoute: 'aanmelden@delft.example',
      lastChange: { by: 'Bea Beheer', organisation: 'GI Beta' },
    });
    const [row] = await database.db.select().from(aanbieders).where(eq(aanbieders.id, p.id));
    expect(row).toMatchObject({ version: 2, waitWeeks: 20, contactRoute: 'aanmelden@delft.example' });
    expect(await history(p.id)).toHaveLength(2);
    // On the current version, knowingly, it is saved.
    expect(await alfa.kaart.saveAanbieder({ ...p, baseVersion: 2, contactRoute: 'bel 010-1234567' })).toEqual(
      {
        id: p.id,
        version: 3,
      },
    );
    // A "new" provider whose id exists is an edit on an old version too; an edit of one that does not exist is refused.
    await expect(alfa.kaart.saveAanbieder({ ...p, baseVersion: 0 })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(alfa.kaart.saveAanbieder(provider([f.regionId], { baseVersion: 4 }))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('lets one of two simultaneous edits on the same version through, never both', async () => {
    const { f, database } = world;
    const alfa = callerFor(database, f.users.admin, { now: NOON });
    const beta = callerFor(database, await adminOfBeta(), { now: ONE });
    const p = provider([f.regionId], { name: 'Tegelijk Zorg' });
    await alfa.kaart.saveAanbieder(p);
    const results = await Promise.allSettled([
      alfa.kaart.saveAanbieder({ ...p, baseVersion: 1, waitWeeks: 1 }),
      beta.kaart.saveAanbieder({ ...p, baseVersion: 1, waitWeeks: 2 }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'CONFLICT' } });
    const [row] = await database.db.select().from(aanbieders).where(eq(aanbieders.id, p.id));
    expect(row?.version).toBe(2);
    expect(await history(p.id)).toHaveLength(2);
  });

  it('answers a stale edit over HTTP with 409 and the current provider in the error data', async () => {
    const { f, database } = world;
    const app = await buildApp({
      config: loadConfig({ NODE_ENV: 'test', STATIC_DIR: '/nonexistent' }),
      database,
    });
    try {
      const post = (url: string, body: unknown, cookie?: string) =>
        app.inject({
          method: 'POST',
          url,
          headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
          payload: JSON.stringify(body),
        });
      const login = await post('/trpc/auth.login', { username: 'admin', password: FIXTURE_PASSWORD });
      const cookie = String(login.headers['set-cookie']).split(';')[0] as string;
      const p = provider([f.regionId], { name: 'Http Zorg' });
      expect((await post('/trpc/kaart.saveAanbieder', p, cookie)).statusCode).toBe(200);
      await callerFor(database, await adminOfBeta()).kaart.saveAanbieder({
        ...p,
        baseVersion: 1,
        waitWeeks: 30,
      });
      const stale = await post('/trpc/kaart.saveAanbieder', { ...p, baseVersion: 1, waitWeeks: 3 }, cookie);
      expect(stale.statusCode).toBe(409);
      const body = stale.json() as { error: { data: { current: Record<string, unknown> } } };
      expect(body.error.data.current).toMatchObject({
        id: p.id,
        name: 'Http Zorg',
        version: 2,
        waitWeeks: 30,
        lastChange: { by: 'Bea Beheer', organisation: 'GI Beta' },
      });
    } finally {
      await app.close();
    }
  });
});
