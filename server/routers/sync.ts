import { eq } from 'drizzle-orm';
import { pushInput } from '../../shared/schemas/mutations';
import { encodeCookie, offlineReadsInput, pullInput } from '../../shared/schemas/sync';
import { recordOfflineReads } from '../audit/offline-reads';
import { syncClients } from '../db/schema';
import { isClientRevoked } from '../services/devices';
import { faultPoint } from '../sync/fault-injection';
import { checkSyncProtocol } from '../sync/protocol-version';
import { pull } from '../sync/pull';
import { push } from '../sync/push';
import { authedProcedure, fieldProcedure, router } from '../trpc';

export const syncRouter = router({
  // A revoked device's push is still applied (its user is active, or the session would be gone):
  // unsynced work lands first; the answer tells the phone to wipe itself.
  // Both check the phone's protocol version first: a refusal applies nothing (protocol-version.ts).
  push: authedProcedure.input(pushInput).mutation(async ({ ctx, input }) => {
    checkSyncProtocol(input.protocolVersion);
    const result = await push(ctx, input);
    // Test-only (inert in production): the answer is lost after the server committed (on PGlite; on
    // PostgreSQL the request's transaction is still open here).
    await faultPoint('push-after-commit');
    return (await isClientRevoked(ctx.db, input.clientId))
      ? { ...result, deviceRevoked: true as const }
      : result;
  }),
  // Whole files in bulk: the field roles' phones only (office roles read through their screens).
  // A revoked device gets no more data, only the news.
  pull: fieldProcedure.input(pullInput).mutation(async ({ ctx, input }) => {
    checkSyncProtocol(input.protocolVersion);
    if (!(await isClientRevoked(ctx.db, input.clientId))) {
      const page = await pull(ctx, input);
      await faultPoint('pull-page');
      return page;
    }
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
      serverTime: ctx.now.toISOString(),
    };
  }),
  reads: authedProcedure
    .input(offlineReadsInput)
    .mutation(({ ctx, input }) => recordOfflineReads(ctx, input)),
});
