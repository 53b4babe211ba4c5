/**
 * Bijlagen on the server (issue 20, section 3; shared/schemas/attachment.ts), over a real listening
 * server signed in with cookies: the announcement's refusals in the wachtrij's words, the chunked
 * upload (each chunk stored once, resumable), the join's checks (size, SHA-256, type by content),
 * the download's headers, need-to-know per role with each access logged, odd URL spellings and
 * parallel finishes.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import * as t from '../../server/db/schema';
import { nextVersion } from '../../server/sync/versions';
import {
  type AddAttachmentArgs,
  ATTACHMENT_LIMITS,
  ATTACHMENT_REFUSALS,
  attachmentRowSchema,
} from '../../shared/schemas/attachment';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { buildFixture, FIXTURE_PASSWORD, type Fixture } from '../helpers/fixture';
import { type Listening, listen, rawRequest } from '../helpers/http';

let database: TestDatabase;
let f: Fixture;
let app: FastifyInstance;
let server: Listening;
const cookies: Record<string, string> = {};

async function signIn(username: string): Promise<string> {
  const res = await fetch(`${server.base}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.base },
    body: JSON.stringify({ username, password: FIXTURE_PASSWORD }),
  });
  expect(res.status, `sign-in ${username}`).toBe(200);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
}

beforeAll(async () => {
  database = await createTestDatabase();
  f = await buildFixture(database.db);
  app = await buildApp({ config: loadConfig({ NODE_ENV: 'test', STATIC_DIR: '/nonexistent' }), database });
  server = await listen(app);
  for (const key of ['worker1', 'worker2', 'lead1', 'lead2', 'support', 'admin'] as const) {
    cookies[key] = await signIn(f.users[key].username);
  }
}, 60_000);
afterAll(async () => {
  await server?.close();
  await database?.dispose();
});

interface TrpcAnswer<T> {
  status: number;
  data?: T;
  error?: { message: string; data?: { code?: string } };
}

async function trpc<T>(path: string, input: unknown, cookie: string): Promise<TrpcAnswer<T>> {
  const res = await fetch(`${server.base}/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.base, cookie },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { result?: { data?: T }; error?: TrpcAnswer<T>['error'] };
  return { status: res.status, data: body.result?.data, error: body.error };
}

const clients: Record<string, { id: string; next: number }> = {};
/** Pushes one mutation from the user's phone (one sync client per cookie); answers its outcome. */
async function push(cookie: string, name: string, args: unknown) {
  clients[cookie] ??= { id: randomUUID(), next: 1 };
  const client = clients[cookie];
  const answer = await trpc<{ outcomes: { status: string; reason?: string }[] }>(
    'sync.push',
    { clientId: client.id, mutations: [{ id: client.next++, name, args }] },
    cookie,
  );
  expect(answer.status, JSON.stringify(answer.error)).toBe(200);
  return answer.data?.outcomes[0];
}

/** A file the type check reads as a JPEG: its magic bytes, then noise. */
function jpeg(size: number): Uint8Array {
  const bytes = randomBytes(size);
  bytes.set([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
  bytes.set([0xff, 0xd9], size - 2);
  return bytes;
}
const pdf = (size: number) => {
  const head = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1');
  return Buffer.concat([head, Buffer.alloc(size - head.length - 6, 0x20), Buffer.from('%%EOF\n')]);
};
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function announcement(bytes: Uint8Array, over: Partial<AddAttachmentArgs> = {}): AddAttachmentArgs {
  return {
    id: randomUUID(),
    caseId: f.cases.ofWorker1,
    contactId: null,
    kind: 'foto',
    mime: 'image/jpeg',
    bytes: bytes.length,
    sha256: sha256(bytes),
    fileName: 'Foto slaapkamer.jpg',
    addedAt: '2026-11-24T09:30:00.000Z',
    ...over,
  };
}

async function announce(bytes: Uint8Array, over: Partial<AddAttachmentArgs> = {}, cookie = cookies.worker1) {
  const args = announcement(bytes, over);
  const outcome = await push(cookie as string, 'addAttachment', args);
  expect(outcome, JSON.stringify(outcome)).toEqual({ id: expect.any(Number), status: 'toegepast' });
  return args.id;
}

async function putChunk(
  id: string,
  index: number | string,
  body: Uint8Array,
  cookie = cookies.worker1 as string,
  headers: Record<string, string> = {},
) {
  const res = await fetch(`${server.base}/api/bijlagen/${id}/delen/${index}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/octet-stream', origin: server.base, cookie, ...headers },
    body: body as Uint8Array<ArrayBuffer>,
  });
  return { status: res.status, body: (await res.json()) as { stored?: boolean; error?: string } };
}

const chunkOf = (bytes: Uint8Array, i: number) =>
  bytes.subarray(i * ATTACHMENT_LIMITS.chunkBytes, (i + 1) * ATTACHMENT_LIMITS.chunkBytes);

async function uploadAll(id: string, bytes: Uint8Array) {
  const count = Math.ceil(bytes.length / ATTACHMENT_LIMITS.chunkBytes);
  for (let i = 0; i < count; i++) expect((await putChunk(id, i, chunkOf(bytes, i))).status).toBe(200);
}

const finish = (id: string, cookie = cookies.worker1 as string) => trpc('attachments.finish', { id }, cookie);

const chunkRows = async (id: string) =>
  database.db
    .select({ index: t.attachmentChunks.index })
    .from(t.attachmentChunks)
    .where(eq(t.attachmentChunks.attachmentId, id));
const rowOf = async (id: string) => {
  const [row] = await database.db.select().from(t.attachments).where(eq(t.attachments.id, id));
  if (!row) throw new Error('no attachment row');
  return row;
};

describe('announcing a bijlage (addAttachment)', () => {
  it('is refused in the wachtrij’s words: another worker’s case, too large, a type that is not JPEG/PDF', async () => {
    const bytes = jpeg(1000);
    const other = await push(
      cookies.worker1 as string,
      'addAttachment',
      announcement(bytes, { caseId: f.cases.ofWorker2 }),
    );
    expect(other).toMatchObject({ status: 'geweigerd', reason: ATTACHMENT_REFUSALS['geen-toegang'] });
    const tooLarge = await push(
      cookies.worker1 as string,
      'addAttachment',
      announcement(bytes, { bytes: ATTACHMENT_LIMITS.maxBytes + 1 }),
    );
    expect(tooLarge).toMatchObject({ status: 'geweigerd', reason: ATTACHMENT_REFUSALS['te-groot'] });
    const png = await push(
      cookies.worker1 as string,
      'addAttachment',
      announcement(bytes, { mime: 'image/png' as 'image/jpeg' }),
    );
    expect(png).toMatchObject({ status: 'geweigerd', reason: ATTACHMENT_REFUSALS['verkeerd-type'] });
    const pdfAsPhoto = await push(
      cookies.worker1 as string,
      'addAttachment',
      announcement(bytes, { kind: 'foto', mime: 'application/pdf' }),
    );
    expect(pdfAsPhoto).toMatchObject({ status: 'geweigerd', reason: ATTACHMENT_REFUSALS['verkeerd-type'] });
    // A team lead has no phone to add from.
    const lead = await push(cookies.lead1 as string, 'addAttachment', announcement(bytes));
    expect(lead).toMatchObject({ status: 'geweigerd', reason: ATTACHMENT_REFUSALS['geen-toegang'] });
    // Refused, nothing kept; the refusals are logged.
    const [kept] = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(t.attachments)
      .where(eq(t.attachments.caseId, f.cases.ofWorker2));
    expect(kept?.n).toBe(0);
    const logged = await database.db
      .select({ result: t.accessLog.result, caseId: t.accessLog.caseId })
      .from(t.accessLog)
      .where(
        and(eq(t.accessLog.procedure, 'sync.addAttachment'), eq(t.accessLog.userId, f.users.worker1.id)),
      );
    expect(logged).toContainEqual({ result: 'geweigerd', caseId: f.cases.ofWorker2 });
  });

  it('refuses a contact of another case, and a device past its 500 MB', async () => {
    const bytes = jpeg(1000);
    const [otherContact] = await database.db
      .select({ id: t.contacts.id })
      .from(t.contacts)
      .where(eq(t.contacts.caseId, f.cases.ofWorker2));
    if (otherContact) {
      const outcome = await push(
        cookies.worker1 as string,
        'addAttachment',
        announcement(bytes, { contactId: otherContact.id }),
      );
      expect(outcome).toMatchObject({ status: 'geweigerd', reason: expect.stringMatching(/contact/) });
    }
    const unknownContact = await push(
      cookies.worker1 as string,
      'addAttachment',
      announcement(bytes, { contactId: randomUUID() }),
    );
    expect(unknownContact).toMatchObject({ status: 'geweigerd', reason: expect.stringMatching(/contact/) });

    // worker2's phone has stored 500 MB less a little on the server: one more kilobyte does not fit.
    const phone = await signIn(f.users.worker2.username);
    await push(phone, 'addAttachment', announcement(jpeg(1000), { caseId: f.cases.ofWorker2 }));
    const clientId = clients[phone]?.id as string;
    const version = await nextVersion(database.db, f.orgA);
    for (let i = 0; i < 50; i++) {
      await database.db.insert(t.attachments).values({
        id: randomUUID(),
        organisationId: f.orgA,
        caseId: f.cases.ofWorker2,
        contactId: null,
        kind: 'foto',
        mime: 'image/jpeg',
        bytes: ATTACHMENT_LIMITS.maxBytes,
        sha256: '0'.repeat(64),
        fileName: `oud-${i}.jpg`,
        addedAt: new Date('2026-11-01T10:00:00Z'),
        authorId: f.users.worker2.id,
        clientId,
        status: 'complete',
        rowVersion: version,
      });
    }
    const full = await push(phone, 'addAttachment', announcement(jpeg(1000), { caseId: f.cases.ofWorker2 }));
    expect(full).toMatchObject({ status: 'geweigerd', reason: ATTACHMENT_REFUSALS['apparaat-vol'] });
  });
});

describe('uploading the bytes', () => {
  it('stores each chunk once, resumes, and joins them when complete', async () => {
    const bytes = jpeg(600 * 1024);
    const id = await announce(bytes);
    expect(await trpc('attachments.uploadState', { id }, cookies.worker1 as string)).toMatchObject({
      data: { status: 'uploading', received: [], chunkCount: 3, reason: null },
    });
    expect((await putChunk(id, 0, chunkOf(bytes, 0))).body).toEqual({ stored: true });
    // The answer was lost and the phone sends it again: acknowledged, not stored twice.
    expect((await putChunk(id, 0, chunkOf(bytes, 0))).body).toEqual({ stored: false });
    expect(await chunkRows(id)).toEqual([{ index: 0 }]);
    expect((await putChunk(id, 2, chunkOf(bytes, 2))).body).toEqual({ stored: true });
    // The connection went: the phone asks what the server holds, and finishing now names what is missing.
    expect((await trpc('attachments.uploadState', { id }, cookies.worker1 as string)).data).toMatchObject({
      received: [0, 2],
    });
    expect((await finish(id)).data).toEqual({ status: 'incomplete', missing: [1] });
    const before = (await rowOf(id)).rowVersion;
    expect((await putChunk(id, 1, chunkOf(bytes, 1))).body).toEqual({ stored: true });
    expect((await finish(id)).data).toEqual({ status: 'complete' });
    const row = await rowOf(id);
    expect(row.status).toBe('complete');
    expect(row.rowVersion).toBeGreaterThan(before);
    expect(await chunkRows(id)).toEqual([]);
    const [content] = await database.db
      .select({ content: t.attachmentContents.content })
      .from(t.attachmentContents)
      .where(eq(t.attachmentContents.attachmentId, id));
    expect(sha256(content?.content as Buffer)).toBe(sha256(bytes));
    // A late repeat after completion is acknowledged and changes nothing.
    expect((await putChunk(id, 1, chunkOf(bytes, 1))).body).toEqual({ stored: false });
    expect((await finish(id)).data).toEqual({ status: 'complete' });
  });

  it('refuses damage (bad SHA-256, wrong length) until the right bytes come', async () => {
    const bytes = jpeg(300 * 1024);
    const id = await announce(bytes);
    const damaged = Uint8Array.from(bytes);
    damaged[1000] = (damaged[1000] as number) ^ 0xff;
    await uploadAll(id, damaged);
    expect((await finish(id)).data).toEqual({
      status: 'refused',
      reason: 'beschadigd',
      message: ATTACHMENT_REFUSALS.beschadigd,
    });
    // Damage is not for good: the chunks are gone, the phone sends them again.
    expect(await chunkRows(id)).toEqual([]);
    expect((await rowOf(id)).status).toBe('uploading');
    await uploadAll(id, bytes);
    expect((await finish(id)).data).toEqual({ status: 'complete' });

    // More bytes than announced: a last chunk too long is damage too.
    const small = jpeg(1000);
    const smallId = await announce(small);
    expect((await putChunk(smallId, 0, jpeg(200 * 1024))).status).toBe(200);
    expect((await finish(smallId)).data).toMatchObject({ status: 'refused', reason: 'beschadigd' });
  });

  it('refuses by content what is not what it claims: a PDF as a photo, HTML as image/jpeg', async () => {
    const aPdf = pdf(20_000);
    const pdfId = await announce(aPdf, { fileName: 'scan.jpg' });
    await uploadAll(pdfId, aPdf);
    const before = (await rowOf(pdfId)).rowVersion;
    expect((await finish(pdfId)).data).toEqual({
      status: 'refused',
      reason: 'verkeerd-type',
      message: ATTACHMENT_REFUSALS['verkeerd-type'],
    });
    const row = await rowOf(pdfId);
    expect(row).toMatchObject({ status: 'refused', reason: 'verkeerd-type' });
    // For good: every device learns it through the pull.
    expect(row.rowVersion).toBeGreaterThan(before);
    expect((await putChunk(pdfId, 0, aPdf)).status).toBe(409);

    const html = new TextEncoder().encode('<!DOCTYPE html><html><script>alert(1)</script></html>');
    const htmlId = await announce(html);
    await uploadAll(htmlId, html);
    expect((await finish(htmlId)).data).toMatchObject({ status: 'refused', reason: 'verkeerd-type' });

    // The same PDF announced as a document is kept.
    const docId = await announce(aPdf, { kind: 'document', mime: 'application/pdf', fileName: 'scan.pdf' });
    await uploadAll(docId, aPdf);
    expect((await finish(docId)).data).toEqual({ status: 'complete' });
  });

  it('joins once when finishes arrive in parallel', async () => {
    const bytes = jpeg(700 * 1024);
    const id = await announce(bytes);
    await uploadAll(id, bytes);
    const answers = await Promise.all([finish(id), finish(id), finish(id), finish(id)]);
    for (const a of answers) expect(a.data).toEqual({ status: 'complete' });
    const [n] = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(t.attachmentContents)
      .where(eq(t.attachmentContents.attachmentId, id));
    expect(n?.n).toBe(1);
    const logged = await database.db
      .select({ id: t.accessLog.id })
      .from(t.accessLog)
      .where(and(eq(t.accessLog.procedure, 'attachments.finish'), eq(t.accessLog.caseId, f.cases.ofWorker1)));
    expect(logged.length).toBeGreaterThan(0);
  });

  it('takes chunks only from the user and device that announced it, as raw bytes of one chunk at most', async () => {
    const bytes = jpeg(1000);
    const id = await announce(bytes);
    // Another worker, the team lead: refused.
    expect((await putChunk(id, 0, bytes, cookies.worker2)).status).toBe(403);
    expect((await putChunk(id, 0, bytes, cookies.lead1)).status).toBe(403);
    expect((await finish(id, cookies.worker2 as string)).status).toBe(403);
    // No session: refused.
    expect((await putChunk(id, 0, bytes, '')).status).toBe(401);
    // Not raw bytes, another site, too large, past the last chunk, an unknown attachment.
    expect(
      (await putChunk(id, 0, bytes, cookies.worker1, { 'content-type': 'application/json' })).status,
    ).toBe(415);
    expect(
      (
        await putChunk(id, 0, bytes, cookies.worker1, {
          origin: 'https://evil.example',
          'sec-fetch-site': 'cross-site',
        })
      ).status,
    ).toBe(403);
    expect((await putChunk(id, 0, new Uint8Array(ATTACHMENT_LIMITS.chunkBytes + 1))).status).toBe(413);
    expect((await putChunk(id, 1, bytes)).status).toBe(400);
    expect((await putChunk(randomUUID(), 0, bytes)).status).toBe(404);
    expect(await chunkRows(id)).toEqual([]);

    // The same worker signed in on a registered phone: only that phone may send what it announced.
    const phoneSession = await signIn(f.users.worker1.username);
    const clientId = randomUUID();
    const registered = await trpc<{ deviceId: string }>(
      'devices.register',
      { clientId, label: 'Android · Chrome', name: 'Telefoon van Worker1' },
      phoneSession,
    );
    expect(registered.status, JSON.stringify(registered.error)).toBe(200);
    clients[phoneSession] = { id: clientId, next: 1 };
    const fromPhone = await announce(bytes, {}, phoneSession);
    expect((await rowOf(fromPhone)).deviceId).toBe(registered.data?.deviceId);
    expect((await putChunk(fromPhone, 0, bytes, cookies.worker1)).status).toBe(403);
    expect((await putChunk(fromPhone, 0, bytes, phoneSession)).body).toEqual({ stored: true });
  });
});

describe('the metadata in the pull', () => {
  it('reaches the case’s phone with its status, never the bytes', async () => {
    const bytes = jpeg(2000);
    const id = await announce(bytes, { fileName: 'Kamer.jpg' });
    await uploadAll(id, bytes);
    await finish(id);
    const res = await trpc<{ rows: { entity: string; id: string; data: unknown }[] }>(
      'sync.pull',
      { clientId: randomUUID(), cookie: null },
      cookies.worker1 as string,
    );
    const rows = (res.data?.rows ?? []).filter((r) => r.entity === 'bijlage');
    const mine = rows.find((r) => r.id === id);
    expect(mine).toBeDefined();
    expect(attachmentRowSchema.parse(mine?.data)).toMatchObject({
      id,
      status: 'complete',
      fileName: 'Kamer.jpg',
      bytes: 2000,
      authorId: f.users.worker1.id,
      addedAt: '2026-11-24T09:30:00.000Z',
    });
    expect(JSON.stringify(res.data)).not.toContain(Buffer.from(bytes.subarray(100, 200)).toString('base64'));
    // Another worker's phone gets none of this case's bijlagen.
    const other = await trpc<{ rows: { entity: string; caseId: string }[] }>(
      'sync.pull',
      { clientId: randomUUID(), cookie: null },
      cookies.worker2 as string,
    );
    expect(other.data?.rows.filter((r) => r.entity === 'bijlage' && r.caseId === f.cases.ofWorker1)).toEqual(
      [],
    );
  });
});

describe('downloading', () => {
  let id: string;
  let bytes: Uint8Array;
  beforeAll(async () => {
    bytes = jpeg(5000);
    id = await announce(bytes, { fileName: '../../etc/"passwd";\r\nX-Evil: 1.jpg' });
    await uploadAll(id, bytes);
    expect((await finish(id)).data).toEqual({ status: 'complete' });
  });

  const get = (path: string, cookie: string) =>
    fetch(`${server.base}${path}`, { headers: { cookie, origin: server.base } });

  it('answers the bytes as a download no browser runs, never cached, and logs it', async () => {
    const res = await get(`/api/bijlagen/${id}`, cookies.worker1 as string);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    const disposition = res.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(/^attachment; filename="[^"/\\\r\n]+\.jpg"; filename\*=UTF-8''/);
    expect(disposition).not.toMatch(/\.\.|\/|X-Evil:/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-evil')).toBeNull();
    expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);

    const view = await get(`/api/bijlagen/${id}?weergave=bekijken`, cookies.worker1 as string);
    expect(view.status).toBe(200);
    const logged = await database.db
      .select({ procedure: t.accessLog.procedure, result: t.accessLog.result, action: t.accessLog.action })
      .from(t.accessLog)
      .where(and(eq(t.accessLog.userId, f.users.worker1.id), eq(t.accessLog.caseId, f.cases.ofWorker1)));
    expect(logged).toContainEqual({
      procedure: 'attachments.download',
      result: 'toegestaan',
      action: 'read',
    });
    expect(logged).toContainEqual({ procedure: 'attachments.view', result: 'toegestaan', action: 'read' });
  });

  it('follows need-to-know: the team lead of the case’s team yes; another team’s lead, support, beheerder, another worker no', async () => {
    expect((await get(`/api/bijlagen/${id}`, cookies.lead1 as string)).status).toBe(200);
    for (const [who, pattern] of [
      ['lead2', /geen toegang tot de bijlagen van dit dossier/],
      ['worker2', /geen toegang tot de bijlagen van dit dossier/],
      ['support', /alleen voor de jeugdbeschermer en de teamleider.*ondersteuner/],
      ['admin', /alleen voor de jeugdbeschermer en de teamleider.*beheerder/],
    ] as const) {
      const res = await get(`/api/bijlagen/${id}`, cookies[who] as string);
      expect(res.status, who).toBe(403);
      expect(((await res.json()) as { error: string }).error, who).toMatch(pattern);
      const [refusal] = await database.db
        .select({ result: t.accessLog.result, caseId: t.accessLog.caseId })
        .from(t.accessLog)
        .where(
          and(eq(t.accessLog.userId, f.users[who].id), eq(t.accessLog.procedure, 'attachments.download')),
        );
      expect(refusal, who).toMatchObject({ result: 'geweigerd' });
    }
    // An unknown id is refused like a case out of reach: ids cannot be probed.
    expect((await get(`/api/bijlagen/${randomUUID()}`, cookies.worker1 as string)).status).toBe(403);
    expect((await get(`/api/bijlagen/${id}`, '')).status).toBe(401);
    const crossSite = await fetch(`${server.base}/api/bijlagen/${id}`, {
      headers: { cookie: cookies.worker1 as string, 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSite.status).toBe(403);
  });

  it('lists the case’s bijlagen for the office case file, by need-to-know', async () => {
    const list = await trpc<{ id: string; fileName: string; authorName: string; bytes: number }[]>(
      'attachments.listForCase',
      { caseId: f.cases.ofWorker1 },
      cookies.lead1 as string,
    );
    expect(list.status).toBe(200);
    expect(list.data).toContainEqual(
      expect.objectContaining({ id, bytes: 5000, authorName: f.users.worker1.displayName, kind: 'foto' }),
    );
    for (const who of ['lead2', 'support', 'admin', 'worker2'] as const) {
      const refused = await trpc(
        'attachments.listForCase',
        { caseId: f.cases.ofWorker1 },
        cookies[who] as string,
      );
      expect(refused.status, who).toBe(403);
    }
  });

  it('answers odd spellings of the address without the file', async () => {
    const upper = await get(`/api/bijlagen/${id.toUpperCase()}`, cookies.worker1 as string);
    expect(upper.status).toBe(400);
    const slash = await get(`/api/bijlagen/${id}/`, cookies.worker1 as string);
    expect(slash.status).toBe(404);
    const htmlSlash = await fetch(`${server.base}/api/bijlagen/${id}/`, {
      headers: { cookie: cookies.worker1 as string, accept: 'text/html' },
    });
    expect(htmlSlash.status).toBe(404);
    for (const target of [
      `/api/bijlagen/../bijlagen/${id}`,
      `/api/bijlagen/./${id}`,
      `/api/bijlagen//${id}`,
      `/api/%62ijlagen/${id}`,
      `/api/bijlagen/${id}%2f`,
    ]) {
      const res = await rawRequest(server.port, 'GET', target, { Cookie: cookies.worker1 as string });
      expect(res.status, target).toBe(400);
      expect(res.body, target).not.toContain('JFIF');
    }
    const leadingZero = await putChunk(id, '00', new Uint8Array([1]));
    expect(leadingZero.status).toBe(400);
  });
});
