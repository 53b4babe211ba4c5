/**
 * `npm run bench`: builds the app, measures, prints a table and writes
 * bench-results.json at the repository root. A benchmark, not a test: it never
 * fails on a slow or large result; the budgets are printed beside the figures.
 * The bundle figures come from the build; the field-app figures (first sync,
 * saving a contact) from the real server and the built app in headless
 * Chromium (field-app.ts).
 */
import { execSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { measureBundle } from '../../scripts/bundle-report';
import { precompress } from '../../scripts/precompress';
import { measureAgenda } from './agenda';
import { measureAttach } from './attach';
import { measureDocuments } from './documents';
import { measureFieldApp } from './field-app';
import { measureLighthouseAlone } from './lighthouse';
import { measurePageLoad } from './page-load';
import { measurePullLoad } from './pull-load';
import { measureTeamView } from './team-view';

export interface BenchResult {
  id: string;
  label: string;
  value: number;
  unit: string;
  budget: number;
  better: 'lower' | 'higher';
  conditions: string;
}

const started = performance.now();
// A folder of its own: a test run that rebuilds dist/client meanwhile cannot pull files from under the bench.
const distDir = resolve('dist/bench-client');
execSync(`npx vite build --logLevel warn --outDir ${distDir}`, { stdio: 'inherit' });
precompress(distDir);
const bundle = measureBundle(distDir);
const results: BenchResult[] = [
  {
    id: 'field-path-js-kib',
    label: 'JavaScript op het veldpad (inloggen + Mijn caseload), brotli',
    value: Number((bundle.fieldPathBrotliBytes / 1024).toFixed(1)),
    unit: 'KiB',
    budget: 170,
    better: 'lower',
    conditions: `brotli kwaliteit 11; entry-chunk en statische imports: ${bundle.fieldPathFiles.join(', ')}`,
  },
  {
    id: 'precache-kib',
    label: 'Precache van de service worker',
    value: Number((bundle.precacheBytes / 1024).toFixed(1)),
    unit: 'KiB',
    budget: 1024,
    better: 'lower',
    conditions: `${bundle.precacheFiles} bestanden, onverpakt`,
  },
];
// One after the other (never two at once: they share the two cores); a module that fails is
// reported and the others still run.
const failed: string[] = [];
const modules: [key: string, name: string, measure: () => Promise<BenchResult[]>][] = [
  ['field', 'veld-app (eerste sync, contact opslaan)', () => measureFieldApp(distDir)],
  ['agenda', 'Vandaag openen (agenda, CPU 4×)', () => measureAgenda(distDir)],
  ['attach', "foto's: toevoegen (CPU 4×) en uploaden (Slow 4G, onderbroken)", () => measureAttach(distDir)],
  ['team', 'teamoverzicht', () => measureTeamView(distDir)],
  [
    'page',
    'laden van de pagina (koud, warm offline, dossier openen)',
    () => measurePageLoad(distDir, { lighthouse: false }),
  ],
  ['lighthouse', 'Lighthouse (inlogscherm)', () => measureLighthouseAlone(distDir)],
  ['pull', 'server: sync.pull onder belasting', () => measurePullLoad()],
  [
    'documents',
    'documenten maken (verlenging, koers, brief) en hun pagina’s als PNG',
    () => measureDocuments(),
  ],
];
// BENCH_ONLY=field,page runs only those modules (the bundle figures always come along).
const only = process.env.BENCH_ONLY?.split(',')
  .map((k) => k.trim())
  .filter(Boolean);
const unknown = only?.filter((k) => !modules.some(([key]) => key === k)) ?? [];
if (unknown.length)
  throw new Error(
    `BENCH_ONLY: onbekend ${unknown.join(', ')}; kies uit ${modules.map(([k]) => k).join(', ')}`,
  );
for (const [key, name, measure] of modules) {
  if (only?.length && !only.includes(key)) continue;
  const t0 = performance.now();
  console.log(`\n── ${name} ──`);
  try {
    results.push(...(await measure()));
  } catch (error) {
    failed.push(name);
    console.error(`Benchmark ${name} mislukt:`, error);
  }
  console.log(`(${name}: ${((performance.now() - t0) / 1000).toFixed(0)} s)`);
}

const met = (r: BenchResult) => (r.better === 'lower' ? r.value <= r.budget : r.value >= r.budget);
console.table(
  results.map((r) => ({
    id: r.id,
    waarde: `${r.value} ${r.unit}`,
    budget: `${r.better === 'lower' ? '≤' : '≥'} ${r.budget} ${r.unit}`,
    gehaald: met(r) ? 'ja' : 'nee',
  })),
);
writeFileSync('bench-results.json', `${JSON.stringify(results, null, 2)}\n`);
console.log(
  `Geschreven: bench-results.json (${results.length} cijfers, ${results.filter(met).length} binnen budget) in ${((performance.now() - started) / 60_000).toFixed(1)} min`,
);
if (failed.length) {
  console.error(`Niet gemeten: ${failed.join('; ')}`);
  process.exitCode = 1;
}
