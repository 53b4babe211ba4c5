/**
 * The sign-in lockout holds against guesses sent side by side (issue 16,
 * point 4): over a real listening server, twenty parallel sign-ins, three
 * batches of ten and ten parallel step-ups check at most LOGIN_MAX_FAILURES
 * (5) passwords per username. The password checks are counted where they
 * happen: every call of argon2's verify.
 */
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { loginAttempts } from '../../server/db/schema';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { buildFixture, FIXTURE_PASSWORD, type Fixture } from '../helpers/fixture';
import { type Listening, listen } from '../helpers/http';

const checks = vi.hoisted(() => ({ count: 0 }));
vi.mock('@node-rs/argon2', async (importOriginal) => {
  const real = await importOriginal<typeof import('@node-rs/argon2')>();
  return {
    ...real,
    verify: (...args: Parameters<typeof real.verify>) => {
      checks.count++;
      return real.verify(...args);
    },
  };
});

const MAX = 5;
let database: TestDatabase;
let f: Fixture;
let app: FastifyInstance;
let server: Listening;

beforeAll(async () => {
  database = await createTestDatabase();
  f = await buildFixture(database.db);
  app = await buildApp({
    config: loadConfig({ NODE_ENV: 'test', STATIC_DIR: '/nonexistent', LOGIN_MAX_FAILURES: String(MAX) }),
    database,
  });
  server = await listen(app);
});
afterAll(async () => {
  await server?.close();
  await database?.dispose();
});
beforeEach(async () => {
  // Every test starts with a clean slate: all requests come from 127.0.0.1, whose own limit is 4 × 5.
  await database.db.delete(loginAttempts);
  checks.count = 0;
});

const post = (path: string, body: unknown, cookie?: string) =>
  fetch(`${server.base}/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });

const attemptsOf = async (username: string) =>
  (await database.db.select().from(loginAttempts).where(eq(loginAttempts.username, username))).length;

describe('the sign-in lockout under parallel guesses', () => {
  it('checks at most five passwords of twenty sent at once', async () => {
    const username = f.users.worker2.username;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => post('auth.login', { username, password: `fout-${i}` })),
    );
    const statuses = answers.map((a) => a.status);
    expect(checks.count).toBeLessThanOrEqual(MAX);
    expect(statuses.filter((s) => s === 401)).toHaveLength(checks.count);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20 - checks.count);
    expect(await attemptsOf(username)).toBe(checks.count);
    // The right password is refused too until the window has passed.
    const right = await post('auth.login', { username, password: FIXTURE_PASSWORD });
    expect(right.status).toBe(429);
    expect(checks.count).toBeLessThanOrEqual(MAX);
  });

  it('refuses a batch with more than one sign-in, and checks no password of it', async () => {
    const username = f.users.worker3.username;
    const batch = () => {
      const input = Object.fromEntries(
        Array.from({ length: 10 }, (_, i) => [String(i), { username, password: `fout-${i}` }]),
      );
      return fetch(`${server.base}/trpc/${Array(10).fill('auth.login').join(',')}?batch=1`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input),
      });
    };
    const answers = await Promise.all([batch(), batch(), batch()]);
    for (const answer of answers) {
      expect(answer.status).toBe(400);
      expect(await answer.json()).toEqual({ error: 'Eén aanmelding per verzoek' });
    }
    expect(checks.count).toBe(0);
    expect(await attemptsOf(username)).toBe(0);
  });

  it('lets a batch with one sign-in through, counted like any other', async () => {
    const username = f.users.lead2.username;
    const batch = () =>
      fetch(`${server.base}/trpc/auth.login,auth.logout?batch=1`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ 0: { username, password: 'fout-wachtwoord' }, 1: {} }),
      });
    const answers = await Promise.all(Array.from({ length: 10 }, batch));
    // Each batch carries each call's own result (207): here refused passwords, then the lockout.
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(207));
    const codes = await Promise.all(answers.map(async (a) => (await a.json())[0].error.data.code));
    expect(codes.filter((c) => c === 'UNAUTHORIZED')).toHaveLength(checks.count);
    expect(codes.filter((c) => c === 'TOO_MANY_REQUESTS')).toHaveLength(10 - checks.count);
    expect(checks.count).toBeLessThanOrEqual(MAX);
    expect(await attemptsOf(username)).toBe(checks.count);
  });

  it('does not count a successful sign-in as a failure', async () => {
    const username = f.users.admin.username;
    for (let i = 0; i < MAX + 2; i++) {
      expect((await post('auth.login', { username, password: FIXTURE_PASSWORD })).status).toBe(200);
    }
  });

  it('checks at most five passwords of ten step-ups sent at once', async () => {
    const login = await post('auth.login', { username: f.users.lead1.username, password: FIXTURE_PASSWORD });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
    checks.count = 0;
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => post('auth.stepUp', { password: `fout-${i}` }, cookie)),
    );
    expect(checks.count).toBeLessThanOrEqual(MAX);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(10 - checks.count);
    // Nor does a later, sequential try get a sixth check.
    expect((await post('auth.stepUp', { password: FIXTURE_PASSWORD }, cookie)).status).toBe(429);
    expect(checks.count).toBeLessThanOrEqual(MAX);
  });
});
