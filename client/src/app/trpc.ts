/**
 * The client's one connection to the server, for online data. Queries go as
 * POST (methodOverride), so no id or search term ends up in a URL, a proxy log
 * or the browser history. Only `type AppRouter` crosses from the server.
 */
import { QueryCache, QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import type { AppRouter } from '../../../server/routers';
import type { SessionLockReason } from '../../../shared/schemas/session-lock';

export const trpcClient = createTRPCClient<AppRouter>({
  links: [httpBatchLink({ url: '/trpc', methodOverride: 'POST', maxItems: 10 })],
});

export function errorCode(error: unknown): string | undefined {
  return error instanceof TRPCClientError ? (error.data as { code?: string } | undefined)?.code : undefined;
}

/** Why the server's session lock refused a call (`data.sessionLock`, shared/schemas/session-lock.ts). */
export function sessionLockOf(error: unknown): SessionLockReason | undefined {
  return error instanceof TRPCClientError
    ? (error.data as { sessionLock?: SessionLockReason } | undefined)?.sessionLock
    : undefined;
}

const NO_RETRY = new Set(['UNAUTHORIZED', 'FORBIDDEN', 'BAD_REQUEST', 'NOT_FOUND', 'TOO_MANY_REQUESTS']);

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({
    onError(error) {
      // A session that ran out mid-use sends the user back to the login screen.
      if (errorCode(error) === 'UNAUTHORIZED') queryClient.setQueryData(trpc.auth.me.queryKey(), null);
    },
  }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      retry: (failures, error) => !NO_RETRY.has(errorCode(error) ?? '') && failures < 2,
      refetchOnWindowFocus: false,
    },
  },
});

export const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });
