/**
 * The norms dashboard: team leads, their own team. It names children with their norms, workers and
 * koers dates, which is not what a referral needs: support staff have the passende-hulp norm in
 * the desk's report (verwijzingen.helpReport).
 */
import { z } from 'zod';
import { GROUP_BYS } from '../../shared/rules/norm-dashboard';
import { NORM_KEYS } from '../../shared/rules/norms';
import { isoDate } from '../../shared/schemas/primitives';
import * as norms from '../services/norms-dashboard';
import { router, teamleadProcedure } from '../trpc';

const boardInput = z.strictObject({
  /** Default: today in the Netherlands. */
  peildatum: isoDate.optional(),
  groupBy: z.enum(GROUP_BYS).default('team'),
});

const exportInput = boardInput.extend({
  list: z.enum(['breaches', 'upcoming']),
  groupKey: z.string().max(100).nullable().default(null),
  norm: z.enum(NORM_KEYS).nullable().default(null),
});

const dashboardProcedure = teamleadProcedure;

export const normsDashboardRouter = router({
  board: dashboardProcedure.input(boardInput).query(({ ctx, input }) => norms.normsDashboard(ctx, input)),
  exportCsv: dashboardProcedure.input(exportInput).mutation(({ ctx, input }) => norms.exportCsv(ctx, input)),
});
