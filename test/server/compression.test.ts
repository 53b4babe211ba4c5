import { randomUUID } from 'node:crypto';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { buildFixture, FIXTURE_PASSWORD } from '../helpers/fixture';

let database: TestDatabase;
let app: FastifyInstance;
let cookie: string;

beforeAll(async () => {
  database = await createTestDatabase();
  await buildFixture(database.db);
  app = await buildApp({ config: loadConfig({ NODE_ENV: 'test', STATIC_DIR: '/nonexistent' }), database });
  const login = await app.inject({
    method: 'POST',
    url: '/trpc/auth.login',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ username: 'worker1', password: FIXTURE_PASSWORD }),
  });
  cookie = String(login.headers['set-cookie']).split(';')[0] as string;
});
afterAll(async () => {
  await app.close();
  await database.dispose();
});

const pull = (acceptEncoding?: string) =>
  app.inject({
    method: 'POST',
    url: '/trpc/sync.pull',
    headers: {
      'content-type': 'application/json',
      cookie,
      ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}),
    },
    payload: JSON.stringify({ clientId: randomUUID(), cookie: null }),
  });

describe('API answers are compressed when the client accepts it', () => {
  it('prefers brotli, and stays no-store', async () => {
    const res = await pull('gzip, deflate, br, zstd');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(String(res.headers.vary)).toMatch(/accept-encoding/i);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = JSON.parse(brotliDecompressSync(res.rawPayload).toString('utf8'));
    expect(body.result.data.rows.length).toBeGreaterThan(0);
  });

  it('falls back to gzip', async () => {
    const res = await pull('gzip');
    expect(res.headers['content-encoding']).toBe('gzip');
    const body = JSON.parse(gunzipSync(res.rawPayload).toString('utf8'));
    expect(body.result.data.rows.length).toBeGreaterThan(0);
  });

  it('sends plain JSON to a client that asks for no encoding', async () => {
    const res = await pull();
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json().result.data.rows.length).toBeGreaterThan(0);
  });
});
