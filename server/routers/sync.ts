import { pushInput } from '../../shared/schemas/mutations';
import { offlineReadsInput, pullInput } from '../../shared/schemas/sync';
import { recordOfflineReads } from '../audit/offline-reads';
import { assertSyncDevice } from '../services/devices/session-device';
import { faultPoint } from '../sync/fault-injection';
import { checkSyncProtocol } from '../sync/protocol-version';
import { pull } from '../sync/pull';
import { push } from '../sync/push';
import { authedProcedure, fieldProcedure, router, workerProcedure } from '../trpc';

export const syncRouter = router({
  // Each checks the phone's protocol version first (a refusal applies nothing: protocol-version.ts),
  // then that the session may sync as this client: its own device's, never a revoked one's.
  push: authedProcedure.input(pushInput).mutation(async ({ ctx, input }) => {
    checkSyncProtocol(input.protocolVersion);
    await assertSyncDevice(ctx, input.clientId, 'sync.push');
    const result = await push(ctx, input);
    // Test-only (inert in production): the answer is lost after the server committed (on PGlite; on
    // PostgreSQL the request's transaction is still open here).
    await faultPoint('push-after-commit');
    return result;
  }),
  // Whole files in bulk: the field roles' phones only (office roles read through their screens).
  // A revoked device gets no more data, only the news.
  // Each statement on its own (server/trpc.ts ProcedureMeta): the cursor needs no snapshot.
  pull: fieldProcedure
    .meta({ scope: 'statement' })
    .input(pullInput)
    .mutation(async ({ ctx, input }) => {
      checkSyncProtocol(input.protocolVersion);
      await assertSyncDevice(ctx, input.clientId, 'sync.pull');
      const page = await pull(ctx, input);
      await faultPoint('pull-page');
      return page;
    }),
  // Reads are made in the field app, which only a jeugdbeschermer's phone runs.
  reads: workerProcedure.input(offlineReadsInput).mutation(async ({ ctx, input }) => {
    await assertSyncDevice(ctx, input.clientId, 'sync.reads');
    return recordOfflineReads(ctx, input);
  }),
});
