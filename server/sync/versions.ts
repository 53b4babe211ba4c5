/**
 * The per-organisation version counter. Call inside the transaction that
 * writes synced rows, and stamp those rows with the returned number. The
 * counter row stays locked until that transaction commits, so another writer
 * of the same organisation waits: versions are handed out in commit order.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/connection';

export async function nextVersion(tx: Db, organisationId: string): Promise<number> {
  const result = await tx.execute(sql`
    insert into organisation_versions (organisation_id, version) values (${organisationId}, 1)
    on conflict (organisation_id) do update set version = organisation_versions.version + 1
    returning version`);
  const rows = (result as unknown as { rows: { version: string | number }[] }).rows;
  return Number(rows[0]?.version);
}
