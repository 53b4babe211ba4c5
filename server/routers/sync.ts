import { pushInput } from '../../shared/schemas/mutations';
import { offlineReadsInput, pullInput } from '../../shared/schemas/sync';
import { recordOfflineReads } from '../audit/offline-reads';
import { pull } from '../sync/pull';
import { push } from '../sync/push';
import { authedProcedure, router } from '../trpc';

export const syncRouter = router({
  push: authedProcedure.input(pushInput).mutation(({ ctx, input }) => push(ctx, input)),
  pull: authedProcedure.input(pullInput).mutation(({ ctx, input }) => pull(ctx, input)),
  reads: authedProcedure
    .input(offlineReadsInput)
    .mutation(({ ctx, input }) => recordOfflineReads(ctx, input)),
});
