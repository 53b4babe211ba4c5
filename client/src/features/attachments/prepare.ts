/**
 * A chosen file made ready to keep: a photo scaled and re-encoded without its metadata (image.ts,
 * in a worker), a PDF kept as it is once its first bytes say it is one. Anything else, or anything
 * too large, is refused here with a reason the picker shows in Dutch beside the control.
 */
import { ATTACHMENT_LIMITS } from '../../../../shared/schemas/attachment';
import { type PreparedAttachment, sha256Hex } from '../../local/attachments';
import { type ScaledImage, scaleImage } from './image';

export type PrepareProblem = 'verkeerd-type' | 'te-groot' | 'leeg';
export type Prepared = { ok: true; file: PreparedAttachment } | { ok: false; problem: PrepareProblem };

/** A photo straight from a camera is 3–12 MB; far beyond that it is not a photo worth decoding on a phone. */
const MAX_IMAGE_INPUT_BYTES = 40 * 1024 * 1024;
const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

let worker: Worker | null | undefined;
let nextJob = 0;

function scaler(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    worker = new Worker(new URL('./prepare.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    worker = null;
  }
  return worker;
}

/** Scales in the worker; on the main thread when there is none (or it cannot decode there). */
function scaleOffMainThread(file: Blob): Promise<ScaledImage> {
  const w = scaler();
  if (!w) return scaleImage(file, ATTACHMENT_LIMITS);
  const job = ++nextJob;
  return new Promise((resolve, reject) => {
    const done = (
      event: MessageEvent<{ job: number; ok: boolean; scaled?: ScaledImage; error?: string }>,
    ) => {
      if (event.data.job !== job) return;
      w.removeEventListener('message', done);
      w.removeEventListener('error', failed);
      if (event.data.ok && event.data.scaled) resolve(event.data.scaled);
      else reject(new Error(event.data.error ?? 'scale failed'));
    };
    const failed = () => {
      w.removeEventListener('message', done);
      // A worker that does not start (an old browser, a CSP): the main thread does it.
      worker = null;
      scaleImage(file, ATTACHMENT_LIMITS).then(resolve, reject);
    };
    w.addEventListener('message', done);
    w.addEventListener('error', failed);
    w.postMessage({
      job,
      file,
      limits: {
        imageLongestSide: ATTACHMENT_LIMITS.imageLongestSide,
        thumbnailLongestSide: ATTACHMENT_LIMITS.thumbnailLongestSide,
      },
    });
  });
}

/** "IMG_2041.HEIC" → "IMG_2041.jpg"; a name that is too long is shortened, an empty one made up. */
export function attachmentFileName(name: string, kind: 'foto' | 'document', now: Date): string {
  const base = name.trim().replace(/\.[^.]*$/, '') || (kind === 'foto' ? 'foto' : 'document');
  const stamp =
    kind === 'foto' && !name.trim() ? `-${now.toISOString().slice(0, 16).replace(/\D/g, '')}` : '';
  const ext = kind === 'foto' ? '.jpg' : '.pdf';
  return `${base.slice(0, ATTACHMENT_LIMITS.fileName - ext.length - stamp.length)}${stamp}${ext}`;
}

export async function prepareFile(file: File, now = new Date()): Promise<Prepared> {
  if (file.size === 0) return { ok: false, problem: 'leeg' };
  const head = new Uint8Array(await file.slice(0, PDF_MAGIC.length).arrayBuffer());
  if (PDF_MAGIC.every((b, i) => head[i] === b)) {
    if (file.size > ATTACHMENT_LIMITS.maxBytes) return { ok: false, problem: 'te-groot' };
    const bytes = new Uint8Array(await file.arrayBuffer());
    return {
      ok: true,
      file: {
        fileName: attachmentFileName(file.name, 'document', now),
        mime: 'application/pdf',
        kind: 'document',
        sha256: await sha256Hex(bytes),
        bytes,
        thumb: null,
      },
    };
  }
  if (file.size > MAX_IMAGE_INPUT_BYTES) return { ok: false, problem: 'te-groot' };
  let scaled: ScaledImage;
  try {
    scaled = await scaleOffMainThread(file);
  } catch {
    // Not an image the phone can read (a Word file, a HEIC where unsupported): say so.
    return { ok: false, problem: 'verkeerd-type' };
  }
  if (scaled.bytes.byteLength > ATTACHMENT_LIMITS.maxBytes) return { ok: false, problem: 'te-groot' };
  return {
    ok: true,
    file: {
      fileName: attachmentFileName(file.name, 'foto', now),
      mime: 'image/jpeg',
      kind: 'foto',
      sha256: await sha256Hex(scaled.bytes),
      bytes: scaled.bytes,
      thumb: scaled.thumb,
    },
  };
}
