/**
 * `npm run audit:verify`: checks the access log's hash chains in the database
 * the server is configured for (DATABASE_URL, else the embedded PGlite in
 * PGLITE_DIR — stop the server first, PGlite has one user). Prints each
 * chain's head and every problem by entry id; exits 1 when there is any.
 * The check is itself logged, as a read of the log by the command line.
 */
import { ConfigError, loadConfig } from '../config';
import { openDatabase } from '../db/connection';
import { accessLog } from '../db/schema';
import { describeProblem, verifyAccessLog } from './chain';

async function main() {
  const config = loadConfig();
  const database = await openDatabase(
    config.DATABASE_URL
      ? { kind: 'postgres', url: config.DATABASE_MIGRATION_URL ?? config.DATABASE_URL, appRole: null }
      : { kind: 'pglite', dataDir: config.PGLITE_DIR },
  );
  try {
    const report = await verifyAccessLog(database.db);
    for (const chain of report.chains) {
      console.log(
        `Keten ${chain.organisationId ?? '(geen organisatie)'}: ${chain.entries} items, kop positie ${chain.headSeq}, hash ${chain.headHash}`,
      );
    }
    for (const problem of report.problems) console.log(`FOUT ${describeProblem(problem)}`);
    console.log(
      report.ok
        ? `Toegangslog in orde: ${report.entries} items in ${report.chains.length} ketens.`
        : `Toegangslog NIET in orde: ${report.problems.length} problemen in ${report.entries} items.`,
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
          reason: report.ok ? 'ketencontrole: in orde' : `ketencontrole: ${report.problems.length} problemen`,
        })),
      );
    }
    process.exitCode = report.ok ? 0 : 1;
  } finally {
    await database.close();
  }
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(2);
});
