import { helpReportInput, verwijzingStepInput } from '../../shared/schemas/verwijzing';
import * as referrals from '../services/referrals';
import { router, supportProcedure } from '../trpc';

export const referralsRouter = router({
  queue: supportProcedure.query(({ ctx }) => referrals.referralQueue(ctx)),
  helpReport: supportProcedure
    .input(helpReportInput)
    .query(({ ctx, input }) => referrals.helpReport(ctx, input.peildatum)),
  step: supportProcedure
    .input(verwijzingStepInput)
    .mutation(({ ctx, input }) => referrals.takeReferralStep(ctx, input)),
});
