/**
 * One set of guards for every spelling of the API's address (issue 16, point 3):
 * over a real socket, a request line the router would decode into /trpc
 * (`/%74rpc`, `//trpc`, `/./trpc`, `/trpc/../trpc`, an encoded slash, an
 * absolute-form target, …) is refused before routing, and whatever does reach
 * the tRPC handler has passed its guards (POST only, same-origin only, JSON
 * only) and is answered with Cache-Control: no-store.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { buildFixture, FIXTURE_PASSWORD, type Fixture } from '../helpers/fixture';
import { type Listening, listen, rawRequest } from '../helpers/http';

const ORIGIN = 'http://localhost:3000';
let database: TestDatabase;
let f: Fixture;
let app: FastifyInstance;
let server: Listening;
let cookie: string;

beforeAll(async () => {
  database = await createTestDatabase();
  f = await buildFixture(database.db);
  app = await buildApp({
    config: loadConfig({ NODE_ENV: 'test', STATIC_DIR: '/nonexistent', PUBLIC_ORIGIN: ORIGIN }),
    database,
  });
  server = await listen(app);
  const res = await fetch(`${server.base}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: f.users.worker1.username, password: FIXTURE_PASSWORD }),
  });
  expect(res.status).toBe(200);
  cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
});
afterAll(async () => {
  await server?.close();
  await database?.dispose();
});

const JSON_HEADERS = { 'Content-Type': 'application/json' };
const CROSS_SITE = { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' };

/** Spellings of /trpc/cases.mine that the router decodes, or once decoded, into the real route. */
const SPELLINGS = [
  '/%74rpc/cases.mine',
  '/%54rpc/cases.mine',
  '/%74%72%70%63/cases.mine',
  '/trpc/%63ases.mine',
  '/trpc/cases%2emine',
  '//trpc/cases.mine',
  '/trpc//cases.mine',
  '/./trpc/cases.mine',
  '/%2e/trpc/cases.mine',
  '/%2E/trpc/cases.mine',
  '/trpc/./cases.mine',
  '/trpc/../trpc/cases.mine',
  '/x/../trpc/cases.mine',
  '/trpc/%2e%2e/trpc/cases.mine',
  '/trpc%2fcases.mine',
  '/trpc%2Fcases.mine',
  '/trpc%5ccases.mine',
  '/trpc\\cases.mine',
  '/trpc/cases.mine;x',
  '/trpc/cases.mine%00',
  '/trpc/cases.mine%2e',
  '/trpc/cases.mine.',
  '/trpc./cases.mine',
  '/TRPC/cases.mine',
  '/Trpc/cases.mine',
  'http://localhost:3000/trpc/cases.mine',
  'http://127.0.0.1/trpc/cases.mine',
];

const leaksCases = (body: string) => body.includes('"result"') || body.includes(f.cases.ofWorker1);

describe('the plain address of the API', () => {
  it('answers a same-origin POST, with no-store', async () => {
    const res = await rawRequest(server.port, 'POST', '/trpc/cases.mine', {
      Cookie: cookie,
      ...JSON_HEADERS,
    });
    expect(res.status).toBe(200);
    expect(res.body).toContain(f.cases.ofWorker1);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('refuses a cross-site POST and a GET', async () => {
    const cross = await rawRequest(
      server.port,
      'POST',
      '/trpc/cases.mine',
      { Cookie: cookie, ...JSON_HEADERS, ...CROSS_SITE },
      '{}',
    );
    expect(cross.status).toBe(403);
    const get = await rawRequest(server.port, 'GET', '/trpc/cases.mine', { Cookie: cookie });
    expect(get.status).toBe(405);
  });
});

describe('another spelling of the API address', () => {
  it.each(SPELLINGS)('%s: a cross-site POST with a valid cookie reads nothing', async (target) => {
    const res = await rawRequest(
      server.port,
      'POST',
      target,
      { Cookie: cookie, ...JSON_HEADERS, ...CROSS_SITE },
      '{}',
    );
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(leaksCases(res.body)).toBe(false);
  });

  it.each(SPELLINGS)('%s: a GET with a valid cookie reads nothing', async (target) => {
    const res = await rawRequest(server.port, 'GET', target, { Cookie: cookie });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(leaksCases(res.body)).toBe(false);
  });

  it.each(SPELLINGS)('%s: even a same-origin POST is not answered as the API', async (target) => {
    const res = await rawRequest(server.port, 'POST', target, { Cookie: cookie, ...JSON_HEADERS }, '{}');
    expect([400, 404]).toContain(res.status);
    expect(leaksCases(res.body)).toBe(false);
  });

  it('is refused before routing with 400 and a Dutch message when the router would decode it', async () => {
    const res = await rawRequest(server.port, 'POST', '/%74rpc/cases.mine', {
      Cookie: cookie,
      ...JSON_HEADERS,
    });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toEqual({ error: 'Ongeldig adres' });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('that reaches the tRPC handler has passed its guards and is answered with no-store', async () => {
    // `cases.mine.` is a plain path the router sends to the tRPC handler (which knows no such procedure).
    const cross = await rawRequest(
      server.port,
      'POST',
      '/trpc/cases.mine.',
      { Cookie: cookie, ...JSON_HEADERS, ...CROSS_SITE },
      '{}',
    );
    expect(cross.status).toBe(403);
    expect(cross.headers['cache-control']).toBe('no-store');
    const same = await rawRequest(server.port, 'POST', '/trpc/cases.mine.', {
      Cookie: cookie,
      ...JSON_HEADERS,
    });
    expect(same.status).toBe(404);
    expect(same.headers['cache-control']).toBe('no-store');
  });
});

describe('the health check', () => {
  it('answers with no-store, and only under its plain address', async () => {
    const plain = await rawRequest(server.port, 'GET', '/healthz');
    expect(plain.status).toBe(200);
    expect(plain.headers['cache-control']).toBe('no-store');
    for (const target of ['/%68ealthz', '//healthz', '/./healthz']) {
      expect((await rawRequest(server.port, 'GET', target)).status).toBe(400);
    }
  });
});
