/**
 * The hottest statements as prepared statements: PostgreSQL parses and plans them once per
 * connection (a named statement of node-postgres), not once per request. On PGlite (one connection
 * in the process) they run as plain parameterised queries, planned at every call; a statement whose
 * planning costs more than its run (the pull's rows) becomes a session function there instead.
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

export const isPglite = (db: Db) => (db as unknown as { $client?: unknown }).$client instanceof PGlite;

const sessionFunctions = new WeakMap<PGlite, Set<string>>();

/**
 * Runs `text` (with $1… parameters, each of `parameterTypes`) on PGlite as the PL/pgSQL function
 * `pg_temp.<name>`, made at its first use: PL/pgSQL keeps the plan of RETURN QUERY for the session,
 * and PGlite's one session lasts as long as the process. PGlite's query API has no named statements,
 * so a plain query is planned at every call (for the pull's rows about 20 ms, more than the run).
 * `returns` names and types the statement's columns in order.
 */
export async function querySessionFunction<R extends Row>(
  db: Db,
  fn: { name: string; text: string; parameterTypes: readonly string[]; returns: string; values: unknown[] },
): Promise<R[]> {
  const client = (db as unknown as { $client?: unknown }).$client;
  if (!(client instanceof PGlite)) throw new Error(`${fn.name}: alleen voor PGlite`);
  const made = sessionFunctions.get(client) ?? new Set<string>();
  sessionFunctions.set(client, made);
  const signature = `pg_temp.${fn.name}(${fn.parameterTypes.join(', ')})`;
  if (!made.has(fn.name)) {
    // The statement's own names win over the function's result columns (#variable_conflict).
    await client.exec(
      `CREATE OR REPLACE FUNCTION ${signature} RETURNS TABLE (${fn.returns}) LANGUAGE plpgsql AS $fn$
#variable_conflict use_column
BEGIN
  RETURN QUERY ${fn.text};
END $fn$`,
    );
    made.add(fn.name);
  }
  const args = fn.parameterTypes.map((type, i) => `$${i + 1}::${type}`).join(', ');
  return (await client.query<R>(`select * from pg_temp.${fn.name}(${args})`, fn.values)).rows;
}
