/**
 * What the app-update banner (app/pwa-update.tsx) needs to know of sync, which
 * lives deeper in the tree: how many changes still wait for the server,
 * whether the last sync succeeded, whether the server asked for a newer app,
 * and a way to sync now. The running sync runner publishes here; with no
 * runner (locked, signed out, office screens) `active` is false.
 */
export type VersionSkew = 'update-required' | 'server-behind' | null;

export interface UpdateGateState {
  active: boolean;
  pending: number;
  /** The last sync attempt succeeded (so `pending` is what the server has not got). */
  synced: boolean;
  versionSkew: VersionSkew;
}

let state: UpdateGateState = { active: false, pending: 0, synced: false, versionSkew: null };
let syncer: (() => Promise<void>) | null = null;
const listeners = new Set<() => void>();

export const updateGate = {
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
  get: (): UpdateGateState => state,
  publish(next: UpdateGateState, syncNow: (() => Promise<void>) | null) {
    syncer = syncNow;
    if (
      next.active === state.active &&
      next.pending === state.pending &&
      next.synced === state.synced &&
      next.versionSkew === state.versionSkew
    )
      return;
    state = next;
    for (const listener of listeners) listener();
  },
  syncNow: (): Promise<void> => syncer?.() ?? Promise.resolve(),
};
