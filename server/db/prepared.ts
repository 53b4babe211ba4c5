/**
 * The hottest statements as prepared statements: PostgreSQL parses and plans them once per
 * connection (a named statement of node-postgres), not once per request. On PGlite (one connection
 * in the process) they run as plain parameterised queries.
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Db } from './connection';

type Row = Record<string, unknown>;

/** Runs `text` (with $1… parameters) as the named statement `name` on the pool behind `db`. */
export async function queryPrepared<R extends Row>(
  db: Db,
  name: string,
  text: string,
  values: unknown[],
): Promise<R[]> {
  const client = (db as unknown as { $client?: unknown }).$client;
  if (client instanceof pg.Pool || client instanceof pg.Client) {
    return (await client.query<R>({ name, text, values })).rows;
  }
  if (client instanceof PGlite) return (await client.query<R>(text, values)).rows;
  throw new Error(`Geen databaseverbinding voor ${name}`);
}
