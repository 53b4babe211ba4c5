import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { buildFixture, FIXTURE_PASSWORD, type Fixture } from '../helpers/fixture';

let database: TestDatabase;
let f: Fixture;
let app: FastifyInstance;

beforeAll(async () => {
  database = await createTestDatabase();
  f = await buildFixture(database.db);
  app = await buildApp({ config: loadConfig({ NODE_ENV: 'test', STATIC_DIR: '/nonexistent' }), database });
});
afterAll(async () => {
  await app.close();
  await database.dispose();
});

const post = (url: string, body: unknown, cookie?: string) =>
  app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    payload: JSON.stringify(body),
  });

async function signIn(username: string) {
  const res = await post('/trpc/auth.login', { username, password: FIXTURE_PASSWORD });
  const setCookie = String(res.headers['set-cookie']);
  return { res, setCookie, cookie: setCookie.split(';')[0] as string };
}

describe('GET /healthz', () => {
  it('answers ok with the kind of database once migrated', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, db: database.kind });
  });

  it('answers 503 on a database that is not migrated', async () => {
    const bare = await createTestDatabase({ migrated: false });
    const bareApp = await buildApp({
      config: loadConfig({ NODE_ENV: 'test', STATIC_DIR: '/nonexistent' }),
      database: bare,
    });
    const res = await bareApp.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ ok: false, db: bare.kind });
    await bareApp.close();
    await bare.dispose();
  });
});

describe('the session cookie', () => {
  it('is httpOnly and SameSite=Strict, without Secure on plain-http localhost', async () => {
    const { res, setCookie } = await signIn('worker1');
    expect(res.statusCode).toBe(200);
    expect(setCookie).toMatch(/^jb_sessie=/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).not.toContain('Secure');
  });

  it('is __Host- prefixed and Secure behind https', async () => {
    const secureApp = await buildApp({
      config: loadConfig({
        NODE_ENV: 'test',
        STATIC_DIR: '/nonexistent',
        PUBLIC_ORIGIN: 'https://jb.example.nl',
      }),
      database,
    });
    const res = await secureApp.inject({
      method: 'POST',
      url: '/trpc/auth.login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'worker2', password: FIXTURE_PASSWORD }),
    });
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/^__Host-jb_sessie=/);
    expect(setCookie).toContain('Secure');
    expect(setCookie).toContain('Path=/');
    expect(setCookie).not.toContain('Domain');
    expect(res.headers['strict-transport-security']).toContain('max-age=');
    await secureApp.close();
  });

  it('opens the caseload, and no longer after logout', async () => {
    const { cookie } = await signIn('worker1');
    const mine = await post('/trpc/cases.mine', {}, cookie);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().result.data.map((r: { caseId: string }) => r.caseId)).toEqual([f.cases.ofWorker1]);
    await post('/trpc/auth.logout', {}, cookie);
    const after = await post('/trpc/cases.mine', {}, cookie);
    expect(after.statusCode).toBe(401);
    expect((await post('/trpc/auth.me', {}, cookie)).json().result.data).toBeNull();
  });
});

describe('API answers', () => {
  it('are never cached and carry the security headers', async () => {
    const res = await post('/trpc/auth.me', {});
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['permissions-policy']).toContain('camera=()');
  });

  it('refuse bad input with BAD_REQUEST and say which field is wrong', async () => {
    const { cookie } = await signIn('worker1');
    const res = await post('/trpc/cases.file', { caseId: 'geen-uuid' }, cookie);
    expect(res.statusCode).toBe(400);
    const error = res.json().error;
    expect(error.data.code).toBe('BAD_REQUEST');
    expect(error.data.issues[0].path).toEqual(['caseId']);
  });

  it('refuse unknown extra keys', async () => {
    const res = await post('/trpc/auth.login', {
      username: 'worker1',
      password: FIXTURE_PASSWORD,
      admin: true,
    });
    expect(res.statusCode).toBe(400);
  });

  it("answer FORBIDDEN over HTTP for another worker's child", async () => {
    const { cookie } = await signIn('worker1');
    const res = await post('/trpc/cases.file', { caseId: f.cases.ofWorker2 }, cookie);
    expect(res.statusCode).toBe(403);
    expect(res.body).not.toContain('Bram');
  });

  it('refuse batches over the limit', async () => {
    const paths = Array.from({ length: 11 }, () => 'auth.me').join(',');
    const input = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [i, {}]));
    const res = await post(`/trpc/${paths}?batch=1`, input);
    expect(res.statusCode).toBe(400);
  });
});
