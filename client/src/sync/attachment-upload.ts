/**
 * The phone's uploader of bijlagen's bytes (shared/schemas/attachment.ts, step 2), after the
 * outbox announced them (`addAttachment`). Per attachment it asks the server which chunks it holds
 * (`attachments.uploadState`), sends only the missing ones (`PUT /api/bijlagen/:id/delen/:index`,
 * raw bytes), and finishes (`attachments.finish`). A chunk whose answer was lost is sent again and
 * the server keeps it once, so an upload cut off at any point resumes where it stopped.
 *
 * Several attachments go as one stream: IN_FLIGHT chunks are always on their way, the next
 * attachment's chunks follow the previous one's without a pause, its upload state is asked while
 * the previous one is still sending, and an attachment is finished while the next one's chunks go.
 * On a mobile link, where a request's round trip costs about a fifth of a chunk's sending time,
 * the line never waits for a question.
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

/** One attachment to upload; its bytes are read when its turn comes (null: gone meanwhile, skipped). */
export interface UploadItem {
  id: string;
  bytes: () => Promise<Uint8Array | null>;
}

export interface UploadCallbacks {
  onProgress?: (id: string, progress: UploadProgress) => void;
  /** The server's last word on one attachment: complete, refused, or still incomplete after MAX_ROUNDS. */
  onResult: (id: string, result: AttachmentFinishResult) => Promise<void> | void;
  signal?: AbortSignal;
}

/** Rounds of "send what is missing, finish" per attachment (a chunk lost in between, damage once). */
const MAX_ROUNDS = 3;
/**
 * Chunks on their way at once: while one is being sent, the next one's round trip already runs (on
 * a mobile link the latency of a request is about a fifth of a chunk's sending time).
 */
const IN_FLIGHT = 2;

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

/** One attachment on its way. */
interface Job {
  id: string;
  bytes: Uint8Array;
  /** Chunks still to send in this round, in order. */
  queue: number[];
  inFlight: number;
  /** Bytes the server holds (as far as the phone knows). */
  sent: number;
  round: number;
  /** The server refused a chunk because the attachment was refused: finishing says why. */
  halted: boolean;
  finishing: boolean;
}

const sizeOf = (total: number, index: number) =>
  Math.min(ATTACHMENT_LIMITS.chunkBytes, total - index * ATTACHMENT_LIMITS.chunkBytes);
const allChunks = (total: number) => [...Array(chunkCountOf(total)).keys()];
const bytesOf = (total: number, indexes: number[]) =>
  indexes.reduce((sum, index) => sum + sizeOf(total, index), 0);

/**
 * Uploads the attachments, in their order, as one stream (see the module's comment). Each one's
 * result goes to `onResult`; a lost connection throws (AttachmentNetworkError) once what was on its
 * way has settled, and the attachments without a result wait for the next call.
 */
export async function uploadAttachments(items: UploadItem[], callbacks: UploadCallbacks): Promise<void> {
  const { signal, onProgress, onResult } = callbacks;
  let failure: { error: unknown } | null = null;
  const stopped = () => failure !== null || signal?.aborted === true;
  const fail = (error: unknown) => {
    failure ??= { error };
  };

  // Upload states, asked one attachment ahead: its answer is in when its turn comes.
  const states = new Map<number, Promise<AttachmentUploadState>>();
  const stateOf = (i: number) => {
    let state = states.get(i);
    if (!state) {
      state = mutation<AttachmentUploadState>('attachments.uploadState', { id: items[i]?.id }, signal);
      state.catch(() => {}); // awaited when its turn comes; never an unhandled rejection meanwhile
      states.set(i, state);
    }
    return state;
  };

  const jobs: Job[] = [];
  let opened = 0;
  const background = new Set<Promise<void>>();
  const inBackground = (work: Promise<void>) => {
    const tracked = work.catch(fail).finally(() => background.delete(tracked));
    background.add(tracked);
  };
  const progress = (job: Job) =>
    onProgress?.(job.id, { sent: Math.min(job.sent, job.bytes.length), total: job.bytes.length });

  const done = async (job: Job | { id: string }, result: AttachmentFinishResult) => {
    const at = jobs.indexOf(job as Job);
    if (at >= 0) jobs.splice(at, 1);
    await onResult(job.id, result);
  };

  /** Finishes an attachment while the next ones' chunks go; what the server lacks goes once more. */
  const finish = (job: Job) => {
    job.finishing = true;
    inBackground(
      (async () => {
        const result = await mutation<AttachmentFinishResult>('attachments.finish', { id: job.id }, signal);
        job.finishing = false;
        const total = job.bytes.length;
        const again = !job.halted && job.round + 1 < MAX_ROUNDS;
        if (again && result.status === 'incomplete') {
          job.round += 1;
          job.queue = [...result.missing];
          job.sent = total - bytesOf(total, job.queue);
        } else if (again && result.status === 'refused' && result.reason === 'beschadigd') {
          // The server dropped what it had: everything once more.
          job.round += 1;
          job.queue = allChunks(total);
          job.sent = 0;
        } else {
          if (result.status === 'complete') {
            job.sent = total;
            progress(job);
          }
          await done(job, result);
          return;
        }
        progress(job);
        if (job.queue.length === 0) finish(job);
      })(),
    );
  };

  /** Opens the next attachment: its bytes and upload state. False when every one has been opened. */
  const openNext = async (): Promise<boolean> => {
    const i = opened;
    const item = items[i];
    if (!item) return false;
    opened += 1;
    const own = stateOf(i);
    if (i + 1 < items.length) stateOf(i + 1);
    const [bytes, state] = await Promise.all([item.bytes(), own]);
    if (!bytes) return true;
    const total = bytes.length;
    if (state.status === 'complete') {
      onProgress?.(item.id, { sent: total, total });
      await done(item, { status: 'complete' });
      return true;
    }
    const job: Job = {
      id: item.id,
      bytes,
      queue: [],
      inFlight: 0,
      sent: 0,
      round: 0,
      halted: false,
      finishing: false,
    };
    jobs.push(job);
    if (state.status === 'refused' || state.chunkCount !== chunkCountOf(total)) {
      // Refused for good, or not the file it announced: finishing says which, in the server's words.
      job.halted = true;
      finish(job);
      return true;
    }
    const held = new Set(state.received);
    job.queue = allChunks(total).filter((index) => !held.has(index));
    job.sent = total - bytesOf(total, job.queue);
    progress(job);
    if (job.queue.length === 0) finish(job);
    return true;
  };

  // One opening at a time: a lane with nothing to send waits for the attachment the other lane is
  // opening, so they go in their order ("Bijlage 2 van 5" follows "1 van 5").
  let opening: Promise<boolean> | null = null;
  const openInTurn = () => {
    opening ??= openNext().finally(() => {
      opening = null;
    });
    return opening;
  };

  /** The next chunk to send: the earliest open attachment's, or the first of the next one. */
  const take = async (): Promise<[Job, number] | null> => {
    for (;;) {
      if (stopped()) return null;
      const job = jobs.find((j) => j.queue.length > 0 && !j.halted);
      const index = job?.queue.shift();
      if (job && index !== undefined) return [job, index];
      if (!(await openInTurn())) return null;
    }
  };

  const lane = async () => {
    try {
      for (let next = await take(); next; next = await take()) {
        const [job, index] = next;
        const total = job.bytes.length;
        const start = index * ATTACHMENT_LIMITS.chunkBytes;
        job.inFlight += 1;
        let accepted: boolean;
        try {
          accepted = await putChunk(
            job.id,
            index,
            job.bytes.subarray(start, start + sizeOf(total, index)),
            signal,
          );
        } finally {
          job.inFlight -= 1;
        }
        if (accepted) {
          job.sent += sizeOf(total, index);
          progress(job);
        } else {
          job.halted = true;
          job.queue = [];
        }
        if (job.queue.length === 0 && job.inFlight === 0 && !job.finishing) finish(job);
      }
    } catch (error) {
      fail(error);
    }
  };

  // Lanes stop when nothing is left to send; a finish may hand chunks back (lost on the way, or
  // damaged): then another pass, until every attachment has its result or the connection is gone.
  for (;;) {
    await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
    while (background.size) await Promise.all([...background]);
    if (stopped() || !jobs.some((j) => j.queue.length > 0)) break;
  }
  if (signal?.aborted) throw signal.reason;
  if (failure) throw (failure as { error: unknown }).error;
}

export interface UploadArgs {
  id: string;
  bytes: Uint8Array;
  onProgress?: (p: UploadProgress) => void;
  signal?: AbortSignal;
}

/** Uploads one attachment (resuming what the server holds) and answers the server's last word on it. */
export async function uploadAttachment(args: UploadArgs): Promise<AttachmentFinishResult> {
  let result: AttachmentFinishResult | null = null;
  await uploadAttachments([{ id: args.id, bytes: async () => args.bytes }], {
    ...(args.onProgress ? { onProgress: (_id: string, p: UploadProgress) => args.onProgress?.(p) } : {}),
    onResult: (_id, r) => {
      result = r;
    },
    ...(args.signal ? { signal: args.signal } : {}),
  });
  if (!result) throw new AttachmentNetworkError('Geen antwoord van de server');
  return result;
}
