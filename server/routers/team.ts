import {
  complexDivorceInput,
  moveCasesInput,
  organisationSettingsInput,
  reassignInput,
} from '../../shared/schemas/team';
import { saveSettings } from '../services/settings';
import * as team from '../services/team';
import { roleProcedure, router, teamleadProcedure } from '../trpc';

export const teamRouter = router({
  overview: teamleadProcedure.query(({ ctx }) => team.teamOverview(ctx)),
  reassign: teamleadProcedure
    .input(reassignInput)
    .mutation(({ ctx, input }) => team.reassignCase(ctx, input)),
  balance: teamleadProcedure.query(({ ctx }) => team.teamBalance(ctx)),
  /** The balance as CSV for a spreadsheet: a step-up first, each child logged as exported. */
  exportBalanceCsv: teamleadProcedure.mutation(({ ctx }) => team.exportBalanceCsv(ctx)),
  setComplexDivorce: teamleadProcedure
    .input(complexDivorceInput)
    .mutation(({ ctx, input }) => team.setComplexDivorce(ctx, input)),
  moveCases: teamleadProcedure.input(moveCasesInput).mutation(({ ctx, input }) => team.moveCases(ctx, input)),
  /** The caseload band and weights and the holiday policy of the organisation (team leads and beheerders). */
  saveSettings: roleProcedure('teamleider', 'beheerder')
    .input(organisationSettingsInput)
    .mutation(({ ctx, input }) => saveSettings(ctx, input)),
});
