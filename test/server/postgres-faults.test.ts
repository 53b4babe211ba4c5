/**
 * The database restarting under load (PostgreSQL only): 20 devices sync
 * against two server processes while a proxy between the servers and
 * PostgreSQL drops every connection and refuses new ones for 3 s. Requests in
 * that window fail cleanly with SERVICE_UNAVAILABLE (never a hang, never a
 * crashed process), /healthz says 503, the devices retry, and afterwards
 * every mutation is applied exactly once with no half-written one (each
 * contact has its mutation record and the other way round).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDbKind } from '../helpers/db';
import { type PgCluster, startPgCluster } from '../load/cluster';
import { runLoad } from '../load/run';

const DEVICES = 20;

async function health(url: string): Promise<number> {
  try {
    const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(8000) });
    return res.status;
  } catch {
    return 0;
  }
}

describe.skipIf(testDbKind() !== 'postgres')('PostgreSQL going away during load', () => {
  let cluster: PgCluster;
  beforeAll(async () => {
    const adminUrl = process.env.DATABASE_URL;
    if (!adminUrl) throw new Error('needs DATABASE_URL');
    cluster = await startPgCluster({ adminUrl, workers: DEVICES, processes: 2 });
  }, 90_000);
  afterAll(() => cluster?.dispose(), 60_000);

  it('fails requests cleanly while it is away, and loses or doubles nothing once it is back', async () => {
    const healthDuringCut: number[] = [];
    const result = await runLoad({
      baseUrls: cluster.baseUrls,
      workers: cluster.workers,
      db: cluster.owner.db,
      signInSpreadMs: 1000,
      // Well past the pool's 10 s connect limit: a request that waits longer than this hangs.
      requestTimeoutMs: 20_000,
      drainSeconds: 30,
      seed: 57,
      phases: [
        { name: 'before', seconds: 4, thinkMs: [100, 500] },
        {
          name: 'database-away',
          seconds: 9,
          thinkMs: [100, 500],
          onStart: async () => {
            const cut = cluster.proxy.cut(3000);
            await sleep(500);
            healthDuringCut.push(...(await Promise.all(cluster.baseUrls.map(health))));
            await cut;
          },
        },
        { name: 'after', seconds: 4, thinkMs: [100, 500] },
      ],
    });
    const away = result.scenarios.find((s) => s.name === 'database-away');
    console.log(
      `faults: ${result.devices} devices, ${result.mutations} mutations, ${result.transientErrors} requests ` +
        `answered 503 and retried, ${result.lostAnswers} lost answers resent`,
    );

    expect(healthDuringCut).toEqual([503, 503]);
    expect(cluster.servers.map((s) => s.exitCode())).toEqual([null, null]);
    expect(await Promise.all(cluster.baseUrls.map(health))).toEqual([200, 200]);
    // Requests did meet the missing database, and each was a clean 503 (no 500, no hang).
    expect(away?.transientErrors).toBeGreaterThan(0);
    expect(result.transientSamples.every((s) => s.code === 'SERVICE_UNAVAILABLE')).toBe(true);
    expect(result.transientSamples[0]?.message).toBe(
      'De database is even niet bereikbaar; probeer het zo opnieuw',
    );
    expect(result.errorSamples).toEqual([]);
    expect(result).toMatchObject({
      lost: 0,
      duplicated: 0,
      errors: 0,
      refused: 0,
      undelivered: 0,
      pullViewMissing: 0,
      accessLog: { ok: true },
    });
    expect(result.applied).toBe(result.mutations);
  }, 120_000);
});
