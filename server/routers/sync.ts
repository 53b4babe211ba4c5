import { eq } from 'drizzle-orm';
import { pushInput } from '../../shared/schemas/mutations';
import { encodeCookie, offlineReadsInput, pullInput } from '../../shared/schemas/sync';
import { recordOfflineReads } from '../audit/offline-reads';
import { syncClients } from '../db/schema';
import { isClientRevoked } from '../services/devices';
import { pull } from '../sync/pull';
import { push } from '../sync/push';
import { authedProcedure, router } from '../trpc';

export const syncRouter = router({
  // A revoked device's push is still applied (its user is active, or the session would be gone):
  // unsynced work lands first; the answer tells the phone to wipe itself.
  push: authedProcedure.input(pushInput).mutation(async ({ ctx, input }) => {
    const result = await push(ctx, input);
    return (await isClientRevoked(ctx.db, input.clientId))
      ? { ...result, deviceRevoked: true as const }
      : result;
  }),
  // A revoked device gets no more data, only the news.
  pull: authedProcedure.input(pullInput).mutation(async ({ ctx, input }) => {
    if (!(await isClientRevoked(ctx.db, input.clientId))) return pull(ctx, input);
    const [client] = await ctx.db
      .select({ last: syncClients.lastMutationId, userId: syncClients.userId })
      .from(syncClients)
      .where(eq(syncClients.id, input.clientId));
    return {
      cookie: input.cookie ?? encodeCookie({ since: 0, after: null }),
      more: false,
      rows: [],
      removedCaseIds: [],
      refetchedCaseIds: [],
      lastMutationId: client?.userId === ctx.user.id ? client.last : 0,
      deviceRevoked: true as const,
    };
  }),
  reads: authedProcedure
    .input(offlineReadsInput)
    .mutation(({ ctx, input }) => recordOfflineReads(ctx, input)),
});
