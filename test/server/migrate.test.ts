import { afterEach, describe, expect, it } from 'vitest';
import { loadMigrations, MigrationMismatchError, migrate } from '../../server/db/migrate';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

let database: TestDatabase | null = null;
afterEach(async () => {
  await database?.dispose();
  database = null;
});

describe('migrations', () => {
  it('apply every known file once, in order, and nothing on a second start', async () => {
    database = await createTestDatabase({ migrated: false });
    const known = await loadMigrations();
    expect(await migrate(database)).toEqual(known.map((m) => m.name));
    expect(await migrate(database)).toEqual([]);
  });

  it('refuse a database whose applied list is not a prefix of the known one', async () => {
    database = await createTestDatabase({ migrated: false });
    const known = await loadMigrations();
    await migrate(database, [...known, { name: '9999_from_the_future.sql', sql: 'SELECT 1' }]);
    await expect(migrate(database, known)).rejects.toBeInstanceOf(MigrationMismatchError);
  });

  it('roll back a failing file completely and do not record it', async () => {
    database = await createTestDatabase({ migrated: false });
    const known = await loadMigrations();
    const broken = {
      name: '9999_broken.sql',
      sql: 'CREATE TABLE half_done (id int); SELECT * FROM missing_table;',
    };
    await expect(migrate(database, [...known, broken])).rejects.toThrow(/9999_broken.sql/);
    const tables = await database.withConnection((exec) =>
      exec("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'half_done'"),
    );
    expect(tables[0]?.n).toBe(0);
    expect(await migrate(database, known)).toEqual([]);
  });
});
