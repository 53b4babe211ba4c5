/**
 * Load, bounded for npm test (the long run is npm run soak): simulated devices
 * speak the real sync protocol over HTTP, lose answers and resend, and every
 * mutation they made must be applied exactly once, with nothing lost, nothing
 * doubled, no unexpected error, and each device's pulled view holding its own
 * contacts.
 *  - PGlite: 30 devices for 20 s against one in-process server.
 *  - PostgreSQL: 30 devices for 20 s against two server processes, each
 *    request to one of them at random (a load balancer), and a fast-check
 *    property over random device actions (writes, pushes, pulls, lost
 *    answers, cut-off requests, the database dropping its connections)
 *    against the same two processes.
 */
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { createTestDatabase, type TestDatabase, testDbKind } from '../helpers/db';
import { testConfig } from '../helpers/server';
import { type PgCluster, startPgCluster } from '../load/cluster';
import { SimulatedDevice } from '../load/device';
import { type LoadResult, runLoad, seededRandom, verify } from '../load/run';
import { type LoadWorker, seedLoad } from '../load/seed';
import { LoadStats } from '../load/stats';

const DEVICES = 30;
const SECONDS = 20;

function expectNothingLostOrDoubled(result: LoadResult) {
  expect(result.errorSamples).toEqual([]);
  expect(result).toMatchObject({
    lost: 0,
    duplicated: 0,
    errors: 0,
    refused: 0,
    undelivered: 0,
    pullViewMissing: 0,
    notSignedIn: 0,
    accessLog: { ok: true },
  });
  expect(result.mutations).toBeGreaterThan(DEVICES);
  expect(result.applied).toBe(result.mutations);
}

describe.skipIf(testDbKind() !== 'pglite')('load on the embedded database, in-process', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let workers: LoadWorker[];
  let baseUrl: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    workers = await seedLoad(database.db, DEVICES);
    app = await buildApp({ config: testConfig, database });
    baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    // The devices' keep-alive sockets (and a request a device cut off on purpose) must not hold
    // the server open: close every connection, then the server.
    app?.server.closeAllConnections();
    await app?.close();
    await database?.dispose();
  }, 30_000);

  it(`applies every mutation of ${DEVICES} devices syncing for ${SECONDS} s exactly once`, async () => {
    const rssStart = process.memoryUsage().rss;
    const result = await runLoad({
      baseUrls: [baseUrl],
      workers,
      db: database.db,
      phases: [{ name: 'steady', seconds: SECONDS, thinkMs: [200, 1200] }],
      signInSpreadMs: 2000,
      drainSeconds: 30,
      seed: 30,
    });
    const rssEnd = process.memoryUsage().rss;
    console.log(
      `load (PGlite): ${result.devices} devices, ${result.mutations} mutations, ${result.requests} requests, ` +
        `${result.lostAnswers} lost answers resent, RSS ${Math.round(rssStart / 2 ** 20)} → ${Math.round(rssEnd / 2 ** 20)} MB`,
    );
    expectNothingLostOrDoubled(result);
    expect(result.lostAnswers).toBeGreaterThan(0);
  }, 90_000);
});

describe.skipIf(testDbKind() !== 'postgres')('load on PostgreSQL, two server processes', () => {
  let cluster: PgCluster;
  const PROPERTY_WORKERS = 20;
  beforeAll(async () => {
    const adminUrl = process.env.DATABASE_URL;
    if (!adminUrl) throw new Error('needs DATABASE_URL');
    cluster = await startPgCluster({ adminUrl, workers: DEVICES + PROPERTY_WORKERS, processes: 2 });
  }, 90_000);
  afterAll(() => cluster?.dispose(), 60_000);

  it(`applies every mutation of ${DEVICES} devices, switching servers at random, exactly once`, async () => {
    const rssStart = cluster.rssMb();
    const result = await runLoad({
      baseUrls: cluster.baseUrls,
      workers: cluster.workers.slice(0, DEVICES),
      db: cluster.owner.db,
      phases: [{ name: 'steady', seconds: SECONDS, thinkMs: [200, 1200] }],
      signInSpreadMs: 2000,
      drainSeconds: 30,
      seed: 31,
    });
    const rssEnd = cluster.rssMb();
    console.log(
      `load (PostgreSQL, 2 processes): ${result.devices} devices, ${result.mutations} mutations, ` +
        `${result.requests} requests, RSS ${rssStart.join('/')} → ${rssEnd.join('/')} MB`,
    );
    expectNothingLostOrDoubled(result);
    expect(cluster.servers.map((s) => s.exitCode())).toEqual([null, null]);
  }, 120_000);

  it('keeps exactly-once for any sequence of device actions, lost answers and database cuts', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        fc.double({ min: 0, max: 0.3, noNaN: true }),
        fc.array(fc.constantFrom('write', 'write', 'push', 'pull', 'cut'), { minLength: 1, maxLength: 25 }),
        async (seed, lostAnswerRate, abortRate, actions) => {
          const worker = cluster.workers[DEVICES + (run++ % PROPERTY_WORKERS)];
          if (!worker) throw new Error('no worker');
          const stats = new LoadStats('property');
          const device = new SimulatedDevice({
            worker,
            baseUrls: cluster.baseUrls,
            stats,
            random: seededRandom(seed),
            lostAnswerRate,
            abortRate,
            // One device per worker at a time would be needed for koers starts; this checks contacts.
            koersRate: 0,
            requestTimeoutMs: 20_000,
          });
          while (!(await device.signIn())) await new Promise((r) => setTimeout(r, 100));
          for (const action of actions) {
            if (action === 'write') device.write('property');
            else if (action === 'push') await device.push();
            else if (action === 'pull') await device.pull();
            else await cluster.proxy.cut(200);
          }
          // Back online: the device pushes until its outbox is empty and pulls, as the phone would.
          for (let i = 0; device.outbox.length && i < 100; i++) await device.push(100);
          for (let i = 0; i < 100 && !(await device.pull()); i++);
          const result = await verify(cluster.owner.db, [device], stats);
          // A transient 503 while the database was cut is retried, not an error.
          expect(result.errorSamples).toEqual([]);
          expect(result).toMatchObject({
            lost: 0,
            duplicated: 0,
            errors: 0,
            undelivered: 0,
            pullViewMissing: 0,
            accessLog: { ok: true },
          });
          expect(result.applied).toBe(result.mutations);
        },
      ),
      { numRuns: 15 },
    );
    expect(cluster.servers.map((s) => s.exitCode())).toEqual([null, null]);
  }, 120_000);
});
