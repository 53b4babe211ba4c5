/**
 * After a sync: the bytes of attachments whose announcement (addAttachment) the server has
 * acknowledged go up, in order and as one stream, through the chunked uploader; then old uploaded ones
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
import type { UploadCallbacks, UploadItem } from './attachment-upload';

/** Uploads attachments as one stream, each result as it comes (attachment-upload.ts uploadAttachments). */
export type AttachmentUploader = (items: UploadItem[], callbacks: UploadCallbacks) => Promise<void>;

/** One attachment at a time: the shape of a simple uploader (and of the tests' stand-ins for the server). */
export type SingleUploader = (input: {
  id: string;
  bytes: Uint8Array;
  onProgress?: (sent: number, total: number) => void;
}) => Promise<AttachmentFinishResult>;

export const oneAtATime =
  (single: SingleUploader): AttachmentUploader =>
  async (items, { onProgress, onResult }) => {
    for (const item of items) {
      const bytes = await item.bytes();
      if (!bytes) continue;
      onProgress?.(item.id, { sent: 0, total: bytes.length });
      const result = await single({
        id: item.id,
        bytes,
        onProgress: (sent, total) => onProgress?.(item.id, { sent, total }),
      });
      await onResult(item.id, result);
    }
  };

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
  const position = new Map(queue.map((row, i) => [row.id, i + 1]));
  let answered = 0;
  let skipped = 0;
  let shown = 0;
  try {
    await upload?.(
      queue.map((row) => ({
        id: row.id,
        bytes: async () => {
          const bytes = await attachmentBytes(store, row.id);
          if (!bytes) skipped += 1;
          return bytes;
        },
      })),
      {
        onProgress: (id, p) => {
          // Two attachments overlap a moment (the next one's chunks go while the previous one is
          // finished): the progress shown only goes forward, "Bijlage 2 van 5" never back to 1.
          const index = position.get(id) ?? 0;
          if (index < shown) return;
          shown = index;
          onProgress({
            index,
            count: queue.length,
            percent: Math.floor((100 * p.sent) / Math.max(1, p.total)),
          });
        },
        onResult: async (id, result) => {
          if (result.status === 'complete') {
            await markUploaded(store, id, now());
            report.uploaded += 1;
          } else if (result.status === 'refused' && result.reason !== 'beschadigd') {
            await markRefused(store, id, result.reason);
            report.refused += 1;
          } else {
            // Chunks missing, or damaged on the way: the phone sends it again at the next sync.
            report.left += 1;
          }
          // Counted once its mark is written: a failed write leaves it among those still to do.
          answered += 1;
        },
      },
    );
  } catch (error) {
    // No connection (or the server is away): what has no answer yet waits for the next sync.
    report.left += queue.length - answered - skipped;
    report.error = error instanceof Error ? error.message : String(error);
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
  return (await import('./attachment-upload')).uploadAttachments;
}
