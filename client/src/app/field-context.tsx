/**
 * What every field screen needs: the open local store, the signed-in
 * worker, and the sync runner. Reads from the local store go through
 * TanStack Query under the key ['local', …], read again on every local change
 * and dropped from memory when the app locks.
 */
import { useQuery } from '@tanstack/react-query';
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { MutationArgs, MutationName } from '../../../shared/schemas/mutations';
import type { SessionUser } from '../../../shared/schemas/user';
import { device } from '../local/device';
import { StorageEvictedError } from '../local/storage-errors';
import type { LocalStore } from '../local/store';
import { enqueue } from '../sync/outbox';
import type { SyncRunner, SyncStatus } from '../sync/runner';

export interface Field {
  store: LocalStore;
  user: SessionUser;
  runner: SyncRunner;
}

export const FieldContext = createContext<Field | null>(null);

export function useField(): Field {
  const field = useContext(FieldContext);
  if (!field) throw new Error('useField buiten de veld-app');
  return field;
}

export const LOCAL_KEY = 'local';

export function useLocalQuery<T>(key: readonly unknown[], read: (store: LocalStore) => Promise<T>) {
  const { store } = useField();
  return useQuery({
    queryKey: [LOCAL_KEY, ...key],
    queryFn: () => read(store),
    networkMode: 'always',
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 60_000,
    retry: false,
  });
}

export function useSyncStatus(): SyncStatus {
  const { runner } = useField();
  return useSyncExternalStore(runner.subscribe, runner.getStatus);
}

/** Records a change: local write + outbox entry in one transaction, then a sync shortly after. */
export function useRecord() {
  const { store, runner } = useField();
  return async <N extends MutationName>(name: N, args: MutationArgs<N>, opts: { draftKey?: string } = {}) => {
    const id = await enqueue(store, name, args, opts).catch((error: unknown) => {
      if (error instanceof StorageEvictedError) void device.noticeEvicted();
      throw error;
    });
    runner.afterWrite();
    return id;
  };
}
