/**
 * One typed way into a transaction. Drizzle hands its callback a
 * `PgTransaction`, a narrower type than the `Db` every service helper takes,
 * though it runs the same queries; this is the one place that says so. Called
 * on a transaction, it opens a savepoint: a failure inside rolls back only
 * what ran inside (sync.push relies on that for a refused mutation).
 */
import type { Db } from './connection';

export function inTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction((tx) => fn(tx as unknown as Db));
}
