/**
 * After a sync: the bytes of attachments whose announcement (addAttachment) the server has
 * acknowledged go up, one after the other, through the chunked uploader; then old uploaded ones
 * leave the phone. The guarantees: an attachment is marked uploaded only when the server answered
 * `complete`; a lost connection leaves it pending for the next sync (the uploader resumes from the
 * chunks the server holds); a refusal marks it refused with its reason, and the wachtrij shows it
 * until the user removes it: nothing is dropped silently. Loaded only when the phone holds
 * attachments (the field path stays small).
 */
import '../features/attachments/texts';
import type { AttachmentFinishResult } from '../../../shared/schemas/attachment';
import {
  attachmentBytes,
  dropAttachmentsOfGoneCases,
  markRefused,
  markUploaded,
  purgeOldAttachments,
  uploadable,
} from '../local/attachments';
import type { LocalStore } from '../local/store';

/** Sends one attachment's bytes in chunks (resuming) and finishes it; throws on a lost connection. */
export type AttachmentUploader = (input: {
  id: string;
  bytes: Uint8Array<ArrayBuffer>;
  /** Bytes the server holds so far, of `total`. */
  onProgress?: (sent: number, total: number) => void;
  signal?: AbortSignal;
}) => Promise<AttachmentFinishResult>;

export interface AttachmentUploadProgress {
  /** 1-based: "Bijlage 2 van 5". */
  index: number;
  count: number;
  percent: number;
}

export interface AttachmentSyncReport {
  uploaded: number;
  refused: number;
  /** Left pending for the next sync (no connection, chunks missing, arrived damaged). */
  left: number;
  purged: number;
  error?: string;
}

export async function uploadAttachments(
  store: LocalStore,
  /** null: no uploader at hand (tests of the purge); the bytes wait. */
  upload: AttachmentUploader | null,
  onProgress: (p: AttachmentUploadProgress | null) => void = () => {},
  now: () => Date = () => new Date(),
): Promise<AttachmentSyncReport> {
  const report: AttachmentSyncReport = { uploaded: 0, refused: 0, left: 0, purged: 0 };
  const queue = upload ? await uploadable(store) : [];
  try {
    for (const [i, row] of queue.entries()) {
      const bytes = await attachmentBytes(store, row.id);
      if (!bytes) continue;
      const progress = (sent: number, total: number) =>
        onProgress({
          index: i + 1,
          count: queue.length,
          percent: Math.floor((100 * sent) / Math.max(1, total)),
        });
      progress(0, bytes.byteLength);
      let result: AttachmentFinishResult;
      try {
        result = await (upload as AttachmentUploader)({ id: row.id, bytes, onProgress: progress });
      } catch (error) {
        // No connection (or the server is away): this one and the rest wait for the next sync.
        report.left += queue.length - i;
        report.error = error instanceof Error ? error.message : String(error);
        break;
      }
      if (result.status === 'complete') {
        await markUploaded(store, row.id, now());
        report.uploaded += 1;
      } else if (result.status === 'refused' && result.reason !== 'beschadigd') {
        await markRefused(store, row.id, result.reason);
        report.refused += 1;
      } else {
        // Chunks missing, or damaged on the way: the phone sends it again at the next sync.
        report.left += 1;
      }
    }
  } finally {
    onProgress(null);
  }
  report.purged = await purgeOldAttachments(store, now());
  await dropAttachmentsOfGoneCases(store);
  return report;
}

/** The runner's step after a sync (sync/runner.ts), with the chunked uploader, loaded on demand. */
export async function syncAttachments(
  store: LocalStore,
  onProgress: (p: AttachmentUploadProgress | null) => void,
): Promise<AttachmentSyncReport> {
  const upload = (await uploadable(store)).length ? await chunkedUploader() : null;
  return uploadAttachments(store, upload, onProgress);
}

async function chunkedUploader(): Promise<AttachmentUploader> {
  const { uploadAttachment } = await import('./attachment-upload');
  return ({ id, bytes, onProgress, signal }) =>
    uploadAttachment({
      id,
      bytes,
      ...(onProgress ? { onProgress: (p) => onProgress(p.sent, p.total) } : {}),
      ...(signal ? { signal } : {}),
    });
}
