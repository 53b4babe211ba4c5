/**
 * Opening a child's file from Mijn caseload should not wait for the store: while the phone is idle
 * after the list is drawn, the case files of the listed children are read (decrypted) ahead, one
 * per idle moment, in the list's order, into the same query the case file screen reads. Nothing is
 * shown or logged by this: the access log counts the opening of the screen (case-file-screen.tsx).
 * The answers live as long as the other local reads: until the app locks (field-app.tsx), or a
 * local change makes them be read again when shown.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { LOCAL_KEY, useField } from '../../app/field-context';
import type { LocalStore } from '../../local/store';
import { loadCaseFile } from '../../read-models/case-file';

/** The case file screen's local query: its key and its read. */
export const caseFileQuery = (caseId: string) => ({
  key: ['case', caseId] as const,
  read: (store: LocalStore) => loadCaseFile(store, caseId),
});

/** Kept while unlocked, also unused for a while (the case file screen's own reads keep a minute). */
const PREFETCHED_MS = 15 * 60_000;

const whenIdle = (fn: () => void): (() => void) => {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(fn, { timeout: 1_000 });
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(fn, 50);
  return () => clearTimeout(handle);
};

export function usePrefetchCaseFiles(caseIds: readonly string[]): void {
  const { store } = useField();
  const queryClient = useQueryClient();
  const ids = caseIds.join(',');
  useEffect(() => {
    const queue = ids ? ids.split(',') : [];
    let cancel = () => {};
    let stopped = false;
    const next = () => {
      const caseId = queue.shift();
      // Locking drops every decrypted read (field-app.tsx), the caseload's too: nothing is read ahead after it.
      const locked = queryClient.getQueryState([LOCAL_KEY, 'caseload']) === undefined;
      if (stopped || locked || caseId === undefined) return;
      const { key, read } = caseFileQuery(caseId);
      void queryClient
        .prefetchQuery({
          queryKey: [LOCAL_KEY, ...key],
          queryFn: () => read(store),
          networkMode: 'always',
          staleTime: Number.POSITIVE_INFINITY,
          gcTime: PREFETCHED_MS,
          retry: false,
        })
        .finally(() => {
          cancel = whenIdle(next);
        });
    };
    cancel = whenIdle(next);
    return () => {
      stopped = true;
      cancel();
    };
  }, [ids, store, queryClient]);
}
