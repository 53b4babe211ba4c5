/**
 * Closing the server ends in bounded time (the teardown that once hung CI for 60 s): a client that
 * has begun a request and never finishes it would otherwise hold `close()` — and the sealer's last
 * seal and the database's close behind it — for Node's request timeout.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.dispose();
});

it('cuts a connection with a half-sent request once the grace period is over', async () => {
  const app = await buildApp({
    config: loadConfig({ NODE_ENV: 'test', STATIC_DIR: '/nonexistent' }),
    database,
    closeGraceMs: 300,
  });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const socket = connect(Number(new URL(base).port), '127.0.0.1');
  const ended = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  await new Promise<void>((resolve) => socket.on('connect', () => resolve()));
  // Headers and a first byte of a 100-byte body; the rest never comes.
  socket.write(
    'POST /trpc/auth.login HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-type: application/json\r\nContent-Length: 100\r\n\r\n{',
  );
  await new Promise((resolve) => setTimeout(resolve, 100));

  const started = Date.now();
  const outcome = await Promise.race([
    app.close().then(() => 'closed'),
    new Promise((resolve) => setTimeout(() => resolve('still open after 10 s'), 10_000)),
  ]);
  expect(outcome).toBe('closed');
  expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  await ended;
}, 30_000);

it('lets a request in flight finish within the grace period', async () => {
  const app = await buildApp({
    config: loadConfig({ NODE_ENV: 'test', STATIC_DIR: '/nonexistent' }),
    database,
    closeGraceMs: 5_000,
  });
  // The request is in its handler's hands, and takes half a second, when the close begins.
  let arrived: () => void = () => {};
  const inHandler = new Promise<void>((resolve) => {
    arrived = resolve;
  });
  app.addHook('onRequest', async () => {
    arrived();
    await new Promise((resolve) => setTimeout(resolve, 500));
  });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const answer = fetch(`${base}/healthz`).then((res) => res.status);
  await inHandler;
  const started = Date.now();
  await app.close();
  expect(await answer).toBe(200);
  // Its kept-alive socket closed after the answer, not at the end of the grace period.
  expect(Date.now() - started).toBeLessThan(4_000);
});
