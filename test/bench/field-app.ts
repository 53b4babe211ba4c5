/**
 * The field app measured for real: the real server (Fastify + tRPC + PGlite in
 * memory, built in this process by buildApp) with the benchmark caseload
 * (server/seed/bench.ts: 20 children, two years of history), the built PWA
 * (run.ts builds it into dist/bench-client), and headless Chromium driven by
 * Playwright.
 *
 *  - first sync, unthrottled: cases per second, and bytes on the wire against
 *    the gzip size of the same rows as plain JSON;
 *  - first sync under CPU 4× and DevTools' "Slow 4G";
 *  - saving a contact offline under CPU 4×: click on Opslaan until the case
 *    file shows it.
 *
 * Every sync run has a fresh browser context (fresh IndexedDB); service
 * workers are blocked, so their precache download does not share the line.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import {
  type Browser,
  type BrowserContext,
  type CDPSession,
  chromium,
  type Page,
  type Request,
} from 'playwright';
import { buildApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { openDatabase } from '../../server/db/connection';
import { migrate } from '../../server/db/migrate';
import { BENCH_CHILDREN, BENCH_USERNAME, seedBench } from '../../server/seed/bench';
import { DEMO_PASSWORD } from '../../server/seed/demo';
import { dutchToday } from '../../shared/rules/dates';
import type { PulledRow, PullResult } from '../../shared/schemas/sync';
import type { BenchResult } from './run';

const SYNC_RUNS = 5;
const SLOW_RUNS = 5;
const SAVE_WARMUP = 3;
const SAVES = 25;
const PIN = '258036';
export const CPU_SLOWDOWN = 4;
/** DevTools' "Slow 4G" preset (Chromium front_end/core/sdk/NetworkManager.ts): bytes per second and ms. */
export const SLOW_4G = {
  offline: false,
  latency: 150 * 3.75,
  downloadThroughput: ((1.6 * 1000 * 1000) / 8) * 0.9,
  uploadThroughput: ((750 * 1000) / 8) * 0.9,
};
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
];
const SYNC_TIMEOUT_MS = 180_000;
/** Errors the app reported in the page (uncaught, console.error, failed requests): printed after the run. */
export const pageProblems = new Set<string>();
/** Offline on purpose (contact saves), and no service worker to answer: expected, not reported. */
const OFFLINE = 'ERR_INTERNET_DISCONNECTED';

interface SyncRun {
  /** From the start of the first sync to its end (performance marks set by the app). */
  seconds: number;
  /** From the click on "Pincode instellen" (which first derives the PIN key) to the end of the first sync. */
  fromClickSeconds: number;
  /** Of `seconds`: waiting for the answers to the sync requests (network and server). */
  waitSeconds: number;
  /** Encoded response bodies of the /trpc/sync.* requests of the first sync. */
  bodyBytes: number;
  requests: number;
  encodings: string[];
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};
/** Nearest-rank percentile. */
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)] as number;
};
export const round = (n: number, digits = 1) => Number(n.toFixed(digits));

export async function startServer(staticDir: string) {
  const database = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
  await migrate(database);
  await seedBench(database.db, dutchToday());
  const config = loadConfig({
    NODE_ENV: 'production',
    PGLITE_DIR: 'memory://',
    STATIC_DIR: staticDir,
    LOG_LEVEL: 'warn',
  });
  const app = await buildApp({ config, database, logger: { level: 'warn' } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** The rows of the bench user's first sync, fetched straight over HTTP, as one plain JSON array. */
async function referenceRows(base: string) {
  const login = await fetch(`${base}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: BENCH_USERNAME, password: DEMO_PASSWORD }),
  });
  const session = login.headers.getSetCookie()[0]?.split(';')[0];
  if (!login.ok || !session) throw new Error(`bench login failed: ${login.status}`);
  const clientId = randomUUID();
  const rows: PulledRow[] = [];
  let cookie: string | null = null;
  let pages = 0;
  for (;;) {
    const res: Response = await fetch(`${base}/trpc/sync.pull`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: session },
      body: JSON.stringify({ clientId, cookie }),
    });
    const page: PullResult = ((await res.json()) as { result: { data: PullResult } }).result.data;
    rows.push(...page.rows);
    pages += 1;
    cookie = page.cookie;
    if (!page.more) break;
  }
  const json = Buffer.from(JSON.stringify(rows));
  return { rows: rows.length, pages, jsonBytes: json.length, gzipBytes: gzipSync(json).length };
}

/** CPU 4× and DevTools' Slow 4G on the page, through its CDP session. */
export async function slowDown(cdp: CDPSession): Promise<void> {
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
}

/** Throttling off again. */
export async function fullSpeed(cdp: CDPSession): Promise<void> {
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });
}

/** A fresh browser context as a phone in the Netherlands (390×844, nl-NL, Amsterdam time). */
export async function phoneContext(
  browser: Browser,
  base: string,
  serviceWorkers: 'allow' | 'block',
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: base,
    viewport: { width: 390, height: 844 },
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
    serviceWorkers,
  });
  // tsx compiles this file with esbuild's keepNames, which wraps named functions in a `__name`
  // helper; the functions handed to page.evaluate run in the page, where it must exist too.
  await context.addInitScript('globalThis.__name = (fn) => fn;');
  return context;
}

export async function newContext(
  browser: Browser,
  base: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await phoneContext(browser, base, 'block');
  const page = await context.newPage();
  page.on('pageerror', (e) => pageProblems.add(`fout: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().includes(OFFLINE)) pageProblems.add(`console.error: ${m.text()}`);
  });
  page.on('requestfailed', (r) => {
    const error = r.failure()?.errorText ?? '';
    if (!error.includes(OFFLINE))
      pageProblems.add(`verzoek mislukt: ${r.method()} ${new URL(r.url()).pathname} (${error})`);
  });
  return { context, page };
}

/** An answer's body as it crossed the line: its encoded size and Content-Encoding. */
export function encodedBody(request: Request): { bytes: Promise<number>; encoding: Promise<string> } {
  return {
    bytes: request.sizes().then((s) => s.responseBodySize),
    encoding: request
      .response()
      .then((r) => r?.headerValue('content-encoding') ?? null)
      .then((e) => e ?? 'identity'),
  };
}

/** The login screen, with the user's name and the demo password filled in (not yet sent). */
export async function openLogin(page: Page, username: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Gebruikersnaam').fill(username);
  await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
}

/** Signs the bench worker in on a fresh device, sets up `pin` and waits until the first sync is done. */
export async function signInAndSync(page: Page, pin: string): Promise<void> {
  await openLogin(page, BENCH_USERNAME);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByLabel('Nieuwe pincode').fill(pin);
  await page.getByLabel('Herhaal de pincode').fill(pin);
  await page.getByRole('button', { name: 'Pincode instellen' }).click();
  await page
    .getByTestId('sync-status')
    .filter({ hasText: 'Alles gesynchroniseerd' })
    .waitFor({ timeout: 180_000 });
}

/** Logs in, sets up the PIN and waits for the first sync; throttles from the PIN click on when asked. */
async function firstSync(
  browser: Browser,
  base: string,
  throttle: boolean,
): Promise<{ run: SyncRun; context: BrowserContext; page: Page; cdp: CDPSession }> {
  const { context, page } = await newContext(browser, base);
  const finished: { started: number; waitMs: number; bytes: Promise<number>; encoding: Promise<string> }[] =
    [];
  page.on('requestfinished', (request) => {
    if (!new URL(request.url()).pathname.startsWith('/trpc/sync.')) return;
    const timing = request.timing();
    finished.push({
      started: timing.startTime,
      waitMs: timing.responseEnd,
      ...encodedBody(request),
    });
  });
  await openLogin(page, BENCH_USERNAME);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByLabel('Nieuwe pincode').fill(PIN);
  await page.getByLabel('Herhaal de pincode').fill(PIN);
  const cdp = await context.newCDPSession(page);
  if (throttle) {
    await slowDown(cdp);
  }
  // The click's own time stamp, taken in the page (capture phase, before the app's handlers).
  await page.evaluate(() => {
    document.addEventListener(
      'click',
      (e) => performance.mark('bench-pin-click', { startTime: e.timeStamp }),
      { capture: true, once: true },
    );
  });
  await page.getByRole('button', { name: 'Pincode instellen' }).click();
  const marks = await page.evaluate(
    (timeoutMs) =>
      new Promise<{ origin: number; click: number; start: number; done: number }>((resolve, reject) => {
        const read = () => {
          const at = (name: string) => performance.getEntriesByName(name)[0]?.startTime;
          const done = at('first-sync-done');
          if (done === undefined) return false;
          resolve({
            origin: performance.timeOrigin,
            click: at('bench-pin-click') ?? Number.NaN,
            start: at('first-sync-start') ?? Number.NaN,
            done,
          });
          return true;
        };
        if (read()) return;
        const observer = new PerformanceObserver(() => {
          if (read()) observer.disconnect();
        });
        observer.observe({ type: 'mark' });
        setTimeout(() => reject(new Error('first sync did not finish')), timeoutMs);
      }),
    SYNC_TIMEOUT_MS,
  );
  if (throttle) {
    await fullSpeed(cdp);
  }
  // The whole caseload is on the device and shown.
  await page.getByTestId('sync-status').getByText('Alles gesynchroniseerd').waitFor();
  await page
    .getByTestId('caseload')
    .locator('.case-card')
    .nth(BENCH_CHILDREN - 1)
    .waitFor();
  const cards = await page.getByTestId('caseload').locator('.case-card').count();
  if (cards !== BENCH_CHILDREN)
    throw new Error(`caseload shows ${cards} children, expected ${BENCH_CHILDREN}`);
  // Only the requests of the first sync: those sent before it ended (a later sync starts after).
  const doneAt = marks.origin + marks.done;
  const ofFirstSync = finished.filter((f) => f.started <= doneAt);
  const run: SyncRun = {
    seconds: (marks.done - marks.start) / 1000,
    fromClickSeconds: (marks.done - marks.click) / 1000,
    waitSeconds: ofFirstSync.reduce((sum, f) => sum + f.waitMs, 0) / 1000,
    bodyBytes: (await Promise.all(ofFirstSync.map((f) => f.bytes))).reduce((a, b) => a + b, 0),
    requests: ofFirstSync.length,
    encodings: [...new Set(await Promise.all(ofFirstSync.map((f) => f.encoding)))],
  };
  return { run, context, page, cdp };
}

interface Save {
  /**
   * From the click on Opslaan (the event's time stamp) until both are done: the case file's timeline
   * shows the contact, and the app's mark `contact-saved` says the Dexie transaction with the outbox
   * entry has committed (the screen may show the contact while it commits; the draft covers that gap).
   */
  ms: number;
  /** Until the contact is on screen. */
  shownMs: number;
  /** Until the transaction committed (`contact-saved`). */
  recordMs: number;
}

async function saveContact(page: Page, marker: string): Promise<Save> {
  await page.getByRole('link', { name: 'Contact vastleggen' }).click();
  await page.getByLabel('Verslag').fill(`${marker}: huisbezoek, afspraken uit de koers besproken.`);
  await page.evaluate((text) => {
    const w = window as unknown as { __benchSave?: Promise<Save> };
    const savedBefore = performance.getEntriesByName('contact-saved').length;
    w.__benchSave = new Promise<Save>((resolve, reject) => {
      let clickAt: number | null = null;
      let shownAt: number | null = null;
      let savedAt: number | null = null;
      const finish = () => {
        if (clickAt === null || shownAt === null || savedAt === null) return;
        observer.disconnect();
        marks.disconnect();
        document.removeEventListener('click', onClick, true);
        resolve({
          ms: Math.max(shownAt, savedAt) - clickAt,
          shownMs: shownAt - clickAt,
          recordMs: savedAt - clickAt,
        });
      };
      const onClick = (e: MouseEvent) => {
        const button = e.target instanceof Element ? e.target.closest('button') : null;
        if (button?.textContent?.trim() === 'Opslaan') clickAt = e.timeStamp;
      };
      document.addEventListener('click', onClick, true);
      const observer = new MutationObserver(() => {
        if (clickAt === null || shownAt !== null) return;
        const pending = document.querySelectorAll('[data-testid="timeline"] > li[data-pending]');
        if (![...pending].some((li) => li.textContent?.includes(text))) return;
        shownAt = performance.now();
        finish();
      });
      const marks = new PerformanceObserver(() => {
        const all = performance.getEntriesByName('contact-saved');
        if (all.length > savedBefore) savedAt = all[savedBefore]?.startTime ?? null;
        finish();
      });
      marks.observe({ type: 'mark' });
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
      setTimeout(() => reject(new Error('saved contact did not appear')), 30_000);
    });
  }, marker);
  await page.getByRole('button', { name: 'Opslaan' }).click();
  const save = await page.evaluate(() => (window as unknown as { __benchSave: Promise<Save> }).__benchSave);
  // Let the debounced (offline) sync attempt and its re-render pass before the next save.
  await page.waitForTimeout(2000);
  return save;
}

const seconds = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(', ');

/** Runs every field-app measurement against the app built into `staticDir`. */
export async function measureFieldApp(staticDir: string): Promise<BenchResult[]> {
  const load = loadavg()[0]?.toFixed(1) ?? '?';
  const server = await startServer(staticDir);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  pageProblems.clear();
  try {
    const reference = await referenceRows(server.base);
    const log = (s: string) => console.log(`  ${s}`);
    console.log(
      `Benchmark-caseload: ${BENCH_CHILDREN} kinderen, ${reference.rows} rijen in ${reference.pages} pull-pagina's`,
    );

    const syncRuns = async (throttle: boolean, runs: number) => {
      const done: SyncRun[] = [];
      for (let i = 0; i < runs; i++) {
        const { run, context } = await firstSync(browser, server.base, throttle);
        await context.close();
        done.push(run);
        log(
          `eerste sync${throttle ? ', CPU 4× + Slow 4G' : ''} ${i + 1}/${runs}: ${run.seconds.toFixed(2)} s (wachten op antwoorden ${run.waitSeconds.toFixed(2)} s; vanaf de klik ${run.fromClickSeconds.toFixed(2)} s), ${run.bodyBytes} B in ${run.requests} verzoeken (${run.encodings.join('/')})`,
        );
      }
      return done;
    };
    const fast = await syncRuns(false, SYNC_RUNS);
    const slow = await syncRuns(true, SLOW_RUNS);

    const { context, page, cdp } = await firstSync(browser, server.base, false);
    await page.getByTestId('caseload').locator('.case-card button').first().click();
    await page.getByTestId('timeline').waitFor();
    await context.setOffline(true);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    const measured: Save[] = [];
    for (let i = 0; i < SAVE_WARMUP + SAVES; i++) {
      const save = await saveContact(page, `Benchmarkcontact ${i + 1} ${randomUUID().slice(0, 8)}`);
      if (i >= SAVE_WARMUP) measured.push(save);
    }
    const saves = measured.map((m) => m.ms);
    const records = measured.map((m) => m.recordMs);
    const shown = measured.map((m) => m.shownMs);
    const timelineItems = await page.getByTestId('timeline').locator('> li').count();
    await context.close();
    log(`contact opslaan: ${saves.map((ms) => ms.toFixed(0)).join(', ')} ms`);
    log(`  in beeld na: ${shown.map((ms) => ms.toFixed(0)).join(', ')} ms`);
    log(`  transactie vastgelegd (contact-saved) na: ${records.map((ms) => ms.toFixed(0)).join(', ')} ms`);
    for (const problem of pageProblems) console.warn(`  Melding in de pagina: ${problem}`);

    const syncSeconds = median(fast.map((r) => r.seconds));
    const bytes = median(fast.map((r) => r.bodyBytes));
    const machine = `load average bij de start ${load} op ${cpus().length} kernen`;
    const conditionsSync = `${BENCH_CHILDREN} kinderen, 2 jaar geschiedenis, ${reference.rows} rijen in ${reference.pages} pull-pagina's; mediaan van ${SYNC_RUNS} runs, elk een nieuwe browsercontext (lege IndexedDB); headless Chromium 390×844, onbegrensd, service worker geblokkeerd; server in hetzelfde proces (PGlite in geheugen); ${machine}`;
    return [
      {
        id: 'sync-cases-per-s',
        label: 'Eerste sync van de caseload: dossiers per seconde',
        value: round(BENCH_CHILDREN / syncSeconds),
        unit: 'dossiers/s',
        budget: 250,
        better: 'higher',
        conditions: `${conditionsSync}; ${BENCH_CHILDREN} / seconden van performance.mark first-sync-start tot first-sync-done: ${seconds(fast.map((r) => r.seconds))} s (mediaan ${syncSeconds.toFixed(2)} s, waarvan wachten op de antwoorden ${median(fast.map((r) => r.waitSeconds)).toFixed(2)} s); vanaf de klik op Pincode instellen, met de PBKDF2-afleiding: mediaan ${median(fast.map((r) => r.fromClickSeconds)).toFixed(2)} s`,
      },
      {
        id: 'sync-bytes-ratio',
        label: 'Eerste sync: bytes over de lijn / gzip van dezelfde rijen als JSON',
        value: round(bytes / reference.gzipBytes, 2),
        unit: '×',
        budget: 1.2,
        better: 'lower',
        conditions: `${conditionsSync}; over de lijn (mediaan): ${bytes} B gecodeerde antwoordbody's (Playwright request.sizes) van ${fast[0]?.requests} /trpc/sync.*-verzoeken, Content-Encoding ${fast[0]?.encodings.join('/')}; referentie: dezelfde ${reference.rows} rijen via sync.pull over HTTP als één JSON-array ${reference.jsonBytes} B, gzip (node:zlib, standaardniveau) ${reference.gzipBytes} B`,
      },
      {
        id: 'sync-slow4g-s',
        label: 'Eerste sync bij CPU 4× en Slow 4G',
        value: round(median(slow.map((r) => r.seconds)), 2),
        unit: 's',
        budget: 15,
        better: 'lower',
        conditions: `${BENCH_CHILDREN} kinderen, ${reference.rows} rijen; mediaan van ${SLOW_RUNS} runs (${seconds(slow.map((r) => r.seconds))} s; wachten op de antwoorden mediaan ${median(slow.map((r) => r.waitSeconds)).toFixed(2)} s), elk een nieuwe browsercontext; CDP op de pagina vanaf de klik op Pincode instellen: Emulation.setCPUThrottlingRate ${CPU_SLOWDOWN}, Network.emulateNetworkConditions "Slow 4G" zoals DevTools (latency ${SLOW_4G.latency} ms, download ${SLOW_4G.downloadThroughput} B/s = 1,44 Mbit/s, upload ${SLOW_4G.uploadThroughput} B/s = 675 kbit/s); van first-sync-start tot first-sync-done; service worker geblokkeerd; ${machine}`,
      },
      {
        id: 'contact-save-p95-ms',
        label:
          'Contact vastleggen: opslaan op het toestel (transactie met outbox vastgelegd én in het dossier getoond), p95',
        value: round(percentile(saves, 95), 0),
        unit: 'ms',
        budget: 50,
        better: 'lower',
        conditions: `p95 van ${SAVES} opslagen (na ${SAVE_WARMUP} om in te lopen); p50 ${percentile(saves, 50).toFixed(0)} ms, max ${Math.max(...saves).toFixed(0)} ms; van de klik op Opslaan (event.timeStamp) tot het laatste van: de tijdlijn van het dossier toont het contact (MutationObserver; p50 ${percentile(shown, 50).toFixed(0)} ms, p95 ${percentile(shown, 95).toFixed(0)} ms) en de Dexie-transactie met de outbox is vastgelegd (mark contact-saved; p50 ${percentile(records, 50).toFixed(0)} ms, p95 ${percentile(records, 95).toFixed(0)} ms); offline (context.setOffline), CPU ${CPU_SLOWDOWN}× (CDP); één dossier, ${timelineItems} items op de tijdlijn na afloop; ${machine}`,
      },
    ];
  } finally {
    await browser.close();
    await server.close();
  }
}
