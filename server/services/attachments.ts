/**
 * Bijlagen after their announcement (sync/attachment-mutators.ts): the upload in chunks, the join
 * with its checks, and the download (shared/schemas/attachment.ts is the contract).
 *
 * Upload: only the user and device that announced an attachment send its bytes. A chunk is stored
 * once per (attachment, index) (a repeat is acknowledged, not stored again); `finish` joins the
 * chunks, checks the size, the SHA-256 and the type by the bytes themselves (file-type), and keeps
 * the joined bytes apart from the synced row. A refusal for good (too large, not a JPEG or PDF) is
 * written on the row, whose version then moves so every device learns it; damage in transit drops
 * the chunks and the phone sends them again.
 *
 * Download: need-to-know as for the file itself (services/projection.ts: the roles whose need holds
 * the entity `bijlage`) on a case the user may open (access.ts, caseScope): the case's worker and
 * stand-ins, the team lead of its team. Every view and download is access-logged.
 */
import { createHash } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { and, asc, eq, sql } from 'drizzle-orm';
import { fileTypeFromBuffer } from 'file-type';
import {
  ATTACHMENT_LIMITS,
  ATTACHMENT_REFUSALS,
  type AttachmentFinishResult,
  type AttachmentRefusal,
  type AttachmentUploadState,
  chunkCountOf,
} from '../../shared/schemas/attachment';
import { logAccess } from '../audit/access-log';
import { attachmentChunks, attachmentContents, attachments, cases, users } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { nextVersion } from '../sync/versions';
import type { AuthedContext } from '../trpc';
import { caseScope } from './access';
import { NEED_TO_KNOW } from './projection';

type Attachment = typeof attachments.$inferSelect;

const NOT_FOUND = 'Deze bijlage is onbekend.';

/** The attachment as its uploader may touch it: announced by this user, from this device. */
async function ownUpload(ctx: AuthedContext, id: string, lock = false): Promise<Attachment> {
  const query = ctx.db
    .select()
    .from(attachments)
    .where(and(eq(attachments.id, id), eq(attachments.organisationId, ctx.user.organisationId)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: NOT_FOUND });
  if (row.authorId !== ctx.user.id || row.deviceId !== (ctx.user.deviceId ?? null)) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: 'Alleen het toestel dat deze bijlage aanmeldde, stuurt haar op.',
    });
  }
  return row;
}

async function receivedChunks(ctx: AuthedContext, id: string): Promise<number[]> {
  const rows = await ctx.db
    .select({ index: attachmentChunks.index })
    .from(attachmentChunks)
    .where(eq(attachmentChunks.attachmentId, id))
    .orderBy(asc(attachmentChunks.index));
  return rows.map((r) => r.index);
}

export async function uploadState(ctx: AuthedContext, id: string): Promise<AttachmentUploadState> {
  const row = await ownUpload(ctx, id);
  const chunkCount = chunkCountOf(row.bytes);
  if (row.status !== 'uploading') {
    const all = row.status === 'complete' ? [...Array(chunkCount).keys()] : [];
    return { status: row.status, received: all, chunkCount, reason: row.reason ?? null };
  }
  return { status: 'uploading', received: await receivedChunks(ctx, id), chunkCount, reason: null };
}

export class ChunkRefused extends Error {
  constructor(
    readonly statusCode: 400 | 403 | 404 | 409 | 413,
    message: string,
  ) {
    super(message);
  }
}

/** Stores one chunk once; `stored: false` when the server held it already (or the upload is done). */
export async function storeChunk(
  ctx: AuthedContext,
  id: string,
  index: number,
  body: Buffer,
): Promise<{ stored: boolean }> {
  let row: Attachment;
  try {
    row = await ownUpload(ctx, id);
  } catch (err) {
    if (err instanceof TRPCError) throw new ChunkRefused(err.code === 'NOT_FOUND' ? 404 : 403, err.message);
    throw err;
  }
  if (row.status === 'complete') return { stored: false };
  if (row.status === 'refused') {
    throw new ChunkRefused(409, ATTACHMENT_REFUSALS[row.reason ?? 'verkeerd-type']);
  }
  if (index >= chunkCountOf(row.bytes)) {
    throw new ChunkRefused(
      400,
      `Deze bijlage heeft ${chunkCountOf(row.bytes)} delen; deel ${index} bestaat niet.`,
    );
  }
  if (body.length === 0) throw new ChunkRefused(400, 'Een leeg deel van een bijlage.');
  if (body.length > ATTACHMENT_LIMITS.chunkBytes) {
    throw new ChunkRefused(413, `Een deel is hoogstens ${ATTACHMENT_LIMITS.chunkBytes} bytes.`);
  }
  const inserted = await ctx.db
    .insert(attachmentChunks)
    .values({
      attachmentId: id,
      index,
      organisationId: row.organisationId,
      content: body,
      receivedAt: ctx.now,
    })
    .onConflictDoNothing()
    .returning({ index: attachmentChunks.index });
  return { stored: inserted.length > 0 };
}

/** The type the bytes themselves say, if it is one the server accepts. */
async function typeByContent(bytes: Buffer): Promise<string | undefined> {
  return (await fileTypeFromBuffer(bytes))?.mime;
}

/** Joins the chunks and checks them; parallel finishes of one attachment wait for each other. */
export async function finishUpload(ctx: AuthedContext, id: string): Promise<AttachmentFinishResult> {
  const result = await inTransaction(ctx.db, async (tx) => {
    const scoped = { ...ctx, db: tx };
    const row = await ownUpload(scoped, id, true);
    if (row.status === 'complete') return { status: 'complete' } as const;
    if (row.status === 'refused') return refusal(row.reason ?? 'verkeerd-type');
    const chunks = await tx
      .select({ index: attachmentChunks.index, content: attachmentChunks.content })
      .from(attachmentChunks)
      .where(eq(attachmentChunks.attachmentId, id))
      .orderBy(asc(attachmentChunks.index));
    const have = new Set(chunks.map((c) => c.index));
    const missing = [...Array(chunkCountOf(row.bytes)).keys()].filter((i) => !have.has(i));
    if (missing.length) return { status: 'incomplete', missing } as const;
    const joined = Buffer.concat(chunks.map((c) => c.content));

    const refuse = async (reason: AttachmentRefusal) => {
      await tx.delete(attachmentChunks).where(eq(attachmentChunks.attachmentId, id));
      if (reason !== 'beschadigd') {
        // For good: the row says so, and its new version carries that to every device.
        await tx
          .update(attachments)
          .set({ status: 'refused', reason, rowVersion: await nextVersion(tx, row.organisationId) })
          .where(eq(attachments.id, id));
      }
      return refusal(reason);
    };
    if (joined.length > ATTACHMENT_LIMITS.maxBytes) return refuse('te-groot');
    if (joined.length !== row.bytes) return refuse('beschadigd');
    if (createHash('sha256').update(joined).digest('hex') !== row.sha256) return refuse('beschadigd');
    if ((await typeByContent(joined)) !== row.mime) return refuse('verkeerd-type');

    await tx
      .insert(attachmentContents)
      .values({ attachmentId: id, organisationId: row.organisationId, content: joined, storedAt: ctx.now });
    await tx.delete(attachmentChunks).where(eq(attachmentChunks.attachmentId, id));
    await tx
      .update(attachments)
      .set({
        status: 'complete',
        reason: null,
        completedAt: ctx.now,
        rowVersion: await nextVersion(tx, row.organisationId),
      })
      .where(eq(attachments.id, id));
    return { status: 'complete', caseId: row.caseId } as const;
  });
  const joinedFor = 'caseId' in result ? result.caseId : undefined;
  if (joinedFor) {
    await logAccess(ctx.db, ctx, [
      { caseId: joinedFor, action: 'create', procedure: 'attachments.finish', allowed: true },
    ]);
    return { status: 'complete' };
  }
  return result;
}

const refusal = (reason: AttachmentRefusal) =>
  ({ status: 'refused', reason, message: ATTACHMENT_REFUSALS[reason] }) as const;

// ── Reading: the list on the case file and the bytes ───────────────────────

/** The roles whose need-to-know holds the case's bijlagen (services/projection.ts). */
export function mayOpenAttachments(role: AuthedContext['user']['role']): boolean {
  return NEED_TO_KNOW[role].bijlage !== undefined;
}

const NO_ACCESS = 'U heeft geen toegang tot de bijlagen van dit dossier';

/** Need-to-know on the case (logged when refused); true when the user may open its bijlagen. */
async function assertAttachmentAccess(
  ctx: AuthedContext,
  caseId: string | null,
  action: 'read' | 'list',
  procedure: string,
): Promise<void> {
  if (!mayOpenAttachments(ctx.user.role)) {
    await logAccess(ctx.db, ctx, [
      { caseId, action, procedure, allowed: false, reason: `rol ${ctx.user.role} niet bevoegd` },
    ]);
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: `Bijlagen zijn alleen voor de jeugdbeschermer en de teamleider van het kind; u bent ingelogd als ${ctx.user.role}`,
    });
  }
  const [open] = caseId
    ? await ctx.db
        .select({ id: cases.id })
        .from(cases)
        .where(and(eq(cases.id, caseId), caseScope(ctx)))
    : [];
  if (!open) {
    await logAccess(ctx.db, ctx, [
      { caseId, action, procedure, allowed: false, reason: 'buiten bevoegdheid' },
    ]);
    throw new TRPCError({ code: 'FORBIDDEN', message: NO_ACCESS });
  }
}

export interface AttachmentListItem {
  id: string;
  contactId: string | null;
  kind: Attachment['kind'];
  mime: Attachment['mime'];
  bytes: number;
  fileName: string;
  addedAt: string;
  authorName: string;
  status: Attachment['status'];
}

/** The case's bijlagen for the office case file, newest first; logged as a list. */
export async function listForCase(ctx: AuthedContext, caseId: string): Promise<AttachmentListItem[]> {
  await assertAttachmentAccess(ctx, caseId, 'list', 'attachments.listForCase');
  const rows = await ctx.db
    .select({
      id: attachments.id,
      contactId: attachments.contactId,
      kind: attachments.kind,
      mime: attachments.mime,
      bytes: attachments.bytes,
      fileName: attachments.fileName,
      addedAt: attachments.addedAt,
      authorName: users.displayName,
      status: attachments.status,
    })
    .from(attachments)
    .innerJoin(users, eq(users.id, attachments.authorId))
    .where(and(eq(attachments.caseId, caseId), eq(attachments.organisationId, ctx.user.organisationId)))
    .orderBy(sql`${attachments.addedAt} desc`, asc(attachments.id));
  await logAccess(ctx.db, ctx, [
    { caseId, action: 'list', procedure: 'attachments.listForCase', allowed: true },
  ]);
  return rows.map((r) => ({ ...r, addedAt: r.addedAt.toISOString() }));
}

export class DownloadRefused extends Error {
  constructor(
    readonly statusCode: 403 | 404 | 409,
    message: string,
  ) {
    super(message);
  }
}

export interface AttachmentDownload {
  fileName: string;
  mime: Attachment['mime'];
  content: Buffer;
}

/** The bytes of a complete attachment; `view` (shown in the page) or `download`, each logged. */
export async function openAttachment(
  ctx: AuthedContext,
  id: string,
  mode: 'view' | 'download',
): Promise<AttachmentDownload> {
  const procedure = mode === 'view' ? 'attachments.view' : 'attachments.download';
  const [row] = await ctx.db
    .select({
      caseId: attachments.caseId,
      status: attachments.status,
      fileName: attachments.fileName,
      mime: attachments.mime,
    })
    .from(attachments)
    .where(and(eq(attachments.id, id), eq(attachments.organisationId, ctx.user.organisationId)));
  try {
    // An unknown id is refused like a case out of reach, so ids cannot be probed.
    await assertAttachmentAccess(ctx, row?.caseId ?? null, 'read', procedure);
  } catch (err) {
    if (err instanceof TRPCError) throw new DownloadRefused(403, err.message);
    throw err;
  }
  if (!row) throw new DownloadRefused(404, NOT_FOUND);
  const [content] =
    row.status === 'complete'
      ? await ctx.db
          .select({ content: attachmentContents.content })
          .from(attachmentContents)
          .where(eq(attachmentContents.attachmentId, id))
      : [];
  if (!content) throw new DownloadRefused(409, 'Deze bijlage is nog niet (volledig) op de server.');
  await logAccess(ctx.db, ctx, [{ caseId: row.caseId, action: 'read', procedure, allowed: true }]);
  return { fileName: row.fileName, mime: row.mime, content: content.content };
}
