/**
 * Who the client is (issue 16, point 5): only a configured proxy (TRUST_PROXY)
 * may say it with X-Forwarded-For. Without one, a forged header changes
 * nothing — not the sign-in lockout per address, not the address a session
 * and the server's request log record — also in production, over a real
 * listening server.
 */
import { desc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { ConfigError, loadConfig } from '../../server/config';
import { loginAttempts, sessions } from '../../server/db/schema';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { buildFixture, FIXTURE_PASSWORD, type Fixture, type FixtureUser } from '../helpers/fixture';
import { type Listening, listen } from '../helpers/http';

interface Server extends Listening {
  /** What the server logged, one parsed pino line each. */
  log: Record<string, unknown>[];
}

let database: TestDatabase;
let f: Fixture;
const servers: Server[] = [];

async function start(env: Record<string, string>): Promise<Server> {
  const log: Record<string, unknown>[] = [];
  const app: FastifyInstance = await buildApp({
    config: loadConfig({ NODE_ENV: 'production', STATIC_DIR: '/nonexistent', ...env }),
    database,
    logger: { level: 'info', stream: { write: (line) => void log.push(JSON.parse(line)) } },
  });
  const server = { ...(await listen(app)), log };
  servers.push(server);
  return server;
}

beforeAll(async () => {
  database = await createTestDatabase();
  f = await buildFixture(database.db);
});
afterAll(async () => {
  for (const server of servers) await server.close();
  await database?.dispose();
});
beforeEach(async () => {
  await database.db.delete(loginAttempts);
});

const signIn = (server: Server, username: string, password: string, forwardedFor: string) =>
  fetch(`${server.base}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
    body: JSON.stringify({ username, password }),
  });

/** 25 wrong passwords, each for another username and from another "address". */
async function spray(server: Server, forwardedFor: (i: number) => string) {
  const statuses: number[] = [];
  for (let i = 0; i < 25; i++) {
    statuses.push((await signIn(server, `onbekend-${i}`, 'fout-wachtwoord', forwardedFor(i))).status);
  }
  return statuses;
}

const recordedAddresses = async () =>
  [
    ...new Set((await database.db.select({ ip: loginAttempts.ip }).from(loginAttempts)).map((r) => r.ip)),
  ].sort();

async function lastSessionAddress(user: FixtureUser) {
  const [row] = await database.db
    .select({ ip: sessions.ip })
    .from(sessions)
    .where(eq(sessions.userId, user.id))
    .orderBy(desc(sessions.createdAt))
    .limit(1);
  return row?.ip;
}

/** The client address of the request log's lines for sign-in. */
const loggedAddresses = (server: Server) =>
  server.log
    .map((line) => line.req as { url?: string; remoteAddress?: string } | undefined)
    .filter((req) => req?.url === '/trpc/auth.login')
    .map((req) => req?.remoteAddress);

describe('without TRUST_PROXY (the default)', () => {
  it('ignores a forged X-Forwarded-For for the lockout: the address is blocked after 20 failures', async () => {
    const server = await start({});
    const statuses = await spray(server, (i) => `198.51.100.${i + 1}`);
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(statuses.slice(20)).toEqual(Array(5).fill(429));
    expect(await recordedAddresses()).toEqual(['127.0.0.1']);
  });

  it('records the socket address, not the forged one, for the session and in the request log', async () => {
    const server = await start({});
    const res = await signIn(server, f.users.worker1.username, FIXTURE_PASSWORD, '203.0.113.66');
    expect(res.status).toBe(200);
    expect(await lastSessionAddress(f.users.worker1)).toBe('127.0.0.1');
    expect(loggedAddresses(server)).toEqual(['127.0.0.1']);
    expect(JSON.stringify(server.log)).not.toContain('203.0.113.66');
  });

  it('ignores it too from a proxy that is not the configured one', async () => {
    const server = await start({ TRUST_PROXY: '10.0.0.1' });
    const statuses = await spray(server, (i) => `198.51.100.${i + 1}`);
    expect(statuses.slice(20)).toEqual(Array(5).fill(429));
    expect(await recordedAddresses()).toEqual(['127.0.0.1']);
  });
});

describe('behind the configured proxy (TRUST_PROXY=127.0.0.1)', () => {
  it('counts failures per forwarded address', async () => {
    const server = await start({ TRUST_PROXY: '127.0.0.1' });
    const spread = await spray(server, (i) => `198.51.100.${i + 1}`);
    expect(spread).toEqual(Array(25).fill(401));
    expect(await recordedAddresses()).toHaveLength(25);
    await database.db.delete(loginAttempts);
    // One forwarded address guessing for many usernames is blocked after 20 like a direct one.
    const one = await spray(server, () => '198.51.100.200');
    expect(one.slice(20)).toEqual(Array(5).fill(429));
    expect(await recordedAddresses()).toEqual(['198.51.100.200']);
  });

  it('records the forwarded address for the session and in the request log', async () => {
    const server = await start({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' });
    const res = await signIn(server, f.users.worker2.username, FIXTURE_PASSWORD, '203.0.113.7');
    expect(res.status).toBe(200);
    expect(await lastSessionAddress(f.users.worker2)).toBe('203.0.113.7');
    expect(loggedAddresses(server)).toEqual(['203.0.113.7']);
  });

  it('takes a hop count: the client is the address the last proxy added', async () => {
    const server = await start({ TRUST_PROXY: '1' });
    const res = await signIn(server, f.users.worker3.username, FIXTURE_PASSWORD, '192.0.2.1, 203.0.113.8');
    expect(res.status).toBe(200);
    expect(await lastSessionAddress(f.users.worker3)).toBe('203.0.113.8');
  });
});

describe('the TRUST_PROXY setting', () => {
  it('is none by default, and takes addresses, CIDR ranges or a hop count', () => {
    expect(loadConfig({}).TRUST_PROXY).toBeNull();
    expect(loadConfig({ TRUST_PROXY: '0' }).TRUST_PROXY).toBeNull();
    expect(loadConfig({ TRUST_PROXY: '2' }).TRUST_PROXY).toEqual({ hops: 2 });
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,fd00::/8' }).TRUST_PROXY).toEqual({
      addresses: ['127.0.0.1', '10.0.0.0/8', 'fd00::/8'],
    });
  });

  it.each(['true', 'proxy.example', '10.0.0.0/33', '10.0.0.1/8/8', '127.0.0.1,', '11'])(
    'refuses %s and names the setting',
    (value) => {
      expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(ConfigError);
      expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY/);
    },
  );
});
