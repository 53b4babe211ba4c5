/** The whole API. The client imports only `type AppRouter` from here. */
import { router } from '../trpc';
import { authRouter } from './auth';
import { casesRouter } from './cases';
import { referralsRouter } from './referrals';
import { teamRouter } from './team';

export const appRouter = router({
  auth: authRouter,
  cases: casesRouter,
  team: teamRouter,
  referrals: referralsRouter,
});

export type AppRouter = typeof appRouter;
