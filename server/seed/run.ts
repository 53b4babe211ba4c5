/**
 * `npm run seed`: demo data into the configured database, also a real
 * PostgreSQL (DATABASE_URL) — which the server itself never seeds unasked.
 * Only an empty database is seeded.
 */
import { mkdirSync } from 'node:fs';
import { loadConfig } from '../config';
import { openDatabase } from '../db/connection';
import { migrate } from '../db/migrate';
import { seedDemoIfEmpty } from './demo';

const config = loadConfig();
if (!config.DATABASE_URL && config.PGLITE_DIR !== 'memory://')
  mkdirSync(config.PGLITE_DIR, { recursive: true });
const database = await openDatabase(
  config.DATABASE_URL
    ? { kind: 'postgres', url: config.DATABASE_URL }
    : { kind: 'pglite', dataDir: config.PGLITE_DIR },
);
await migrate(database);
const seeded = await seedDemoIfEmpty(database.db);
console.log(
  seeded
    ? `Demodata aangemaakt in ${database.kind}.`
    : 'De database bevat al gegevens; er is niets toegevoegd.',
);
await database.close();
