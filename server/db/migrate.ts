/**
 * Applies the ordered SQL files in migrations/ at start, each in its own
 * transaction, under an advisory lock so several server processes starting at
 * once apply each file exactly once. Refuses a database whose applied list is
 * not a prefix of the files we know: that database was migrated by other code.
 */
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Database } from './connection';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
// Any fixed number; only this app takes it.
const MIGRATION_LOCK = 7_513_2026;

export interface Migration {
  name: string;
  sql: string;
}

export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  return Promise.all(files.map(async (name) => ({ name, sql: await readFile(`${dir}/${name}`, 'utf8') })));
}

export class MigrationMismatchError extends Error {}

const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** Returns the names of the migrations it applied now. */
export async function migrate(database: Database, migrations?: Migration[]): Promise<string[]> {
  const known = migrations ?? (await loadMigrations());
  return database.withConnection(async (exec) => {
    await exec(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
    try {
      await exec(
        'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      const applied = (await exec('SELECT name FROM schema_migrations ORDER BY name')).map((r) =>
        String(r.name),
      );
      applied.forEach((name, i) => {
        if (known[i]?.name !== name) {
          throw new MigrationMismatchError(
            `De database heeft migratie ${name} toegepast die deze versie niet kent (verwacht: ${known[i]?.name ?? 'geen'}). Start de juiste versie van de server.`,
          );
        }
      });
      const pending = known.slice(applied.length);
      for (const m of pending) {
        await exec('BEGIN');
        try {
          await exec(m.sql);
          await exec(`INSERT INTO schema_migrations (name) VALUES (${quote(m.name)})`);
          await exec('COMMIT');
        } catch (err) {
          await exec('ROLLBACK');
          throw new Error(`Migratie ${m.name} mislukt: ${(err as Error).message}`);
        }
      }
      return pending.map((m) => m.name);
    } finally {
      await exec(`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`);
    }
  });
}
