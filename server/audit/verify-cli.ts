/**
 * `npm run audit:verify`: checks the access log's hash chains in the database
 * the server is configured for (DATABASE_URL, else the embedded PGlite in
 * PGLITE_DIR — stop the server first, PGlite has one user), and the chains
 * against the signed checkpoints outside the database (AUDIT_CHECKPOINT_DIR,
 * with the public half of the server's key; server/audit/checkpoints.ts), so
 * a cut tail or a rewritten chain is named too. Prints each chain's head and
 * every problem; exits 1 when there is any.
 * `npm run audit:verify -- --maand 2026-03` checks one month (partition) of
 * the log on its own: its entries and their links to the months around them;
 * it says where the month's chain starts (the month before, the beginning, or
 * the seal of months dropped after the retention term). Exit 2: unreadable
 * arguments.
 * The check is itself logged, as a read of the log by the command line.
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConfigError, loadConfig } from '../config';
import { openDatabase } from '../db/connection';
import { accessLog } from '../db/schema';
import { verifyAccessLog } from './chain';
import { describeAnchor, describeProblem } from './chain-report';
import { monthBounds } from './chain-text';
import { describeCheckpointProblem, verifyCheckpoints } from './checkpoints';
import { listAccessLogPartitions } from './partitions';
import { sealAccessLog } from './sealer';
import { loadSigningKey, SigningKeyError, signingKeyFile } from './signing-key';

class UsageError extends Error {}

/** `--maand YYYY-MM` (or `--month`, or `--maand=YYYY-MM`); nothing else. */
function parseArgs(args: string[]): { month?: string } {
  const out: { month?: string } = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const [name, inline] = arg.split('=', 2) as [string, string | undefined];
    if (name !== '--maand' && name !== '--month') {
      throw new UsageError(`Onbekend argument: ${arg}. Gebruik: npm run audit:verify [-- --maand JJJJ-MM]`);
    }
    const value = inline ?? args[++i];
    try {
      monthBounds(value ?? '');
    } catch {
      throw new UsageError(`--maand: geen maand (JJJJ-MM): ${value ?? ''}`);
    }
    out.month = value;
  }
  return out;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const config = loadConfig();
  const key = await loadSigningKey(config, { create: false });
  const database = await openDatabase(
    config.DATABASE_URL
      ? { kind: 'postgres', url: config.DATABASE_MIGRATION_URL ?? config.DATABASE_URL, appRole: null }
      : { kind: 'pglite', dataDir: config.PGLITE_DIR },
  );
  try {
    const report = await verifyAccessLog(database.db, undefined, args);
    const partitions = await listAccessLogPartitions(database.db);
    const months = partitions.flatMap((p) => (p.month ? [p.month] : []));
    if (args.month) {
      console.log(
        `Maand ${args.month}${months.includes(args.month) ? '' : ' (geen eigen partitie)'}: ${report.chains.length} ketens`,
      );
      for (const chain of report.chains) {
        console.log(
          `Keten ${chain.organisationId ?? '(geen organisatie)'} in ${args.month}: ${chain.entries} items, posities ${chain.firstSeq}–${chain.headSeq}; ${describeAnchor(chain.anchor)}`,
        );
      }
    } else {
      console.log(
        `Maanden (partities): ${months.length ? `${months[0]} t/m ${months.at(-1)} (${months.length})` : 'geen'}`,
      );
      for (const chain of report.chains) {
        console.log(
          `Keten ${chain.organisationId ?? '(geen organisatie)'}: ${chain.entries} items, kop positie ${chain.headSeq}, hash ${chain.headHash}${chain.dropped ? `; ${chain.dropped} items na de bewaartermijn verwijderd, ${describeAnchor(chain.anchor)}` : ''}`,
        );
      }
    }
    for (const d of report.dropped) {
      console.log(
        `Bewaartermijn: maand ${d.month} van keten ${d.organisationId ?? '(geen organisatie)'} verwijderd op ${d.droppedAt}: ${d.entries} items (posities ${d.firstSeq}–${d.lastSeq})`,
      );
    }
    for (const problem of report.problems) console.log(`FOUT ${describeProblem(problem)}`);

    const dir = resolve(config.AUDIT_CHECKPOINT_DIR);
    let problems = report.problems.length;
    if (!key) {
      // Without the key nothing can be checked; with no checkpoints either, the server never made any.
      const some = existsSync(dir) && (await readdir(dir)).some((n) => n.endsWith('.jsonl'));
      console.log(
        `${some ? 'FOUT ' : ''}Geen sleutel (AUDIT_SIGNING_KEY, of ${signingKeyFile(config)}): de checkpoints in ${dir} zijn niet gecontroleerd.`,
      );
      if (some) problems += 1;
    } else {
      const checked = await verifyCheckpoints(database.db, dir, key.publicKey);
      for (const c of checked.latest) {
        console.log(`Checkpoint keten ${c.organisationId}: positie ${c.seq} getekend op ${c.at}`);
      }
      for (const problem of checked.problems) console.log(`FOUT ${describeCheckpointProblem(problem)}`);
      console.log(
        checked.files === 0
          ? `Geen checkpoints in ${dir}: een afgekapte of herschreven keten is zo niet te zien.`
          : `Checkpoints: ${checked.checkpoints} in ${checked.files} bestanden (${dir}).`,
      );
      problems += checked.problems.length;
    }
    const what = args.month ? `Toegangslog van ${args.month}` : 'Toegangslog';
    console.log(
      problems === 0
        ? `${what} in orde: ${report.entries} items in ${report.chains.length} ketens.`
        : `${what} NIET in orde: ${problems} problemen in ${report.entries} items.`,
    );
    const orgs = report.chains.map((c) => c.organisationId).filter((o): o is string => o !== null);
    if (orgs.length) {
      await database.db.insert(accessLog).values(
        orgs.map((organisationId) => ({
          organisationId,
          caseId: null,
          action: 'read',
          procedure: 'audit.verify',
          result: 'toegestaan' as const,
          device: 'opdrachtregel',
          reason: `ketencontrole${args.month ? ` ${args.month}` : ''}: ${problems === 0 ? 'in orde' : `${problems} problemen`}`,
        })),
      );
      // The check's own entries go onto the chain before the command ends.
      await sealAccessLog(database.db);
    }
    process.exitCode = problems === 0 ? 0 : 1;
  } finally {
    await database.close();
  }
}

main().catch((err) => {
  console.error(
    err instanceof ConfigError || err instanceof SigningKeyError || err instanceof UsageError
      ? err.message
      : err,
  );
  process.exit(2);
});
