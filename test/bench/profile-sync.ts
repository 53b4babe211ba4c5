/**
 * Where the first sync's time goes: `npx tsx test/bench/profile-sync.ts <built app>[,<other build>…] [runs] [cpu]`.
 * Runs the field app's first sync (login, PIN, sync) in fresh browser contexts against the real
 * server with the benchmark caseload, prints every performance mark of the page relative to
 * `first-sync-start`, and with PROFILE=1 the functions with the most self time (CDP Profiler).
 * Given several builds (each with a server of its own), it takes turns between them run by run, so
 * that a busy machine slows them alike: compare their medians as ratios.
 */
import type { Page } from 'playwright';
import { chromium } from 'playwright';
import { BENCH_USERNAME } from '../../server/seed/bench';
import { CHROMIUM_ARGS, median, newContext, openLogin, startServer } from './field-app';

const dirs = (process.argv[2] ?? 'dist/bench-client').split(',');
const runs = Number(process.argv[3] ?? 5);
const cpu = Number(process.argv[4] ?? 1);
const PIN = '258036';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

const marksOf = (page: Page) =>
  page.evaluate(() => performance.getEntriesByType('mark').map((m) => ({ name: m.name, at: m.startTime })));

const servers = await Promise.all(dirs.map((dir) => startServer(dir)));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const byMark = dirs.map(() => new Map<string, number[]>());
const selfMs = new Map<string, number>();
try {
  for (let n = 0; n < runs * dirs.length; n++) {
    const d = n % dirs.length;
    const i = Math.floor(n / dirs.length);
    const server = servers[d] as (typeof servers)[number];
    const { context, page } = await newContext(browser, server.base);
    await openLogin(page, BENCH_USERNAME);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByLabel('Nieuwe pincode').fill(PIN);
    await page.getByLabel('Herhaal de pincode').fill(PIN);
    const cdp = await context.newCDPSession(page);
    if (cpu > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
    if (process.env.PROFILE) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    await page.evaluate(() => {
      document.addEventListener('click', (e) => performance.mark('pin-click', { startTime: e.timeStamp }), {
        capture: true,
        once: true,
      });
    });
    await page.getByRole('button', { name: 'Pincode instellen' }).click();
    await page.waitForFunction(() => performance.getEntriesByName('first-sync-done').length > 0, undefined, {
      timeout: 120_000,
    });
    await page.getByTestId('caseload').locator('.case-card').nth(19).waitFor();
    if (process.env.PROFILE) {
      const { profile } = (await cdp.send('Profiler.stop')) as unknown as {
        profile: { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[] };
      };
      const perSample = (profile.endTime - profile.startTime) / 1000 / profile.samples.length;
      for (const node of profile.nodes) {
        const f = node.callFrame;
        const name = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
        selfMs.set(name, (selfMs.get(name) ?? 0) + (node.hitCount ?? 0) * perSample);
      }
    }
    const marks = await marksOf(page);
    const start = marks.find((m) => m.name === 'first-sync-start')?.at ?? 0;
    const line = marks
      .filter((m) => m.at >= start - 1000)
      .map((m) => {
        const rel = m.at - start;
        byMark[d]?.set(m.name, [...(byMark[d]?.get(m.name) ?? []), rel]);
        return `${m.name} ${rel.toFixed(0)}`;
      })
      .join(' | ');
    console.log(`${dirs[d]} run ${i + 1}: ${line}`);
    await context.close();
  }
  dirs.forEach((dir, d) => {
    console.log(`\n${dir}: median ms relative to first-sync-start (each run):`);
    for (const [name, xs] of [...(byMark[d] ?? [])].sort((a, b) => median(a[1]) - median(b[1])))
      console.log(
        `  ${name.padEnd(28)} ${median(xs).toFixed(0).padStart(6)}  (${xs.map((x) => x.toFixed(0)).join(', ')})`,
      );
  });
  if (selfMs.size) {
    console.log(`\nself time, all ${runs} runs, top 25 (ms):`);
    for (const [name, ms] of [...selfMs].sort((a, b) => b[1] - a[1]).slice(0, 25))
      console.log(`  ${ms.toFixed(0).padStart(6)}  ${name}`);
  }
} finally {
  await browser.close();
  for (const server of servers) await server.close();
}
