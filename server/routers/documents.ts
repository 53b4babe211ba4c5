/**
 * Documents for a case (services/documents): the family's koers copy, the extension request and
 * the handover letter, each returned as base64 to download; the organisation's template and
 * document settings for the beheerder. Those who carry a case ask; the service decides which.
 */
import {
  caseDocumentInput,
  documentSettingsInput,
  extensionRequestsInput,
  handoverLetterInput,
  koersCopyInput,
  uploadTemplateInput,
} from '../../shared/schemas/documents';
import * as documents from '../services/documents';
import { documentSettingsOf, saveDocumentSettings } from '../services/settings';
import { adminProcedure, authedProcedure, caseHolderProcedure, router, teamleadProcedure } from '../trpc';

export const documentsRouter = router({
  /**
   * The vastgestelde koers as PDF for the family, or (from 12, when enabled) for the child: the
   * jeugdbeschermer's, whose need covers the koers itself; the team lead is refused by the service.
   */
  koersCopy: caseHolderProcedure
    .input(koersCopyInput)
    .mutation(({ ctx, input }) => documents.koersCopy(ctx, input)),
  /** The draft extension request (DOCX) of one case: the hook the agenda's "verzoek verlenging" item calls. */
  extensionRequest: caseHolderProcedure
    .input(caseDocumentInput)
    .mutation(({ ctx, input }) => documents.extensionRequest(ctx, input.caseId)),
  /** Several drafts in one ZIP: step-up first. */
  extensionRequests: teamleadProcedure
    .input(extensionRequestsInput)
    .mutation(({ ctx, input }) => documents.extensionRequests(ctx, input.caseIds)),
  extensionStatus: caseHolderProcedure
    .input(caseDocumentInput)
    .query(({ ctx, input }) => documents.extensionStatus(ctx, input.caseId)),
  approveExtension: caseHolderProcedure
    .input(caseDocumentInput)
    .mutation(({ ctx, input }) => documents.approveExtension(ctx, input.caseId)),
  handoverLetter: caseHolderProcedure
    .input(handoverLetterInput)
    .mutation(({ ctx, input }) => documents.handoverLetter(ctx, input)),
  /** Whether the child's own copy is enabled (the koers screen shows the button by it). */
  settings: authedProcedure.query(({ ctx }) => documentSettingsOf(ctx.db, ctx.user.organisationId)),
  saveSettings: adminProcedure
    .input(documentSettingsInput)
    .mutation(({ ctx, input }) => saveDocumentSettings(ctx, input)),
  template: adminProcedure.query(({ ctx }) => documents.templateInfo(ctx)),
  uploadTemplate: adminProcedure
    .input(uploadTemplateInput)
    .mutation(({ ctx, input }) => documents.uploadTemplate(ctx, input)),
  removeTemplate: adminProcedure.mutation(({ ctx }) => documents.removeTemplate(ctx)),
  defaultTemplate: adminProcedure.mutation(() => documents.defaultTemplate()),
});
