/**
 * The phone's uploader of a bijlage's bytes (shared/schemas/attachment.ts, step 2), after the
 * outbox announced it (`addAttachment`). It asks the server which chunks it holds
 * (`attachments.uploadState`), sends only the missing ones (`PUT /api/bijlagen/:id/delen/:index`,
 * raw bytes), and finishes (`attachments.finish`). A chunk whose answer was lost is sent again and
 * the server keeps it once, so an upload cut off at any point resumes where it stopped.
 *
 * When the connection fails mid-way it throws an AttachmentNetworkError (a TypeError, as a failed
 * fetch is, so the sync runner reads it as "offline": transport.ts classifySyncError) and the next
 * sync calls it again. A refusal by the server is an answer, not an error: `{ status: 'refused' }`.
 *
 * Plain fetch, no tRPC client: the module is loaded on demand (`import()`), off the first screen.
 */
import {
  ATTACHMENT_LIMITS,
  type AttachmentFinishResult,
  type AttachmentUploadState,
  chunkCountOf,
} from '../../../shared/schemas/attachment';

/** The connection failed (no answer, or not the server's): try again at the next sync. */
export class AttachmentNetworkError extends TypeError {
  override name = 'AttachmentNetworkError';
}

/** The server answered with a refusal that is not the attachment's (no session, locked, another device). */
export class AttachmentUploadError extends Error {
  override name = 'AttachmentUploadError';
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

export interface UploadProgress {
  /** Bytes the server holds. */
  sent: number;
  total: number;
}

export interface UploadArgs {
  id: string;
  bytes: Uint8Array;
  onProgress?: (p: UploadProgress) => void;
  signal?: AbortSignal;
}

/** Rounds of "send what is missing, finish" in one call (a chunk lost in between, damage once). */
const MAX_ROUNDS = 3;

async function send(url: string, init: RequestInit, signal?: AbortSignal): Promise<Response> {
  signal?.throwIfAborted();
  try {
    return await fetch(url, { ...init, signal, credentials: 'same-origin' });
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw new AttachmentNetworkError(error instanceof Error ? error.message : 'Geen verbinding');
  }
}

/** A JSON answer of the server; anything else (a proxy's page, a cut-off body) is the network's. */
async function json<T>(response: Response, signal?: AbortSignal): Promise<T> {
  try {
    return (await response.json()) as T;
  } catch {
    if (signal?.aborted) throw signal.reason;
    throw new AttachmentNetworkError(`Geen antwoord van de server (${response.status})`);
  }
}

/** One tRPC mutation over plain HTTP (no batch): the input as the body, `result.data` back. */
async function mutation<T>(path: string, input: unknown, signal?: AbortSignal): Promise<T> {
  const response = await send(
    `/trpc/${path}`,
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) },
    signal,
  );
  const body = await json<{
    result?: { data: T };
    error?: { message: string; data?: { code?: string } };
  }>(response, signal);
  if (body.result) return body.result.data;
  if (body.error) throw new AttachmentUploadError(response.status, body.error.message, body.error.data?.code);
  throw new AttachmentNetworkError(`Onverwacht antwoord van de server (${response.status})`);
}

/** Sends one chunk; false when the server refused it because the attachment itself was refused (409). */
async function putChunk(
  id: string,
  index: number,
  chunk: Uint8Array,
  signal?: AbortSignal,
): Promise<boolean> {
  const response = await send(
    `/api/bijlagen/${id}/delen/${index}`,
    {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream' },
      body: chunk as Uint8Array<ArrayBuffer>,
    },
    signal,
  );
  const body = await json<{ stored?: boolean; error?: string }>(response, signal);
  if (response.ok) return true;
  if (response.status === 409) return false;
  throw new AttachmentUploadError(response.status, body.error ?? `Deel ${index} geweigerd`);
}

/** Uploads what the server lacks of the attachment and finishes it; see the module's comment. */
export async function uploadAttachment(args: UploadArgs): Promise<AttachmentFinishResult> {
  const { id, bytes, onProgress, signal } = args;
  const total = bytes.length;
  const chunkCount = chunkCountOf(total);
  const sizeOf = (i: number) =>
    Math.min(ATTACHMENT_LIMITS.chunkBytes, total - i * ATTACHMENT_LIMITS.chunkBytes);

  const state = await mutation<AttachmentUploadState>('attachments.uploadState', { id }, signal);
  if (state.status === 'complete') {
    onProgress?.({ sent: total, total });
    return { status: 'complete' };
  }
  if (state.status === 'refused' || state.chunkCount !== chunkCount) {
    // Refused for good, or not the file it announced: finishing says which, in the server's words.
    return mutation<AttachmentFinishResult>('attachments.finish', { id }, signal);
  }
  const held = new Set(state.received);
  let missing = [...Array(chunkCount).keys()].filter((i) => !held.has(i));
  let sent = total - missing.reduce((sum, i) => sum + sizeOf(i), 0);
  onProgress?.({ sent, total });

  let result: AttachmentFinishResult = { status: 'incomplete', missing };
  for (let round = 0; round < MAX_ROUNDS; round++) {
    for (const index of missing) {
      const start = index * ATTACHMENT_LIMITS.chunkBytes;
      const accepted = await putChunk(id, index, bytes.subarray(start, start + sizeOf(index)), signal);
      if (!accepted) break;
      sent += sizeOf(index);
      onProgress?.({ sent: Math.min(sent, total), total });
    }
    result = await mutation<AttachmentFinishResult>('attachments.finish', { id }, signal);
    if (result.status === 'incomplete') {
      missing = result.missing;
    } else if (result.status === 'refused' && result.reason === 'beschadigd') {
      // The server dropped what it had: everything once more.
      missing = [...Array(chunkCount).keys()];
      sent = 0;
    } else {
      break;
    }
  }
  if (result.status === 'complete') onProgress?.({ sent: total, total });
  return result;
}
