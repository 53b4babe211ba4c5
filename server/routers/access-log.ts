import { accessLogForCaseInput, accessLogSearchInput } from '../../shared/schemas/access-log';
import * as reader from '../audit/reader';
import { adminProcedure, router } from '../trpc';

/** The access log, for the beheerder only; each call needs a fresh authentication and is itself logged. */
export const accessLogRouter = router({
  searchCases: adminProcedure
    .input(accessLogSearchInput)
    .mutation(({ ctx, input }) => reader.searchCases(ctx, input)),
  verifyChain: adminProcedure.mutation(({ ctx }) => reader.verifyChain(ctx)),
  forCase: adminProcedure
    .input(accessLogForCaseInput)
    .mutation(({ ctx, input }) => reader.forCase(ctx, input)),
});
