/** The whole API. The client imports only `type AppRouter` from here. */
import { router } from '../trpc';
import { accessLogRouter } from './access-log';
import { attachmentsRouter } from './attachments';
import { authRouter } from './auth';
import { casesRouter } from './cases';
import { devicesRouter } from './devices';
import { documentsRouter } from './documents';
import { intakeRouter } from './intake';
import { measuresRouter } from './measures';
import { normsDashboardRouter } from './norms-dashboard';
import { remindersRouter } from './reminders';
import { sessionRouter } from './session';
import { socialeKaartRouter } from './sociale-kaart';
import { syncRouter } from './sync';
import { teamRouter } from './team';
import { verwijzingenRouter } from './verwijzingen';
import { waitingListRouter } from './waiting-list';

export const appRouter = router({
  auth: authRouter,
  accessLog: accessLogRouter,
  cases: casesRouter,
  measures: measuresRouter,
  team: teamRouter,
  verwijzingen: verwijzingenRouter,
  kaart: socialeKaartRouter,
  sync: syncRouter,
  intake: intakeRouter,
  waitingList: waitingListRouter,
  normsDashboard: normsDashboardRouter,
  devices: devicesRouter,
  session: sessionRouter,
  reminders: remindersRouter,
  attachments: attachmentsRouter,
  documents: documentsRouter,
});

export type AppRouter = typeof appRouter;
