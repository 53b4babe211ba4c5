/**
 * Starts the server: configuration, database (PGlite by default, PostgreSQL
 * with DATABASE_URL), migrations, demo data on a fresh embedded database,
 * the periodic sweep of expired rows, the access log's months (partitions made
 * ahead, months past the retention term dropped), its signed checkpoints, the
 * daily reminders (services/reminders), then
 * listen on PORT. Stops cleanly on SIGTERM/SIGINT, signing the chain heads once more.
 */
import { mkdirSync } from 'node:fs';
import { buildApp, remindersOf } from './app';
import { startCheckpoints } from './audit/checkpoints';
import { startAccessLogUpkeep } from './audit/partitions';
import { loadSigningKey, SigningKeyError } from './audit/signing-key';
import { ConfigError, loadConfig } from './config';
import { openDatabase } from './db/connection';
import { migrate } from './db/migrate';
import { seedDemoIfEmpty } from './seed/demo';
import { startReminderScheduler } from './services/reminders/reminders';
import { startRetentionSweep } from './services/retention';

async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  // A throwaway in-memory database (the browser tests) has no access log worth anchoring.
  const throwaway = !config.DATABASE_URL && config.PGLITE_DIR === 'memory://';
  // The key of the access log's checkpoints: never in the database (server/audit/checkpoints.ts).
  const signingKey = await loadSigningKey(config, { create: !throwaway }).catch((err) => {
    if (!(err instanceof SigningKeyError)) throw err;
    console.error(err.message);
    process.exit(1);
  });
  if (!config.DATABASE_URL && !throwaway) mkdirSync(config.PGLITE_DIR, { recursive: true });
  // PostgreSQL: migrations and demo data as the tables' owner; the server itself works as the app
  // role (row-level security, insert-only access log). PGlite: one embedded connection for both.
  const owner = await openDatabase(
    config.DATABASE_URL
      ? { kind: 'postgres', url: config.DATABASE_MIGRATION_URL ?? config.DATABASE_URL, poolSize: 1 }
      : { kind: 'pglite', dataDir: config.PGLITE_DIR },
  );
  const applied = await migrate(owner);
  if (applied.length) console.log(`Migraties toegepast: ${applied.join(', ')}`);

  // Demo data goes into the embedded database by default, never into a real PostgreSQL unless asked.
  const seed = config.SEED_DEMO === 'yes' || (config.SEED_DEMO === 'auto' && owner.kind === 'pglite');
  if (seed && (await seedDemoIfEmpty(owner.db)))
    console.log('Demodata aangemaakt (zie README voor de accounts).');

  let database = owner;
  if (config.DATABASE_URL) {
    await owner.close();
    const appRole = config.DATABASE_APP_ROLE === 'off' ? null : config.DATABASE_APP_ROLE;
    database = await openDatabase({ kind: 'postgres', url: config.DATABASE_URL, appRole });
  }

  const app = await buildApp({ config, database, logger: { level: config.LOG_LEVEL } });
  // Old sign-in attempts and expired provider sign-ins go, now and every few minutes.
  const stopSweep = startRetentionSweep(database.db, config, {
    onError: (error) => app.log.error({ err: error }, 'Opruimen van verlopen rijen mislukt'),
  });
  // The access log's coming months get their partition; months past the retention term go.
  const stopUpkeep = startAccessLogUpkeep(database.db, config, {
    onError: (error) => app.log.error({ err: error }, 'Onderhoud van het toegangslog mislukt'),
    onDropped: (months) => {
      for (const m of months) {
        if (m.dropped)
          app.log.info(`Toegangslog: maand ${m.month} verwijderd na de bewaartermijn (${m.entries} items)`);
        else app.log.warn(`Toegangslog: maand ${m.month} is over de bewaartermijn maar blijft: ${m.note}`);
      }
    },
  });
  const checkpoints =
    signingKey && !throwaway
      ? startCheckpoints(database.db, config, signingKey.privateKey, {
          info: (msg) => app.log.info(msg),
          error: (msg) => app.log.error(msg),
        })
      : null;
  // The workers' daily digests, checked every minute (services/reminders; once a day each, across processes).
  const reminderScheduler = startReminderScheduler(remindersOf(app), {
    onError: (error) =>
      app.log.error({ err: { name: (error as Error)?.name } }, 'Versturen van herinneringen mislukt'),
  });
  const shutdown = async () => {
    stopSweep();
    stopUpkeep();
    await reminderScheduler.stop();
    await app.close();
    await checkpoints?.stop();
    await database.close();
    process.exit(0);
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  await app.listen({ port: config.PORT, host: config.HOST });
  console.log(`Klaar: http://${config.HOST}:${config.PORT} (database: ${database.kind})`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
