/**
 * The documents the app writes for a case: the family's copy of the koers (PDF), the extension
 * request (DOCX from the organisation's template), the letter introducing a new jeugdbeschermer
 * (PDF). Each call checks access to the case first (assertCaseAccess), reads through the role's
 * projection (case-facts.ts), logs the generation as an export (NEN 7513) and answers with the
 * file as base64: nothing is stored, no case data goes into a URL or a server log. Several drafts
 * at once need a step-up.
 */
import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import PizZip from 'pizzip';
import { ageOn } from '../../../shared/rules/dates';
import {
  CHILD_COPY_AGE,
  DOCX_MIME,
  type DocumentFile,
  type HandoverLetterInput,
  type KoersCopyInput,
  PDF_MIME,
} from '../../../shared/schemas/documents';
import { logAccess } from '../../audit/access-log';
import { documentTemplates, extensionApprovals, users } from '../../db/schema';
import type { AuthedContext } from '../../trpc';
import { assertCaseAccess } from '../access';
import { documentSettingsOf } from '../settings';
import { requireFreshAuth } from '../step-up';
import { caseFacts } from './case-facts';
import { buildDefaultExtensionTemplate } from './default-template';
import { checkTemplate, fillTemplate } from './docx-template';
import { type Approval, currentMeasure, extensionData } from './extension-request';
import { handoverLetterPdf } from './handover-letter';
import { familyKoers, koersCopyPdf } from './koers-copy';
import { DOCUMENT_PROCEDURES as P } from './texts';

const file = (filename: string, mimeType: string, bytes: Buffer): DocumentFile => ({
  filename,
  mimeType,
  base64: bytes.toString('base64'),
});

const forbidden = (message: string) => new TRPCError({ code: 'FORBIDDEN', message });
const precondition = (message: string) => new TRPCError({ code: 'PRECONDITION_FAILED', message });

async function refuse(
  ctx: AuthedContext,
  caseId: string,
  procedure: string,
  reason: string,
  message: string,
) {
  await logAccess(ctx.db, ctx, [{ caseId, action: 'export', procedure, allowed: false, reason }]);
  return forbidden(message);
}

// ── The family's copy of the koers ──────────────────────────────────────────

export async function koersCopy(ctx: AuthedContext, input: KoersCopyInput): Promise<DocumentFile> {
  await assertCaseAccess(ctx, input.caseId, 'export', P.koersCopy);
  const facts = await caseFacts(ctx, input.caseId);
  if (!facts.visible.koers) {
    throw await refuse(
      ctx,
      input.caseId,
      P.koersCopy,
      'koers niet binnen need-to-know',
      `De kopie van de koers maakt de jeugdbeschermer: als ${ctx.user.role} ziet u de inhoud van de koers niet`,
    );
  }
  const koers = facts.koersen.filter((k) => k.status === 'vastgesteld').at(-1);
  if (!koers?.content) throw precondition('Er is nog geen vastgestelde koers om mee te geven');
  if (input.for === 'jeugdige') {
    const settings = await documentSettingsOf(ctx.db, ctx.user.organisationId);
    if (!settings.childCopyFrom12) {
      throw precondition('Uw organisatie geeft (nog) geen eigen kopie van de koers aan de jeugdige');
    }
    const age = facts.jeugdige.birthDate ? ageOn(facts.jeugdige.birthDate, facts.today) : 0;
    if (age < CHILD_COPY_AGE) {
      throw precondition(
        `Een eigen kopie van de koers is voor een jeugdige van ${CHILD_COPY_AGE} jaar of ouder`,
      );
    }
  }
  const pdf = await koersCopyPdf(
    facts,
    {
      content: familyKoers(koers.content),
      agreedOn: koers.agreedOn ?? null,
      evaluationDate: koers.evaluationDate ?? null,
      version: koers.version ?? 1,
    },
    input.for === 'jeugdige',
  );
  await logAccess(ctx.db, ctx, [
    { caseId: input.caseId, action: 'export', procedure: P.koersCopy, allowed: true },
  ]);
  return file(
    input.for === 'jeugdige' ? `koers-jeugdige-${facts.today}.pdf` : `koers-gezin-${facts.today}.pdf`,
    PDF_MIME,
    pdf,
  );
}

// ── The extension request ───────────────────────────────────────────────────

async function templateOf(ctx: AuthedContext): Promise<Buffer> {
  const [own] = await ctx.db
    .select({ content: documentTemplates.content })
    .from(documentTemplates)
    .where(
      and(
        eq(documentTemplates.organisationId, ctx.user.organisationId),
        eq(documentTemplates.kind, 'verlengingsverzoek'),
      ),
    );
  return own?.content ?? buildDefaultExtensionTemplate();
}

async function approvalOf(
  ctx: AuthedContext,
  maatregelId: string,
  endDate: string,
): Promise<Approval | null> {
  const [row] = await ctx.db
    .select({
      name: users.displayName,
      role: extensionApprovals.approvedRole,
      at: extensionApprovals.approvedAt,
    })
    .from(extensionApprovals)
    .innerJoin(users, eq(users.id, extensionApprovals.approvedBy))
    .where(and(eq(extensionApprovals.maatregelId, maatregelId), eq(extensionApprovals.endDate, endDate)));
  return row ?? null;
}

/** The draft for one case, with the access check done and the export not yet logged. */
async function extensionDraft(ctx: AuthedContext, caseId: string, template: Buffer, procedure: string) {
  await assertCaseAccess(ctx, caseId, 'export', procedure);
  const facts = await caseFacts(ctx, caseId);
  const measure = currentMeasure(facts);
  if (measure?.status !== 'lopend' || !measure.endDate) {
    throw precondition('Dit dossier heeft geen lopende maatregel met een einddatum om te verlengen');
  }
  const settings = await documentSettingsOf(ctx.db, ctx.user.organisationId);
  const approval = await approvalOf(ctx, measure.id, measure.endDate);
  const bytes = fillTemplate(
    template,
    extensionData(facts, { secondReader: settings.secondReader, approval }),
  );
  return { bytes, facts };
}

export async function extensionRequest(ctx: AuthedContext, caseId: string): Promise<DocumentFile> {
  const { bytes, facts } = await extensionDraft(ctx, caseId, await templateOf(ctx), P.extensionRequest);
  await logAccess(ctx.db, ctx, [{ caseId, action: 'export', procedure: P.extensionRequest, allowed: true }]);
  return file(`verzoek-verlenging-${facts.today}.docx`, DOCX_MIME, bytes);
}

/** Several drafts in one ZIP (a team lead's batch): step-up first, every child logged as exported. */
export async function extensionRequests(
  ctx: AuthedContext,
  caseIds: string[],
): Promise<DocumentFile & { count: number }> {
  requireFreshAuth(ctx);
  const template = await templateOf(ctx);
  const zip = new PizZip();
  let today = '';
  for (const [i, caseId] of [...new Set(caseIds)].entries()) {
    const { bytes, facts } = await extensionDraft(ctx, caseId, template, P.extensionRequests);
    today = facts.today;
    zip.file(`verzoek-verlenging-${String(i + 1).padStart(2, '0')}.docx`, bytes);
  }
  const unique = [...new Set(caseIds)];
  await logAccess(
    ctx.db,
    ctx,
    unique.map((caseId) => ({
      caseId,
      action: 'export' as const,
      procedure: P.extensionRequests,
      allowed: true,
    })),
  );
  return {
    ...file(
      `verzoeken-verlenging-${today}.zip`,
      'application/zip',
      zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' }),
    ),
    count: unique.length,
  };
}

/** Where the extension request of a case stands: whether a second reader must approve, and who did. */
export async function extensionStatus(ctx: AuthedContext, caseId: string) {
  await assertCaseAccess(ctx, caseId, 'read', 'documents.extensionStatus');
  const settings = await documentSettingsOf(ctx.db, ctx.user.organisationId);
  const facts = await caseFacts(ctx, caseId);
  const measure = currentMeasure(facts);
  const approval =
    measure?.endDate && measure.status === 'lopend'
      ? await approvalOf(ctx, measure.id, measure.endDate)
      : null;
  return {
    secondReader: settings.secondReader,
    mayApprove: settings.secondReader !== 'geen' && ctx.user.role === settings.secondReader,
    approval: approval ? { name: approval.name, role: approval.role, at: approval.at.toISOString() } : null,
  };
}

/** The second reader approves the request for the current measure's end date: who and when are kept. */
export async function approveExtension(ctx: AuthedContext, caseId: string) {
  await assertCaseAccess(ctx, caseId, 'update', P.approveExtension);
  const settings = await documentSettingsOf(ctx.db, ctx.user.organisationId);
  if (settings.secondReader === 'geen') {
    throw precondition('Uw organisatie vraagt geen tweede lezer voor een verzoek tot verlenging');
  }
  if (ctx.user.role !== settings.secondReader) {
    throw await refuse(
      ctx,
      caseId,
      P.approveExtension,
      'geen tweede lezer',
      `Alleen de ${settings.secondReader} keurt een verzoek tot verlenging goed; u bent ingelogd als ${ctx.user.role}`,
    );
  }
  const facts = await caseFacts(ctx, caseId);
  const measure = currentMeasure(facts);
  if (measure?.status !== 'lopend' || !measure.endDate) {
    throw precondition('Dit dossier heeft geen lopende maatregel met een einddatum om te verlengen');
  }
  await ctx.db
    .insert(extensionApprovals)
    .values({
      id: randomUUID(),
      organisationId: ctx.user.organisationId,
      caseId,
      maatregelId: measure.id,
      endDate: measure.endDate,
      approvedBy: ctx.user.id,
      approvedRole: ctx.user.role,
      approvedAt: ctx.now,
    })
    .onConflictDoNothing();
  await logAccess(ctx.db, ctx, [{ caseId, action: 'update', procedure: P.approveExtension, allowed: true }]);
  const approval = await approvalOf(ctx, measure.id, measure.endDate);
  return {
    approval: approval ? { name: approval.name, role: approval.role, at: approval.at.toISOString() } : null,
  };
}

// ── The organisation's template ─────────────────────────────────────────────

export async function uploadTemplate(ctx: AuthedContext, input: { fileName: string; base64: string }) {
  const content = Buffer.from(input.base64, 'base64');
  if (!input.fileName.toLowerCase().endsWith('.docx')) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'Kies een Word-document (.docx) als sjabloon' });
  }
  const placeholders = checkTemplate(content);
  const values = {
    fileName: input.fileName,
    content,
    placeholders,
    uploadedBy: ctx.user.id,
    uploadedAt: ctx.now,
  };
  await ctx.db
    .insert(documentTemplates)
    .values({ organisationId: ctx.user.organisationId, kind: 'verlengingsverzoek', ...values })
    .onConflictDoUpdate({ target: [documentTemplates.organisationId, documentTemplates.kind], set: values });
  return templateInfo(ctx);
}

export async function templateInfo(ctx: AuthedContext) {
  const [row] = await ctx.db
    .select({
      fileName: documentTemplates.fileName,
      placeholders: documentTemplates.placeholders,
      uploadedAt: documentTemplates.uploadedAt,
      uploadedBy: users.displayName,
    })
    .from(documentTemplates)
    .innerJoin(users, eq(users.id, documentTemplates.uploadedBy))
    .where(
      and(
        eq(documentTemplates.organisationId, ctx.user.organisationId),
        eq(documentTemplates.kind, 'verlengingsverzoek'),
      ),
    );
  return row ? { ...row, uploadedAt: row.uploadedAt.toISOString() } : null;
}

/** Back to the default template. */
export async function removeTemplate(ctx: AuthedContext) {
  await ctx.db
    .delete(documentTemplates)
    .where(
      and(
        eq(documentTemplates.organisationId, ctx.user.organisationId),
        eq(documentTemplates.kind, 'verlengingsverzoek'),
      ),
    );
  return null;
}

/** The default template, for a beheerder who wants to start from it. */
export function defaultTemplate(): DocumentFile {
  return file('sjabloon-verzoek-verlenging.docx', DOCX_MIME, buildDefaultExtensionTemplate());
}

// ── The handover letter ─────────────────────────────────────────────────────

export async function handoverLetter(ctx: AuthedContext, input: HandoverLetterInput): Promise<DocumentFile> {
  await assertCaseAccess(ctx, input.caseId, 'export', P.handoverLetter);
  const facts = await caseFacts(ctx, input.caseId);
  const vast = facts.carriers.filter((a) => a.fromDate <= facts.today);
  const current = vast.at(-1);
  if (!current) throw precondition('Dit dossier heeft nog geen vaste jeugdbeschermer om voor te stellen');
  const previous = vast.at(-2)?.name ?? null;
  const pdf = await handoverLetterPdf(facts, {
    newWorker: current.name,
    previousWorker: previous,
    phone: input.phone,
    email: input.email,
    from: current.fromDate,
  });
  await logAccess(ctx.db, ctx, [
    { caseId: input.caseId, action: 'export', procedure: P.handoverLetter, allowed: true },
  ]);
  return file(`brief-nieuwe-jeugdbeschermer-${facts.today}.pdf`, PDF_MIME, pdf);
}
