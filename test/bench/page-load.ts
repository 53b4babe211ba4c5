/**
 * Loading the field app, measured for real: the real server with the
 * benchmark caseload (field-app.ts's startServer), the built PWA with its
 * service worker, headless Chromium driven by Playwright, throttled through
 * CDP to 150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up and CPU 4× — on the page
 * and on the service worker (which fetches the precache itself).
 *
 *  - cold load: a jeugdbeschermer opens the app for the first time on a phone
 *    that holds nothing of it (no HTTP cache, no service worker, no IndexedDB,
 *    no session): login screen, login, PIN, first sync, until the caseload
 *    list is usable (the app's mark `caseload-usable`). Counted is the time the
 *    user waits for the app, not the robot's typing.
 *  - warm offline start: the same phone later, without a network: the app
 *    reopened (service worker + IndexedDB), PIN typed, from the click on
 *    Ontgrendelen to `caseload-usable`.
 *  - opening a case file: offline-first from the device, against the same
 *    case file fetched online (the team lead's online screen) on the throttled
 *    line.
 *  - Lighthouse: LCP, TBT and CLS (lighthouse.ts).
 */
import { cpus, loadavg } from 'node:os';
import { type Browser, type BrowserContext, type CDPSession, chromium, type Page } from 'playwright';
import { PBKDF2_ITERATIONS } from '../../client/src/local/crypto';
import { BENCH_CHILDREN, BENCH_USERNAME } from '../../server/seed/bench';
import { DEMO_PASSWORD } from '../../server/seed/demo';
import { CHROMIUM_ARGS, CPU_SLOWDOWN, median, phoneContext, round, startServer } from './field-app';
import { measureLighthouse } from './lighthouse';
import type { BenchResult } from './run';

const RUNS = 5;
/** Case files opened offline per run (different children): 15 in all. */
const OPENS_PER_RUN = 3;
const PIN = '258036';
const TEAM_LEAD = 'ingrid.visser';
/** The line (Lighthouse's mobile figures), in CDP's units: ms and bytes per second. */
const LINE = {
  offline: false,
  latency: 150,
  downloadThroughput: 1_600_000 / 8,
  uploadThroughput: 750_000 / 8,
};
const OPEN_LINE = { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 };
const TIMEOUT_MS = 60_000;
/** Uncaught errors in the app's pages: printed after the runs (a figure from a broken run means little). */
const pageErrors = new Set<string>();

/** Marks every click (its event time stamp) and the first time the login form and the PIN field appear. */
function timingProbe() {
  addEventListener('click', (e) => performance.mark('bench-click', { startTime: e.timeStamp }), true);
  const wanted: [string, string][] = [
    ['#username', 'bench-login-shown'],
    ['#pin', 'bench-pin-shown'],
  ];
  const observer = new MutationObserver(() => {
    for (const [selector, mark] of wanted) {
      if (performance.getEntriesByName(mark).length === 0 && document.querySelector(selector))
        performance.mark(mark);
    }
  });
  observer.observe(document, { childList: true, subtree: true });
}

/** The start time of the first performance mark `name` in the page, waiting for it. */
function markTime(page: Page, name: string): Promise<number> {
  return page.evaluate(
    ([mark, timeoutMs]) =>
      new Promise<number>((resolve, reject) => {
        const read = () => performance.getEntriesByName(mark)[0]?.startTime;
        const now = read();
        if (now !== undefined) return resolve(now);
        const observer = new PerformanceObserver(() => {
          const at = read();
          if (at === undefined) return;
          observer.disconnect();
          resolve(at);
        });
        observer.observe({ type: 'mark' });
        setTimeout(() => reject(new Error(`mark ${mark} bleef uit`)), timeoutMs);
      }),
    [name, TIMEOUT_MS] as const,
  );
}

const lastClick = (page: Page) =>
  page.evaluate(() => performance.getEntriesByName('bench-click').at(-1)?.startTime ?? Number.NaN);

/**
 * Runs `open` (a click, or a navigation inside the app that sets the mark `bench-navigate`) and resolves
 * with the milliseconds from the click's event time stamp, or the navigation's mark, until the case
 * file's heading is in the document and the frame that shows it has been painted (a
 * requestAnimationFrame, then a task).
 */
async function timeCaseOpen(page: Page, open: () => Promise<void>, start: 'bench-click' | 'bench-navigate') {
  await page.evaluate(
    ([mark, timeoutMs]) => {
      const before = performance.getEntriesByName(mark).length;
      (window as unknown as { __benchOpen?: Promise<number> }).__benchOpen = new Promise<number>(
        (resolve, reject) => {
          const observer = new MutationObserver(() => {
            if (!document.querySelector('#case-title')) return;
            observer.disconnect();
            requestAnimationFrame(() =>
              setTimeout(() => {
                const from = performance.getEntriesByName(mark)[before]?.startTime ?? Number.NaN;
                resolve(performance.now() - from);
              }),
            );
          });
          observer.observe(document.body, { childList: true, subtree: true });
          setTimeout(() => reject(new Error('dossier verscheen niet')), timeoutMs);
        },
      );
    },
    [start, TIMEOUT_MS] as const,
  );
  await open();
  return page.evaluate(() => (window as unknown as { __benchOpen: Promise<number> }).__benchOpen);
}

interface Throttle {
  cdp: CDPSession;
  /** Durations (ms) of the service worker's requests that crossed the line (bytes received) while throttled. */
  workerRequestsMs: number[];
  /** Lifts the throttling of the page and the service worker (the CPU too). */
  release(): Promise<void>;
}

/**
 * CPU 4× and the line on the page, and the line on its service worker: the page's CDP session
 * auto-attaches to the worker (non-flat: messages through Target.sendMessageToTarget) while it waits
 * for the debugger, throttles its network, then lets it run. CDP throttles the CPU of pages only.
 */
async function throttle(context: BrowserContext, page: Page): Promise<Throttle> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', LINE);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  let nextId = 1;
  const replies = new Map<number, (m: { error?: { message: string } }) => void>();
  const toTarget = (sessionId: string, method: string, params: object = {}) =>
    new Promise<void>((resolve, reject) => {
      const id = nextId++;
      replies.set(id, (m) => (m.error ? reject(new Error(`${method}: ${m.error.message}`)) : resolve()));
      void cdp
        .send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) })
        .catch(reject);
    });
  const workers: string[] = [];
  const started = new Map<string, number>();
  const workerRequestsMs: number[] = [];
  let released = false;
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const m = JSON.parse(e.message) as {
      id?: number;
      error?: { message: string };
      method?: string;
      params?: { requestId: string; timestamp: number; encodedDataLength?: number };
    };
    if (m.id !== undefined) {
      replies.get(m.id)?.(m);
      replies.delete(m.id);
    } else if (m.method === 'Network.requestWillBeSent' && m.params) {
      started.set(m.params.requestId, m.params.timestamp);
    } else if (m.method === 'Network.loadingFinished' && m.params) {
      const from = started.get(m.params.requestId);
      if (from !== undefined && !released && (m.params.encodedDataLength ?? 0) > 0)
        workerRequestsMs.push((m.params.timestamp - from) * 1000);
    }
  });
  cdp.on('Target.attachedToTarget', (e) => {
    const run = () => toTarget(e.sessionId, 'Runtime.runIfWaitingForDebugger');
    if (e.targetInfo.type !== 'service_worker') return void run().catch(() => undefined);
    workers.push(e.sessionId);
    // Sent at once, without waiting for each answer: the worker may already run (Playwright releases
    // it too), so the fewer round trips before the throttle, the fewer of its requests slip through.
    void Promise.all([
      toTarget(e.sessionId, 'Network.enable'),
      toTarget(e.sessionId, 'Network.emulateNetworkConditions', LINE),
      run(),
    ]).catch((error) => console.warn(`  service worker niet begrensd: ${error}`));
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });
  return {
    cdp,
    workerRequestsMs,
    async release() {
      released = true;
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      await cdp.send('Network.emulateNetworkConditions', OPEN_LINE);
      await Promise.all(
        workers.map((w) => toTarget(w, 'Network.emulateNetworkConditions', OPEN_LINE).catch(() => undefined)),
      );
    },
  };
}

async function newContext(browser: Browser, base: string) {
  const context = await phoneContext(browser, base, 'allow');
  await context.addInitScript(timingProbe);
  context.on('weberror', (e) => pageErrors.add(e.error().message));
  return context;
}

interface Run {
  /** The user's waiting: navigation start → login form, click Inloggen → PIN form, click Pincode instellen → caseload usable. */
  coldWaitS: number;
  coldParts: [number, number, number];
  /** From navigation start to caseload-usable, the robot's typing included. */
  coldWallS: number;
  firstSyncDoneS: number;
  workerRequestsMs: number[];
  /** Offline reopen: navigation start → PIN field, and click Ontgrendelen → caseload-usable. */
  warmPinShownS: number;
  warmS: number;
  /** One PBKDF2 derivation with the app's iteration count, in the page after the warm start. */
  pbkdf2Ms: number;
  offlineOpensMs: number[];
  casePaths: string[];
}

async function run(browser: Browser, base: string, index: number): Promise<Run> {
  const context = await newContext(browser, base);
  try {
    let page = await context.newPage();
    const line = await throttle(context, page);
    await page.goto('/', { waitUntil: 'commit' });
    const loginShown = await markTime(page, 'bench-login-shown');
    await page.getByLabel('Gebruikersnaam').fill(BENCH_USERNAME);
    await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    const loginClick = await lastClick(page);
    const pinShown = await markTime(page, 'bench-pin-shown');
    await page.getByLabel('Nieuwe pincode').fill(PIN);
    await page.getByLabel('Herhaal de pincode').fill(PIN);
    await page.getByRole('button', { name: 'Pincode instellen' }).click();
    const pinClick = await lastClick(page);
    const usable = await markTime(page, 'caseload-usable');
    const syncDone = await markTime(page, 'first-sync-done');
    const parts: [number, number, number] = [loginShown, pinShown - loginClick, usable - pinClick];

    // The rest of the first session unthrottled: the precache completes, the sync settles.
    await line.release();
    await page
      .getByTestId('sync-status')
      .getByText('Alles gesynchroniseerd')
      .waitFor({ timeout: TIMEOUT_MS });
    await page.waitForFunction(
      async () => (await navigator.serviceWorker.ready).active?.state === 'activated',
      undefined,
      { timeout: TIMEOUT_MS },
    );
    const names = await page.getByTestId('caseload').locator('.case-card-name').allTextContents();
    if (names.length !== BENCH_CHILDREN) throw new Error(`caseload toont ${names.length} kinderen`);

    // Later, without a network: the app reopened from the home screen, CPU 4×.
    await page.close();
    await context.setOffline(true);
    page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    await page.goto('/', { waitUntil: 'commit' });
    const warmPinShown = await markTime(page, 'bench-pin-shown');
    await page.getByLabel('Pincode').fill(PIN);
    await page.getByRole('button', { name: 'Ontgrendelen' }).click();
    const unlockClick = await lastClick(page);
    const warmUsable = await markTime(page, 'caseload-usable');
    // The PIN's key derivation, as the app does it (WebCrypto, off the main thread: CDP does not slow it).
    const pbkdf2Ms = await page.evaluate(async (iterations) => {
      const start = performance.now();
      const key = await crypto.subtle.importKey('raw', new TextEncoder().encode('000000'), 'PBKDF2', false, [
        'deriveBits',
      ]);
      const salt = crypto.getRandomValues(new Uint8Array(16));
      await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256);
      return performance.now() - start;
    }, PBKDF2_ITERATIONS);

    // Case files from the device, offline: children this run has not opened yet (no query cache).
    const offlineOpensMs: number[] = [];
    const casePaths: string[] = [];
    for (let k = 0; k < OPENS_PER_RUN; k++) {
      const name = names[(index * OPENS_PER_RUN + k) % names.length] as string;
      const card = page.getByTestId('caseload').locator('.case-card-button', { hasText: name }).first();
      await card.waitFor();
      offlineOpensMs.push(await timeCaseOpen(page, () => card.click(), 'bench-click'));
      casePaths.push(new URL(page.url()).pathname);
      await page.goBack();
      await page.getByTestId('caseload').waitFor();
    }
    return {
      coldWaitS: parts.reduce((a, b) => a + b, 0) / 1000,
      coldParts: parts,
      coldWallS: usable / 1000,
      firstSyncDoneS: (syncDone - pinClick) / 1000,
      workerRequestsMs: line.workerRequestsMs,
      warmPinShownS: warmPinShown / 1000,
      warmS: (warmUsable - unlockClick) / 1000,
      pbkdf2Ms,
      offlineOpensMs,
      casePaths,
    };
  } finally {
    await context.close();
  }
}

/** The same case files as the team lead opens them online (OnlineCaseFileScreen), on the throttled line. */
async function onlineOpens(
  browser: Browser,
  base: string,
  paths: string[],
): Promise<{ ms: number[]; bodyBytes: number[] }> {
  const context = await browser.newContext({
    baseURL: base,
    viewport: { width: 390, height: 844 },
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
    serviceWorkers: 'block',
  });
  context.on('weberror', (e) => pageErrors.add(e.error().message));
  try {
    await context.addInitScript('globalThis.__name = (fn) => fn;');
    await context.addInitScript(timingProbe);
    const page = await context.newPage();
    await page.goto('/');
    await page.getByLabel('Gebruikersnaam').fill(TEAM_LEAD);
    await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('button', { name: 'Uitloggen' }).waitFor();
    const go = (path: string) => () =>
      page.evaluate((p) => {
        performance.mark('bench-navigate');
        history.pushState(null, '', p);
        dispatchEvent(new PopStateEvent('popstate'));
      }, path);
    const home = async () => {
      await go('/')();
      await page.locator('#case-title').waitFor({ state: 'detached' });
    };
    // Once unmeasured, so the screen's lazy chunk is loaded: only the case file crosses the line.
    await timeCaseOpen(page, go(paths.at(-1) as string), 'bench-navigate');
    await home();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', LINE);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    const ms: number[] = [];
    const bodyBytes: Promise<number>[] = [];
    page.on('requestfinished', (request) => {
      if (new URL(request.url()).pathname.startsWith('/trpc/cases.file'))
        bodyBytes.push(request.sizes().then((s) => s.responseBodySize));
    });
    for (const path of paths.slice(0, -1)) {
      ms.push(await timeCaseOpen(page, go(path), 'bench-navigate'));
      await home();
    }
    return { ms, bodyBytes: await Promise.all(bodyBytes) };
  } finally {
    await context.close();
  }
}

const list = (xs: number[], digits = 2) => xs.map((x) => x.toFixed(digits)).join(', ');

/** Cold load, warm offline start and opening a case file, then (unless told not to) Lighthouse, against the app in `staticDir`. */
export async function measurePageLoad(
  staticDir: string,
  opts: { lighthouse: boolean } = { lighthouse: true },
): Promise<BenchResult[]> {
  const machine = `load average bij de start ${loadavg()[0]?.toFixed(1) ?? '?'} op ${cpus().length} kernen`;
  const server = await startServer(staticDir);
  pageErrors.clear();
  try {
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const runs: Run[] = [];
    let online: number[];
    let onlineBytes: number[];
    try {
      for (let i = 0; i < RUNS; i++) {
        const r = await run(browser, server.base, i);
        runs.push(r);
        console.log(
          `  koude start ${i + 1}/${RUNS}: ${r.coldWaitS.toFixed(2)} s wachten (${list(r.coldParts.map((p) => p / 1000))}), ${r.coldWallS.toFixed(2)} s met typen; warme offline start ${r.warmS.toFixed(2)} s; dossier offline ${list(r.offlineOpensMs, 0)} ms`,
        );
      }
      // One case file is opened unmeasured first (the screen's code); the others are measured.
      ({ ms: online, bodyBytes: onlineBytes } = await onlineOpens(
        browser,
        server.base,
        runs.flatMap((r) => r.casePaths),
      ));
      console.log(`  dossier online (teamleider): ${list(online, 0)} ms`);
    } finally {
      await browser.close();
    }
    for (const error of pageErrors) console.warn(`  Fout in de pagina: ${error}`);
    // Without Lighthouse's figures the others still count.
    const lighthouse = opts.lighthouse
      ? await measureLighthouse(server.base, machine).catch((error: unknown) => {
          console.error('  Lighthouse niet gemeten:', error);
          return [] as BenchResult[];
        })
      : [];

    const cold = median(runs.map((r) => r.coldWaitS));
    const part = (i: number) => median(runs.map((r) => r.coldParts[i] as number)) / 1000;
    const worker = runs.flatMap((r) => r.workerRequestsMs);
    const slowEnough = worker.filter((ms) => ms >= LINE.latency).length;
    const lineText = `CDP Network.emulateNetworkConditions latency ${LINE.latency} ms, download ${LINE.downloadThroughput} B/s (1,6 Mbit/s), upload ${LINE.uploadThroughput} B/s (750 kbit/s)`;
    const cpu = `Emulation.setCPUThrottlingRate ${CPU_SLOWDOWN}`;
    const browserText = `headless Chromium 390×844, Playwright; server in hetzelfde proces (PGlite in geheugen), benchmark-caseload ${BENCH_CHILDREN} kinderen met 2 jaar geschiedenis`;
    const offline = runs.flatMap((r) => r.offlineOpensMs);
    const offlineMs = median(offline);
    const onlineMs = median(online);
    const warm = median(runs.map((r) => r.warmS));
    const pbkdf2 = median(runs.map((r) => r.pbkdf2Ms));
    return [
      {
        id: 'cold-load-s',
        label: 'Koude start: eerste keer de app op een nieuw toestel tot Mijn caseload bruikbaar is',
        value: round(cold, 2),
        unit: 's',
        budget: 5,
        better: 'lower',
        conditions: `Jeugdbeschermer opent de app voor het eerst op een toestel zonder iets ervan (nieuwe browsercontext: lege HTTP-cache, geen service worker, geen IndexedDB, geen sessie). Gemeten de tijd dat de gebruiker op de app wacht, zonder het typen: navigatiestart → inlogformulier in de DOM (mediaan ${part(0).toFixed(2)} s) + klik Inloggen → pincodeformulier (${part(1).toFixed(2)} s) + klik Pincode instellen (event.timeStamp) → performance.mark caseload-usable van de app (${part(2).toFixed(2)} s: apparaat registreren, PBKDF2 — buiten de hoofdthread, door CDP niet vertraagd, mediaan ${pbkdf2.toFixed(0)} ms —, de eerste sync, tot de lijst verschijnt); eerste sync klaar (first-sync-done) mediaan ${median(runs.map((r) => r.firstSyncDoneS)).toFixed(2)} s na die klik; inclusief het typen van de robot (navigatiestart → caseload-usable) mediaan ${median(runs.map((r) => r.coldWallS)).toFixed(2)} s. Mediaan van ${RUNS} runs: ${list(runs.map((r) => r.coldWaitS))} s. Throttling vanaf de navigatie via CDP op de pagina: ${lineText}, ${cpu}; dezelfde netwerkbegrenzing op het service-worker-target (auto-attach met waitForDebuggerOnStart, vóór zijn precache-fetches; CPU-throttling kan CDP alleen op pagina's): van de precache-verzoeken van de service worker tijdens de meting (over de lijn, niet uit de HTTP-cache) duurden ${slowEnough} van ${worker.length} ≥ ${LINE.latency} ms (mediaan ${median(worker).toFixed(0)} ms); Chromium begrenst elk target apart, de precache deelt de lijn dus niet met de pagina; ${browserText}; ${machine}`,
      },
      {
        id: 'warm-offline-start-s',
        label: 'Warme offline start: na de pincode tot Mijn caseload bruikbaar is',
        value: round(warm, 2),
        unit: 's',
        budget: 1,
        better: 'lower',
        conditions: `Na een eerste sessie (inloggen, pincode, eerste sync, service worker actief) de pagina gesloten, context.setOffline(true) (ook de service worker), een nieuwe pagina geopend op / met CPU ${CPU_SLOWDOWN}× (CDP): de service worker levert de app, IndexedDB de caseload. Gemeten van de klik op Ontgrendelen (event.timeStamp) tot performance.mark caseload-usable; mediaan van ${RUNS} runs: ${list(runs.map((r) => r.warmS))} s. Daarvoor navigatiestart → pincodescherm: mediaan ${median(runs.map((r) => r.warmPinShownS)).toFixed(2)} s (${list(runs.map((r) => r.warmPinShownS))}). Let op: de PIN-afleiding (PBKDF2-SHA-256, ${PBKDF2_ITERATIONS} iteraties, WebCrypto) draait buiten de hoofdthread en wordt door CDP niet vertraagd: in deze Chromium mediaan ${pbkdf2.toFixed(0)} ms, op een toestel dat echt 4× trager is ≈ ${((pbkdf2 * CPU_SLOWDOWN) / 1000).toFixed(2)} s; ${BENCH_CHILDREN} kinderen; ${browserText}; ${machine}`,
      },
      {
        id: 'case-open-ratio',
        label: 'Dossier openen: online ophalen / offline-first van het toestel',
        value: round(onlineMs / offlineMs, 1),
        unit: '×',
        budget: 10,
        better: 'higher',
        conditions: `Offline-first: jeugdbeschermer, offline (context.setOffline), CPU ${CPU_SLOWDOWN}×, vanuit Mijn caseload klik op een kind (event.timeStamp) tot #case-title van het dossier in de DOM staat en het frame getekend is (requestAnimationFrame + taak): mediaan ${offlineMs.toFixed(0)} ms over ${offline.length} verschillende kinderen (${list(offline, 0)} ms), elk het eerste openen na het ontgrendelen. Online: hetzelfde dossier zoals de server het stuurt, in het online dossierscherm (OnlineCaseFileScreen, het scherm van de teamleider ${TEAM_LEAD}; de app toont een jeugdbeschermer altijd het dossier van het toestel), dezelfde kinderen, navigatie binnen de app (performance.mark, dan history.pushState) tot #case-title getekend is, met ${lineText} en ${cpu} op de pagina; de code van het scherm was al geladen (één dossier vooraf ongemeten), dus alleen cases.file gaat over de lijn (antwoordbody gecomprimeerd mediaan ${median(onlineBytes).toFixed(0)} B): mediaan ${onlineMs.toFixed(0)} ms over ${online.length} dossiers (${list(online, 0)} ms). Waarde = online / offline; ${browserText}; ${machine}`,
      },
      ...lighthouse,
    ];
  } finally {
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2];
  if (!dir) throw new Error('gebruik: npx tsx test/bench/page-load.ts <map met de gebouwde app>');
  const started = Date.now();
  const results = await measurePageLoad(dir);
  console.log(JSON.stringify(results, null, 2));
  console.log(`Duur: ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
