/**
 * The API's edges (server/http/request-guards.ts): POST only, JSON only, no
 * cross-site requests, body size, HSTS behind https, and no details of an
 * internal failure in production.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { buildFixture, FIXTURE_PASSWORD, type Fixture } from '../helpers/fixture';

const ORIGIN = 'http://localhost:3000';
let database: TestDatabase;
let f: Fixture;
let app: FastifyInstance;
let cookie: string;

beforeAll(async () => {
  database = await createTestDatabase();
  f = await buildFixture(database.db);
  app = await buildApp({
    config: loadConfig({ NODE_ENV: 'test', STATIC_DIR: '/nonexistent', PUBLIC_ORIGIN: ORIGIN }),
    database,
  });
  const res = await app.inject({
    method: 'POST',
    url: '/trpc/auth.login',
    headers: { 'content-type': 'application/json', origin: ORIGIN },
    payload: JSON.stringify({ username: f.users.worker1.username, password: FIXTURE_PASSWORD }),
  });
  cookie = String(res.headers['set-cookie']).split(';')[0] as string;
});
afterAll(async () => {
  await app.close();
  await database.dispose();
});

const call = (headers: Record<string, string>, payload = JSON.stringify({ caseId: f.cases.ofWorker1 })) =>
  app.inject({ method: 'POST', url: '/trpc/cases.file', headers: { cookie, ...headers }, payload });

describe('the API edge', () => {
  it('answers a same-origin JSON POST', async () => {
    const res = await call({
      'content-type': 'application/json',
      origin: ORIGIN,
      'sec-fetch-site': 'same-origin',
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Anna');
  });

  it('answers a request whose Origin is the host it was sent to (127.0.0.1 instead of localhost)', async () => {
    const res = await call({
      'content-type': 'application/json',
      host: '127.0.0.1:4321',
      origin: 'http://127.0.0.1:4321',
    });
    expect(res.statusCode).toBe(200);
  });

  it('refuses a query in the URL: no case id in an address', async () => {
    const input = encodeURIComponent(JSON.stringify({ caseId: f.cases.ofWorker1 }));
    const res = await app.inject({
      method: 'GET',
      url: `/trpc/cases.file?input=${input}`,
      headers: { cookie },
    });
    expect(res.statusCode).toBe(405);
    expect(res.headers.allow).toBe('POST');
    expect(res.body).not.toContain('Anna');
  });

  it.each([
    [
      'multipart/form-data; boundary=x',
      '--x\r\nContent-Disposition: form-data; name="caseId"\r\n\r\nx\r\n--x--',
    ],
    ['application/x-www-form-urlencoded', 'caseId=x'],
    ['text/plain', '{"caseId":"x"}'],
  ])('refuses a %s post', async (type, payload) => {
    const res = await call({ 'content-type': type, origin: ORIGIN }, payload);
    expect(res.statusCode).toBe(415);
    expect(res.json()).toEqual({ error: 'Alleen JSON wordt aangenomen' });
  });

  it('refuses a request from another site, by Origin or by Sec-Fetch-Site', async () => {
    const byOrigin = await call({
      'content-type': 'application/json',
      origin: 'https://kwaadwillend.example',
    });
    expect(byOrigin.statusCode).toBe(403);
    expect(byOrigin.body).not.toContain('Anna');
    const nullOrigin = await call({ 'content-type': 'application/json', origin: 'null' });
    expect(nullOrigin.statusCode).toBe(403);
    const bySite = await call({ 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' });
    expect(bySite.statusCode).toBe(403);
    const logout = await app.inject({
      method: 'POST',
      url: '/trpc/auth.logout',
      headers: { cookie, 'content-type': 'application/json', origin: 'https://kwaadwillend.example' },
      payload: '{}',
    });
    expect(logout.statusCode).toBe(403);
    // The session survived the forged logout.
    expect((await call({ 'content-type': 'application/json' })).statusCode).toBe(200);
  });

  it('refuses a body over 1 MiB before reading it', async () => {
    const res = await call(
      { 'content-type': 'application/json' },
      JSON.stringify({ caseId: 'x'.repeat(1_100_000) }),
    );
    expect(res.statusCode).toBe(413);
  });

  it('sends HSTS behind https and not on plain-http localhost', async () => {
    expect(
      (await call({ 'content-type': 'application/json' })).headers['strict-transport-security'],
    ).toBeUndefined();
    const secure = await buildApp({
      config: loadConfig({
        NODE_ENV: 'production',
        STATIC_DIR: '/nonexistent',
        PUBLIC_ORIGIN: 'https://jb.example.nl',
      }),
      database,
    });
    const res = await secure.inject({
      method: 'POST',
      url: '/trpc/auth.me',
      headers: { 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d{8}; includeSubDomains/);
    expect(res.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    expect(res.headers['content-security-policy']).not.toContain('unsafe-inline');
    await secure.close();
  });
});

describe('an internal failure in production', () => {
  it('answers "Interne fout" without stack or SQL', async () => {
    const broken = await createTestDatabase();
    const prod = await buildApp({
      config: loadConfig({ NODE_ENV: 'production', STATIC_DIR: '/nonexistent', PUBLIC_ORIGIN: ORIGIN }),
      database: broken,
    });
    prod.get('/probe-failure', async () => {
      throw new Error('select * from geheime_tabel');
    });
    await broken.dispose();
    const res = await prod.inject({
      method: 'POST',
      url: '/trpc/auth.login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'worker1', password: 'x'.repeat(12) }),
    });
    // PostgreSQL's closed pool is "the database is away" (503, said in Dutch); PGlite's is a plain failure.
    const expected =
      database.kind === 'postgres'
        ? { status: 503, message: 'De database is even niet bereikbaar; probeer het zo opnieuw' }
        : { status: 500, message: 'Interne fout' };
    expect(res.statusCode).toBe(expected.status);
    expect(res.json().error.message).toBe(expected.message);
    expect(res.body).not.toMatch(/stack|select|at \w+ \(/i);
    const plain = await prod.inject({ method: 'GET', url: '/probe-failure' });
    expect(plain.statusCode).toBe(500);
    expect(plain.json()).toEqual({ error: 'Interne fout' });
    await prod.close();
  });
});
