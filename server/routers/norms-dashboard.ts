/** The norms dashboard: team leads see their own team, support staff the organisation. */
import { z } from 'zod';
import { GROUP_BYS } from '../../shared/rules/norm-dashboard';
import { NORM_KEYS } from '../../shared/rules/norms';
import { isoDate } from '../../shared/schemas/primitives';
import * as norms from '../services/norms-dashboard';
import { roleProcedure, router } from '../trpc';

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

const dashboardProcedure = roleProcedure('teamleider', 'ondersteuner');

export const normsDashboardRouter = router({
  board: dashboardProcedure.input(boardInput).query(({ ctx, input }) => norms.normsDashboard(ctx, input)),
  exportCsv: dashboardProcedure.input(exportInput).mutation(({ ctx, input }) => norms.exportCsv(ctx, input)),
});
