/**
 * What the user has seen and opened on this device: per case the highest row
 * version they looked at (newer rows from others mark the case unread), up to
 * which version the notices about their requests for help were dismissed, and
 * each opening of a child's file (uploaded to the access log at the next
 * sync). Storage only: the read models compare against these marks, the sync
 * sets them after the first pull.
 */
import type { LocalStore } from './store';

/** The user has looked at a case whose rows, as shown, go up to `version` (no second read of the store). */
export async function markCaseSeen(store: LocalStore, caseId: string, version: number): Promise<void> {
  await store.db.seen.put({ caseId, version });
}

/** After the first sync: everything on the device is the starting point, not news. */
export async function markAllSeen(store: LocalStore, highestVersion: number): Promise<void> {
  const { db } = store;
  const caseKeys = await db.bundlesOf('case').primaryKeys();
  // Versions are per organisation and only grow: the highest one pulled covers every row on the device.
  await db.seen.bulkPut(
    caseKeys.map((key) => ({ caseId: String(key).slice('case:'.length), version: highestVersion })),
  );
  await db.setMeta('noticesSeen', highestVersion);
}

/** Records that the user opened a child's file on this device; uploaded to the access log at sync. */
export async function logLocalRead(store: LocalStore, caseId: string, at = new Date()): Promise<void> {
  await store.db.reads.add({ id: crypto.randomUUID(), caseId, at: at.toISOString() });
}

/** The user dismissed the notices about their requests up to this version. */
export async function dismissVerwijzingNotices(store: LocalStore, upToVersion: number): Promise<void> {
  const seen = (await store.db.getMeta('noticesSeen')) ?? 0;
  if (upToVersion > seen) await store.db.setMeta('noticesSeen', upToVersion);
}
