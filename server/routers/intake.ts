/** Instroom: register new measures (form or CSV, preview first) and assign the vaste jeugdbeschermer. */
import { intakeAssignInput, intakeCsvInput, intakeEntryInput } from '../../shared/schemas/intake';
import { assign, intakeList } from '../services/intake/assign';
import { importCsv, previewCsv, registerOne } from '../services/intake/register';
import { roleProcedure, router, teamleadProcedure } from '../trpc';

const intakeProcedure = roleProcedure('ondersteuner', 'teamleider');

export const intakeRouter = router({
  list: intakeProcedure.query(({ ctx }) => intakeList(ctx)),
  preview: intakeProcedure.input(intakeCsvInput).mutation(({ ctx, input }) => previewCsv(ctx, input.csv)),
  import: intakeProcedure.input(intakeCsvInput).mutation(({ ctx, input }) => importCsv(ctx, input.csv)),
  register: intakeProcedure.input(intakeEntryInput).mutation(({ ctx, input }) => registerOne(ctx, input)),
  assign: teamleadProcedure.input(intakeAssignInput).mutation(({ ctx, input }) => assign(ctx, input)),
});
