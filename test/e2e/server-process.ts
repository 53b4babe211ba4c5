/**
 * A server process of its own for the fault tests (crash-windows.spec.ts,
 * app-update.spec.ts): the built app on its own port, with an embedded
 * database in a data DIRECTORY (so a restarted or killed server keeps its
 * data), demo data, and the test-only fault points (server/sync/fault-injection.ts)
 * armed through a file this helper writes. It can be stopped gently, killed
 * (SIGKILL) and started again on the same port and data; between runs the
 * test can read the database itself.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { type BrowserContext, chromium, expect, type Page } from '@playwright/test';
import config from '../../playwright.config';

export interface FaultPlan {
  delays?: Partial<Record<'push-before-commit' | 'push-after-commit' | 'pull-page', number>>;
  pullPageRows?: number;
}

export class ServerProcess {
  readonly base: string;
  private folder: string | null = null;
  private process: ChildProcess | null = null;
  /** Everything the current process printed. */
  output = '';
  /** More settings for the server (e.g. the identity provider's), read at each start. */
  env: Record<string, string> = {};

  constructor(
    readonly port: number,
    /** The built app to serve (default: dist/client). */
    public staticDir?: string,
  ) {
    this.base = `http://localhost:${port}`;
  }

  /** Made at the first start (not when the spec file is merely loaded, as Playwright does to list tests). */
  get dir(): string {
    this.folder ??= mkdtempSync(join(tmpdir(), 'jb-fault-'));
    return this.folder;
  }

  private get faultFile(): string {
    return join(this.dir, 'faults.json');
  }

  private healthy = () =>
    fetch(`${this.base}/healthz`).then(
      (r) => r.status,
      () => 0,
    );

  async start(): Promise<void> {
    expect(await this.healthy(), `port ${this.port} is taken`).toBe(0);
    this.output = '';
    // One process (no npx wrapper), so that a signal reaches the server itself.
    this.process = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: {
        ...process.env,
        PORT: String(this.port),
        DATABASE_URL: '',
        PGLITE_DIR: join(this.dir, 'pglite'),
        SEED_DEMO: 'yes',
        LOG_LEVEL: 'warn',
        PUBLIC_ORIGIN: this.base,
        NODE_ENV: 'test',
        FAULT_INJECTION_FILE: this.faultFile,
        ...(this.staticDir ? { STATIC_DIR: this.staticDir } : {}),
        ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const collect = (chunk: Buffer) => {
      this.output += String(chunk);
    };
    this.process.stdout?.on('data', collect);
    this.process.stderr?.on('data', collect);
    await expect.poll(this.healthy, { timeout: 120_000 }).toBe(200);
  }

  /** Stops the process (SIGTERM: a clean stop; SIGKILL: as a crash) and waits until it is gone. */
  async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
    const proc = this.process;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill(signal);
    // A request held at a fault point may keep a gentle stop waiting: then it is killed.
    const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
    this.process = null;
  }

  /** Arms fault points (read by the server at each point); null disarms them. */
  faults(plan: FaultPlan | null): void {
    if (plan) writeFileSync(this.faultFile, JSON.stringify(plan));
    else rmSync(this.faultFile, { force: true });
  }

  /** How often the server reached a fault point (it prints `fault:<point>` there). */
  reached(point: string): number {
    return this.output.split('\n').filter((line) => line === `fault:${point}`).length;
  }

  async waitUntilReached(point: string, times = 1): Promise<void> {
    await expect.poll(() => this.reached(point), { timeout: 30_000 }).toBeGreaterThanOrEqual(times);
  }

  /** Reads the database itself: the server is stopped meanwhile and started again after. */
  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    await this.stop();
    const db = new PGlite(join(this.dir, 'pglite'));
    try {
      return (await db.query<T>(sql, params)).rows;
    } finally {
      await db.close();
      await this.start();
    }
  }

  /** How many contacts with this report the server holds, and how many mutation results name it. */
  async copiesOf(report: string): Promise<{ contacts: number; results: number }> {
    const [row] = await this.query<{ contacts: number; results: number }>(
      `select (select count(*)::int from contacts where report = $1) as contacts,
              (select count(*)::int from mutation_results where args->>'report' = $1) as results`,
      [report],
    );
    return row ?? { contacts: -1, results: -1 };
  }

  async dispose(): Promise<void> {
    await this.stop();
    if (this.folder) rmSync(this.folder, { recursive: true, force: true });
    this.folder = null;
  }
}

/**
 * A phone whose IndexedDB, service worker and cookies outlive a killed page: a persistent
 * browser profile (a new context from storageState would start with an empty IndexedDB).
 */
export async function persistentPhone(
  base: string,
): Promise<{ context: BrowserContext; dispose: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'jb-phone-'));
  const use = config.use ?? {};
  const context = await chromium.launchPersistentContext(profile, {
    ...(use.launchOptions ?? {}),
    baseURL: base,
    viewport: use.viewport ?? { width: 390, height: 844 },
    locale: use.locale ?? 'nl-NL',
    timezoneId: use.timezoneId ?? 'Europe/Amsterdam',
  });
  return {
    context,
    dispose: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Kills the page's renderer as a crash would (nothing runs after it: no unload, no pending promise). */
export async function crashPage(page: Page): Promise<void> {
  const crashed = new Promise<void>((resolve) => page.once('crash', () => resolve()));
  const cdp = await page.context().newCDPSession(page);
  void cdp.send('Page.crash').catch(() => {});
  await crashed;
  await page.close().catch(() => {});
}

/**
 * The device's bundles as `key@version#rows`, sorted (keys, highest versions and row counts are in the
 * clear; content is not read).
 */
export function deviceRecords(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('jeugdbescherming');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('bundles').objectStore('bundles').getAll();
          all.onerror = () => reject(all.error);
          all.onsuccess = () => {
            const rows = all.result as { key: string; version: number; count: number }[];
            resolve(rows.map((r) => `${r.key}@${r.version}#${r.count}`).sort());
            open.result.close();
          };
        };
      }),
  );
}
