/**
 * npm run soak: SOAK_DEVICES simulated devices (default 300) for SOAK_SECONDS
 * (default 600) against two server processes on a fresh PostgreSQL database,
 * through the fault proxy, in four phases: steady field work, the database
 * restarting (all connections dropped, new ones refused for
 * SOAK_DB_DOWN_SECONDS), a Monday-morning burst (short think times), and steady
 * again. Then every device drains its outbox and pulls, and the database is
 * checked: every mutation applied exactly once. Writes soak-results.json at
 * the repository root; exits non-zero when anything was lost, doubled or
 * failed unexpectedly, or a server process died.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startPgCluster } from './cluster';
import { runLoad } from './run';

const int = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return Math.round(value);
};

async function main() {
  const devices = int('SOAK_DEVICES', 300);
  const seconds = int('SOAK_SECONDS', 600);
  const processes = int('SOAK_PROCESSES', 2);
  const downSeconds = int('SOAK_DB_DOWN_SECONDS', 5);
  const thinkMin = int('SOAK_THINK_MIN_MS', 2000);
  const thinkMax = int('SOAK_THINK_MAX_MS', 8000);
  const lostAnswerRate = Number(process.env.SOAK_LOST_ANSWER_RATE ?? 0.05);
  const abortRate = Number(process.env.SOAK_ABORT_RATE ?? 0.02);
  const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const log = (line: string) => console.log(`[soak ${new Date().toISOString().slice(11, 19)}] ${line}`);

  const cluster = await startPgCluster({ adminUrl, workers: devices, processes, log });
  const rssStart = cluster.rssMb();
  log(`RSS at start: ${rssStart.join(' / ')} MB`);
  const rssSamples: number[][] = [];
  const sampler = setInterval(() => rssSamples.push(cluster.rssMb()), 10_000);
  const part = (share: number) => Math.max(5, Math.round(seconds * share));
  try {
    const result = await runLoad({
      baseUrls: cluster.baseUrls,
      workers: cluster.workers,
      db: cluster.owner.db,
      thinkMs: [thinkMin, thinkMax],
      lostAnswerRate,
      abortRate,
      signInSpreadMs: Math.min(30_000, part(0.4) * 1000),
      drainSeconds: 120,
      seed: Number(process.env.SOAK_SEED ?? 20_261_124),
      log,
      phases: [
        { name: 'steady', seconds: part(0.5) },
        {
          name: 'postgres-restart',
          seconds: part(0.2),
          onStart: async () => {
            log(`database away for ${downSeconds} s`);
            await cluster.proxy.cut(downSeconds * 1000);
            log('database back');
          },
        },
        { name: 'monday-burst', seconds: part(0.1), thinkMs: [100, 600] },
        { name: 'steady-after', seconds: part(0.2) },
      ],
    });
    clearInterval(sampler);
    const rssEnd = cluster.rssMb();
    const crashed = cluster.servers.filter((s) => s.exitCode() !== null);
    const sum = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 10) / 10;
    const output = {
      devices: result.devices,
      mutations: result.mutations,
      lost: result.lost,
      duplicated: result.duplicated,
      errors: result.errors + crashed.length,
      rssStartMb: sum(rssStart),
      rssEndMb: sum(rssEnd),
      scenarios: result.scenarios,
      seconds,
      processes,
      rssStartMbPerProcess: rssStart,
      rssEndMbPerProcess: rssEnd,
      rssPeakMbPerProcess: cluster.servers.map((_, i) => Math.max(0, ...rssSamples.map((s) => s[i] ?? 0))),
      applied: result.applied,
      refused: result.refused,
      undelivered: result.undelivered,
      pullViewMissing: result.pullViewMissing,
      transientErrors: result.transientErrors,
      lostAnswers: result.lostAnswers,
      stalledAborts: result.stalledAborts,
      requests: result.requests,
      serverCrashes: crashed.length,
      accessLog: result.accessLog,
      errorSamples: result.errorSamples,
      transientSamples: result.transientSamples,
      finishedAt: new Date().toISOString(),
    };
    writeFileSync(
      resolve(import.meta.dirname, '../../soak-results.json'),
      `${JSON.stringify(output, null, 2)}\n`,
    );
    console.table(
      result.scenarios.map(
        ({
          name,
          seconds: s,
          mutations,
          lost,
          duplicated,
          errors,
          transientErrors,
          requests,
          p50Ms,
          p95Ms,
          signIns,
          signInP95Ms,
        }) => ({
          name,
          s,
          mutations,
          lost,
          duplicated,
          errors,
          transientErrors,
          requests,
          p50Ms,
          p95Ms,
          signIns,
          signInP95Ms,
        }),
      ),
    );
    log(
      `devices ${output.devices}, mutations ${output.mutations}, lost ${output.lost}, duplicated ${output.duplicated}, ` +
        `errors ${output.errors}, RSS ${output.rssStartMb} → ${output.rssEndMb} MB; written soak-results.json`,
    );
    const ok =
      output.lost === 0 &&
      output.duplicated === 0 &&
      output.errors === 0 &&
      output.undelivered === 0 &&
      output.pullViewMissing === 0 &&
      output.refused === 0 &&
      result.accessLog.ok;
    if (!ok) {
      console.error(JSON.stringify(result.errorSamples.slice(0, 10), null, 2));
      for (const s of crashed) console.error(s.output());
    }
    process.exitCode = ok ? 0 : 1;
  } finally {
    clearInterval(sampler);
    await cluster.dispose();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
