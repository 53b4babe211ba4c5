/**
 * `npm start` is production-safe (issue 16, point 11): the server runs as
 * production unless told otherwise, so malformed input is answered without a
 * stack trace, internal path or source location; those only show under
 * `npm run dev` (NODE_ENV=development). Shown on real server processes
 * (`node --import tsx server/main.ts`, as `npm start` runs it after the build).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { type ServerProcess, startServer } from '../load/servers';

let database: TestDatabase;
let asStarted: ServerProcess;
let asDev: ServerProcess;

/** The same database the test project uses: PGlite in memory in the process, or the test's PostgreSQL. */
const databaseEnv = () => ({
  databaseUrl: database.url ?? '',
  migrationUrl: database.url ?? '',
});

beforeAll(async () => {
  database = await createTestDatabase();
  const common = { PGLITE_DIR: 'memory://', LOG_LEVEL: 'silent' };
  [asStarted, asDev] = await Promise.all([
    startServer({ ...databaseEnv(), env: { ...common, NODE_ENV: undefined }, startTimeoutMs: 120_000 }),
    startServer({ ...databaseEnv(), env: { ...common, NODE_ENV: 'development' }, startTimeoutMs: 120_000 }),
  ]);
}, 180_000);
afterAll(async () => {
  await Promise.all([asStarted?.stop(), asDev?.stop()]);
  await database?.dispose();
});

/** Input a careless or hostile client sends. */
const MALFORMED: [string, { path: string; body: string; type?: string }][] = [
  ['a field of the wrong type', { path: '/trpc/auth.login', body: '{"username":5,"password":[]}' }],
  ['unknown fields', { path: '/trpc/auth.login', body: '{"username":"a","password":"b","x":1}' }],
  ['broken JSON', { path: '/trpc/auth.login', body: '{"username":' }],
  ['a batch of the wrong shape', { path: '/trpc/auth.login,auth.logout?batch=1', body: '[1,2]' }],
  ['an unknown procedure', { path: '/trpc/geheim.niets', body: '{}' }],
  ['a procedure name with odd characters', { path: '/trpc/auth.%E2%80%8Blogin', body: '{}' }],
  ['a body too large', { path: '/trpc/auth.login', body: `{"username":"${'x'.repeat(1_100_000)}"}` }],
  ['a malformed escape in the address', { path: '/trpc/auth.%zzlogin', body: '{}' }],
];

const send = (
  base: string,
  { path, body, type = 'application/json' }: { path: string; body: string; type?: string },
) => fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': type }, body });

/** What only a developer should see: a stack, a source location, a folder of this machine. */
const INTERNALS = /stack|node_modules|\/work\/|\/server\/|\.ts:\d+|at \S+ \(|file:\/\//i;

describe('the server as npm start runs it (no NODE_ENV)', () => {
  it('runs in production', () => {
    expect(loadConfig({}).NODE_ENV).toBe('production');
    const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts as Record<string, string>;
    expect(scripts.start).not.toMatch(/NODE_ENV=(development|test)/);
    expect(scripts.dev).toContain('NODE_ENV=development');
  });

  it.each(MALFORMED)('answers %s with a 4xx and no internals', async (_what, request) => {
    const res = await send(asStarted.url, request);
    const body = await res.text();
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(body).not.toMatch(INTERNALS);
  });
});

describe('the server under npm run dev (NODE_ENV=development)', () => {
  it('shows the developer the stack of a refused input', async () => {
    const res = await send(asDev.url, MALFORMED[0]?.[1] as { path: string; body: string });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(INTERNALS);
  });
});
