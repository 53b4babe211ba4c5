/**
 * The sync runner (client/src/sync/runner.ts) against the real server: its
 * status phases and counts, the debounce after writes, how failures are
 * classified (client/src/sync/transport.ts), and that two tabs on one
 * database never sync at the same time (Web Locks) yet lose no write.
 */
import { createTRPCClient, httpLink } from '@trpc/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { commands } from 'vitest/browser';
import { onLocalChange } from '../../client/src/local/changes';
import { loadCaseload } from '../../client/src/read-models/caseload';
import type { SyncTransport } from '../../client/src/sync/engine';
import { enqueue, requeue } from '../../client/src/sync/outbox';
import { SyncRunner, type SyncStatus } from '../../client/src/sync/runner';
import { classifySyncError } from '../../client/src/sync/transport';
import type { AppRouter } from '../../server/routers';
import {
  contactArgs,
  openPhone,
  type Phone,
  SERVER_NOW,
  secondTab,
  sleep,
  type World,
} from './local-helpers';

let world: World;
const runners: SyncRunner[] = [];

beforeEach(async () => {
  world = await commands.resetServer();
}, 60_000);

/** Waits for a condition that a timer or a sync in the background will make true. */
const eventually = (check: () => void) => vi.waitFor(check, { timeout: 15_000, interval: 20 });

afterEach(() => {
  for (const runner of runners.splice(0)) runner.stop();
});

function runnerFor(phone: Pick<Phone, 'store'>, transport: SyncTransport, debounceMs = 50) {
  const runner = new SyncRunner(phone.store, transport, { debounceMs, classify: classifySyncError });
  runners.push(runner);
  return runner;
}

/** Every distinct phase the runner passes through, starting with the current one. */
function recordPhases(runner: SyncRunner) {
  const phases: SyncStatus['phase'][] = [runner.getStatus().phase];
  const progress: NonNullable<SyncStatus['progress']>[] = [];
  runner.subscribe(() => {
    const status = runner.getStatus();
    if (phases.at(-1) !== status.phase) phases.push(status.phase);
    if (status.progress) progress.push(status.progress);
  });
  return { phases, progress };
}

/** The real tRPC client over the real HTTP app, without a session cookie: what a device gets once its session ended. */
function signedOutTransport(): SyncTransport {
  const client = createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: 'http://server.test/trpc',
        fetch: async (url, init) => {
          const { pathname } = new URL(String(url));
          const res = await commands.httpPost(pathname, String(init?.body ?? ''));
          return new Response(res.body, {
            status: res.status,
            headers: { 'content-type': 'application/json' },
          });
        },
      }),
    ],
  });
  return {
    push: (input) => client.sync.push.mutate(input),
    pull: (input) => client.sync.pull.mutate(input),
    uploadReads: (input) => client.sync.reads.mutate(input),
  };
}

/** The real tRPC client without a network: fetch fails as a browser's does offline. */
function unreachableTransport(): SyncTransport {
  const client = createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: 'http://server.test/trpc',
        fetch: () => Promise.reject(new TypeError('Failed to fetch')),
      }),
    ],
  });
  return { push: (input) => client.sync.push.mutate(input), pull: (input) => client.sync.pull.mutate(input) };
}

describe('SyncRunner status', { timeout: 60_000 }, () => {
  it('goes idle → syncing → idle, reports progress of the first sync, and marks what it brought as seen', async () => {
    const phone = await openPhone(world, 'worker1');
    await enqueue(phone.store, 'logContact', contactArgs(world.cases.ofWorker1, 'Voor de eerste sync'));
    const runner = runnerFor(phone, phone.transport);
    const { phases, progress } = recordPhases(runner);
    expect(runner.getStatus()).toMatchObject({ phase: 'idle', pending: 0, lastSyncedAt: null });
    await runner.refreshCounts();
    expect(runner.getStatus()).toMatchObject({ pending: 1, refused: 0 });

    await runner.syncNow();
    expect(phases).toEqual(['idle', 'syncing', 'idle']);
    expect(progress.some((p) => p.phase === 'push')).toBe(true);
    expect(progress.filter((p) => p.phase === 'pull').every((p) => p.firstSync && p.rows > 0)).toBe(true);
    const status = runner.getStatus();
    expect(status).toMatchObject({ phase: 'idle', pending: 0, refused: 0, progress: null, error: null });
    expect(status.lastSyncedAt).toBe(await phone.db.getMeta('lastSyncedAt'));
    // What the first sync brings is the starting point, not news.
    const caseload = await loadCaseload(phone.store, phone.userId, SERVER_NOW);
    expect(caseload.map((r) => [r.jeugdigeName, r.unread])).toEqual([['Anna Testkind', false]]);

    progress.length = 0;
    await runner.syncNow();
    expect(progress.every((p) => !p.firstSync)).toBe(true);
  });

  it('starts with a sync, follows the browser offline, and syncs again when the connection returns', async () => {
    const phone = await openPhone(world, 'worker1');
    let pulls = 0;
    const runner = runnerFor(phone, {
      ...phone.transport,
      pull: (input) => {
        pulls += 1;
        return phone.transport.pull(input);
      },
    });
    runner.start();
    await eventually(() => expect(runner.getStatus().lastSyncedAt).toEqual(expect.any(String)));
    expect(runner.getStatus().phase).toBe('idle');
    expect(pulls).toBe(1);

    window.dispatchEvent(new Event('offline'));
    expect(runner.getStatus().phase).toBe('offline');
    window.dispatchEvent(new Event('online'));
    await eventually(() => expect(pulls).toBe(2));
    await eventually(() => expect(runner.getStatus().phase).toBe('idle'));

    runner.stop();
    window.dispatchEvent(new Event('online'));
    await sleep(100);
    expect(pulls).toBe(2);
  });

  it('counts pending and refused changes as they come and go', async () => {
    const phone = await openPhone(world, 'worker1');
    const runner = runnerFor(phone, phone.transport);
    await runner.syncNow();
    const caseId = world.cases.ofWorker1;
    await enqueue(phone.store, 'logContact', contactArgs(caseId, 'Fout', { amendsId: crypto.randomUUID() }));
    await enqueue(phone.store, 'logContact', contactArgs(caseId, 'Goed'));
    await runner.refreshCounts();
    expect(runner.getStatus()).toMatchObject({ pending: 2, refused: 0 });

    await runner.syncNow();
    expect(runner.getStatus()).toMatchObject({ phase: 'idle', pending: 0, refused: 1 });
    await requeue(phone.store, 1);
    await runner.refreshCounts();
    expect(runner.getStatus()).toMatchObject({ pending: 1, refused: 0 });
    await runner.syncNow();
    expect(runner.getStatus()).toMatchObject({ pending: 0, refused: 1 });
  });

  it('syncs once the writes settle: each write restarts the debounce', async () => {
    const phone = await openPhone(world, 'worker1');
    let pushes = 0;
    const transport: SyncTransport = {
      ...phone.transport,
      push: (input) => {
        pushes += 1;
        return phone.transport.push(input);
      },
    };
    const runner = runnerFor(phone, transport, 1500);
    await runner.syncNow();
    let changes = 0;
    const stop = onLocalChange(() => {
      changes += 1;
    });

    await enqueue(phone.store, 'logContact', contactArgs(world.cases.ofWorker1, 'Eerste'));
    runner.afterWrite();
    await eventually(() => expect(runner.getStatus().pending).toBe(1));
    await sleep(300);
    await enqueue(phone.store, 'logContact', contactArgs(world.cases.ofWorker1, 'Tweede'));
    runner.afterWrite();
    await sleep(1200); // over 1500 ms after the first write, 1200 after the second
    expect(pushes).toBe(0);
    await eventually(() => expect(runner.getStatus()).toMatchObject({ phase: 'idle', pending: 0 }));
    expect(pushes).toBe(1); // both changes in one push
    expect(changes).toBeGreaterThanOrEqual(2);
    stop();
  });
});

describe('SyncRunner failures', { timeout: 60_000 }, () => {
  it('is offline, not in error, when the server cannot be reached; the work waits and goes later', async () => {
    const phone = await openPhone(world, 'worker1');
    await enqueue(phone.store, 'logContact', contactArgs(world.cases.ofWorker1, 'In de kelder geschreven'));

    const bare = runnerFor(phone, {
      push: () => Promise.reject(new TypeError('Failed to fetch')),
      pull: () => Promise.reject(new TypeError('Failed to fetch')),
    });
    const { phases } = recordPhases(bare);
    await bare.syncNow();
    expect(phases).toEqual(['idle', 'syncing', 'offline']);
    expect(bare.getStatus()).toMatchObject({ phase: 'offline', error: null, pending: 1 });

    // The same through the real tRPC client, whose fetch fails.
    const viaTrpc = runnerFor(phone, unreachableTransport());
    await viaTrpc.syncNow();
    expect(viaTrpc.getStatus()).toMatchObject({ phase: 'offline', error: null, pending: 1 });

    const online = runnerFor(phone, phone.transport);
    await online.syncNow();
    expect(online.getStatus()).toMatchObject({ phase: 'idle', pending: 0 });
  });

  it('needs a login when the server answers UNAUTHORIZED, and keeps the work', async () => {
    const phone = await openPhone(world, 'worker1');
    await enqueue(
      phone.store,
      'logContact',
      contactArgs(world.cases.ofWorker1, 'Na het verlopen van de sessie'),
    );
    const runner = runnerFor(phone, signedOutTransport());
    const { phases } = recordPhases(runner);
    await runner.syncNow();
    expect(phases).toEqual(['idle', 'syncing', 'needs-login']);
    expect(runner.getStatus()).toMatchObject({ phase: 'needs-login', error: null, pending: 1 });
    expect(await phone.db.outbox.count()).toBe(1);
  });

  it('reports any other failure as an error with its message', async () => {
    const phone = await openPhone(world, 'worker1');
    const runner = runnerFor(phone, {
      push: phone.transport.push,
      pull: () => Promise.reject(new Error('Interne serverfout')),
    });
    await runner.syncNow();
    expect(runner.getStatus()).toMatchObject({ phase: 'error', error: 'Interne serverfout' });
    // Without a classifier nothing is taken for "offline".
    const plain = new SyncRunner(phone.store, {
      ...phone.transport,
      pull: () => Promise.reject(new TypeError('x')),
    });
    runners.push(plain);
    await plain.syncNow();
    expect(plain.getStatus()).toMatchObject({ phase: 'error', error: 'x' });
  });
});

describe('SyncRunner in two tabs', { timeout: 60_000 }, () => {
  /** Counts calls in flight over both tabs; each call is slowed so that overlaps would show. */
  function overlapMeter(transport: SyncTransport) {
    const meter = { inFlight: 0, maxInFlight: 0, calls: 0 };
    const wrap =
      <I, O>(call: (input: I) => Promise<O>) =>
      async (input: I): Promise<O> => {
        meter.calls += 1;
        meter.inFlight += 1;
        meter.maxInFlight = Math.max(meter.maxInFlight, meter.inFlight);
        try {
          await sleep(25);
          return await call(input);
        } finally {
          meter.inFlight -= 1;
        }
      };
    return { meter, transport: { push: wrap(transport.push), pull: wrap(transport.pull) } };
  }

  it('never syncs in both tabs at the same time', async () => {
    const phone = await openPhone(world, 'worker1');
    const { meter, transport } = overlapMeter(phone.transport);
    const tabA = runnerFor(phone, transport);
    const tabB = runnerFor({ store: secondTab(phone) }, transport);
    for (let round = 0; round < 4; round++) {
      await enqueue(phone.store, 'logContact', contactArgs(world.cases.ofWorker1, `Ronde ${round}`));
      await Promise.all([tabA.syncNow(), tabB.syncNow(), tabA.syncNow(), tabB.syncNow()]);
    }
    expect(meter.calls).toBeGreaterThan(4);
    expect(meter.maxInFlight).toBe(1);
    expect(await phone.db.outbox.count()).toBe(0);
  });

  it('does not drop a sync asked for in one tab while the other tab is pulling: the write still goes', async () => {
    const phone = await openPhone(world, 'worker1');
    const { meter, transport } = overlapMeter(phone.transport);
    let releasePull: () => void = () => {};
    let pulling: () => void = () => {};
    const pullStarted = new Promise<void>((resolve) => {
      pulling = resolve;
    });
    const gate = new Promise<void>((resolve) => {
      releasePull = resolve;
    });
    const tabA = runnerFor(phone, {
      push: transport.push,
      pull: async (input) => {
        pulling();
        await gate;
        return transport.pull(input);
      },
    });
    const tabBStore = secondTab(phone);
    const tabB = runnerFor({ store: tabBStore }, transport);

    const syncA = tabA.syncNow();
    await pullStarted; // tab A has pushed (nothing) and is pulling
    await enqueue(tabBStore, 'logContact', contactArgs(world.cases.ofWorker1, 'Geschreven in tab B'));
    const syncB = tabB.syncNow();
    await sleep(50);
    releasePull();
    await Promise.all([syncA, syncB]);

    expect(meter.maxInFlight).toBe(1);
    expect(await phone.db.outbox.count()).toBe(0);
    expect(tabB.getStatus()).toMatchObject({ phase: 'idle', pending: 0 });
    const server = await commands.serverState();
    expect(server.results).toHaveLength(1);
  });

  it('tries again by itself after a failed sync while the browser is online; nothing counts as synced until then', async () => {
    const phone = await openPhone(world, 'worker1');
    let calls = 0;
    const flaky: SyncTransport = {
      ...phone.transport,
      pull: (input) => {
        calls += 1;
        return calls === 1 ? Promise.reject(new TypeError('Failed to fetch')) : phone.transport.pull(input);
      },
    };
    const runner = runnerFor(phone, flaky);
    await runner.syncNow();
    expect(runner.getStatus()).toMatchObject({ phase: 'offline', lastSyncedAt: null });
    // The retry comes after the first back-off (5 s), without any trigger from outside.
    await vi.waitFor(
      () => expect(runner.getStatus()).toMatchObject({ phase: 'idle', lastSyncedAt: expect.any(String) }),
      {
        timeout: 12_000,
        interval: 100,
      },
    );
    expect(calls).toBeGreaterThanOrEqual(2);
  }, 30_000);
});
