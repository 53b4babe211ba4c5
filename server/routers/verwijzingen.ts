/** The referral desk (verwijsbalie) for support staff: thin procedures over services/verwijzingen/. */
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
import { verwijzingDetail } from '../services/verwijzingen/detail';
import { followUp, offerAlternative, setBridging } from '../services/verwijzingen/events';
import { exportCsv } from '../services/verwijzingen/export';
import { listQueue } from '../services/verwijzingen/queue';
import { helpReport, waitingTimes } from '../services/verwijzingen/reports';
import { takeStep } from '../services/verwijzingen/steps';
import { router, supportProcedure } from '../trpc';

export const verwijzingIdInput = z.strictObject({ id: z.uuid() });

/** Which list to export; the reports need their peildatum. */
export const exportCsvInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('queue'), filter: queueFilterInput }),
  z.strictObject({ kind: z.literal('helpReport'), peildatum: isoDate }),
  z.strictObject({ kind: z.literal('waiting'), peildatum: isoDate }),
]);

export const verwijzingenRouter = router({
  queue: supportProcedure.input(queueFilterInput).query(({ ctx, input }) => listQueue(ctx, input)),
  get: supportProcedure.input(verwijzingIdInput).query(({ ctx, input }) => verwijzingDetail(ctx, input.id)),
  step: supportProcedure.input(verwijzingStepInput).mutation(({ ctx, input }) => takeStep(ctx, input)),
  setBridging: supportProcedure.input(bridgingInput).mutation(({ ctx, input }) => setBridging(ctx, input)),
  offerAlternative: supportProcedure
    .input(alternativeOfferInput)
    .mutation(({ ctx, input }) => offerAlternative(ctx, input)),
  followUp: supportProcedure.input(followUpInput).mutation(({ ctx, input }) => followUp(ctx, input)),
  helpReport: supportProcedure
    .input(helpReportInput)
    .query(({ ctx, input }) => helpReport(ctx, input.peildatum)),
  waitingReport: supportProcedure
    .input(helpReportInput)
    .query(({ ctx, input }) => waitingTimes(ctx, input.peildatum)),
  exportCsv: supportProcedure.input(exportCsvInput).mutation(({ ctx, input }) => exportCsv(ctx, input)),
});
