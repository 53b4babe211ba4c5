/**
 * Bad input at sync, over HTTP through the real Fastify app and real session
 * cookies: malformed and huge payloads, unknown mutation names, client ids of
 * another user or not ids at all, mutation ids out of order or twice in one
 * push, arguments of the wrong shape, 10,000 mutations in one push, forged
 * pull cookies. Each gets a precise answer (a tRPC code with a Dutch message,
 * or for one bad mutation a refused outcome with its reason), changes nothing
 * (rows counted before and after), and leaves the session and other users
 * working — also while it happens.
 * (fuzz.test.ts throws random input at every procedure and asserts no 5xx;
 * sync-push.test.ts covers gaps, resends and an unknown name by createCaller.)
 */
import { randomUUID } from 'node:crypto';
import { count } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { accessLog, contacts, koersen, mutationResults, syncClients } from '../../server/db/schema';
import { encodeCookie } from '../../shared/schemas/sync';
import { logContactArgs } from '../helpers/contact-args';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { buildFixture, FIXTURE_PASSWORD, type Fixture, type FixtureUser } from '../helpers/fixture';

const ORIGIN = 'http://localhost:3000';
let database: TestDatabase;
let f: Fixture;
let app: FastifyInstance;
const cookies = new Map<string, string>();

async function signIn(user: FixtureUser) {
  const res = await app.inject({
    method: 'POST',
    url: '/trpc/auth.login',
    headers: { 'content-type': 'application/json', origin: ORIGIN },
    payload: JSON.stringify({ username: user.username, password: FIXTURE_PASSWORD }),
  });
  cookies.set(user.id, String(res.headers['set-cookie']).split(';')[0] as string);
}

beforeAll(async () => {
  database = await createTestDatabase();
  f = await buildFixture(database.db);
  app = await buildApp({
    config: loadConfig({ NODE_ENV: 'test', STATIC_DIR: '/nonexistent', PUBLIC_ORIGIN: ORIGIN }),
    database,
  });
  await signIn(f.users.worker1);
  await signIn(f.users.worker2);
});
afterAll(async () => {
  await app.close();
  await database.dispose();
});

interface Answer {
  status: number;
  code?: string;
  message?: string;
  issues: string[];
  data?: unknown;
}

/** A tRPC call over HTTP as `user`, with `body` sent exactly as given (a string is not re-encoded). */
async function post(user: FixtureUser, path: 'sync.push' | 'sync.pull', body: unknown): Promise<Answer> {
  const res = await app.inject({
    method: 'POST',
    url: `/trpc/${path}`,
    headers: { 'content-type': 'application/json', origin: ORIGIN, cookie: cookies.get(user.id) ?? '' },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const json = (() => {
    try {
      return JSON.parse(res.body) as {
        error?: { message: string; data?: { code: string; issues?: { message: string }[] } };
        result?: { data: unknown };
      };
    } catch {
      return {};
    }
  })();
  return {
    status: res.statusCode,
    code: json.error?.data?.code,
    message: json.error?.message,
    issues: json.error?.data?.issues?.map((i) => i.message) ?? [],
    data: json.result?.data,
  };
}

async function rowCounts() {
  const db = database.db;
  const n = async (table: typeof contacts | typeof koersen | typeof mutationResults | typeof syncClients) =>
    Number((await db.select({ n: count() }).from(table))[0]?.n ?? 0);
  return {
    contacts: await n(contacts),
    koersen: await n(koersen),
    results: await n(mutationResults),
    clients: await n(syncClients),
    log: Number((await db.select({ n: count() }).from(accessLog))[0]?.n ?? 0),
  };
}

const contact = (caseId: string) => logContactArgs(caseId);

/** A client of `user` that has pushed one mutation and pulled once: a phone in use. */
async function phoneInUse(user: FixtureUser, caseId: string) {
  const clientId = randomUUID();
  const pushed = await post(user, 'sync.push', {
    clientId,
    mutations: [{ id: 1, name: 'logContact', args: contact(caseId) }],
  });
  expect(pushed.status).toBe(200);
  const pulled = await post(user, 'sync.pull', { clientId, cookie: null });
  expect(pulled.status).toBe(200);
  return { clientId, cookie: (pulled.data as { cookie: string }).cookie };
}

/** Asserts the answer and that nothing in the database changed by it (the access log aside when `logged`). */
async function refusedWithoutChange(
  send: () => Promise<Answer>,
  expected: { status: number; code?: string; text?: string | RegExp },
  opts: { logged?: boolean } = {},
) {
  const before = await rowCounts();
  const answer = await send();
  expect(answer.status).toBe(expected.status);
  if (expected.code) expect(answer.code).toBe(expected.code);
  if (expected.text) {
    const said = [answer.message ?? '', ...answer.issues].join(' | ');
    expect(said).toMatch(expected.text);
  }
  const after = await rowCounts();
  if (opts.logged) after.log = before.log;
  expect(after).toEqual(before);
  return answer;
}

describe('bad input at sync', () => {
  it('answers malformed JSON, a non-object and a missing field with 400 BAD_REQUEST, changing nothing', async () => {
    const w = f.users.worker1;
    await refusedWithoutChange(() => post(w, 'sync.push', '{"clientId": "x", "mutations": ['), {
      status: 400,
    });
    await refusedWithoutChange(() => post(w, 'sync.push', '[1,2,3]'), { status: 400, code: 'BAD_REQUEST' });
    await refusedWithoutChange(() => post(w, 'sync.push', { clientId: randomUUID() }), {
      status: 400,
      code: 'BAD_REQUEST',
      text: 'Mutaties ontbreken',
    });
    await refusedWithoutChange(
      () => post(w, 'sync.push', { clientId: randomUUID(), mutations: [], extra: true }),
      { status: 400, code: 'BAD_REQUEST' },
    );
    await refusedWithoutChange(() => post(w, 'sync.push', { clientId: randomUUID(), mutations: [] }), {
      status: 400,
      code: 'BAD_REQUEST',
      text: 'Een push zonder mutaties',
    });
  });

  it('refuses a body over 1 MiB before reading it (413), changing nothing', async () => {
    const huge = contact(f.cases.ofWorker1);
    huge.report = 'x'.repeat(1_200_000);
    await refusedWithoutChange(
      () =>
        post(f.users.worker1, 'sync.push', {
          clientId: randomUUID(),
          mutations: [{ id: 1, name: 'logContact', args: huge }],
        }),
      { status: 413 },
    );
  });

  it('refuses 10,000 mutations in one push as a whole (at most 100), changing nothing', async () => {
    const mutations = Array.from({ length: 10_000 }, (_, i) => ({ id: i + 1, name: 'logContact', args: {} }));
    await refusedWithoutChange(
      () => post(f.users.worker1, 'sync.push', { clientId: randomUUID(), mutations }),
      {
        status: 400,
        code: 'BAD_REQUEST',
        text: 'Te veel mutaties in één push (hoogstens 100)',
      },
    );
  });

  it('refuses an unknown mutation name in a batch as a whole: the good ones beside it are not applied', async () => {
    await refusedWithoutChange(
      () =>
        post(f.users.worker1, 'sync.push', {
          clientId: randomUUID(),
          mutations: [
            { id: 1, name: 'logContact', args: contact(f.cases.ofWorker1) },
            { id: 2, name: 'dropTables', args: {} },
          ],
        }),
      { status: 400, code: 'BAD_REQUEST', text: 'Onbekende mutatie' },
    );
  });

  it('refuses mutation ids out of order or twice in one push, changing nothing', async () => {
    const { clientId } = await phoneInUse(f.users.worker1, f.cases.ofWorker1);
    const a = contact(f.cases.ofWorker1);
    const b = contact(f.cases.ofWorker1);
    for (const ids of [
      [3, 2],
      [2, 2],
      [2, 3, 3],
    ]) {
      await refusedWithoutChange(
        () =>
          post(f.users.worker1, 'sync.push', {
            clientId,
            mutations: ids.map((id, i) => ({ id, name: 'logContact', args: i % 2 ? b : a })),
          }),
        { status: 400, code: 'BAD_REQUEST', text: 'oplopende volgorde' },
      );
    }
    for (const id of [0, -1, 1.5, '2']) {
      await refusedWithoutChange(
        () =>
          post(f.users.worker1, 'sync.push', { clientId, mutations: [{ id, name: 'logContact', args: a }] }),
        { status: 400, code: 'BAD_REQUEST' },
      );
    }
  });

  it("refuses another user's client id (FORBIDDEN) on push and pull, changing nothing of theirs", async () => {
    const theirs = await phoneInUse(f.users.worker2, f.cases.ofWorker2);
    await refusedWithoutChange(
      () =>
        post(f.users.worker1, 'sync.push', {
          clientId: theirs.clientId,
          mutations: [{ id: 2, name: 'logContact', args: contact(f.cases.ofWorker1) }],
        }),
      { status: 403, code: 'FORBIDDEN', text: 'Dit apparaat hoort niet bij deze gebruiker' },
    );
    await refusedWithoutChange(
      () => post(f.users.worker1, 'sync.pull', { clientId: theirs.clientId, cookie: theirs.cookie }),
      { status: 403, code: 'FORBIDDEN', text: 'Dit apparaat hoort niet bij deze gebruiker' },
    );
    // Their phone syncs on as before.
    const next = await post(f.users.worker2, 'sync.push', {
      clientId: theirs.clientId,
      mutations: [{ id: 2, name: 'logContact', args: contact(f.cases.ofWorker2) }],
    });
    expect(next.data).toMatchObject({ status: 'ok', lastMutationId: 2 });
  });

  it('refuses a client id that is no uuid, and registers an unknown one to the caller (a new phone)', async () => {
    for (const clientId of ['not-a-uuid', '', 42, null, `${randomUUID()}'; drop table contacts; --`]) {
      await refusedWithoutChange(
        () =>
          post(f.users.worker1, 'sync.push', {
            clientId,
            mutations: [{ id: 1, name: 'logContact', args: {} }],
          }),
        { status: 400, code: 'BAD_REQUEST' },
      );
      await refusedWithoutChange(() => post(f.users.worker1, 'sync.pull', { clientId, cookie: null }), {
        status: 400,
        code: 'BAD_REQUEST',
      });
    }
    const fresh = randomUUID();
    const answer = await post(f.users.worker1, 'sync.pull', { clientId: fresh, cookie: null });
    expect(answer.status).toBe(200);
    // Registered to worker1 now: worker2 cannot take it over.
    expect((await post(f.users.worker2, 'sync.pull', { clientId: fresh, cookie: null })).code).toBe(
      'FORBIDDEN',
    );
  });

  it('refuses one mutation with arguments of the wrong shape as an outcome with its reason; the queue moves on', async () => {
    const { clientId } = await phoneInUse(f.users.worker1, f.cases.ofWorker1);
    const good = contact(f.cases.ofWorker1);
    const nested: unknown[] = [];
    let deepest = nested;
    for (let i = 0; i < 3000; i++) {
      const next: unknown[] = [];
      deepest.push(next);
      deepest = next;
    }
    const before = await rowCounts();
    const answer = await post(f.users.worker1, 'sync.push', {
      clientId,
      mutations: [
        { id: 2, name: 'logContact', args: { ...contact(f.cases.ofWorker1), kind: 'inbraak' } },
        { id: 3, name: 'editKoers', args: 'geen object' },
        { id: 4, name: 'requestHelp', args: nested },
        { id: 5, name: 'logContact', args: { ...contact(f.cases.ofWorker1), report: 'x'.repeat(20_001) } },
        { id: 6, name: 'logContact', args: good },
      ],
    });
    expect(answer.status).toBe(200);
    expect(answer.data).toMatchObject({
      status: 'ok',
      lastMutationId: 6,
      outcomes: [
        { id: 2, status: 'geweigerd', reason: expect.stringMatching(/^Ongeldige gegevens \(kind:/) },
        { id: 3, status: 'geweigerd', reason: expect.stringMatching(/^Ongeldige gegevens/) },
        { id: 4, status: 'geweigerd', reason: expect.stringMatching(/^Ongeldige gegevens/) },
        // Too long is refused (never cut) in words that say which text, by how much and the limit.
        { id: 5, status: 'geweigerd', reason: 'Het verslag is te lang: 20001 tekens, hoogstens 20000.' },
        { id: 6, status: 'toegepast' },
      ],
    });
    const after = await rowCounts();
    // Only the good contact, and a recorded outcome per mutation: the refused ones wrote nothing.
    expect(after.contacts).toBe(before.contacts + 1);
    expect(after.koersen).toBe(before.koersen);
    expect(after.results).toBe(before.results + 5);
  });

  it('refuses a forged or broken pull cookie (BAD_REQUEST), changing nothing', async () => {
    const { clientId, cookie } = await phoneInUse(f.users.worker1, f.cases.ofWorker1);
    const forged = [
      'niet-json',
      '{"since": 0}',
      encodeCookie({ since: -1, after: null }),
      JSON.stringify({ since: 0, after: null, admin: true }),
      // From the future: would skip every row written until then.
      encodeCookie({ since: 10_000_000, after: null }),
      encodeCookie({ since: 0, after: [10_000_000, 0, randomUUID()] }),
      'x'.repeat(501),
    ];
    for (const bad of forged) {
      await refusedWithoutChange(() => post(f.users.worker1, 'sync.pull', { clientId, cookie: bad }), {
        status: 400,
        code: 'BAD_REQUEST',
        text: /Ongeldige sync-cookie/,
      });
    }
    // The phone's real cookie still works.
    expect((await post(f.users.worker1, 'sync.pull', { clientId, cookie })).status).toBe(200);
  });

  it('leaves other users and the session working, also while the bad input comes in', async () => {
    const theirs = await phoneInUse(f.users.worker2, f.cases.ofWorker2);
    const mine = await phoneInUse(f.users.worker1, f.cases.ofWorker1);
    const flood = Array.from({ length: 10_000 }, (_, i) => ({ id: i + 1, name: 'logContact', args: {} }));
    const bad = [
      post(f.users.worker1, 'sync.push', { clientId: mine.clientId, mutations: flood }),
      post(f.users.worker1, 'sync.push', '{"broken'),
      post(f.users.worker1, 'sync.pull', { clientId: theirs.clientId, cookie: null }),
      post(f.users.worker1, 'sync.pull', { clientId: mine.clientId, cookie: 'vervalst' }),
    ];
    const good = [
      post(f.users.worker2, 'sync.push', {
        clientId: theirs.clientId,
        mutations: [{ id: 2, name: 'logContact', args: contact(f.cases.ofWorker2) }],
      }),
      post(f.users.worker2, 'sync.pull', { clientId: theirs.clientId, cookie: theirs.cookie }),
    ];
    const [badAnswers, goodAnswers] = await Promise.all([Promise.all(bad), Promise.all(good)]);
    expect(badAnswers.map((a) => a.status)).toEqual([400, 400, 403, 400]);
    expect(goodAnswers.map((a) => a.status)).toEqual([200, 200]);
    expect(goodAnswers[0]?.data).toMatchObject({ status: 'ok', outcomes: [{ id: 2, status: 'toegepast' }] });
    // The same session of the user who sent the bad input syncs on.
    const after = await post(f.users.worker1, 'sync.push', {
      clientId: mine.clientId,
      mutations: [{ id: 2, name: 'logContact', args: contact(f.cases.ofWorker1) }],
    });
    expect(after.data).toMatchObject({ status: 'ok', lastMutationId: 2 });
    expect(
      (await post(f.users.worker1, 'sync.pull', { clientId: mine.clientId, cookie: mine.cookie })).status,
    ).toBe(200);
  });
});
