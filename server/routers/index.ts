/** The whole API. The client imports only `type AppRouter` from here. */
import { router } from '../trpc';
import { authRouter } from './auth';
import { casesRouter } from './cases';
import { referralsRouter } from './referrals';
import { socialeKaartRouter } from './sociale-kaart';
import { syncRouter } from './sync';
import { teamRouter } from './team';

export const appRouter = router({
  auth: authRouter,
  cases: casesRouter,
  team: teamRouter,
  referrals: referralsRouter,
  kaart: socialeKaartRouter,
  sync: syncRouter,
});

export type AppRouter = typeof appRouter;
