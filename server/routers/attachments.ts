/**
 * Bijlagen (shared/schemas/attachment.ts): the upload's state and its end for the phone that
 * announced one, and the case's list for the office case file. The chunks themselves and the
 * download are plain HTTP (server/http/attachment-routes.ts): raw bytes, not JSON.
 */
import { attachmentIdInput } from '../../shared/schemas/attachment';
import { caseIdInput } from '../../shared/schemas/case';
import { finishUpload, listForCase, uploadState } from '../services/attachments';
import { authedProcedure, router, workerProcedure } from '../trpc';

export const attachmentsRouter = router({
  uploadState: workerProcedure
    .input(attachmentIdInput)
    .mutation(({ ctx, input }) => uploadState(ctx, input.id)),
  finish: workerProcedure.input(attachmentIdInput).mutation(({ ctx, input }) => finishUpload(ctx, input.id)),
  // Need-to-know decides who (services/projection.ts): the service refuses, logged, in its own words.
  listForCase: authedProcedure.input(caseIdInput).query(({ ctx, input }) => listForCase(ctx, input.caseId)),
});
