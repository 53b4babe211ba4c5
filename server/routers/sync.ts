import { pushInput } from '../../shared/schemas/mutations';
import { push } from '../sync/push';
import { authedProcedure, router } from '../trpc';

export const syncRouter = router({
  push: authedProcedure.input(pushInput).mutation(({ ctx, input }) => push(ctx, input)),
});
