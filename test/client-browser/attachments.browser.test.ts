/**
 * Photos and documents on the phone, in real Chromium: a photo is scaled (longest side 1600) with
 * its EXIF orientation applied and its metadata (EXIF, GPS, XMP) gone; a PDF is kept as it is and
 * anything else refused; the attachment is sealed at rest and written in one transaction with the
 * outbox entry that announces it; its bytes go up only after the announcement was acknowledged, a
 * lost connection leaves it pending and a refusal lands in the wachtrij; old uploaded ones lose
 * their bytes on the phone, pending ones never.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Prepared, prepareFile } from '../../client/src/features/attachments/prepare';
import {
  attachmentBytes,
  listAttachments,
  type PreparedAttachment,
  purgeOldAttachments,
  refusedAttachments,
  removeRefused,
  saveAttachment,
  uploadable,
} from '../../client/src/local/attachments';
import { createKeyring } from '../../client/src/local/crypto';
import { LocalDb } from '../../client/src/local/db';
import { StorageEvictedError } from '../../client/src/local/storage-errors';
import { LocalStore } from '../../client/src/local/store';
import { oneAtATime, type SingleUploader, uploadAttachments } from '../../client/src/sync/attachment-sync';
import { discardRefused, readOutbox } from '../../client/src/sync/outbox';
import { ATTACHMENT_REFUSALS } from '../../shared/schemas/attachment';
import {
  app1Segments,
  containsBytes,
  GPS_LATITUDE_BYTES,
  withCameraMetadata,
  XMP_PLACE,
} from '../helpers/exif-jpeg';
import { rawDump } from './local-helpers';

/** A camera-sized photo (content enough that JPEG does not shrink it to nothing), with camera metadata. */
async function cameraPhoto(width: number, height: number, orientation = 1): Promise<File> {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
  const gradient = ctx.createLinearGradient(0, 0, width, height);
  gradient.addColorStop(0, '#2a6');
  gradient.addColorStop(1, '#c42');
  ctx.fillStyle = gradient;
  ctx.fillRect(0, 0, width, height);
  // The top left corner marked, to see where it ends up after the orientation.
  ctx.fillStyle = '#00f';
  ctx.fillRect(0, 0, width / 4, height / 4);
  const jpeg = new Uint8Array(
    await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 })).arrayBuffer(),
  );
  return new File([withCameraMetadata(jpeg, orientation)], 'IMG_2041.JPG', { type: 'image/jpeg' });
}

const ok = (p: Prepared): PreparedAttachment => {
  if (!p.ok) throw new Error(`not prepared: ${p.problem}`);
  return p.file;
};

async function sizeOf(bytes: Uint8Array<ArrayBuffer>) {
  const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/jpeg' }));
  const size = { width: bitmap.width, height: bitmap.height };
  bitmap.close();
  return size;
}

const CASE_ID = '11111111-1111-4111-8111-111111111111';
const CONTACT_ID = '22222222-2222-4222-8222-222222222222';

let db: LocalDb;
let store: LocalStore;

beforeEach(async () => {
  db = new LocalDb(`test-${crypto.randomUUID()}`);
  const { keyring } = await createKeyring('135792', { iterations: 1000 });
  await db.meta.bulkPut([
    { key: 'clientId', value: crypto.randomUUID() },
    { key: 'userId', value: crypto.randomUUID() },
    { key: 'nextMutationId', value: 1 },
  ]);
  store = new LocalStore(db, keyring);
  // The case is on the phone (its attachments stay while it is).
  await store.write([
    { entity: 'case', id: CASE_ID, caseId: CASE_ID, version: 1, data: { id: CASE_ID } } as never,
  ]);
});

afterEach(async () => {
  db.close();
  await db.delete();
});

describe('preparing a photo', { timeout: 60_000 }, () => {
  it('scales a 4000×3000 photo to 1600×1200, with a 240×180 thumbnail beside it', async () => {
    const file = ok(await prepareFile(await cameraPhoto(4000, 3000)));
    expect(await sizeOf(file.bytes)).toEqual({ width: 1600, height: 1200 });
    expect(await sizeOf(file.thumb as Uint8Array<ArrayBuffer>)).toEqual({ width: 240, height: 180 });
    expect(file).toMatchObject({ mime: 'image/jpeg', kind: 'foto', fileName: 'IMG_2041.jpg' });
    expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('turns the photo as its EXIF orientation says (a phone held upright)', async () => {
    const file = ok(await prepareFile(await cameraPhoto(4000, 3000, 6)));
    expect(await sizeOf(file.bytes)).toEqual({ width: 1200, height: 1600 });
  });

  it('keeps no EXIF, GPS position or XMP in the bytes it keeps', async () => {
    const photo = await cameraPhoto(4000, 3000);
    const original = new Uint8Array(await photo.arrayBuffer());
    // The test photo does carry them (else this test would prove nothing).
    expect(app1Segments(original)).toBe(2);
    expect(containsBytes(original, GPS_LATITUDE_BYTES)).toBe(true);

    const file = ok(await prepareFile(photo));
    await saveAttachment(store, { caseId: CASE_ID, contactId: CONTACT_ID, file });
    const [view] = await listAttachments(store, CASE_ID);
    const stored = (await attachmentBytes(store, view?.id ?? '')) as Uint8Array<ArrayBuffer>;
    expect(stored).toEqual(file.bytes);
    for (const kept of [stored, file.thumb as Uint8Array<ArrayBuffer>]) {
      expect(app1Segments(kept)).toBe(0);
      expect(containsBytes(kept, GPS_LATITUDE_BYTES)).toBe(false);
      expect(containsBytes(kept, new TextEncoder().encode('Exif'))).toBe(false);
      expect(containsBytes(kept, new TextEncoder().encode(XMP_PLACE))).toBe(false);
    }
  });

  it('keeps a PDF byte for byte, refuses what is neither photo nor PDF, and a PDF over 10 MB', async () => {
    const pdfBytes = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const pdf = ok(
      await prepareFile(new File([pdfBytes], 'Verslag school.pdf', { type: 'application/pdf' })),
    );
    expect(pdf).toMatchObject({
      mime: 'application/pdf',
      kind: 'document',
      fileName: 'Verslag school.pdf',
      thumb: null,
    });
    expect(pdf.bytes).toEqual(pdfBytes);

    // A Word file named .pdf is no PDF: its first bytes decide, not its name.
    const word = new File([new Uint8Array([0x50, 0x4b, 3, 4, 20, 0, 6, 0])], 'brief.pdf', {
      type: 'application/pdf',
    });
    expect(await prepareFile(word)).toEqual({ ok: false, problem: 'verkeerd-type' });
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(pdfBytes);
    expect(await prepareFile(new File([big], 'groot.pdf'))).toEqual({ ok: false, problem: 'te-groot' });
    expect(await prepareFile(new File([], 'leeg.jpg'))).toEqual({ ok: false, problem: 'leeg' });
  });
});

describe('an attachment on the phone', { timeout: 60_000 }, () => {
  it('is sealed at rest: IndexedDB holds neither the JPEG nor its name in clear', async () => {
    const file = ok(await prepareFile(await cameraPhoto(1200, 900)));
    await saveAttachment(store, { caseId: CASE_ID, contactId: null, file });
    const { text } = await rawDump(db.name);
    expect(text).toContain(CASE_ID); // the dump does read the table
    expect(text).not.toContain('IMG_2041');
    expect(text).not.toContain('JFIF');
    expect(text).not.toContain('\u00ff\u00d8\u00ff'); // the JPEG start marker, read as latin1
    expect(text).not.toContain(file.sha256);
    // And it opens again with the key.
    const [view] = await listAttachments(store, CASE_ID);
    expect(view).toMatchObject({
      fileName: 'IMG_2041.jpg',
      contactId: null,
      state: 'pending',
      onPhone: true,
    });
    expect(view?.thumb).toEqual(file.thumb);
  });

  it('is written in one transaction with its outbox entry: both or neither', async () => {
    const file = ok(await prepareFile(await cameraPhoto(800, 600)));
    const id = await saveAttachment(store, { caseId: CASE_ID, contactId: CONTACT_ID, file });
    const [entry] = await readOutbox(store);
    expect(entry).toMatchObject({ mutationId: 1, name: 'addAttachment', caseId: CASE_ID, status: 'pending' });
    expect(entry?.args).toMatchObject({
      id,
      contactId: CONTACT_ID,
      bytes: file.bytes.byteLength,
      sha256: file.sha256,
    });
    expect((await db.attachments.get(id))?.mutationId).toBe(1);

    // The outbox entry cannot be written (the database lost its client id): no attachment either.
    await db.meta.delete('clientId');
    await expect(saveAttachment(store, { caseId: CASE_ID, contactId: null, file })).rejects.toBeInstanceOf(
      StorageEvictedError,
    );
    expect(await db.attachments.count()).toBe(1);
    expect(await db.outbox.count()).toBe(1);
  });
});

describe('uploading at sync', { timeout: 60_000 }, () => {
  const acknowledge = () => db.outbox.clear();

  it('waits for the announcement to be acknowledged, then uploads and marks it uploaded', async () => {
    const file = ok(await prepareFile(await cameraPhoto(800, 600)));
    const id = await saveAttachment(store, { caseId: CASE_ID, contactId: null, file });
    const sent: string[] = [];
    const upload: SingleUploader = async (input) => {
      sent.push(input.id);
      expect(input.bytes).toEqual(file.bytes);
      input.onProgress?.(input.bytes.byteLength, input.bytes.byteLength);
      return { status: 'complete' };
    };
    expect(await uploadAttachments(store, oneAtATime(upload))).toMatchObject({ uploaded: 0 });
    expect(sent).toEqual([]);
    await acknowledge();
    const progress: unknown[] = [];
    expect(await uploadAttachments(store, oneAtATime(upload), (p) => progress.push(p))).toMatchObject({
      uploaded: 1,
    });
    expect(sent).toEqual([id]);
    expect(progress).toEqual([
      { index: 1, count: 1, percent: 0 },
      { index: 1, count: 1, percent: 100 },
      null,
    ]);
    expect(await db.attachments.get(id)).toMatchObject({ state: 'uploaded' });
    expect(await uploadable(store)).toEqual([]);
  });

  it('leaves an attachment pending when the connection drops, and sends it at the next sync', async () => {
    const file = ok(await prepareFile(await cameraPhoto(800, 600)));
    const id = await saveAttachment(store, { caseId: CASE_ID, contactId: null, file });
    await acknowledge();
    const offline: SingleUploader = async () => {
      throw new TypeError('Failed to fetch');
    };
    expect(await uploadAttachments(store, oneAtATime(offline))).toMatchObject({
      uploaded: 0,
      left: 1,
      error: 'Failed to fetch',
    });
    expect(await db.attachments.get(id)).toMatchObject({ state: 'pending' });
    expect(
      await uploadAttachments(
        store,
        oneAtATime(async () => ({ status: 'complete' })),
      ),
    ).toMatchObject({
      uploaded: 1,
    });
  });

  it('puts a refused attachment in the wachtrij with its reason and thumbnail, until the user removes it', async () => {
    const file = ok(await prepareFile(await cameraPhoto(800, 600)));
    const id = await saveAttachment(store, { caseId: CASE_ID, contactId: null, file });
    await acknowledge();
    const refuse: SingleUploader = async () => ({
      status: 'refused',
      reason: 'geen-toegang',
      message: ATTACHMENT_REFUSALS['geen-toegang'],
    });
    expect(await uploadAttachments(store, oneAtATime(refuse))).toMatchObject({ refused: 1 });
    const [shown] = await refusedAttachments(store);
    expect(shown).toMatchObject({ id, state: 'refused', reason: 'geen-toegang', fileName: 'IMG_2041.jpg' });
    expect(shown?.thumb).toEqual(file.thumb);
    // Not sent again by itself, and still on the phone after later syncs.
    expect(await uploadAttachments(store, oneAtATime(refuse))).toMatchObject({ refused: 0 });
    expect(await refusedAttachments(store)).toHaveLength(1);
    await removeRefused(store, id);
    expect(await db.attachments.count()).toBe(0);
  });

  it('keeps a refused attachment when its case leaves the phone; an uploaded one goes with the case', async () => {
    const file = ok(await prepareFile(await cameraPhoto(800, 600)));
    const refused = await saveAttachment(store, { caseId: CASE_ID, contactId: null, file });
    const uploaded = await saveAttachment(store, { caseId: CASE_ID, contactId: null, file });
    await acknowledge();
    await db.attachments.update(refused, { state: 'refused', reason: 'geen-toegang' });
    await db.attachments.update(uploaded, { state: 'uploaded' });
    await store.deleteCasesIn([CASE_ID]);
    await uploadAttachments(
      store,
      oneAtATime(async () => ({ status: 'complete' })),
    );
    expect(await db.attachments.toCollection().primaryKeys()).toEqual([refused]);
  });

  it('throws the attachment away with its announcement when the user discards a refused addAttachment', async () => {
    const file = ok(await prepareFile(await cameraPhoto(800, 600)));
    await saveAttachment(store, { caseId: CASE_ID, contactId: null, file });
    await db.outbox.update(1, { status: 'refused', reason: 'Geen toegang' });
    expect(await uploadable(store)).toEqual([]);
    await discardRefused(store, 1);
    expect(await db.attachments.count()).toBe(0);
  });
});

describe('leaving the phone', { timeout: 60_000 }, () => {
  const DAY = 24 * 60 * 60 * 1000;
  const now = new Date('2026-11-24T10:00:00Z');

  it('drops the bytes of uploaded attachments older than 30 days, keeping their thumbnail; never a pending one', async () => {
    const file = ok(await prepareFile(await cameraPhoto(800, 600)));
    const at = (days: number) => new Date(now.getTime() - days * DAY);
    const oldUploaded = await saveAttachment(store, { caseId: CASE_ID, contactId: null, file, now: at(31) });
    const oldPending = await saveAttachment(store, { caseId: CASE_ID, contactId: null, file, now: at(45) });
    const recentUploaded = await saveAttachment(store, {
      caseId: CASE_ID,
      contactId: null,
      file,
      now: at(29),
    });
    await db.attachments.update(oldUploaded, { state: 'uploaded' });
    await db.attachments.update(recentUploaded, { state: 'uploaded' });

    expect(await purgeOldAttachments(store, now)).toBe(1);
    expect(await attachmentBytes(store, oldUploaded)).toBeNull();
    expect(await attachmentBytes(store, oldPending)).toEqual(file.bytes);
    expect(await attachmentBytes(store, recentUploaded)).toEqual(file.bytes);
    const views = new Map((await listAttachments(store, CASE_ID)).map((v) => [v.id, v]));
    expect(views.get(oldUploaded)).toMatchObject({ onPhone: false, fileName: 'IMG_2041.jpg' });
    expect(views.get(oldUploaded)?.thumb).toEqual(file.thumb);
    // A day later the recent one is 30 days and a bit: now it goes too.
    expect(await purgeOldAttachments(store, new Date(now.getTime() + 1.5 * DAY))).toBe(1);
    expect(await attachmentBytes(store, recentUploaded)).toBeNull();
  });
});
