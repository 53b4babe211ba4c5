/** Instroom: register new measures (form or CSV, preview first) and assign the vaste jeugdbeschermer. */
import { intakeAssignInput, intakeCsvInput, intakeEntryInput } from '../../shared/schemas/intake';
import * as intake from '../services/intake';
import { roleProcedure, router, teamleadProcedure } from '../trpc';

const intakeProcedure = roleProcedure('ondersteuner', 'teamleider');

export const intakeRouter = router({
  list: intakeProcedure.query(({ ctx }) => intake.intakeList(ctx)),
  preview: intakeProcedure
    .input(intakeCsvInput)
    .mutation(({ ctx, input }) => intake.previewCsv(ctx, input.csv)),
  import: intakeProcedure
    .input(intakeCsvInput)
    .mutation(({ ctx, input }) => intake.importCsv(ctx, input.csv)),
  register: intakeProcedure
    .input(intakeEntryInput)
    .mutation(({ ctx, input }) => intake.registerOne(ctx, input)),
  assign: teamleadProcedure.input(intakeAssignInput).mutation(({ ctx, input }) => intake.assign(ctx, input)),
});
