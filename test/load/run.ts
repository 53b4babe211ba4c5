/**
 * Runs simulated devices against one or more server addresses in phases
 * (scenarios: steady work, the database going away, a Monday-morning burst…),
 * lets every device drain its outbox and pull, and then checks the database:
 * every mutation made applied exactly once (its mutation_results row, and for
 * a contact the contact itself, found by the unique marker in its report),
 * nothing lost, nothing doubled, and every device's pulled view holding all of
 * its own applied contacts.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { verifyAccessLog } from '../../server/audit/chain';
import type { Db } from '../../server/db/connection';
import { SimulatedDevice } from './device';
import type { LoadWorker } from './seed';
import { LoadStats, percentile } from './stats';

export interface Phase {
  name: string;
  seconds: number;
  /** Think time between a device's actions in this phase, [min, max] ms. */
  thinkMs?: [number, number];
  /** Started when the phase begins (e.g. cutting the database off); not awaited past the phase. */
  onStart?: () => Promise<void> | void;
}

export interface LoadRunOptions {
  baseUrls: string[];
  workers: LoadWorker[];
  /** The database, as its owner, for the checks afterwards. */
  db: Db;
  phases: Phase[];
  thinkMs?: [number, number];
  lostAnswerRate?: number;
  abortRate?: number;
  koersRate?: number;
  /** A request unanswered this long counts as a hang (an error). */
  requestTimeoutMs?: number;
  seed?: number;
  /** Devices sign in spread over this many ms at the start (a sign-in storm is not the point). */
  signInSpreadMs?: number;
  /** Time allowed for every device to push its outbox and pull at the end. */
  drainSeconds?: number;
  log?: (line: string) => void;
}

export interface ScenarioResult {
  name: string;
  seconds: number;
  mutations: number;
  lost: number;
  duplicated: number;
  errors: number;
  transientErrors: number;
  lostAnswers: number;
  requests: number;
  /** Latency of the sync requests (everything but sign-in). */
  p50Ms: number;
  p95Ms: number;
  /** Sign-ins apart: one argon2 password check each, on purpose slow. */
  signIns: number;
  signInP50Ms: number;
  signInP95Ms: number;
}

export interface LoadResult {
  devices: number;
  mutations: number;
  applied: number;
  refused: number;
  lost: number;
  duplicated: number;
  errors: number;
  transientErrors: number;
  lostAnswers: number;
  /** Of those, requests cut off on purpose whose call never settled until the device gave up on it. */
  stalledAborts: number;
  requests: number;
  /** Mutations still in a device's outbox after the drain. */
  undelivered: number;
  /** A device's own applied contacts missing from what it pulled. */
  pullViewMissing: number;
  /** Devices that never managed to sign in. */
  notSignedIn: number;
  /** The access log's hash chains, written by several processes at once, still verify. */
  accessLog: { ok: boolean; entries: number; problems: number };
  scenarios: ScenarioResult[];
  errorSamples: LoadStats['errorSamples'];
  transientSamples: LoadStats['transientSamples'];
}

/** mulberry32: a small seeded random source, so a run's choices can be repeated. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export async function runLoad(options: LoadRunOptions): Promise<LoadResult> {
  const log = options.log ?? (() => {});
  const random = seededRandom(options.seed ?? 1);
  const stats = new LoadStats(options.phases[0]?.name ?? 'steady');
  const devices = options.workers.map(
    (worker) =>
      new SimulatedDevice({
        worker,
        baseUrls: options.baseUrls,
        stats,
        random,
        lostAnswerRate: options.lostAnswerRate,
        abortRate: options.abortRate,
        koersRate: options.koersRate,
        requestTimeoutMs: options.requestTimeoutMs,
      }),
  );
  let think = options.phases[0]?.thinkMs ?? options.thinkMs ?? [1000, 4000];
  let stopped = false;
  let wake: () => void = () => {};
  const stopSignal = new Promise<void>((resolve) => {
    wake = resolve;
  });
  const pause = (ms: number) => Promise.race([sleep(ms), stopSignal]);
  const spread = options.signInSpreadMs ?? 5000;

  const loops = devices.map(async (device) => {
    await pause(random() * spread);
    while (!device.isSignedIn && !stopped) {
      if (!(await device.signIn())) await pause(500 + random() * 1000);
    }
    while (!stopped) {
      const [lo, hi] = think;
      await pause(lo + random() * (hi - lo));
      if (stopped) break;
      if (random() < 0.7) {
        const writes = 1 + Math.floor(random() * 2);
        for (let i = 0; i < writes; i++) device.write(stats.phase);
      }
      if (device.outbox.length && random() < 0.8) await device.push();
      if (random() < 0.35) await device.pull();
    }
  });

  const progress = setInterval(() => {
    const signedIn = devices.filter((d) => d.isSignedIn).length;
    const made = devices.reduce((n, d) => n + d.lastSentId, 0);
    log(
      `${stats.phase}: ${signedIn}/${devices.length} signed in, ${made} mutations made, ` +
        `${stats.total('requests')} requests, ${stats.total('errors')} errors, ` +
        `${stats.total('transientErrors')} transient`,
    );
  }, 30_000);
  for (const [index, phase] of options.phases.entries()) {
    const figures = index === 0 ? stats.phases[0] : stats.begin(phase.name);
    if (figures) figures.seconds = phase.seconds;
    think = phase.thinkMs ?? options.thinkMs ?? [1000, 4000];
    log(`phase ${phase.name}: ${phase.seconds} s`);
    const side = Promise.resolve(phase.onStart?.()).catch((err) =>
      log(`phase ${phase.name} action failed: ${err}`),
    );
    await sleep(phase.seconds * 1000);
    await side;
  }
  clearInterval(progress);
  stopped = true;
  wake();
  await Promise.all(loops);

  // Drain: every device pushes what it holds and pulls, retrying until done (or out of time).
  stats.begin('drain');
  log('drain');
  const deadline = Date.now() + (options.drainSeconds ?? 60) * 1000;
  await Promise.all(
    devices.map(async (device) => {
      while (!device.isSignedIn && Date.now() < deadline) {
        if (!(await device.signIn())) await sleep(300 + random() * 700);
      }
      while (device.outbox.length && Date.now() < deadline) {
        if (!(await device.push(100))) await sleep(200 + random() * 500);
      }
      while (Date.now() < deadline) {
        if (await device.pull()) break;
        await sleep(200 + random() * 500);
      }
    }),
  );
  return verify(options.db, devices, stats);
}

async function rowsOf<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = await db.execute(query);
  return (result as unknown as { rows: T[] }).rows;
}

/** The checks against the database, as its owner (row-level security does not hide rows from it). */
export async function verify(db: Db, devices: SimulatedDevice[], stats: LoadStats): Promise<LoadResult> {
  const results = await rowsOf<{ client_id: string; mutation_id: number; status: string }>(
    db,
    sql`select client_id, mutation_id, status from mutation_results`,
  );
  const resultCount = new Map<string, number>();
  const resultStatus = new Map<string, string>();
  for (const r of results) {
    const key = `${r.client_id}:${Number(r.mutation_id)}`;
    resultCount.set(key, (resultCount.get(key) ?? 0) + 1);
    resultStatus.set(key, r.status);
  }
  const contacts = await rowsOf<{ id: string; report: string }>(
    db,
    sql`select id, report from contacts where report like 'load:%'`,
  );
  const byMarker = new Map<string, string[]>();
  for (const c of contacts) {
    const marker = c.report.split(' ')[0] ?? '';
    byMarker.set(marker, [...(byMarker.get(marker) ?? []), c.id]);
  }

  const perScenario = new Map<string, { mutations: number; lost: number; duplicated: number }>();
  const scenarioOf = (name: string) => {
    const known = perScenario.get(name);
    if (known) return known;
    const fresh = { mutations: 0, lost: 0, duplicated: 0 };
    perScenario.set(name, fresh);
    return fresh;
  };
  let mutations = 0;
  let applied = 0;
  let refused = 0;
  let lost = 0;
  let duplicated = 0;
  let undelivered = 0;
  let pullViewMissing = 0;
  let outcomeMismatch = 0;
  for (const device of devices) {
    undelivered += device.outbox.length;
    for (const m of device.sent.values()) {
      mutations++;
      const s = scenarioOf(m.scenario);
      s.mutations++;
      const key = `${device.clientId}:${m.id}`;
      const count = resultCount.get(key) ?? 0;
      const status = resultStatus.get(key);
      let isLost = count === 0;
      let isDuplicated = count > 1;
      if (status === 'geweigerd') refused++;
      if (status === 'toegepast') applied++;
      const reported = device.outcomes.get(m.id);
      if (reported && status && reported !== status) outcomeMismatch++;
      if (m.name === 'logContact' && m.marker && m.contactId) {
        const ids = byMarker.get(m.marker) ?? [];
        if (status === 'toegepast' && ids.length === 0) isLost = true;
        if (ids.length > 1) isDuplicated = true;
        if (status !== 'toegepast' && ids.length > 0) isDuplicated = true; // a write without its record
        if (status === 'toegepast' && ids.length === 1 && !device.pulledContactIds.has(m.contactId))
          pullViewMissing++;
      }
      if (isLost) {
        lost++;
        s.lost++;
      }
      if (isDuplicated) {
        duplicated++;
        s.duplicated++;
      }
    }
  }
  if (outcomeMismatch) stats.unexpected('verify', 'OUTCOME_MISMATCH', `${outcomeMismatch} outcomes differ`);
  const notSignedIn = devices.filter((d) => !d.isSignedIn).length;
  const chains = await verifyAccessLog(db);

  const scenarios: ScenarioResult[] = stats.phases.map((p) => {
    const s = perScenario.get(p.name) ?? { mutations: 0, lost: 0, duplicated: 0 };
    return {
      name: p.name,
      seconds: p.seconds,
      mutations: s.mutations,
      lost: s.lost,
      duplicated: s.duplicated,
      errors: p.errors,
      transientErrors: p.transientErrors,
      lostAnswers: p.lostAnswers,
      requests: p.requests,
      p50Ms: percentile(p.latencies, 50),
      p95Ms: percentile(p.latencies, 95),
      signIns: p.signInLatencies.length,
      signInP50Ms: percentile(p.signInLatencies, 50),
      signInP95Ms: percentile(p.signInLatencies, 95),
    };
  });
  return {
    devices: devices.length,
    mutations,
    applied,
    refused,
    lost,
    duplicated,
    errors: stats.total('errors') + notSignedIn,
    transientErrors: stats.total('transientErrors'),
    lostAnswers: stats.total('lostAnswers'),
    stalledAborts: stats.total('stalledAborts'),
    requests: stats.total('requests'),
    undelivered,
    pullViewMissing,
    notSignedIn,
    accessLog: { ok: chains.ok, entries: chains.entries, problems: chains.problems.length },
    scenarios,
    errorSamples: stats.errorSamples,
    transientSamples: stats.transientSamples,
  };
}
