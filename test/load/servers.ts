/**
 * Real server processes for load and fault runs: `node --import tsx
 * server/main.ts` on a port of its own, on a given PostgreSQL (through the
 * fault proxy), as the app role. Reports its resident memory from
 * /proc/<pid>/status and whether it is still alive.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface ServerProcess {
  url: string;
  pid: number;
  /** Non-null once the process has exited (a crash during a run is a failure). */
  exitCode(): number | string | null;
  rssMb(): number;
  /** The last lines it wrote, for diagnosis. */
  output(): string;
  stop(): Promise<void>;
}

const ROOT = resolve(import.meta.dirname, '../..');

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

export function rssMbOf(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? 0);
    return Math.round((kb / 1024) * 10) / 10;
  } catch {
    return 0;
  }
}

export async function startServer(options: {
  databaseUrl: string;
  /** The owner's connection for migrations (already applied by the harness, so a no-op). */
  migrationUrl: string;
  /** Overrides; undefined removes a variable (e.g. NODE_ENV, to start as `npm start` does). */
  env?: Record<string, string | undefined>;
  startTimeoutMs?: number;
}): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_ORIGIN: url,
      DATABASE_URL: options.databaseUrl,
      DATABASE_MIGRATION_URL: options.migrationUrl,
      SEED_DEMO: 'no',
      LOG_LEVEL: 'warn',
      STATIC_DIR: resolve(ROOT, 'test/load/no-client'),
      // The signed checkpoints belong to this run's database (the servers of one run share it), not
      // to every run's: the seeded organisation ids repeat, and another database's chain heads would
      // be refused as a cut chain. (No database URL: the embedded database, whose folder is new.)
      ...(URL.canParse(options.databaseUrl)
        ? {
            AUDIT_CHECKPOINT_DIR: join(
              tmpdir(),
              `jb-soak-audit-${new URL(options.databaseUrl).pathname.slice(1)}`,
              'checkpoints',
            ),
          }
        : {}),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-8000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exit: number | string | null = null;
  child.on('exit', (code, signal) => {
    exit = code ?? signal ?? 'exited';
  });
  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  for (;;) {
    if (exit !== null) throw new Error(`server exited (${exit}) at start:\n${tail}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not come up within the time:\n${tail}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const pid = child.pid ?? 0;
  return {
    url,
    pid,
    exitCode: () => exit,
    rssMb: () => rssMbOf(pid),
    output: () => tail,
    async stop() {
      if (exit !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
