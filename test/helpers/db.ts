/**
 * A fresh, migrated database for one test file: PGlite in memory, or — in the
 * PostgreSQL project (TEST_DB=postgres) — a new database on DATABASE_URL's
 * server, dropped again afterwards.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, openDatabase } from '../../server/db/connection';
import { migrate } from '../../server/db/migrate';

export const testDbKind = (): 'pglite' | 'postgres' =>
  process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite';

export interface TestDatabase extends Database {
  /** Drops the database (PostgreSQL) and closes connections. */
  dispose(): Promise<void>;
  url?: string;
}

export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const migrated = options.migrated ?? true;
  if (testDbKind() === 'pglite') {
    const database = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
    if (migrated) await migrate(database);
    return { ...database, dispose: () => database.close() };
  }
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DB=postgres needs DATABASE_URL');
  const name = `jb_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 5 });
  if (migrated) await migrate(database);
  return {
    ...database,
    url: url.toString(),
    async dispose() {
      await database.close();
      const drop = new pg.Client({ connectionString: adminUrl });
      await drop.connect();
      await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await drop.end();
    },
  };
}
