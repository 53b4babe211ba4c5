/**
 * The page-load figures (cold load, warm offline start, case-open ratio) of several builds, taking
 * turns: `npx tsx test/bench/ab-page.ts <build>,<other build> [rounds]`. On a busy machine compare
 * the builds' figures round by round (ratios), not with figures taken at another time.
 */
import { measurePageLoad } from './page-load';

const dirs = (process.argv[2] ?? 'dist/bench-client').split(',');
const rounds = Number(process.argv[3] ?? 1);
const ids = ['cold-load-s', 'warm-offline-start-s', 'case-open-ratio'];
const figures = new Map<string, string[]>();
for (let r = 0; r < rounds; r++) {
  // ABBA: neither build always goes first.
  for (const dir of r % 2 ? [...dirs].reverse() : dirs) {
    const results = await measurePageLoad(dir, { lighthouse: false });
    const line = ids.map((id) => `${id} ${results.find((x) => x.id === id)?.value}`).join(', ');
    figures.set(dir, [...(figures.get(dir) ?? []), line]);
    console.log(`${dir} (ronde ${r + 1}): ${line}`);
  }
}
for (const [dir, lines] of figures) console.log(`\n${dir}:\n  ${lines.join('\n  ')}`);
