/** The referral desk (verwijsbalie) for support staff: thin procedures over services/referrals.ts. */
import { z } from 'zod';
import { isoDate } from '../../shared/schemas/primitives';
import {
  alternativeOfferInput,
  bridgingInput,
  followUpInput,
  helpReportInput,
  queueFilterInput,
  verwijzingStepInput,
} from '../../shared/schemas/referral-desk';
import * as referrals from '../services/referrals';
import { router, supportProcedure } from '../trpc';

export const referralIdInput = z.strictObject({ id: z.uuid() });

/** Which list to export; the reports need their peildatum. */
export const exportCsvInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('queue'), filter: queueFilterInput }),
  z.strictObject({ kind: z.literal('helpReport'), peildatum: isoDate }),
  z.strictObject({ kind: z.literal('waiting'), peildatum: isoDate }),
]);

export const referralsRouter = router({
  queue: supportProcedure
    .input(queueFilterInput)
    .query(({ ctx, input }) => referrals.referralQueue(ctx, input)),
  get: supportProcedure
    .input(referralIdInput)
    .query(({ ctx, input }) => referrals.referralDetail(ctx, input.id)),
  step: supportProcedure
    .input(verwijzingStepInput)
    .mutation(({ ctx, input }) => referrals.takeReferralStep(ctx, input)),
  setBridging: supportProcedure
    .input(bridgingInput)
    .mutation(({ ctx, input }) => referrals.setBridging(ctx, input)),
  offerAlternative: supportProcedure
    .input(alternativeOfferInput)
    .mutation(({ ctx, input }) => referrals.offerAlternative(ctx, input)),
  followUp: supportProcedure
    .input(followUpInput)
    .mutation(({ ctx, input }) => referrals.followUp(ctx, input)),
  helpReport: supportProcedure
    .input(helpReportInput)
    .query(({ ctx, input }) => referrals.helpReport(ctx, input.peildatum)),
  waitingReport: supportProcedure
    .input(helpReportInput)
    .query(({ ctx, input }) => referrals.waitingTimes(ctx, input.peildatum)),
  exportCsv: supportProcedure
    .input(exportCsvInput)
    .mutation(({ ctx, input }) => referrals.exportCsv(ctx, input)),
});
