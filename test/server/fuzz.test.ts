/**
 * Fuzzing every procedure over HTTP, through the real Fastify app and a real
 * session cookie of a role that may call it: random JSON, the procedure's
 * valid input (from the access matrix's specs) with fields deleted, retyped,
 * blown up to 100 KB or joined by unknown keys, bad JSON, wrong content types,
 * other methods, and batches of the wrong shape or size. The property: the
 * server never answers 5xx (nor dies); every refusal is a 4xx with a JSON
 * body, from tRPC or from the request guards.
 *
 * Runs per procedure come from FUZZ_RUNS (default 25, so this file stays well
 * under a minute on a small machine); for a long run:
 *   FUZZ_RUNS=5000 npx vitest run test/server/fuzz.test.ts
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { appRouter } from '../../server/routers';
import type { Role } from '../../shared/schemas/user';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { buildFixture, FIXTURE_PASSWORD, type Fixture, type FixtureUser } from '../helpers/fixture';
import { type Bucket, passesGuard } from './access-matrix/rules';
import { buildMatrixWorld, type MatrixWorld, SPECS, targetOf } from './access-matrix/specs';

const RUNS = Math.max(1, Number(process.env.FUZZ_RUNS ?? 25));
const TIMEOUT = Math.max(60_000, RUNS * 2_000);

let database: TestDatabase;
let f: Fixture;
let w: MatrixWorld;
let app: FastifyInstance;
const cookies = new Map<string, string>();

const config = loadConfig({ NODE_ENV: 'test', STATIC_DIR: '/nonexistent' });

async function signIn(user: FixtureUser): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/trpc/auth.login',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ username: user.username, password: FIXTURE_PASSWORD }),
  });
  const cookie = String(res.headers['set-cookie'] ?? '').split(';')[0] ?? '';
  if (res.statusCode !== 200 || !cookie) throw new Error(`sign-in of ${user.username}: ${res.statusCode}`);
  cookies.set(user.id, cookie);
  return cookie;
}

/** The persona that may call a procedure (the first role its guard lets through). */
function personaFor(path: string): FixtureUser {
  const spec = SPECS[path];
  const { worker1, lead1, support, admin } = f.users;
  const byRole: Record<Role, FixtureUser> = {
    jeugdbeschermer: worker1,
    teamleider: lead1,
    ondersteuner: support,
    beheerder: admin,
  };
  // Step-up with a wrong password counts as a failed sign-in: not for the user the other calls need.
  if (path === 'auth.stepUp') return admin;
  const role = (['jeugdbeschermer', 'teamleider', 'ondersteuner', 'beheerder'] as const).find((r) =>
    passesGuard(spec?.callers ?? 'authed', r),
  );
  return byRole[role ?? 'jeugdbeschermer'];
}

/** The target whose valid input is mutated: never the persona's own account (disable, revoke). */
const fuzzTarget = (path: string): Bucket =>
  path === 'devices.disableUser' || path === 'devices.revoke' ? 'team' : 'own';

function validInput(path: string): unknown {
  // A user that does not exist: the fuzzed sign-ins must not lock out the fixture's users.
  if (path === 'auth.login') return { username: 'niemand', password: 'geen-wachtwoord' };
  return SPECS[path]?.input(w, targetOf(w, fuzzTarget(path)), randomUUID());
}

async function cookieFor(user: FixtureUser): Promise<string> {
  return cookies.get(user.id) ?? signIn(user);
}

function post(url: string, payload: string, cookie: string, contentType = 'application/json') {
  return app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': contentType, cookie },
    payload,
  });
}

/** The property: no 5xx, and a refusal is a JSON body (tRPC's error, or a guard's message). */
function check(res: LightMyRequestResponse, what: string) {
  if (res.statusCode >= 500) {
    throw new Error(`${what}: ${res.statusCode} ${res.body.slice(0, 500)}`);
  }
  if (res.statusCode >= 400) {
    let body: unknown;
    try {
      body = JSON.parse(res.body);
    } catch {
      throw new Error(`${what}: ${res.statusCode} without a JSON body: ${res.body.slice(0, 200)}`);
    }
    const items = Array.isArray(body) ? body : [body];
    for (const item of items) {
      const status = (item as { error?: { data?: { httpStatus?: number } } })?.error?.data?.httpStatus;
      if (status !== undefined && status >= 500) throw new Error(`${what}: a batch item answered ${status}`);
    }
  }
}

// ── Generators ─────────────────────────────────────────────────────────────

const json = fc.jsonValue({ maxDepth: 4 });
const big = 'x'.repeat(100_000);

/** The valid input, changed in one place: a field deleted, retyped, oversized, or an extra key. */
function mutated(base: unknown) {
  const places: string[][] = [];
  const walk = (v: unknown, at: string[]) => {
    places.push(at);
    if (v && typeof v === 'object') {
      for (const [k, c] of Object.entries(v as Record<string, unknown>)) walk(c, [...at, k]);
    }
  };
  walk(base, []);
  const change = (v: unknown, at: string[], to: (old: unknown) => unknown): unknown => {
    if (at.length === 0) return to(v);
    const [head, ...rest] = at as [string, ...string[]];
    const copy = (Array.isArray(v) ? [...v] : { ...(v as object) }) as Record<string, unknown>;
    copy[head] = change(copy[head], rest, to);
    return copy;
  };
  const remove = (v: unknown, at: string[]): unknown => {
    if (at.length === 0) return undefined;
    if (at.length === 1) {
      if (Array.isArray(v)) return v.filter((_, i) => String(i) !== at[0]);
      const { [at[0] as string]: _gone, ...rest } = (v ?? {}) as Record<string, unknown>;
      return rest;
    }
    const [head, ...rest] = at as [string, ...string[]];
    const copy = (Array.isArray(v) ? [...v] : { ...(v as object) }) as Record<string, unknown>;
    copy[head] = remove(copy[head], rest);
    return copy;
  };
  const place = fc.constantFrom(...places);
  return fc.oneof(
    place.map((at) => remove(base, at)),
    fc.tuple(place, json).map(([at, value]) => change(base, at, () => value)),
    place.map((at) => change(base, at, () => big)),
    place.map((at) =>
      change(base, at, (old) => (Array.isArray(old) ? Array(5_000).fill(old[0] ?? big) : [old])),
    ),
    fc
      .tuple(place, fc.string({ maxLength: 20 }), json)
      .map(([at, key, value]) =>
        change(base, at, (old) =>
          old && typeof old === 'object' ? { ...old, [key]: value } : { [key]: value, old },
        ),
      ),
    fc
      .tuple(place, fc.constantFrom(-1, 0, 2 ** 31, 1e308, -0.5, Number.MAX_SAFE_INTEGER))
      .map(([at, n]) => change(base, at, () => n)),
    fc.constant(base),
  );
}

type Attack =
  | { kind: 'body'; body: unknown }
  | { kind: 'raw'; text: string }
  | { kind: 'type'; contentType: string; text: string }
  | { kind: 'get'; input: string };

function attacks(path: string): fc.Arbitrary<Attack> {
  const base = validInput(path);
  return fc.oneof(
    { weight: 3, arbitrary: json.map((body): Attack => ({ kind: 'body', body })) },
    { weight: 6, arbitrary: mutated(base).map((body): Attack => ({ kind: 'body', body })) },
    {
      weight: 1,
      arbitrary: fc
        .oneof(fc.string(), fc.constantFrom('{', '{"a":', '[1,2', 'nul', '\u0000', '{"__proto__":{"x":1}}'))
        .map((text): Attack => ({ kind: 'raw', text })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.constantFrom(
            'text/plain',
            'multipart/form-data; boundary=x',
            'application/x-www-form-urlencoded',
            'application/xml',
            'application/jsonx',
          ),
          fc.string(),
        )
        .map(([contentType, text]): Attack => ({ kind: 'type', contentType, text })),
    },
    { weight: 1, arbitrary: fc.string().map((input): Attack => ({ kind: 'get', input })) },
  );
}

async function send(path: string, attack: Attack, cookie: string) {
  const url = `/trpc/${path}`;
  switch (attack.kind) {
    case 'body':
      return post(url, attack.body === undefined ? '' : JSON.stringify(attack.body), cookie);
    case 'raw':
      return post(url, attack.text, cookie);
    case 'type':
      return post(url, attack.text, cookie, attack.contentType);
    case 'get':
      return app.inject({
        method: 'GET',
        url: `${url}?input=${encodeURIComponent(attack.input)}`,
        headers: { cookie },
      });
  }
}

const paths = Object.keys(appRouter._def.procedures)
  .filter((p) => p in SPECS)
  // Last: fuzzed sign-ins and step-ups pile up failed attempts (rate limits) and end sessions.
  .sort((a, b) => Number(a.startsWith('auth.')) - Number(b.startsWith('auth.')) || a.localeCompare(b));

beforeAll(async () => {
  database = await createTestDatabase();
  f = await buildFixture(database.db);
  w = await buildMatrixWorld(database, f);
  app = await buildApp({ config, database });
}, 120_000);
afterAll(async () => {
  await app?.close();
  await database?.dispose();
});

describe('fuzzing every procedure over HTTP', () => {
  it.each(paths)(
    '%s answers random and malformed input with a 4xx, never a 5xx',
    async (path) => {
      const user = personaFor(path);
      await fc.assert(
        fc.asyncProperty(attacks(path), async (attack) => {
          const cookie = await cookieFor(user);
          const res = await send(path, attack, cookie);
          check(res, `${path} ${JSON.stringify(attack).slice(0, 300)}`);
          // A valid logout (or a disabled account) ends the session: sign in again for the next run.
          if (res.statusCode === 401 || path === 'auth.logout') cookies.delete(user.id);
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    'answers batches of the wrong shape or size with a 4xx',
    async () => {
      const cookie = await cookieFor(f.users.lead1);
      const somePaths = fc.array(fc.oneof(fc.constantFrom(...paths), fc.string({ maxLength: 30 })), {
        minLength: 1,
        maxLength: 14,
      });
      await fc.assert(
        fc.asyncProperty(
          somePaths,
          fc.oneof(
            json,
            fc.array(json, { maxLength: 14 }),
            fc.dictionary(fc.string({ maxLength: 3 }), json, { maxKeys: 14 }),
          ),
          fc.constantFrom('?batch=1', '?batch=0', '?batch=true', '', '?batch=1&input=%7B%7D'),
          async (batch, body, query) => {
            const url = `/trpc/${batch.map(encodeURIComponent).join(',')}${query}`;
            const res = await post(url, JSON.stringify(body), cookie);
            check(res, `batch ${url} ${JSON.stringify(body).slice(0, 200)}`);
          },
        ),
        { numRuns: RUNS * 4 },
      );
    },
    TIMEOUT,
  );

  it('is still up afterwards', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
  });
});
