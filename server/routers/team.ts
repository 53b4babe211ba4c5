import * as team from '../services/team';
import { router, teamleadProcedure } from '../trpc';

export const teamRouter = router({
  overview: teamleadProcedure.query(({ ctx }) => team.teamOverview(ctx)),
});
