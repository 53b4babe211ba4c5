/**
 * The team lead's full-team view measured for real, as field-app.ts measures
 * the field app (same server, seed, browser setup and throttling): the team
 * lead of the benchmark worker's team signs in with username and password
 * (office roles have no PIN and no local store) and lands on the balance view
 * (/team, the lazy team-screen chunk), which shows every jeugdbeschermer's
 * weighted caseload (trpc.team.balance) and every open case of the team
 * (trpc.cases.team).
 *
 * Timed from the arrival of the login answer (the Resource Timing responseEnd
 * of /trpc/auth.login: from there the app renders the team lead's screen,
 * imports its chunk and asks for the data) until the app's mark
 * `team-view-usable` (client/src/features/team/balance-view.tsx: both answers
 * are in and the view is painted), with every team case in the list; the time
 * from the click on Inloggen is given in the conditions.
 */
import { cpus, loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import { type Browser, chromium } from 'playwright';
import { BENCH_USERNAME, buildBenchData } from '../../server/seed/bench';
import { DEMO_PASSWORD } from '../../server/seed/demo';
import { dutchToday } from '../../shared/rules/dates';
import {
  CHROMIUM_ARGS,
  CPU_SLOWDOWN,
  encodedBody,
  fullSpeed,
  median,
  newContext,
  openLogin,
  pageProblems,
  round,
  SLOW_4G,
  slowDown,
  startServer,
} from './field-app';
import type { BenchResult } from './run';

const FAST_RUNS = 5;
const SLOW_RUNS = 5;
const VIEW_TIMEOUT_MS = 60_000;
/** The procedures whose answers make up the view. */
const VIEW_PROCEDURES = ['team.balance', 'cases.team'];

interface ViewRun {
  /** From the login answer to `team-view-usable`. */
  seconds: number;
  /** From the click on Inloggen (the event's time stamp) to `team-view-usable`. */
  fromClickSeconds: number;
  /** Of `seconds`: until the view's data was asked for, waiting for it (network and server), after it. */
  askedSeconds: number;
  waitSeconds: number;
  shownSeconds: number;
  /** Team cases in the list when the mark was set. */
  cases: number;
  /** Encoded response bodies of the /trpc requests that carry the view's procedures. */
  bodyBytes: number;
  requests: string[];
  encodings: string[];
}

/** The team lead of the benchmark worker's team (server/seed/bench.ts), from the same fixed-seed data. */
function teamLeadUsername(): string {
  const data = buildBenchData(dutchToday());
  const teamId = data.users.find((u) => u.username === BENCH_USERNAME)?.teamId;
  const lead = data.users.find((u) => u.role === 'teamleider' && u.teamId === teamId);
  if (!teamId || !lead) throw new Error('no team lead for the bench worker');
  return lead.username;
}

/** The view's data fetched straight over HTTP with the team lead's session, as one plain JSON array. */
async function referenceData(base: string, username: string) {
  const login = await fetch(`${base}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  const session = login.headers.getSetCookie()[0]?.split(';')[0];
  if (!login.ok || !session) throw new Error(`team lead login failed: ${login.status}`);
  const answers: unknown[] = [];
  for (const procedure of VIEW_PROCEDURES) {
    const res = await fetch(`${base}/trpc/${procedure}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: session },
    });
    if (!res.ok) throw new Error(`${procedure}: ${res.status}`);
    answers.push(((await res.json()) as { result: { data: unknown } }).result.data);
  }
  const [balance, teamCases] = answers as [{ workers: { cases: unknown[] }[] }, unknown[]];
  const json = Buffer.from(JSON.stringify(answers));
  return {
    cases: teamCases.length,
    workers: balance.workers.length,
    carried: balance.workers.reduce((n, w) => n + w.cases.length, 0),
    jsonBytes: json.length,
    gzipBytes: gzipSync(json).length,
  };
}

async function openTeamView(browser: Browser, base: string, username: string, throttle: boolean) {
  const { context, page } = await newContext(browser, base);
  try {
    const carrying: { path: string; bytes: Promise<number>; encoding: Promise<string> }[] = [];
    page.on('requestfinished', (request) => {
      const path = new URL(request.url()).pathname;
      if (!path.startsWith('/trpc/')) return;
      const procedures = path.slice('/trpc/'.length).split(',');
      if (!procedures.some((p) => VIEW_PROCEDURES.includes(p))) return;
      carrying.push({
        path,
        ...encodedBody(request),
      });
    });
    await openLogin(page, username);
    const cdp = await context.newCDPSession(page);
    if (throttle) {
      await slowDown(cdp);
    }
    // The click's own time stamp and, when the mark comes, the number of cases in the list.
    type Marks = {
      click: number;
      answered: number;
      asked: number;
      dataIn: number;
      usable: number;
      cases: number;
    };
    await page.evaluate((timeoutMs) => {
      (window as unknown as { __teamView: Promise<Marks> }).__teamView = new Promise<Marks>(
        (resolve, reject) => {
          let click = Number.NaN;
          document.addEventListener('click', (e) => (click = e.timeStamp), { capture: true, once: true });
          const observer = new PerformanceObserver((list) => {
            const usable = list.getEntriesByName('team-view-usable')[0];
            if (!usable) return;
            observer.disconnect();
            const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
            const login = resources.find((r) => new URL(r.name).pathname === '/trpc/auth.login');
            const data = resources.find((r) => new URL(r.name).pathname.includes('team.balance'));
            resolve({
              click,
              answered: login?.responseEnd ?? Number.NaN,
              asked: data?.startTime ?? Number.NaN,
              dataIn: data?.responseEnd ?? Number.NaN,
              usable: usable.startTime,
              cases: document.querySelectorAll('[data-testid="team-cases"] > li').length,
            });
          });
          observer.observe({ type: 'mark' });
          setTimeout(() => reject(new Error('team view did not become usable')), timeoutMs);
        },
      );
    }, VIEW_TIMEOUT_MS);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    const m = await page.evaluate(() => (window as unknown as { __teamView: Promise<Marks> }).__teamView);
    if (throttle) {
      await fullSpeed(cdp);
    }
    const run: ViewRun = {
      seconds: (m.usable - m.answered) / 1000,
      fromClickSeconds: (m.usable - m.click) / 1000,
      askedSeconds: (m.asked - m.answered) / 1000,
      waitSeconds: (m.dataIn - m.asked) / 1000,
      shownSeconds: (m.usable - m.dataIn) / 1000,
      cases: m.cases,
      bodyBytes: (await Promise.all(carrying.map((c) => c.bytes))).reduce((a, b) => a + b, 0),
      requests: carrying.map((c) => c.path.slice('/trpc/'.length)),
      encodings: [...new Set(await Promise.all(carrying.map((c) => c.encoding)))],
    };
    return run;
  } finally {
    await context.close();
  }
}

const list = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(', ');
const parts = (r: Pick<ViewRun, 'askedSeconds' | 'waitSeconds' | 'shownSeconds'>) =>
  `gevraagd na ${r.askedSeconds.toFixed(2)} s, wachten op de gegevens ${r.waitSeconds.toFixed(2)} s, daarna in beeld na ${r.shownSeconds.toFixed(2)} s`;
const medianParts = (runs: ViewRun[]) =>
  parts({
    askedSeconds: median(runs.map((r) => r.askedSeconds)),
    waitSeconds: median(runs.map((r) => r.waitSeconds)),
    shownSeconds: median(runs.map((r) => r.shownSeconds)),
  });

/** Runs the team-view measurements against the app built into `staticDir`. */
export async function measureTeamView(staticDir: string): Promise<BenchResult[]> {
  const load = loadavg()[0]?.toFixed(1) ?? '?';
  const username = teamLeadUsername();
  const server = await startServer(staticDir);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  pageProblems.clear();
  try {
    const reference = await referenceData(server.base, username);
    console.log(
      `Teamoverzicht van ${username}: ${reference.cases} open dossiers van het team, ${reference.workers} jeugdbeschermers (${reference.carried} dossiers met een vaste jeugdbeschermer)`,
    );
    const runs = async (throttle: boolean, count: number) => {
      const done: ViewRun[] = [];
      for (let i = 0; i < count; i++) {
        const run = await openTeamView(browser, server.base, username, throttle);
        if (run.cases !== reference.cases)
          throw new Error(`team view shows ${run.cases} cases, expected ${reference.cases}`);
        done.push(run);
        console.log(
          `  teamoverzicht${throttle ? ', CPU 4× + Slow 4G' : ''} ${i + 1}/${count}: ${run.seconds.toFixed(2)} s (${parts(run)}; vanaf de klik ${run.fromClickSeconds.toFixed(2)} s), ${run.bodyBytes} B in ${run.requests.join(' + ')} (${run.encodings.join('/')})`,
        );
      }
      return done;
    };
    const fast = await runs(false, FAST_RUNS);
    const slow = await runs(true, SLOW_RUNS);
    for (const problem of pageProblems) console.warn(`  Melding in de pagina: ${problem}`);

    const fastSeconds = median(fast.map((r) => r.seconds));
    const bytes = median(fast.map((r) => r.bodyBytes));
    const machine = `load average bij de start ${load} op ${cpus().length} kernen`;
    const view = `teamleider ${username} (team van ${BENCH_USERNAME}), inloggen met wachtwoord, landt op /team (Balans, lazy chunk team-screen): ${reference.workers} jeugdbeschermers, ${reference.cases} open dossiers van het team in de lijst`;
    const timing = `van het binnenkomen van het antwoord op auth.login (Resource Timing responseEnd; daarna toont de app het scherm van de teamleider, laadt de chunk en vraagt team.balance en cases.team) tot performance.mark team-view-usable (balance-view.tsx: beide antwoorden binnen en getekend), met alle ${reference.cases} dossiers in de lijst`;
    const browserSetup = `headless Chromium 390×844, service worker geblokkeerd; server in hetzelfde proces (PGlite in geheugen), seed als field-app; ${machine}`;
    return [
      {
        id: 'team-view-cases-per-s',
        label: 'Teamoverzicht van de teamleider: dossiers per seconde',
        value: round(reference.cases / fastSeconds),
        unit: 'dossiers/s',
        budget: 250,
        better: 'higher',
        conditions: `${view}; ${reference.cases} / seconden ${timing}: ${list(fast.map((r) => r.seconds))} s (mediaan ${fastSeconds.toFixed(2)} s; medianen van de delen: ${medianParts(fast)}); vanaf de klik op Inloggen (met het inloggen zelf) mediaan ${median(fast.map((r) => r.fromClickSeconds)).toFixed(2)} s; mediaan van ${FAST_RUNS} runs, elk een nieuwe browsercontext, onbegrensd; ${browserSetup}`,
      },
      {
        id: 'team-view-bytes-ratio',
        label: 'Teamoverzicht: bytes over de lijn / gzip van dezelfde gegevens als JSON',
        value: round(bytes / reference.gzipBytes, 2),
        unit: '×',
        budget: 1.2,
        better: 'lower',
        conditions: `${view}; over de lijn (mediaan van ${FAST_RUNS} runs): ${bytes} B gecodeerde antwoordbody's (Playwright request.sizes) van de /trpc-verzoeken met ${VIEW_PROCEDURES.join(' of ')} (${fast[0]?.requests.join(' + ')}), Content-Encoding ${fast[0]?.encodings.join('/')}; referentie: dezelfde procedures met de sessie van de teamleider over HTTP opgehaald, [team.balance, cases.team] als één JSON-array ${reference.jsonBytes} B, gzip (node:zlib, standaardniveau) ${reference.gzipBytes} B; ${browserSetup}`,
      },
      {
        id: 'team-view-slow4g-s',
        label: 'Teamoverzicht bij CPU 4× en Slow 4G',
        value: round(median(slow.map((r) => r.seconds)), 2),
        unit: 's',
        budget: 15,
        better: 'lower',
        conditions: `${view}; ${timing}: ${list(slow.map((r) => r.seconds))} s (medianen van de delen: ${medianParts(slow)}); vanaf de klik op Inloggen mediaan ${median(slow.map((r) => r.fromClickSeconds)).toFixed(2)} s (${list(slow.map((r) => r.fromClickSeconds))} s); mediaan van ${SLOW_RUNS} runs, elk een nieuwe browsercontext; CDP op de pagina vanaf vóór de klik op Inloggen (de inlogpagina zelf onbegrensd geladen): Emulation.setCPUThrottlingRate ${CPU_SLOWDOWN}, Network.emulateNetworkConditions "Slow 4G" zoals DevTools (latency ${SLOW_4G.latency} ms, download ${SLOW_4G.downloadThroughput} B/s, upload ${SLOW_4G.uploadThroughput} B/s); ${browserSetup}`,
      },
    ];
  } finally {
    await browser.close();
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = Date.now();
  const results = await measureTeamView(process.argv[2] ?? 'dist/bench-client');
  console.log(JSON.stringify(results, null, 2));
  console.log(`${((Date.now() - started) / 1000).toFixed(0)} s`);
}
