/**
 * Drafts of forms (a contact report being written): saved encrypted as the
 * user types, so closing the app or a dead battery loses nothing. A draft is
 * deleted in the same transaction that saves the real thing (see enqueue).
 */
import type { LocalStore } from './store';

export async function loadDraft<T>(store: LocalStore, key: string): Promise<T | null> {
  const row = await store.db.drafts.get(key);
  return row ? store.keyring.decrypt<T>('drafts', key, row.blob) : null;
}

export async function saveDraft(store: LocalStore, key: string, value: unknown): Promise<void> {
  const blob = await store.keyring.encrypt('drafts', key, value);
  await store.db.drafts.put({ key, updatedAt: new Date().toISOString(), blob });
}

/** A draft the user threw away (a saved form deletes its draft in the save's own transaction instead). */
export async function deleteDraft(store: LocalStore, key: string): Promise<void> {
  await store.db.drafts.delete(key);
}
