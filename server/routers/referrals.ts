import { verwijzingStepInput } from '../../shared/schemas/verwijzing';
import * as referrals from '../services/referrals';
import { router, supportProcedure } from '../trpc';

export const referralsRouter = router({
  queue: supportProcedure.query(({ ctx }) => referrals.referralQueue(ctx)),
  step: supportProcedure
    .input(verwijzingStepInput)
    .mutation(({ ctx, input }) => referrals.takeReferralStep(ctx, input)),
});
