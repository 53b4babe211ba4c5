import {
  accessLogEntriesInput,
  accessLogFilter,
  accessLogSearchInput,
} from '../../shared/schemas/access-log';
import * as reader from '../audit/reader';
import { adminProcedure, router } from '../trpc';

/** The access log, for the beheerder only; each call that reads it needs a fresh authentication and is itself logged. */
export const accessLogRouter = router({
  searchCases: adminProcedure
    .input(accessLogSearchInput)
    .mutation(({ ctx, input }) => reader.searchCases(ctx, input)),
  verifyChain: adminProcedure.mutation(({ ctx }) => reader.verifyChain(ctx)),
  /** By child, user and period. */
  entries: adminProcedure
    .input(accessLogEntriesInput)
    .mutation(({ ctx, input }) => reader.entries(ctx, input)),
  exportCsv: adminProcedure.input(accessLogFilter).mutation(({ ctx, input }) => reader.exportCsv(ctx, input)),
  users: adminProcedure.query(({ ctx }) => reader.logUsers(ctx)),
});
