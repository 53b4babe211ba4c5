/**
 * Storage trouble on the phone, as errors the app can tell apart: the
 * device's storage is full (IndexedDB quota), or the browser deleted the
 * local database out from under the app (eviction, "clear site data"). A
 * write that fails either way has written nothing: every user action is one
 * Dexie transaction, which IndexedDB rolls back whole.
 */

/** IndexedDB refused a write: the storage quota of this site is used up. */
export class StorageFullError extends Error {
  override name = 'StorageFullError';
  constructor(options?: ErrorOptions) {
    super('Geheugen vol', options);
  }
}

/** The local database lost its keys and sync state while the app was using it: the browser wiped it. */
export class StorageEvictedError extends Error {
  override name = 'StorageEvictedError';
  constructor() {
    super('Gegevens gewist');
  }
}

/** A quota error, however deep Dexie or an aborted transaction wrapped it. */
export function isQuotaError(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; depth++) {
    const { name, inner, cause } = e as { name?: string; inner?: unknown; cause?: unknown };
    if (name === 'QuotaExceededError') return true;
    e = inner ?? cause;
  }
  return false;
}

/** The error to show for a failed local write: a storage error as such, anything else as it is. */
export const asStorageError = (error: unknown): unknown =>
  isQuotaError(error) && !(error instanceof StorageFullError)
    ? new StorageFullError({ cause: error })
    : error;
