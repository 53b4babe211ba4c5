/**
 * Bijlagen (photos and PDFs) on a contact or on the case file: the contract between the phone and
 * the server, here once.
 *
 * 1. The phone makes the attachment offline: an image is scaled (longest side
 *    ATTACHMENT_LIMITS.imageLongestSide) and re-encoded as JPEG without metadata; a PDF is kept as it
 *    is. It is stored encrypted on the phone, and the mutation `addAttachment` (below) goes into the
 *    outbox like every change, so a refusal (no access, too large, wrong type by its declared type)
 *    lands in the wachtrij with its reason.
 * 2. After the outbox has been pushed, the bytes go up in chunks of ATTACHMENT_LIMITS.chunkBytes:
 *    `attachments.uploadState({ id })` names the chunks the server already holds (resume), each
 *    missing chunk is sent as `PUT /api/bijlagen/:id/delen/:index` (raw bytes,
 *    `application/octet-stream`; the server stores a chunk once, a repeat is acknowledged and not
 *    stored again), and `attachments.finish({ id })` joins them, checks the size and the SHA-256 and
 *    the type by content, and answers `{ status: 'complete' }` or
 *    `{ status: 'refused', reason }` (the phone then shows it in the wachtrij with the reason).
 * 3. The attachment's metadata (never its bytes) syncs as the entity `bijlage`; the bytes are
 *    downloaded on demand from `GET /api/bijlagen/:id` (`Content-Disposition: attachment`,
 *    `X-Content-Type-Options: nosniff`, a sandboxing CSP), each view and download access-logged.
 *
 * Ids in the URLs are random UUIDs: nothing about a child is in a URL.
 */
import { z } from 'zod';
import { limitedText } from './primitives';

export const ATTACHMENT_LIMITS = {
  /** Per file, after the phone's scaling (NEN-friendly: a photo of 1600 px is ~0.3–0.8 MB). */
  maxBytes: 10 * 1024 * 1024,
  /** Per device: what one phone may have stored on the server in all. */
  perDeviceBytes: 500 * 1024 * 1024,
  /** One upload chunk. */
  chunkBytes: 256 * 1024,
  /** The longest side of an image after the phone scaled it. */
  imageLongestSide: 1600,
  /** The longest side of a thumbnail kept beside it. */
  thumbnailLongestSide: 240,
  /** Uploaded attachments older than this leave the phone (they open on demand when online). */
  keepOnPhoneDays: 30,
  fileName: 200,
} as const;

/** The types the server accepts, checked by the file's first bytes, not by its name. */
export const ATTACHMENT_MIME_TYPES = ['image/jpeg', 'application/pdf'] as const;
export type AttachmentMime = (typeof ATTACHMENT_MIME_TYPES)[number];

export const ATTACHMENT_KINDS = ['foto', 'document'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** Why the server did not keep an attachment; the phone shows the sentence in the wachtrij. */
export const ATTACHMENT_REFUSALS = {
  'te-groot': 'De bijlage is groter dan 10 MB en is niet bewaard.',
  'verkeerd-type': 'Dit bestand is geen foto (JPEG) of PDF en is niet bewaard.',
  'geen-toegang': 'Deze zaak hoort niet (meer) bij u; de bijlage is niet bewaard.',
  'apparaat-vol': 'Deze telefoon heeft de ruimte voor bijlagen op de server gebruikt (500 MB).',
  beschadigd: 'De bijlage kwam beschadigd aan; de telefoon stuurt haar opnieuw.',
} as const;
export type AttachmentRefusal = keyof typeof ATTACHMENT_REFUSALS;

export const chunkCountOf = (bytes: number): number =>
  Math.max(1, Math.ceil(bytes / ATTACHMENT_LIMITS.chunkBytes));

/** The outbox mutation that announces an attachment (its bytes follow after the push). */
export const addAttachmentArgs = z
  .strictObject({
    id: z.uuid(),
    caseId: z.uuid(),
    /** The contact it belongs to; null: the case file itself. */
    contactId: z.uuid().nullable(),
    kind: z.enum(ATTACHMENT_KINDS),
    mime: z.enum(ATTACHMENT_MIME_TYPES, 'Alleen foto’s (JPEG) en PDF kunnen als bijlage'),
    bytes: z
      .number()
      .int()
      .min(1, 'De bijlage is leeg')
      .max(ATTACHMENT_LIMITS.maxBytes, 'De bijlage is groter dan 10 MB'),
    /** SHA-256 of the bytes, lowercase hex. */
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'Ongeldige controlesom'),
    fileName: limitedText('De naam van de bijlage', ATTACHMENT_LIMITS.fileName).trim().min(1),
    addedAt: z.iso.datetime({ offset: true }),
  })
  .refine((a) => (a.kind === 'foto') === (a.mime === 'image/jpeg'), {
    path: ['mime'],
    message: 'Een foto is een JPEG, een document een PDF',
  });
export type AddAttachmentArgs = z.infer<typeof addAttachmentArgs>;

/** Only the server parses it: a pure IIFE keeps it off the phone's field path. */
export const attachmentIdInput = /* @__PURE__ */ (() => z.strictObject({ id: z.uuid() }))();

export interface AttachmentUploadState {
  status: 'uploading' | 'complete' | 'refused';
  /** Chunk indexes the server holds. */
  received: number[];
  chunkCount: number;
  reason: AttachmentRefusal | null;
}

export type AttachmentFinishResult =
  | { status: 'complete' }
  | { status: 'refused'; reason: AttachmentRefusal; message: string }
  /** Chunks are missing (a lost connection): send these and finish again. */
  | { status: 'incomplete'; missing: number[] };

/** The synced metadata of one attachment (entity `bijlage`); the bytes are never in the pull. */
// Only the server parses rows (as shared/schemas/synced-rows.ts): a pure IIFE keeps it off the phone's field path.
export const attachmentRowSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    id: z.uuid(),
    caseId: z.uuid(),
    contactId: z.uuid().nullable(),
    kind: z.enum(ATTACHMENT_KINDS),
    mime: z.enum(ATTACHMENT_MIME_TYPES),
    bytes: z.number().int().min(1).max(ATTACHMENT_LIMITS.maxBytes),
    fileName: z.string().max(ATTACHMENT_LIMITS.fileName),
    addedAt: z.iso.datetime(),
    authorId: z.uuid(),
    status: z.enum(['uploading', 'complete', 'refused']),
    reason: z
      .enum(Object.keys(ATTACHMENT_REFUSALS) as [AttachmentRefusal, ...AttachmentRefusal[]])
      .nullable(),
  }))();
export type AttachmentRow = z.infer<typeof attachmentRowSchema>;
