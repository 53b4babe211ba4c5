/**
 * Lighthouse (12, Node API) against the system Chromium, offline: only the
 * performance category, Lighthouse's default mobile settings — simulated
 * throttling (Lantern) at 150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up and CPU 4×,
 * a Moto G Power screen — on the app's address as a first visit shows it: no
 * session, so the login screen. Every run gets a fresh Chromium (chrome-launcher's
 * own temporary profile): no HTTP cache, service worker or IndexedDB.
 */

import { cpus, loadavg } from 'node:os';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM_ARGS, median, round, startServer } from './field-app';
import type { BenchResult } from './run';

const RUNS = 5;
/** Tries per run. */
const MAX_ATTEMPTS = 3;

interface LighthouseRun {
  lcpMs: number;
  tbtMs: number;
  cls: number;
  fcpMs: number;
  lcpElement: string;
}

async function lighthouseRun(url: string): Promise<LighthouseRun> {
  const chrome = await chromeLauncher.launch({ chromePath: '/usr/bin/chromium', chromeFlags: CHROMIUM_ARGS });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      onlyCategories: ['performance'],
      output: 'json',
      logLevel: 'silent',
    });
    const lhr = result?.lhr;
    if (!lhr || lhr.runtimeError)
      throw new Error(`Lighthouse: ${lhr?.runtimeError?.message ?? 'geen resultaat'}`);
    const value = (id: string) => {
      const v = lhr.audits[id]?.numericValue;
      if (v === undefined) throw new Error(`Lighthouse: audit ${id} zonder waarde`);
      return v;
    };
    const element = JSON.stringify(lhr.audits['largest-contentful-paint-element']?.details ?? {});
    return {
      lcpMs: value('largest-contentful-paint'),
      tbtMs: value('total-blocking-time'),
      cls: value('cumulative-layout-shift'),
      fcpMs: value('first-contentful-paint'),
      lcpElement: /"nodeLabel":"([^"]*)"/.exec(element)?.[1] ?? '?',
    };
  } finally {
    chrome.kill();
  }
}

/** LCP, TBT and CLS of the login screen at `base` (the app's server): median of five Lighthouse runs. */
export async function measureLighthouse(base: string, machine: string): Promise<BenchResult[]> {
  const runs: LighthouseRun[] = [];
  let retries = 0;
  for (let i = 0; i < RUNS; i++) {
    // Lighthouse now and then loses its trace on a busy machine (NO_NAVSTART): that run is done again.
    let run: LighthouseRun | null = null;
    for (let attempt = 1; !run; attempt++) {
      try {
        run = await lighthouseRun(`${base}/`);
      } catch (error) {
        if (attempt >= MAX_ATTEMPTS) throw error;
        retries += 1;
        console.warn(
          `  Lighthouse ${i + 1}/${RUNS} opnieuw: ${error instanceof Error ? error.message : error}`,
        );
      }
    }
    runs.push(run);
    console.log(
      `  Lighthouse ${i + 1}/${RUNS}: LCP ${(run.lcpMs / 1000).toFixed(2)} s, TBT ${run.tbtMs.toFixed(0)} ms, CLS ${run.cls.toFixed(3)}, FCP ${(run.fcpMs / 1000).toFixed(2)} s`,
    );
  }
  const list = (f: (r: LighthouseRun) => number, digits: number) =>
    runs.map((r) => f(r).toFixed(digits)).join(', ');
  const conditions = `Lighthouse 12.8 (Node API, alleen categorie performance) op headless Chromium ${CHROMIUM_ARGS.join(' ')}, standaardinstellingen mobiel: gesimuleerde throttling (Lantern) 150 ms RTT, 1,6 Mbit/s down, 750 kbit/s up, CPU 4×, scherm Moto G Power 412×823; pagina / zonder sessie (wat een koude eerste start toont: het inlogscherm), elke run een nieuwe Chromium met een leeg profiel; mediaan van ${RUNS} runs (${retries} keer een run opnieuw na een mislukte meting van Lighthouse); LCP-element: "${runs[0]?.lcpElement}"; FCP mediaan ${(median(runs.map((r) => r.fcpMs)) / 1000).toFixed(2)} s; ${machine}`;
  return [
    {
      id: 'lcp-s',
      label: 'Largest Contentful Paint (Lighthouse mobiel, inlogscherm)',
      value: round(median(runs.map((r) => r.lcpMs)) / 1000, 2),
      unit: 's',
      budget: 2.5,
      better: 'lower',
      conditions: `${conditions}; runs: ${list((r) => r.lcpMs / 1000, 2)} s`,
    },
    {
      id: 'tbt-ms',
      label: 'Total Blocking Time (Lighthouse mobiel, inlogscherm)',
      value: round(median(runs.map((r) => r.tbtMs)), 0),
      unit: 'ms',
      budget: 200,
      better: 'lower',
      conditions: `${conditions}; runs: ${list((r) => r.tbtMs, 0)} ms`,
    },
    {
      id: 'cls',
      label: 'Cumulative Layout Shift (Lighthouse mobiel, inlogscherm)',
      value: round(median(runs.map((r) => r.cls)), 3),
      unit: '',
      budget: 0.1,
      better: 'lower',
      conditions: `${conditions}; runs: ${list((r) => r.cls, 3)}`,
    },
  ];
}

/** Lighthouse on a server of its own (run.ts's module `lighthouse`) against the app in `staticDir`. */
export async function measureLighthouseAlone(staticDir: string): Promise<BenchResult[]> {
  const machine = `load average bij de start ${loadavg()[0]?.toFixed(1) ?? '?'} op ${cpus().length} kernen`;
  const server = await startServer(staticDir);
  try {
    return await measureLighthouse(server.base, machine);
  } finally {
    await server.close();
  }
}
