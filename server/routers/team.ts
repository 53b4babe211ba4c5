import { reassignInput } from '../../shared/schemas/team';
import * as team from '../services/team';
import { router, teamleadProcedure } from '../trpc';

export const teamRouter = router({
  overview: teamleadProcedure.query(({ ctx }) => team.teamOverview(ctx)),
  reassign: teamleadProcedure
    .input(reassignInput)
    .mutation(({ ctx, input }) => team.reassignCase(ctx, input)),
});
