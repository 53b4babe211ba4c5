import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompress } from '../../scripts/precompress';
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

  it('leaves a short answer (a pull with nothing new) as it is, with its length', async () => {
    const clientId = randomUUID();
    const send = (syncCookie: string | null) =>
      app.inject({
        method: 'POST',
        url: '/trpc/sync.pull',
        headers: { 'content-type': 'application/json', cookie, 'accept-encoding': 'gzip, br' },
        payload: JSON.stringify({ clientId, cookie: syncCookie }),
      });
    const first = await send(null);
    const res = await send(
      JSON.parse(brotliDecompressSync(first.rawPayload).toString('utf8')).result.data.cookie,
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
    expect(res.rawPayload.length).toBeLessThan(1024);
    expect(res.json().result.data.rows).toEqual([]);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('sends plain JSON to a client that asks for no encoding', async () => {
    const res = await pull();
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json().result.data.rows.length).toBeGreaterThan(0);
  });
});

describe('the app’s files', () => {
  it('are sent as the brotli (quality 11) and gzip copies the build made, the original to a browser that takes neither', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jb-static-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>App</title>');
    const script = `export const woorden = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `woord-${i}`))};`;
    writeFileSync(join(dir, 'assets', 'app-1234.js'), script);
    expect(precompress(dir)).toEqual({ files: 1 });
    const withFiles = await buildApp({ config: loadConfig({ NODE_ENV: 'test', STATIC_DIR: dir }), database });
    try {
      const get = (encoding: string) =>
        withFiles.inject({
          method: 'GET',
          url: '/assets/app-1234.js',
          headers: { 'accept-encoding': encoding },
        });
      const br = await get('br, gzip');
      expect(br.headers['content-encoding']).toBe('br');
      // The file made at build time, byte for byte: not compressed again per request.
      expect(br.rawPayload.equals(readFileSync(join(dir, 'assets', 'app-1234.js.br')))).toBe(true);
      expect(brotliDecompressSync(br.rawPayload).toString()).toBe(script);
      expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      const gz = await get('gzip');
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gz.rawPayload).toString()).toBe(script);
      const plain = await get('identity');
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.payload).toBe(script);
    } finally {
      await withFiles.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
