/**
 * Vandaag / Deze week on the phone, measured in headless Chromium against the
 * real server with the benchmark caseload (server/seed/bench.ts: 20 children,
 * two years of history) and the built app:
 *
 *  - agenda-open-ms: a tap on the Vandaag tab (the click's event time stamp)
 *    until the agenda's lists are in the document and the frame showing them
 *    has been painted (a requestAnimationFrame, then a task), at CPU 4×
 *    (CDP Emulation.setCPUThrottlingRate). From Mijn caseload, as a worker
 *    does it, after the app has been idle a moment (its agenda chunk fetched).
 *  - in the conditions: the first tap right after unlocking, at CPU 4× from
 *    the click on Ontgrendelen, as soon as the caseload is usable (chunk and
 *    agenda may still be on their way).
 */
import { loadavg } from 'node:os';
import { chromium, type Page } from 'playwright';
import { BENCH_CHILDREN } from '../../server/seed/bench';
import {
  CHROMIUM_ARGS,
  CPU_SLOWDOWN,
  median,
  newContext,
  pageProblems,
  signInAndSync,
  startServer,
} from './field-app';
import type { BenchResult } from './run';

const PIN = '258036';
const WARMUP = 2;
const OPENS = 15;
const COLD_RUNS = 3;
const TIMEOUT_MS = 60_000;

/** Milliseconds from the tap on the Vandaag tab to the agenda painted. */
async function timeAgendaOpen(page: Page): Promise<number> {
  await page.evaluate((timeoutMs) => {
    document.addEventListener(
      'click',
      (e) => performance.mark('bench-agenda-click', { startTime: e.timeStamp }),
      {
        capture: true,
        once: true,
      },
    );
    (window as unknown as { __agenda?: Promise<number> }).__agenda = new Promise<number>(
      (resolve, reject) => {
        const ready = () => !!document.querySelector('#agenda-today');
        const done = () =>
          requestAnimationFrame(() =>
            setTimeout(() => {
              const from = performance.getEntriesByName('bench-agenda-click').at(-1)?.startTime ?? Number.NaN;
              resolve(performance.now() - from);
            }),
          );
        const observer = new MutationObserver(() => {
          if (!ready()) return;
          observer.disconnect();
          done();
        });
        observer.observe(document.body, { childList: true, subtree: true });
        setTimeout(() => reject(new Error('agenda verscheen niet')), timeoutMs);
      },
    );
  }, TIMEOUT_MS);
  await page.getByTestId('tab-agenda').click();
  return page.evaluate(() => (window as unknown as { __agenda: Promise<number> }).__agenda);
}

async function backToCaseload(page: Page) {
  await page.getByRole('navigation').getByRole('link', { name: 'Caseload' }).click();
  await page.getByTestId('caseload').waitFor();
}

const agendaChunkIn = (page: Page) =>
  page.waitForFunction(
    () => performance.getEntriesByType('resource').some((r) => r.name.includes('/field-extras-')),
    undefined,
    { timeout: TIMEOUT_MS },
  );

export async function measureAgenda(staticDir: string): Promise<BenchResult[]> {
  const load = loadavg()[0]?.toFixed(1) ?? '?';
  const server = await startServer(staticDir);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  pageProblems.clear();
  try {
    const { context, page } = await newContext(browser, server.base);
    await signInAndSync(page, PIN);
    await page
      .getByTestId('caseload')
      .locator('.case-card')
      .nth(BENCH_CHILDREN - 1)
      .waitFor({ timeout: TIMEOUT_MS });
    const cards = await page.getByTestId('caseload').locator('.case-card').count();
    if (cards !== BENCH_CHILDREN) throw new Error(`caseload toont ${cards} kinderen`);
    await agendaChunkIn(page);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    const items = async () => page.getByTestId('agenda-item').count();
    const opens: number[] = [];
    let shown = 0;
    for (let i = 0; i < WARMUP + OPENS; i++) {
      const ms = await timeAgendaOpen(page);
      shown = await items();
      if (i >= WARMUP) opens.push(ms);
      await backToCaseload(page);
      await page.waitForTimeout(200);
    }
    console.log(
      `  agenda openen (CPU ${CPU_SLOWDOWN}×), ${shown} punten: ${opens.map((v) => v.toFixed(0)).join(', ')} ms`,
    );

    // The first tap right after unlocking: everything the start does still runs.
    const cold: number[] = [];
    for (let i = 0; i < COLD_RUNS; i++) {
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      await page.goto('/');
      await page.getByLabel('Pincode', { exact: true }).fill(PIN);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
      await page.getByRole('button', { name: 'Ontgrendelen' }).click();
      await page.getByTestId('caseload').waitFor({ timeout: TIMEOUT_MS });
      cold.push(await timeAgendaOpen(page));
    }
    console.log(
      `  agenda direct na ontgrendelen (CPU ${CPU_SLOWDOWN}×): ${cold.map((v) => v.toFixed(0)).join(', ')} ms`,
    );
    await context.close();
    const sorted = [...opens].sort((a, b) => a - b);
    return [
      {
        id: 'agenda-open-ms',
        label: 'Vandaag openen (tik op het tabblad tot de lijst getekend is), CPU 4×',
        value: Math.round(median(opens)),
        unit: 'ms',
        budget: 100,
        better: 'lower',
        conditions: `Benchmark-caseload ${BENCH_CHILDREN} kinderen met 2 jaar geschiedenis, ${shown} agendapunten; vanaf Mijn caseload, de app even in rust (de agenda-chunk binnen, de telling op het tabblad berekend); CDP Emulation.setCPUThrottlingRate ${CPU_SLOWDOWN}; van de klik (event.timeStamp) tot #agenda-today in het document en het frame getekend (requestAnimationFrame + taak); mediaan van ${OPENS} keer openen na ${WARMUP} opwarmers (${sorted[0]?.toFixed(0)}–${sorted.at(-1)?.toFixed(0)} ms). Eerste tik direct na ontgrendelen (CPU ${CPU_SLOWDOWN}× vanaf de klik op Ontgrendelen, zodra de caseload bruikbaar is): ${cold.map((v) => v.toFixed(0)).join(', ')} ms. Headless Chromium 390×844, service worker geblokkeerd; belasting ${load}`,
      },
    ];
  } finally {
    await browser.close();
    await server.close();
    if (pageProblems.size) console.log(`  in de pagina: ${[...pageProblems].join('; ')}`);
  }
}
