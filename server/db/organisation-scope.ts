/**
 * Row-level security's key: inside a transaction, which organisation this
 * connection works for. The policies of migration 0011 show a table's rows
 * only when their organisation_id equals it; unset, nothing is visible. The
 * setting is transaction-local, so a pooled connection never carries it into
 * someone else's request.
 */
import { sql } from 'drizzle-orm';
import type { Db } from './connection';
import { inTransaction } from './transaction';

export async function scopeToOrganisation(tx: Db, organisationId: string): Promise<void> {
  await tx.execute(sql`select set_config('app.organisation_id', ${organisationId}, true)`);
}

/** Runs `fn` in a transaction that sees (and may write) only this organisation's rows. */
export function withOrganisation<T>(db: Db, organisationId: string, fn: (tx: Db) => Promise<T>): Promise<T> {
  return inTransaction(db, async (tx) => {
    await scopeToOrganisation(tx, organisationId);
    return fn(tx);
  });
}

/**
 * Before the organisation is known, a row is found by the secret that points
 * at it (migration 0018): a session by its token's hash, a device by its
 * secret's hash. Holding the secret is the right to that one row; the
 * setting is transaction-local like the organisation's.
 */
export async function scopeToSecret(
  tx: Db,
  secret: { sessionTokenHash: string } | { deviceSecretHash: string },
): Promise<void> {
  const [name, value] =
    'sessionTokenHash' in secret
      ? ['app.session_token_hash', secret.sessionTokenHash]
      : ['app.device_secret_hash', secret.deviceSecretHash];
  await tx.execute(sql`select set_config(${name}, ${value}, true)`);
}
