/**
 * The server's sync pull under load, and the pull handler's overhead.
 *
 *  - A real server process (`node --import tsx server/main.ts`, NODE_ENV=production) pinned to one
 *    core (taskset -c 1), once on PostgreSQL (a fresh database jb_bench_<pid>, the server working as
 *    the app role jb_app: row-level security, one transaction per signed-in request) and once on
 *    PGlite (a data folder of its own). Seeded in bulk (server/seed/bench-load.ts): the demo
 *    organisation plus 300 jeugdbeschermers with 15 children each; every worker gets a session made
 *    by the server's own createSession, and one device that did its first sync over HTTP.
 *  - autocannon without pipelining in a child process pinned to the other core (taskset -c 0), 300
 *    connections, each a different worker sending their own sync.pull (as the app does: a tRPC batch
 *    POST with session cookie, Origin, Sec-Fetch-Site and Accept-Encoding), a warm-up and then the
 *    measured run, for two variants: "nothing changed" (the device's cookie is at the head: an empty
 *    answer) and "50 rows changed" (the device's cookie is from before 50 contacts of the worker's
 *    caseload changed: the answer carries exactly those 50 rows).
 *  - The handler against the raw SQL: sync.pull through createCaller with a real context (the
 *    session resolved as the server does, the app role, the request's transaction), against the very
 *    row queries it sent, replayed straight on a pg client (PGlite: on the PGlite instance).
 *
 * Runs alone: `npx tsx test/bench/pull-load.ts` (PULL_LOAD_SECONDS, PULL_LOAD_WARMUP_SECONDS shorten it).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { loadConfig } from '../../server/config';
import type { Context } from '../../server/context';
import { type Db, openDatabase } from '../../server/db/connection';
import { migrate } from '../../server/db/migrate';
import * as schema from '../../server/db/schema';
import { appRouter } from '../../server/routers';
import {
  buildLoadData,
  changeLoadRows,
  LOAD_CASES_PER_WORKER,
  LOAD_WORKERS,
  type LoadData,
  writeLoadSeed,
} from '../../server/seed/bench-load';
import { createSession, resolveSession } from '../../server/services/auth';
import { createCallerFactory } from '../../server/trpc';
import { dutchToday } from '../../shared/rules/dates';
import {
  encodeCookie,
  type PullResult,
  SYNC_PROTOCOL_VERSION,
  type SyncEntity,
} from '../../shared/schemas/sync';
import type { CannonConfig, CannonResult } from './pull-load-cannon';
import type { BenchResult } from './run';

const SECONDS = Number(process.env.PULL_LOAD_SECONDS ?? 60);
const WARMUP_SECONDS = Number(process.env.PULL_LOAD_WARMUP_SECONDS ?? 5);
const CHANGED = 50;
const PULL_LIMIT = 5000;
const HANDLER_WARMUP = 5;
const HANDLER_RUNS = 15;
const VERIFY_EVERY = 10;
/** autocannon's time-out per request (its default, 10 s). */
const CANNON_TIMEOUT_MS = 10_000;
const SERVER_CORE = '1';
const CANNON_CORE = '0';
const USER_AGENT =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36';
const ROOT = resolve(import.meta.dirname, '../..');

const log = (s: string) => console.log(`  ${s}`);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};
const round = (n: number, digits = 1) => Number(n.toFixed(digits));

type Kind = 'postgres' | 'pglite';
const NAME: Record<Kind, string> = { postgres: 'PostgreSQL', pglite: 'PGlite' };

interface Worker {
  username: string;
  token: string;
  clientId: string;
  /** The cookie after the first sync: at the head, nothing newer. */
  headCookie: string;
  /** The cookie of a device that synced before the 50 rows changed. */
  oldCookie: string;
  firstPullRows: number;
}

interface Target {
  kind: Kind;
  /** PostgreSQL: the owner's URL of the bench database; PGlite: the data folder. */
  location: string;
}

/** A small GI on the embedded default: the connections of pglite-vs-postgres-ratio. */
const SMALL_GI_CONNECTIONS = 30;

interface TargetRun {
  kind: Kind;
  /** 300 connections (PostgreSQL; on PGlite the small run stands in for it). */
  unchanged: CannonResult;
  changed: CannonResult;
  /** 30 connections, on both engines. */
  small: { unchanged: CannonResult; changed: CannonResult };
  handler: HandlerFigures;
  firstPullRows: number[];
}

// ── PostgreSQL: a fresh database of our own ──

async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const adminUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `jb_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  try {
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } catch (err) {
    console.warn(
      `  Waarschuwing: PostgreSQL niet bereikbaar op ${adminUrl.replace(/\/\/[^@]*@/, '//…@')} (${(err as Error).message}); alleen PGlite wordt gemeten.`,
    );
    await admin.end().catch(() => {});
    return null;
  }
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

// ── Seeding: bulk inserts, changed rows, sessions ──

const benchConfig = loadConfig({ NODE_ENV: 'production', PGLITE_DIR: 'memory://' });

async function seed(target: Target, load: LoadData) {
  const started = performance.now();
  const owner = await openDatabase(
    target.kind === 'postgres'
      ? { kind: 'postgres', url: target.location, poolSize: 4 }
      : { kind: 'pglite', dataDir: target.location },
  );
  try {
    await migrate(owner);
    await writeLoadSeed(owner.db, load);
    const versions = await changeLoadRows(owner.db, load, CHANGED);
    // A database in use has its statistics; a bulk load has none until autovacuum comes round.
    await owner.withConnection((exec) => exec('ANALYZE'));
    const now = new Date();
    const tokens = await inParallel(load.workers, 4, async (w) => {
      const { token } = await createSession(owner.db, benchConfig, w.id, 'wachtwoord', now, {
        ip: '127.0.0.1',
        userAgent: USER_AGENT,
      });
      return token;
    });
    return { tokens, versions, seconds: (performance.now() - started) / 1000 };
  } finally {
    await owner.close();
  }
}

// ── The server process ──

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolvePort(port));
    });
  });
}

async function startServer(
  target: Target,
): Promise<{ base: string; child: ChildProcess; stop: () => Promise<void> }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_ORIGIN: base,
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'no',
    STATIC_DIR: join(tmpdir(), 'jb-bench-geen-app'),
    DATABASE_URL: target.kind === 'postgres' ? target.location : '',
    DATABASE_MIGRATION_URL: '',
    PGLITE_DIR: target.kind === 'pglite' ? target.location : '',
    // The signed checkpoints belong to this run's database: a shared folder would hold another
    // database's chain heads for the same (seeded) organisation ids, and the server would rightly
    // refuse to sign over them ("keten op positie … maar laatste checkpoint op …").
    AUDIT_CHECKPOINT_DIR: join(mkdtempSync(join(tmpdir(), 'jb-bench-audit-')), 'checkpoints'),
  };
  const child = spawn(
    'taskset',
    [
      '-c',
      SERVER_CORE,
      process.execPath,
      ...(process.env.PULL_LOAD_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      '--import',
      'tsx',
      'server/main.ts',
    ],
    {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) output.push(line);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`server stopped at start:\n${output.join('\n')}`);
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) break;
    } catch {}
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start:\n${output.join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    base,
    child,
    async stop() {
      if (exited) return;
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      // A profiling run (PULL_LOAD_SERVER_NODE_ARGS=--cpu-prof …) writes its profile on the way out.
      const timer = setTimeout(
        () => child.kill('SIGKILL'),
        process.env.PULL_LOAD_SERVER_NODE_ARGS ? 120_000 : 10_000,
      );
      await gone;
      clearTimeout(timer);
      // autocannon closes its connections at the end of a run, cutting off the answers in flight:
      // the compressor logs those as "Premature close". Counted, not shown; anything else is shown.
      const cut = output.filter((l) => l.includes('Premature close')).length;
      const problems = output.filter(
        (l) => /error|fout|"level":[56]0/i.test(l) && !/Geen gebouwde app|Premature close/.test(l),
      );
      if (cut)
        log(
          `server: ${cut} antwoorden afgebroken doordat autocannon aan het eind van een run de verbindingen sloot`,
        );
      for (const p of problems.slice(0, 5)) console.warn(`  server: ${p.slice(0, 500)}`);
    },
  };
}

// ── Requests as the app sends them ──

function requestFor(base: string, token: string, clientId: string, cookie: string | null) {
  return {
    headers: {
      'content-type': 'application/json',
      cookie: `${benchConfig.cookieName}=${token}`,
      origin: base,
      'sec-fetch-site': 'same-origin',
      'accept-encoding': 'gzip, deflate, br',
      'user-agent': USER_AGENT,
    },
    body: JSON.stringify({
      0: { clientId, cookie, limit: PULL_LIMIT, protocolVersion: SYNC_PROTOCOL_VERSION },
    }),
  };
}

const PULL_PATH = '/trpc/sync.pull?batch=1';

async function pullOnce(base: string, token: string, clientId: string, cookie: string | null) {
  const { headers, body } = requestFor(base, token, clientId, cookie);
  const res = await fetch(`${base}${PULL_PATH}`, { method: 'POST', headers, body });
  const json = (await res.json()) as { result?: { data: PullResult }; error?: unknown }[];
  const page = json[0]?.result?.data;
  if (!res.ok || !page) throw new Error(`sync.pull ${res.status}: ${JSON.stringify(json).slice(0, 300)}`);
  return page;
}

async function inParallel<T, R>(items: T[], width: number, fn: (item: T, i: number) => Promise<R>) {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (;;) {
        const i = next++;
        if (i >= items.length) return;
        out[i] = await fn(items[i] as T, i);
      }
    }),
  );
  return out;
}

/** Every worker's device does its first sync, then both variants' answers are checked once. */
async function prepareDevices(base: string, load: LoadData, tokens: string[], before: number) {
  const workers = await inParallel(load.workers, 8, async (w, i) => {
    const token = tokens[i] as string;
    const clientId = randomUUID();
    let cookie: string | null = null;
    let rows = 0;
    for (;;) {
      const page = await pullOnce(base, token, clientId, cookie);
      rows += page.rows.length;
      cookie = page.cookie;
      if (!page.more) break;
    }
    const worker: Worker = {
      username: w.username,
      token,
      clientId,
      headCookie: cookie as string,
      oldCookie: encodeCookie({ since: before, after: null }),
      firstPullRows: rows,
    };
    return worker;
  });
  // Both answers checked for every tenth worker (the others are built the same way).
  const sample = workers.map((w, i) => ({ w, i })).filter(({ i }) => i % VERIFY_EVERY === 0);
  await inParallel(sample, 8, async ({ w, i }) => {
    const nothing = await pullOnce(base, w.token, w.clientId, w.headCookie);
    if (nothing.rows.length !== 0 || nothing.more)
      throw new Error(`${w.username}: "niets veranderd" gaf ${nothing.rows.length} rijen`);
    const changed = await pullOnce(base, w.token, w.clientId, w.oldCookie);
    const expected = new Set(load.workers[i]?.contactIds.slice(0, CHANGED));
    const ok =
      changed.rows.length === CHANGED &&
      !changed.more &&
      changed.rows.every((r) => r.entity === 'contact' && expected.has(r.id));
    if (!ok) throw new Error(`${w.username}: "${CHANGED} rijen veranderd" gaf ${changed.rows.length} rijen`);
  });
  return workers;
}

// ── autocannon in a child process on the other core ──

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat (clock ticks of 10 ms). */
function cpuSecondsOf(pid: number | string): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** CPU seconds used so far by every PostgreSQL process on the machine (its backends and helpers). */
function postgresCpuSeconds(): number {
  let total = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') total += cpuSecondsOf(pid);
    } catch {}
  }
  return total;
}

/**
 * Where a run's time went: CPU per answer of the server process and of PostgreSQL (all of its
 * processes; other work on the machine's database counts too), and how busy the server's one core
 * was. A server core near 100 % is the server's ceiling; one well below it waits on PostgreSQL.
 */
async function cannon(
  base: string,
  requests: CannonConfig['requests'],
  serverPid?: number,
): Promise<CannonResult> {
  const before = {
    server: serverPid ? cpuSecondsOf(serverPid) : 0,
    pg: postgresCpuSeconds(),
    at: performance.now(),
  };
  const result = await cannonRun(base, requests);
  const wall = (performance.now() - before.at) / 1000;
  const answers = result.requests + result.warmupRps * WARMUP_SECONDS;
  if (serverPid && answers > 0) {
    const server = cpuSecondsOf(serverPid) - before.server;
    result.cpu = {
      serverMsPerAnswer: (server * 1000) / answers,
      postgresMsPerAnswer: ((postgresCpuSeconds() - before.pg) * 1000) / answers,
      serverCoreBusy: server / wall,
    };
  }
  return result;
}

async function cannonRun(base: string, requests: CannonConfig['requests']): Promise<CannonResult> {
  const dir = mkdtempSync(join(tmpdir(), 'jb-pull-load-'));
  const file = join(dir, 'cannon.json');
  const config: CannonConfig = {
    url: base,
    path: PULL_PATH,
    warmupSeconds: WARMUP_SECONDS,
    seconds: SECONDS,
    requests,
  };
  writeFileSync(file, JSON.stringify(config));
  try {
    const child = spawn(
      'taskset',
      ['-c', CANNON_CORE, process.execPath, '--import', 'tsx', 'test/bench/pull-load-cannon.ts', file],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
    });
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    const line = out.split('\n').find((l) => l.startsWith('RESULT '));
    if (code !== 0 || !line) throw new Error(`autocannon failed (${code}): ${out.slice(-500)}`);
    return JSON.parse(line.slice('RESULT '.length)) as CannonResult;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const summary = (r: CannonResult) =>
  `${r.rps.toFixed(0)} verzoeken/s, ${r.requests > 0 ? `p50 ${r.p50} ms, p97,5 ${r.p975} ms, p99 ${r.p99} ms, max ${r.max} ms` : `geen enkel antwoord binnen de time-out van ${CANNON_TIMEOUT_MS / 1000} s`}, fouten ${errorsOf(r)} (verbinding ${r.errors}, waarvan time-outs ${r.timeouts}; niet-2xx ${r.non2xx}), ${r.requests} verzoeken in ${r.duration.toFixed(0)} s (warming-up ${r.warmupRps.toFixed(0)}/s)${r.cpu ? `; CPU per antwoord: server ${r.cpu.serverMsPerAnswer.toFixed(2)} ms (zijn kern ${(r.cpu.serverCoreBusy * 100).toFixed(0)} % bezig), PostgreSQL ${r.cpu.postgresMsPerAnswer.toFixed(2)} ms` : ''}`;
const errorsOf = (r: CannonResult) => r.errors + r.non2xx;
/** p97.5, or the time-out when no request was answered at all. */
const latencyOf = (r: CannonResult) => (r.requests > 0 ? r.p975 : CANNON_TIMEOUT_MS);

// ── The handler against its own row queries ──

interface HandlerFigures {
  changedHandlerMs: number[];
  changedSqlMs: number[];
  firstHandlerMs: number[];
  firstSqlMs: number[];
  changedQueries: number;
  firstQueries: number;
  changedRows: number;
  firstRows: number;
  statementsPerPull: number;
  /** PostgreSQL: the row queries as the app role against a plain SELECT of the same rows (pull-sql-ratio). */
  rowSql?: { appMs: number[]; plainMs: number[]; entities: number };
}

/** The pull's rows as a plain indexed SELECT by id, per entity: the floor the pull's own SQL is held to. */
const TABLE_OF: Record<SyncEntity, string> = {
  case: 'cases',
  assignment: 'case_assignments',
  jeugdige: 'jeugdigen',
  gezin: 'gezinnen',
  betrokkene: 'betrokkenen',
  maatregel: 'maatregelen',
  beschikking: 'beschikkingen',
  koers: 'koersen',
  koersConflict: 'koers_conflicts',
  contact: 'contacts',
  verwijzing: 'verwijzingen',
  verwijzingStap: 'verwijzing_stappen',
  bijlage: 'attachments',
};

/**
 * pull-sql-ratio: the row queries of a 50-row pull, replayed one after the other as the app role
 * (row-level security on, the organisation set in a transaction that is not timed), against the
 * same rows fetched by a plain SELECT … WHERE id = any($1) per entity as the owner. Prints the
 * plans (EXPLAIN ANALYZE, BUFFERS) of the first replay, so a slow one shows where its time goes.
 */
async function measureRowSql(
  url: string,
  organisationId: string,
  queries: Captured[],
  rows: { entity: SyncEntity; id: string }[],
) {
  const app = new pg.Client({ connectionString: url, options: '-c role=jb_app' });
  const owner = new pg.Client({ connectionString: url });
  await Promise.all([app.connect(), owner.connect()]);
  try {
    await app.query('begin');
    await app.query(`select set_config('app.organisation_id', $1, true)`, [organisationId]);
    for (const q of queries) {
      const plan = await app.query(`explain (analyze, buffers) ${q.text}`, q.params);
      log(`plan als jb_app: ${q.text.slice(0, 90)}…`);
      for (const line of plan.rows) log(`    ${String(line['QUERY PLAN'])}`);
    }
    const byEntity = new Map<SyncEntity, string[]>();
    for (const r of rows) byEntity.set(r.entity, [...(byEntity.get(r.entity) ?? []), r.id]);
    const appMs: number[] = [];
    const plainMs: number[] = [];
    for (let i = 0; i < HANDLER_WARMUP + HANDLER_RUNS; i++) {
      let started = performance.now();
      let found = 0;
      // As the server sends it: a named prepared statement, planned once per connection.
      for (const [n, q] of queries.entries()) {
        found += (await app.query({ name: `pull_replay_${n}`, text: q.text, values: q.params })).rows.length;
      }
      const a = performance.now() - started;
      started = performance.now();
      let plain = 0;
      for (const [entity, ids] of byEntity) {
        plain += (
          await owner.query({
            name: `plain_${entity}`,
            text: `select * from ${TABLE_OF[entity]} where id = any($1)`,
            values: [ids],
          })
        ).rows.length;
      }
      const p = performance.now() - started;
      if (plain !== rows.length || found < rows.length) {
        throw new Error(`rijen: handler ${rows.length}, kale SELECT ${plain}, rijquery's ${found}`);
      }
      if (i < HANDLER_WARMUP) continue;
      appMs.push(a);
      plainMs.push(p);
    }
    await app.query('rollback');
    return { appMs, plainMs, entities: byEntity.size };
  } finally {
    await Promise.all([app.end(), owner.end()]);
  }
}

interface Captured {
  text: string;
  params: unknown[];
}

/** sync.pull's row queries (the probe which tables hold rows, and the rows): they read row_version. */
const isRowQuery = (text: string) =>
  (/^\s*(select|with)\b/i.test(text) && /row_version/i.test(text)) || /\bpg_temp\.pull_rows\(/.test(text);

async function measureHandler(target: Target, worker: Worker): Promise<HandlerFigures> {
  const captured: Captured[] = [];
  const logger = { logQuery: (text: string, params: unknown[]) => void captured.push({ text, params }) };
  let db: Db;
  let auditDb: Db | undefined;
  let raw: (text: string, params: unknown[]) => Promise<number>;
  let close: () => Promise<void>;
  if (target.kind === 'postgres') {
    const appPool = new pg.Pool({ connectionString: target.location, max: 10, options: '-c role=jb_app' });
    const auditPool = new pg.Pool({ connectionString: target.location, max: 3, options: '-c role=jb_app' });
    const plain = new pg.Client({ connectionString: target.location });
    await plain.connect();
    db = drizzlePg({ client: appPool, schema, casing: 'snake_case', logger }) as unknown as Db;
    auditDb = drizzlePg({ client: auditPool, schema, casing: 'snake_case' }) as unknown as Db;
    raw = async (text, params) => (await plain.query(text, params)).rows.length;
    close = async () => {
      await Promise.all([appPool.end(), auditPool.end(), plain.end()]);
    };
  } else {
    const pglite = new PGlite(target.location);
    await pglite.waitReady;
    db = drizzlePglite({ client: pglite, schema, casing: 'snake_case', logger }) as unknown as Db;
    // The pull's rows go to PGlite past drizzle (a session function, db/prepared.ts): seen here.
    const query = pglite.query.bind(pglite);
    const replaying = { now: false };
    pglite.query = ((text: string, params?: unknown[], options?: unknown) => {
      if (!replaying.now && /\bpg_temp\.pull_rows\(/.test(text))
        captured.push({ text, params: params ?? [] });
      return query(text, params, options as never);
    }) as typeof pglite.query;
    raw = async (text, params) => {
      replaying.now = true;
      try {
        return (await pglite.query(text, params)).rows.length;
      } finally {
        replaying.now = false;
      }
    };
    close = () => pglite.close();
  }
  try {
    const caller = createCallerFactory(appRouter);
    const call = async (clientId: string, cookie: string | null) => {
      const now = new Date();
      const user = await resolveSession(db, benchConfig, worker.token, now);
      if (!user) throw new Error('session not found');
      const ctx: Context = {
        db,
        dbKind: target.kind,
        ...(auditDb ? { auditDb } : {}),
        config: benchConfig,
        user,
        now,
        request: { ip: '127.0.0.1', userAgent: USER_AGENT, sessionToken: worker.token },
        cookies: { setSession: () => {}, clearSession: () => {} },
      };
      captured.length = 0;
      const started = performance.now();
      const page = await caller(ctx).sync.pull({
        clientId,
        cookie,
        limit: PULL_LIMIT,
        protocolVersion: SYNC_PROTOCOL_VERSION,
      });
      const ms = performance.now() - started;
      return {
        ms,
        rows: page.rows.length,
        pulled: page.rows.map((r) => ({ entity: r.entity, id: r.id })),
        organisationId: user.organisationId,
        queries: captured.filter((q) => isRowQuery(q.text)),
        all: captured.length,
      };
    };
    const replay = async (queries: Captured[]) => {
      const started = performance.now();
      // As the handler sends them: all at once on one connection (which runs them one after another).
      const counts = await Promise.all(queries.map((q) => raw(q.text, q.params)));
      return { ms: performance.now() - started, rows: counts.reduce((a, b) => a + b, 0) };
    };
    const series = async (clientId: string, cookie: string | null) => {
      const handlerMs: number[] = [];
      const sqlMs: number[] = [];
      let queries = 0;
      let rows = 0;
      let statements = 0;
      let last: Awaited<ReturnType<typeof call>> | undefined;
      for (let i = 0; i < HANDLER_WARMUP + HANDLER_RUNS; i++) {
        const h = await call(clientId, cookie);
        last = h;
        const s = await replay(h.queries);
        if (s.rows < h.rows) throw new Error(`raw SQL gave ${s.rows} rows, the handler ${h.rows}`);
        if (i < HANDLER_WARMUP) continue;
        handlerMs.push(h.ms);
        sqlMs.push(s.ms);
        queries = h.queries.length;
        rows = h.rows;
        statements = h.all;
      }
      return { handlerMs, sqlMs, queries, rows, statements, last };
    };
    const changed = await series(worker.clientId, worker.oldCookie);
    const rowSql =
      target.kind === 'postgres' && changed.last
        ? await measureRowSql(
            target.location,
            changed.last.organisationId,
            changed.last.queries,
            changed.last.pulled,
          )
        : undefined;
    const first = await series(randomUUID(), null);
    return {
      changedHandlerMs: changed.handlerMs,
      changedSqlMs: changed.sqlMs,
      firstHandlerMs: first.handlerMs,
      firstSqlMs: first.sqlMs,
      changedQueries: changed.queries,
      firstQueries: first.queries,
      changedRows: changed.rows,
      firstRows: first.rows,
      statementsPerPull: changed.statements,
      ...(rowSql ? { rowSql } : {}),
    };
  } finally {
    await close();
  }
}

// ── One database: seed, serve, load, handler ──

async function measureTarget(target: Target, load: LoadData, full: boolean): Promise<TargetRun> {
  console.log(`Sync pull onder last: ${NAME[target.kind]}`);
  const seeded = await seed(target, load);
  log(
    `gevuld in ${seeded.seconds.toFixed(1)} s: ${load.workers.length} jeugdbeschermers × ${LOAD_CASES_PER_WORKER} kinderen, ${CHANGED} contacten per caseload veranderd (versie ${seeded.versions.before} → ${seeded.versions.after}), ${seeded.tokens.length} sessies`,
  );
  const server = await startServer(target);
  let workers: Worker[];
  let unchanged: CannonResult;
  let changed: CannonResult;
  let small: TargetRun['small'];
  try {
    const started = performance.now();
    workers = await prepareDevices(server.base, load, seeded.tokens, seeded.versions.before);
    log(
      `eerste sync van ${workers.length} toestellen en controle van beide varianten in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const pid = server.child.pid;
    const requests = (cookie: (w: Worker) => string, connections = workers.length) =>
      workers.slice(0, connections).map((w) => requestFor(server.base, w.token, w.clientId, cookie(w)));
    small = {
      unchanged: await cannon(
        server.base,
        requests((w) => w.headCookie, SMALL_GI_CONNECTIONS),
        pid,
      ),
      changed: await cannon(
        server.base,
        requests((w) => w.oldCookie, SMALL_GI_CONNECTIONS),
        pid,
      ),
    };
    log(`${SMALL_GI_CONNECTIONS} verbindingen, niets veranderd: ${summary(small.unchanged)}`);
    log(`${SMALL_GI_CONNECTIONS} verbindingen, ${CHANGED} rijen veranderd: ${summary(small.changed)}`);
    if (full) {
      unchanged = await cannon(
        server.base,
        requests((w) => w.headCookie),
        pid,
      );
      log(`niets veranderd: ${summary(unchanged)}`);
      changed = await cannon(
        server.base,
        requests((w) => w.oldCookie),
        pid,
      );
      log(`${CHANGED} rijen veranderd: ${summary(changed)}`);
    } else {
      ({ unchanged, changed } = small);
    }
  } finally {
    await server.stop();
  }
  const handler = await measureHandler(target, workers[0] as Worker);
  log(
    `handler tegen SQL, ${CHANGED} rijen veranderd: ${median(handler.changedHandlerMs).toFixed(2)} ms tegen ${median(handler.changedSqlMs).toFixed(2)} ms; eerste sync (${handler.firstRows} rijen): ${median(handler.firstHandlerMs).toFixed(2)} ms tegen ${median(handler.firstSqlMs).toFixed(2)} ms`,
  );
  return {
    kind: target.kind,
    unchanged,
    changed,
    small,
    handler,
    firstPullRows: workers.map((w) => w.firstPullRows),
  };
}

// ── Results ──

export async function measurePullLoad(): Promise<BenchResult[]> {
  const load0 = loadavg()[0]?.toFixed(1) ?? '?';
  const started = performance.now();
  const load = buildLoadData(dutchToday());
  const runs: Partial<Record<Kind, TargetRun>> = {};

  // PULL_LOAD_ENGINES=postgres (or pglite) measures one engine only, e.g. for a profile.
  const engines = (process.env.PULL_LOAD_ENGINES ?? 'postgres,pglite').split(',');
  const postgres = engines.includes('postgres') ? await createPostgresDatabase() : null;
  if (postgres) {
    try {
      runs.postgres = await measureTarget({ kind: 'postgres', location: postgres.url }, load, true);
    } finally {
      await postgres
        .drop()
        .catch((err) => console.warn(`  database niet verwijderd: ${(err as Error).message}`));
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'jb-pull-load-pglite-'));
  if (engines.includes('pglite'))
    try {
      runs.pglite = await measureTarget({ kind: 'pglite', location: dir }, load, !postgres);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  const totalSeconds = (performance.now() - started) / 1000;
  log(`sync pull onder last: klaar in ${totalSeconds.toFixed(0)} s`);
  if (!runs.pglite) {
    log('alleen PostgreSQL gemeten (PULL_LOAD_ENGINES): de cijfers staan hierboven, zonder budgetten');
    return [];
  }

  const pgRun = runs.postgres;
  const liteRun = runs.pglite as TargetRun;
  const main = pgRun ?? liteRun;
  const rowsPerCaseload = median(main.firstPullRows);
  const setup = `${LOAD_WORKERS} verbindingen, elk een andere ingelogde jeugdbeschermer (sessie via createSession, eigen toestel na een eerste sync over HTTP) met een eigen caseload van ${LOAD_CASES_PER_WORKER} kinderen (mediaan ${rowsPerCaseload} sync-rijen, demo-builders met vaste seed, één organisatie); autocannon 8 zonder pipelining in een eigen proces op kern ${CANNON_CORE} (taskset), ${WARMUP_SECONDS} s warming-up en dan ${SECONDS} s gemeten; één serverproces (node --import tsx server/main.ts, NODE_ENV=production, LOG_LEVEL=warn) op kern ${SERVER_CORE}; POST /trpc/sync.pull?batch=1 zoals de app (sessiecookie, Origin, Sec-Fetch-Site same-origin, Accept-Encoding gzip/br, limit ${PULL_LIMIT}); "niets veranderd": cookie op de kop, leeg antwoord; "${CHANGED} rijen veranderd": cookie van vóór een wijziging van ${CHANGED} contacten in de caseload (één commit per werker met de versieteller), het antwoord draagt precies die ${CHANGED} rijen (voor de meting gecontroleerd bij elke ${VERIFY_EVERY}e werker, samen met het lege antwoord van "niets veranderd"); herhaalde identieke verzoeken: een pull schrijft de toestelstatus (sync_clients) alleen als die verandert of hooguit eens per minuut, en de ${CHANGED}-rijen-variant schrijft per verzoek een toegangslogregel per geleverd dossier (alleen toevoegen; de verzegelaar ketent ze even later in batches), zoals in productie — de log groeit dus tijdens de meting; de sessie wordt hooguit eens per minuut aangeraakt; gesloten lus: elke verbinding wacht op haar antwoord, dus gemiddelde latentie ≈ ${LOAD_WORKERS} / verzoeken per seconde (Little) — p97,5 ≤ 150 ms vraagt bij ${LOAD_WORKERS} verbindingen ruim ${Math.round(LOAD_WORKERS / 0.15)} verzoeken/s`;
  const machine = `PostgreSQL 15 draait als systeemdienst op dezelfde machine (127.0.0.1, deelt beide kernen met server en autocannon); load average bij de start ${load0} op ${cpus().length} kernen; andere processen op de machine tellen mee`;
  const fig = (run: TargetRun | undefined, v: 'unchanged' | 'changed') =>
    run
      ? `${NAME[run.kind]} ${v === 'unchanged' ? 'niets veranderd' : `${CHANGED} rijen veranderd`}: ${summary(run[v])}`
      : '';
  const allFigures = [
    fig(pgRun, 'unchanged'),
    fig(pgRun, 'changed'),
    fig(liteRun, 'unchanged'),
    fig(liteRun, 'changed'),
  ]
    .filter(Boolean)
    .join('; ');
  const on = pgRun ? 'PostgreSQL' : 'PGlite (PostgreSQL niet bereikbaar)';
  const conditions = `op ${on}; ${setup}; alle cijfers: ${allFigures}; ${machine}`;

  const results: BenchResult[] = [
    {
      id: 'pull-p975-ms',
      label: `Sync pull onder last (${CHANGED} rijen veranderd, ${on}): p97,5`,
      value: latencyOf(main.changed),
      unit: 'ms',
      budget: 600,
      better: 'lower',
      conditions,
    },
    {
      id: 'pull-rps',
      label: `Sync pull onder last (${CHANGED} rijen veranderd, ${on}): verzoeken per seconde`,
      value: round(main.changed.rps, 0),
      unit: 'verzoeken/s',
      budget: 500,
      better: 'higher',
      conditions,
    },
    {
      id: 'pull-errors',
      label: `Sync pull onder last (beide varianten, ${on}): fouten`,
      value: errorsOf(main.changed) + errorsOf(main.unchanged),
      unit: 'fouten',
      budget: 0,
      better: 'lower',
      conditions: `som van verbindingsfouten (incl. time-outs van 10 s) en niet-2xx-antwoorden van beide varianten; ${conditions}`,
    },
    {
      id: 'pull-unchanged-p975-ms',
      label: `Sync pull onder last (niets veranderd, ${on}): p97,5`,
      value: latencyOf(main.unchanged),
      unit: 'ms',
      budget: 150,
      better: 'lower',
      conditions,
    },
    {
      id: 'pull-unchanged-rps',
      label: `Sync pull onder last (niets veranderd, ${on}): verzoeken per seconde`,
      value: round(main.unchanged.rps, 0),
      unit: 'verzoeken/s',
      // Little's law: 300 waiting connections answered within 150 ms need about 2,000 answers a second.
      budget: 2000,
      better: 'higher',
      conditions,
    },
  ];
  if (pgRun) {
    // PGlite against PostgreSQL: the worst of the four comparisons (throughput and p97.5, both variants).
    const ratios = (['unchanged', 'changed'] as const).flatMap((v) => [
      {
        what: `${v === 'unchanged' ? 'niets veranderd' : `${CHANGED} rijen`} verzoeken/s`,
        // A run in which every request timed out counts as one answer in the whole run (a lower bound).
        r: pgRun.small[v].rps / Math.max(liteRun.small[v].rps, 1 / liteRun.small[v].duration),
      },
      {
        what: `${v === 'unchanged' ? 'niets veranderd' : `${CHANGED} rijen`} p97,5`,
        // Without answers there is no percentile: the time-out (10 s) stands in for it (a lower bound).
        r: latencyOf(liteRun.small[v]) / Math.max(latencyOf(pgRun.small[v]), 1),
      },
    ]);
    const worst = ratios.reduce((a, b) => (b.r > a.r ? b : a));
    results.push({
      id: 'pglite-vs-postgres-ratio',
      label: 'Sync pull onder last: PGlite tegen PostgreSQL (slechtste verhouding)',
      value: round(worst.r, 2),
      unit: '×',
      budget: 3,
      better: 'lower',
      conditions: `${SMALL_GI_CONNECTIONS} verbindingen (een kleine GI op de ingebouwde database), op beide databases; de grootste van vier verhoudingen (PostgreSQL/PGlite voor verzoeken/s, PGlite/PostgreSQL voor p97,5, beide varianten): ${ratios.map((x) => `${x.what} ${x.r.toFixed(2)}×`).join(', ')}; hier: ${worst.what}; een run zonder enig antwoord telt als één antwoord per run en de time-out (${CANNON_TIMEOUT_MS / 1000} s) als p97,5, dus een ondergrens; PGlite is één verbinding in het serverproces (verzoeken na elkaar, zonder transactie per verzoek); ${setup}; alle cijfers: ${allFigures}; ${machine}`,
    });
  }
  const h = main.handler;
  const hr = (handler: number[], sql: number[]) => median(handler) / median(sql);
  if (h.rowSql) {
    const { appMs, plainMs, entities } = h.rowSql;
    results.push({
      id: 'pull-sql-ratio',
      label: `Sync pull: SQL van een pull met ${CHANGED} veranderde rijen als jb_app tegen een kale SELECT van dezelfde rijen`,
      value: round(median(appMs) / median(plainMs), 2),
      unit: '×',
      budget: 2,
      better: 'lower',
      conditions: `PostgreSQL; de rijquery's die sync.pull stuurde (${h.changedQueries}), na elkaar op één verbinding als jb_app met rijbeveiliging (organisatie gezet in een transactie, niet meegeteld): ${appMs.map((x) => x.toFixed(2)).join(', ')} ms (mediaan ${median(appMs).toFixed(2)}); dezelfde ${h.changedRows} rijen als eigenaar met SELECT * … WHERE id = any($1), één per entiteit (${entities}): ${plainMs.map((x) => x.toFixed(2)).join(', ')} ms (mediaan ${median(plainMs).toFixed(2)}); ${HANDLER_RUNS} runs om en om na ${HANDLER_WARMUP} om in te lopen; de plannen staan in de uitvoer van de bench; ${machine}`,
    });
  }
  const ms = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(', ');
  const liteH = liteRun.handler;
  results.push({
    id: 'handler-vs-sql-ratio',
    label: `Sync pull: handler tegen de kale SQL voor dezelfde rijen (${CHANGED} rijen veranderd, ${on})`,
    value: round(hr(h.changedHandlerMs, h.changedSqlMs), 2),
    unit: '×',
    budget: 2,
    better: 'lower',
    conditions: `op ${on}, zonder andere last; mediaan van ${HANDLER_RUNS} runs (na ${HANDLER_WARMUP} om in te lopen), om en om: sync.pull via createCaller met een echte context (sessie opgezocht zoals de server, ${main.kind === 'postgres' ? 'app-rol jb_app met RLS, de transactie per verzoek met de organisatie, toegangslog via de eigen pool' : 'PGlite in het proces'}; zonder HTTP en sessie-opzoeking in de tijd) — ${CHANGED} rijen vanaf de oude cookie: ${ms(h.changedHandlerMs)} ms (mediaan ${median(h.changedHandlerMs).toFixed(2)} ms, ${h.statementsPerPull} SQL-opdrachten op de verbinding van het verzoek, plus de toegangslog op zijn eigen pool) — tegen precies de rijquery's die de handler stuurde (${h.changedQueries}: de ene vraag welke tabellen rijen in het venster hebben en de query per tabel met rijen; bij een eerste sync ${h.firstQueries}, één per entiteit), opnieuw uitgevoerd op één pg-verbinding als eigenaar (zonder RLS, tegelijk verstuurd zoals de handler): ${ms(h.changedSqlMs)} ms (mediaan ${median(h.changedSqlMs).toFixed(2)} ms); eerste sync van een caseload (${h.firstRows} rijen, cookie null): handler ${median(h.firstHandlerMs).toFixed(2)} ms tegen SQL ${median(h.firstSqlMs).toFixed(2)} ms = ${hr(h.firstHandlerMs, h.firstSqlMs).toFixed(2)}×${pgRun ? `; PGlite: ${CHANGED} rijen ${hr(liteH.changedHandlerMs, liteH.changedSqlMs).toFixed(2)}× (${median(liteH.changedHandlerMs).toFixed(2)} tegen ${median(liteH.changedSqlMs).toFixed(2)} ms), eerste sync ${hr(liteH.firstHandlerMs, liteH.firstSqlMs).toFixed(2)}×` : ''}; ${machine}`,
  });
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const results = await measurePullLoad();
  for (const r of results) {
    const met = r.better === 'lower' ? r.value <= r.budget : r.value >= r.budget;
    console.log(
      `${r.id}: ${r.value} ${r.unit} (budget ${r.better === 'lower' ? '≤' : '≥'} ${r.budget}: ${met ? 'gehaald' : 'niet gehaald'})`,
    );
  }
  console.log(JSON.stringify(results, null, 2));
}
