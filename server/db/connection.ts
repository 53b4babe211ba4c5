/**
 * One data-access layer over two engines: PGlite (embedded, in-process; the
 * default so a fresh clone runs without a database server) and PostgreSQL
 * (when DATABASE_URL is set). Both speak the same SQL and get the same
 * migrations; services only see `Db`.
 */
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { UUID_PATTERN } from './ids';
import * as schema from './schema';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type DbKind = 'pglite' | 'postgres';

/** Runs plain SQL text (several statements allowed) on one connection. */
export type RawExec = (sqlText: string) => Promise<Record<string, unknown>[]>;

export interface Database {
  kind: DbKind;
  db: Db;
  /**
   * PostgreSQL only: a small pool of its own for access-log entries (see
   * server/audit/access-log.ts). PGlite has one connection; entries go
   * through the request's own `db` there.
   */
  auditDb?: Db;
  /**
   * PostgreSQL only: the pool of one organisation. Its connections carry `app.organisation_id` from
   * the moment they open (a startup parameter), so row-level security scopes every statement on them
   * without a transaction or a `set_config` round trip; a connection serves that one organisation
   * for its whole life. Made on first use.
   */
  forOrganisation?(organisationId: string): Db;
  /** Borrow one connection for work that must stay on it (migrations, advisory locks). */
  withConnection<T>(fn: (exec: RawExec) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | {
      kind: 'postgres';
      url: string;
      poolSize?: number;
      /**
       * The role every connection works as (`SET ROLE`), e.g. jb_app: it does
       * not own the tables, so row-level security applies and the access log
       * is insert-only. Null: the login role as it is (migrations, seeding).
       */
      appRole?: string | null;
    }
  | { kind: 'pglite'; dataDir: string };

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** A pool on `url` as `appRole` (and, given, one organisation); its clients never crash the process. */
export function postgresPool(
  url: string,
  max: number,
  appRole: string | null,
  organisationId: string | null = null,
) {
  if (appRole !== null && !ROLE_NAME.test(appRole)) throw new Error(`Ongeldige databaserol: ${appRole}`);
  if (organisationId !== null && !UUID_PATTERN.test(organisationId)) {
    throw new Error(`Ongeldige organisatie: ${organisationId}`);
  }
  const options = [
    ...(appRole ? [`-c role=${appRole}`] : []),
    ...(organisationId ? [`-c app.organisation_id=${organisationId}`] : []),
  ];
  // The role is a startup parameter: a connection that may not take it fails to open (never falls
  // back to the login role), and RESET ROLE returns to it, not to the login role.
  const pool = new pg.Pool({
    connectionString: url,
    max,
    // Never wait for ever: a database that does not answer (restarting, cut off) becomes a clear
    // error within seconds (503 to the client), not a hung request. Also bounds the wait for a free
    // connection when all are busy.
    connectionTimeoutMillis: 10_000,
    ...(options.length ? { options: options.join(' ') } : {}),
  });
  // An idle client losing its connection (e.g. the database restarting) must not crash the process.
  pool.on('error', () => {});
  // Nor a checked-out one between two queries of a transaction: the pool takes its own listener off
  // while a client is lent out, and an 'error' event without a listener kills the process. The
  // client is unusable after it; its next query fails (a 503 for the request) and the pool drops it
  // on release.
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });
  return pool;
}

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'postgres') {
    const appRole = target.appRole ?? null;
    const pool = postgresPool(target.url, target.poolSize ?? 10, appRole);
    const auditPool = postgresPool(target.url, 3, appRole);
    const organisationPools = new Map<string, { pool: pg.Pool; db: Db }>();
    return {
      kind: 'postgres',
      db: drizzlePg({ client: pool, schema, casing: 'snake_case' }) as unknown as Db,
      auditDb: drizzlePg({ client: auditPool, schema, casing: 'snake_case' }) as unknown as Db,
      forOrganisation(organisationId) {
        let entry = organisationPools.get(organisationId);
        if (!entry) {
          const orgPool = postgresPool(target.url, target.poolSize ?? 10, appRole, organisationId);
          entry = {
            pool: orgPool,
            db: drizzlePg({ client: orgPool, schema, casing: 'snake_case' }) as unknown as Db,
          };
          organisationPools.set(organisationId, entry);
        }
        return entry.db;
      },
      async withConnection(fn) {
        const client = await pool.connect();
        try {
          return await fn(async (text) => (await client.query(text)).rows ?? []);
        } finally {
          client.release();
        }
      },
      close: async () => {
        await Promise.all([
          pool.end(),
          auditPool.end(),
          ...[...organisationPools.values()].map((o) => o.pool.end()),
        ]);
      },
    };
  }
  const pglite = new PGlite(target.dataDir === 'memory://' ? undefined : target.dataDir);
  await pglite.waitReady;
  return {
    kind: 'pglite',
    db: drizzlePglite({ client: pglite, schema, casing: 'snake_case' }) as unknown as Db,
    async withConnection(fn) {
      return fn(async (text) => {
        const results = await pglite.exec(text);
        return (results.at(-1)?.rows ?? []) as Record<string, unknown>[];
      });
    },
    close: () => pglite.close(),
  };
}
