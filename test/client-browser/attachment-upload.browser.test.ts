/**
 * The phone's uploader of bijlagen (client/src/sync/attachment-upload.ts) in real Chromium against
 * the real server over HTTP (attachment-commands.ts; the page reaches it at its own origin through
 * the test server's proxy). Only the network is the test's: a fetch that loses the connection at a
 * chosen moment, as a phone going into a tunnel does. Checked: only missing chunks are sent, a
 * connection dropped mid-upload is an AttachmentNetworkError (read as offline by the sync runner) and
 * the next call resumes; every chunk is stored exactly once; the joined bytes are the phone's.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { commands } from 'vitest/browser';
import {
  AttachmentNetworkError,
  AttachmentUploadError,
  uploadAttachment,
  uploadAttachments,
} from '../../client/src/sync/attachment-upload';
import { classifySyncError } from '../../client/src/sync/transport';
import type { AttachmentFinishResult } from '../../shared/schemas/attachment';
import { ATTACHMENT_LIMITS } from '../../shared/schemas/attachment';

const PREFIX = '/_bijlagen-test';
const realFetch = window.fetch.bind(window);

let world: Awaited<ReturnType<typeof commands.startAttachmentServer>>;
const clientId = crypto.randomUUID();
let nextMutation = 1;

/** What the network did: every chunk request and, when an answer came, what the server said. */
interface Put {
  index: number;
  stored: boolean | null;
}
let puts: Put[] = [];
/** Every request to the server in the order they went and came back: `start state <id>`, `end put <id> 2`… */
let log: string[] = [];
/** Called before each chunk request: 'drop-before' fails it unsent, 'drop-after' loses its answer. */
let network: (put: number) => 'ok' | 'drop-before' | 'drop-after' = () => 'ok';

function routeThroughProxy() {
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), window.location.href);
    if (!url.pathname.startsWith('/trpc/') && !url.pathname.startsWith('/api/bijlagen/')) {
      return realFetch(input, init);
    }
    const proxied = `${PREFIX}${url.pathname}${url.search}`;
    const chunk = /\/delen\/(\d+)$/.exec(url.pathname);
    const id = chunk
      ? url.pathname.split('/')[3]
      : (JSON.parse(String(init?.body ?? '{}')) as { id?: string }).id;
    const what = chunk ? `put ${id} ${chunk[1]}` : `${url.pathname.replace('/trpc/attachments.', '')} ${id}`;
    log.push(`start ${what}`);
    const logged = async (response: Promise<Response>) => {
      const answer = await response;
      log.push(`end ${what}`);
      return answer;
    };
    if (!chunk) return logged(realFetch(proxied, init));
    return logged(sendChunk(proxied, init, Number(chunk[1])));
  });
}

/** One chunk through the test's network (see `network`). */
async function sendChunk(proxied: string, init: RequestInit | undefined, index: number): Promise<Response> {
  const what = network(puts.length);
  const put: Put = { index, stored: null };
  puts.push(put);
  if (what === 'drop-before') throw new TypeError('Failed to fetch');
  const response = await realFetch(proxied, init);
  put.stored = ((await response.clone().json()) as { stored?: boolean }).stored ?? null;
  if (what === 'drop-after') throw new TypeError('Failed to fetch');
  return response;
}

async function trpc<T>(path: string, input: unknown): Promise<T> {
  const res = await fetch(`/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { result?: { data: T }; error?: { message: string } };
  if (!body.result) throw new Error(body.error?.message ?? `HTTP ${res.status}`);
  return body.result.data;
}

async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function photo(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let at = 0; at < size; at += 65_536) crypto.getRandomValues(bytes.subarray(at, at + 65_536));
  bytes.set([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
  bytes.set([0xff, 0xd9], size - 2);
  return bytes;
}

/** Announces the photo as the phone's outbox does (sync.push with addAttachment). */
async function announce(bytes: Uint8Array): Promise<string> {
  const id = crypto.randomUUID();
  const result = await trpc<{ outcomes: { status: string; reason?: string }[] }>('sync.push', {
    clientId,
    mutations: [
      {
        id: nextMutation++,
        name: 'addAttachment',
        args: {
          id,
          caseId: world.caseId,
          contactId: null,
          kind: 'foto',
          mime: 'image/jpeg',
          bytes: bytes.length,
          sha256: await sha256(bytes),
          fileName: 'Foto.jpg',
          addedAt: '2026-11-24T09:30:00.000Z',
        },
      },
    ],
  });
  expect(result.outcomes[0]?.status, JSON.stringify(result.outcomes)).toBe('toegepast');
  return id;
}

beforeAll(async () => {
  world = await commands.startAttachmentServer();
  routeThroughProxy();
  const res = await fetch('/trpc/auth.login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: world.worker1, password: world.password }),
  });
  expect(res.status).toBe(200);
}, 60_000);
afterEach(() => {
  puts = [];
  log = [];
  network = () => 'ok';
});
afterAll(async () => {
  vi.unstubAllGlobals();
  await fetch('/trpc/auth.logout', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  }).catch(() => {});
  await commands.stopAttachmentServer();
});

const storedPerIndex = () => {
  const counts = new Map<number, number>();
  for (const p of puts) if (p.stored) counts.set(p.index, (counts.get(p.index) ?? 0) + 1);
  return counts;
};

describe('uploadAttachment', () => {
  it('sends the chunks, finishes, and reports its progress', async () => {
    const bytes = photo(700 * 1024);
    const id = await announce(bytes);
    const progress: number[] = [];
    const result = await uploadAttachment({ id, bytes, onProgress: (p) => progress.push(p.sent) });
    expect(result).toEqual({ status: 'complete' });
    expect(puts.map((p) => p.index).sort()).toEqual([0, 1, 2]);
    expect(progress.at(-1)).toBe(bytes.length);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(await commands.attachmentOnServer(id)).toEqual({
      status: 'complete',
      chunks: [],
      sha256: await sha256(bytes),
    });
    // Done is done: a second call sends nothing.
    puts = [];
    expect(await uploadAttachment({ id, bytes })).toEqual({ status: 'complete' });
    expect(puts).toEqual([]);
  });

  it('throws a network error when the connection drops mid-upload, and the next call resumes; each chunk stored once', async () => {
    const bytes = photo(5 * ATTACHMENT_LIMITS.chunkBytes + 1234);
    const id = await announce(bytes);
    // The third chunk reaches the server but its answer is lost in the tunnel.
    network = (put) => (put === 2 ? 'drop-after' : 'ok');
    const first = await uploadAttachment({ id, bytes }).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(AttachmentNetworkError);
    expect(classifySyncError(first)).toBe('offline');
    const afterFirst = (await commands.attachmentOnServer(id)).chunks;
    expect(afterFirst).toEqual(expect.arrayContaining([0, 1, 2]));

    // Still in the tunnel: the next chunk does not get out at all.
    const sentBefore = puts.length;
    network = (put) => (put === sentBefore ? 'drop-before' : 'ok');
    const second = await uploadAttachment({ id, bytes }).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(AttachmentNetworkError);
    // Nothing the server held was sent again.
    for (const p of puts.slice(sentBefore)) expect(afterFirst).not.toContain(p.index);

    // Out of the tunnel: only what the server lacks goes, and the upload completes.
    const held = (await commands.attachmentOnServer(id)).chunks;
    const sentBeforeLast = puts.length;
    network = () => 'ok';
    const progress: number[] = [];
    expect(await uploadAttachment({ id, bytes, onProgress: (p) => progress.push(p.sent) })).toEqual({
      status: 'complete',
    });
    // The bytes the server already held (the last chunk, 1234 bytes, may be among them: two chunks go at once).
    const sizeOf = (i: number) =>
      Math.min(ATTACHMENT_LIMITS.chunkBytes, bytes.length - i * ATTACHMENT_LIMITS.chunkBytes);
    expect(progress[0]).toBe(held.reduce((sum, i) => sum + sizeOf(i), 0));
    const lastCall = puts.slice(sentBeforeLast).map((p) => p.index);
    expect(lastCall.sort()).toEqual([0, 1, 2, 3, 4, 5].filter((i) => !held.includes(i)));
    const stored = storedPerIndex();
    expect([...stored.keys()].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect([...stored.values()].every((n) => n === 1)).toBe(true);
    expect(await commands.attachmentOnServer(id)).toEqual({
      status: 'complete',
      chunks: [],
      sha256: await sha256(bytes),
    });
  });

  it('repeats a chunk whose answer was lost without storing it twice', async () => {
    const bytes = photo(2 * ATTACHMENT_LIMITS.chunkBytes + 10);
    const id = await announce(bytes);
    // The answer to chunk 0 is lost; the server has it, so the next call does not send it again…
    network = (put) => (put === 0 ? 'drop-after' : 'ok');
    await expect(uploadAttachment({ id, bytes })).rejects.toBeInstanceOf(AttachmentNetworkError);
    network = () => 'ok';
    expect(await uploadAttachment({ id, bytes })).toEqual({ status: 'complete' });
    expect(puts.map((p) => [p.index, p.stored]).sort()).toEqual([
      [0, true],
      [1, true],
      [2, true],
    ]);
  });

  it('answers a refusal as a result, and another device’s upload as an upload error', async () => {
    const html = new TextEncoder().encode('<!DOCTYPE html><html><body>geen foto</body></html>');
    const id = await announce(html);
    expect(await uploadAttachment({ id, bytes: html })).toMatchObject({
      status: 'refused',
      reason: 'verkeerd-type',
    });
    const unknown = await uploadAttachment({ id: crypto.randomUUID(), bytes: html }).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(AttachmentUploadError);
    expect((unknown as AttachmentUploadError).status).toBe(404);
  });

  it('stops when aborted', async () => {
    const bytes = photo(3 * ATTACHMENT_LIMITS.chunkBytes);
    const id = await announce(bytes);
    const controller = new AbortController();
    const upload = uploadAttachment({
      id,
      bytes,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.sent > 0) controller.abort();
      },
    });
    await expect(upload).rejects.toMatchObject({ name: 'AbortError' });
    expect((await commands.attachmentOnServer(id)).status).toBe('uploading');
  });
});

describe('uploadAttachments: several as one stream', () => {
  const chunks = (n: number) => photo(n * ATTACHMENT_LIMITS.chunkBytes - 1000);

  it('asks the next state while sending, starts the next chunks before the previous finish is answered; each once', async () => {
    const files = [chunks(2), chunks(2), chunks(1)];
    const ids: string[] = [];
    for (const bytes of files) ids.push(await announce(bytes));
    const results = new Map<string, AttachmentFinishResult>();
    await uploadAttachments(
      ids.map((id, i) => ({ id, bytes: async () => files[i] as Uint8Array })),
      { onResult: (id, result) => void results.set(id, result) },
    );
    expect([...results.keys()].sort()).toEqual([...ids].sort());
    expect([...results.values()].every((r) => r.status === 'complete')).toBe(true);
    for (const [i, id] of ids.entries())
      expect(await commands.attachmentOnServer(id)).toEqual({
        status: 'complete',
        chunks: [],
        sha256: await sha256(files[i] as Uint8Array),
      });
    expect([...storedPerIndex().values()].reduce((a, b) => a + b, 0)).toBe(5);

    const at = (line: string) => {
      const i = log.indexOf(line);
      expect(i, `${line} in ${log.join(' | ')}`).toBeGreaterThanOrEqual(0);
      return i;
    };
    const [first, second] = ids as [string, string];
    // The second one's state was asked before the first one's last chunk was answered…
    expect(at(`start uploadState ${second}`)).toBeLessThan(at(`end put ${first} 1`));
    // …and its first chunk was on its way before the first one's finish was answered.
    expect(at(`start put ${second} 0`)).toBeLessThan(at(`end finish ${first}`));
  });

  it('reports what completed before the connection dropped; the rest resumes at the next call, each chunk once', async () => {
    const files = [chunks(2), chunks(3)];
    const ids: string[] = [];
    for (const bytes of files) ids.push(await announce(bytes));
    const items = ids.map((id, i) => ({ id, bytes: async () => files[i] as Uint8Array }));
    const results = new Map<string, AttachmentFinishResult>();
    const onResult = (id: string, result: AttachmentFinishResult) => void results.set(id, result);
    // The fourth chunk (the second attachment's second) goes into the tunnel, and so does the line.
    let down = false;
    network = (put) => {
      if (put === 3) down = true;
      return down ? 'drop-before' : 'ok';
    };
    await expect(uploadAttachments(items, { onResult })).rejects.toBeInstanceOf(AttachmentNetworkError);
    expect(results.get(ids[0] as string)).toEqual({ status: 'complete' });
    expect(results.has(ids[1] as string)).toBe(false);

    network = () => 'ok';
    await uploadAttachments(items, { onResult });
    expect(results.get(ids[1] as string)).toEqual({ status: 'complete' });
    const stored = puts.filter((p) => p.stored === true).length;
    expect(stored).toBe(5);
    expect(await commands.attachmentOnServer(ids[1] as string)).toMatchObject({ status: 'complete' });
  });
});
