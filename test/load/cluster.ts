/**
 * The multi-process setup on PostgreSQL: a fresh database (migrated and seeded
 * with load workers, as its owner), the fault proxy in front of it, and N
 * server processes working through the proxy as the app role, as several
 * processes behind a load balancer would. `dispose` stops them all and drops
 * the database.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, openDatabase } from '../../server/db/connection';
import { migrate } from '../../server/db/migrate';
import { type PgProxy, startPgProxy } from './pg-proxy';
import { type LoadWorker, seedLoad } from './seed';
import { type ServerProcess, startServer } from './servers';

export interface PgCluster {
  owner: Database;
  workers: LoadWorker[];
  proxy: PgProxy;
  servers: ServerProcess[];
  baseUrls: string[];
  rssMb(): number[];
  dispose(): Promise<void>;
}

export async function startPgCluster(options: {
  adminUrl: string;
  workers: number;
  processes: number;
  log?: (line: string) => void;
}): Promise<PgCluster> {
  const log = options.log ?? (() => {});
  const name = `jb_load_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: options.adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const ownerUrl = new URL(options.adminUrl);
  ownerUrl.pathname = `/${name}`;
  const owner = await openDatabase({ kind: 'postgres', url: ownerUrl.toString(), poolSize: 3 });
  const servers: ServerProcess[] = [];
  let proxy: PgProxy | undefined;
  const dispose = async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await proxy?.close();
    await owner.close();
    const drop = new pg.Client({ connectionString: options.adminUrl });
    await drop.connect();
    await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await drop.end();
  };
  try {
    await migrate(owner);
    log(`database ${name}: seeding ${options.workers} workers`);
    const workers = await seedLoad(owner.db, options.workers);
    proxy = await startPgProxy({
      host: ownerUrl.hostname || '127.0.0.1',
      port: Number(ownerUrl.port || 5432),
    });
    const viaProxy = new URL(ownerUrl);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    const started = await Promise.all(
      Array.from({ length: options.processes }, () =>
        startServer({ databaseUrl: viaProxy.toString(), migrationUrl: ownerUrl.toString() }),
      ),
    );
    servers.push(...started);
    log(`servers: ${servers.map((s) => `${s.url} (pid ${s.pid})`).join(', ')}`);
    return {
      owner,
      workers,
      proxy,
      servers,
      baseUrls: servers.map((s) => s.url),
      rssMb: () => servers.map((s) => s.rssMb()),
      dispose,
    };
  } catch (err) {
    await dispose().catch(() => {});
    throw err;
  }
}
