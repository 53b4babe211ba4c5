import { caseIdInput } from '../../shared/schemas/case';
import * as cases from '../services/cases';
import { caseFileProcedure, router, teamleadProcedure, workerProcedure } from '../trpc';

export const casesRouter = router({
  mine: workerProcedure.query(({ ctx }) => cases.myCaseload(ctx)),
  team: teamleadProcedure.query(({ ctx }) => cases.myCaseload(ctx)),
  file: caseFileProcedure.input(caseIdInput).query(({ ctx, input }) => cases.caseFile(ctx, input.caseId)),
});
