/**
 * Photos and PDFs on the phone (the `attachments` table, local/db.ts). An attachment is written in
 * ONE transaction with the outbox entry that announces it (addAttachment): either both are on the
 * phone or neither is. Its name, type and bytes are sealed with the store's data key; in clear are
 * only ids, state, times and the size. The bytes go up after the announcement was acknowledged
 * (sync/attachment-sync.ts); an uploaded attachment older than ATTACHMENT_LIMITS.keepOnPhoneDays
 * loses its bytes here (never one that is not on the server yet) and opens on demand when online.
 */
import {
  ATTACHMENT_LIMITS,
  type AttachmentKind,
  type AttachmentMime,
  type AttachmentRefusal,
} from '../../../shared/schemas/attachment';
import { enqueue } from '../sync/outbox';
import type { AttachmentRow } from './db';
import type { LocalStore } from './store';

/** The sealed parts of an attachment: each its own AAD table, so no blob can stand in for another. */
const META = 'attachments';
const THUMB = 'attachment-thumbs';
const DATA = 'attachment-data';

export interface AttachmentMeta {
  fileName: string;
  mime: AttachmentMime;
  kind: AttachmentKind;
  sha256: string;
}

/** A file made ready on the phone (features/attachments/prepare.ts): scaled, re-encoded, hashed. */
export interface PreparedAttachment extends AttachmentMeta {
  bytes: Uint8Array<ArrayBuffer>;
  /** A small JPEG for lists; null for a PDF. */
  thumb: Uint8Array<ArrayBuffer> | null;
}

/** An attachment as the screens show it: from this phone, or from the pull (metadata only). */
export interface AttachmentView extends AttachmentMeta {
  id: string;
  caseId: string;
  contactId: string | null;
  addedAt: string;
  bytes: number;
  /** pending: not on the server yet; uploaded: on the server; refused: the server did not keep it. */
  state: AttachmentRow['state'];
  reason: AttachmentRefusal | null;
  thumb: Uint8Array<ArrayBuffer> | null;
  /** The file's bytes are on this phone (else it opens on demand, online). */
  onPhone: boolean;
}

export const sha256Hex = async (bytes: Uint8Array<ArrayBuffer>): Promise<string> =>
  [...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('');

/** Stores the attachment and queues its announcement, in one transaction. Returns its id. */
export async function saveAttachment(
  store: LocalStore,
  input: { caseId: string; contactId: string | null; file: PreparedAttachment; now?: Date },
): Promise<string> {
  const { db, keyring } = store;
  const { file } = input;
  const id = crypto.randomUUID();
  const addedAt = (input.now ?? new Date()).toISOString();
  const meta: AttachmentMeta = {
    fileName: file.fileName,
    mime: file.mime,
    kind: file.kind,
    sha256: file.sha256,
  };
  // Sealed before the transaction opens: it must wait on nothing but IndexedDB.
  const [metaBlob, thumb, data] = await Promise.all([
    keyring.encrypt(META, id, meta),
    file.thumb ? keyring.encryptBytes(THUMB, id, file.thumb) : null,
    keyring.encryptBytes(DATA, id, file.bytes),
  ]);
  await enqueue(
    store,
    'addAttachment',
    { id, caseId: input.caseId, contactId: input.contactId, bytes: file.bytes.byteLength, addedAt, ...meta },
    {
      beside: {
        tables: [db.attachments],
        write: (mutationId) =>
          db.attachments.add({
            id,
            caseId: input.caseId,
            contactId: input.contactId ?? '',
            state: 'pending',
            mutationId,
            addedAt,
            uploadedAt: null,
            bytes: file.bytes.byteLength,
            reason: null,
            meta: metaBlob,
            thumb,
            data,
          }),
      },
    },
  );
  return id;
}

async function viewOf(store: LocalStore, row: AttachmentRow): Promise<AttachmentView> {
  const [meta, thumb] = await Promise.all([
    store.keyring.decrypt<AttachmentMeta>(META, row.id, row.meta),
    row.thumb ? store.keyring.decryptBytes(THUMB, row.id, row.thumb) : null,
  ]);
  return {
    ...meta,
    id: row.id,
    caseId: row.caseId,
    contactId: row.contactId || null,
    addedAt: row.addedAt,
    bytes: row.bytes,
    state: row.state,
    reason: (row.reason as AttachmentRefusal | null) ?? null,
    thumb,
    onPhone: row.data !== null,
  };
}

/** The attachments on this phone of one case, newest first. */
export async function listAttachments(store: LocalStore, caseId: string): Promise<AttachmentView[]> {
  const rows = await store.db.attachments.where('caseId').equals(caseId).toArray();
  const views = await Promise.all(rows.map((r) => viewOf(store, r)));
  return views.sort((a, b) => b.addedAt.localeCompare(a.addedAt));
}

/** One attachment on this phone, as shown; undefined when it is not (or no longer) here. */
export async function attachmentView(store: LocalStore, id: string): Promise<AttachmentView | undefined> {
  const row = await store.db.attachments.get(id);
  return row ? viewOf(store, row) : undefined;
}

/** Attachments whose bytes still wait to go up (their announcement may have been acknowledged). */
export async function pendingAttachments(store: LocalStore): Promise<AttachmentView[]> {
  const rows = await store.db.attachments.where('state').equals('pending').sortBy('addedAt');
  return Promise.all(rows.map((r) => viewOf(store, r)));
}

/** Attachments the server refused after their upload: the wachtrij shows them until removed. */
export async function refusedAttachments(store: LocalStore): Promise<AttachmentView[]> {
  const rows = await store.db.attachments.where('state').equals('refused').toArray();
  return Promise.all(rows.map((r) => viewOf(store, r)));
}

/** The file's bytes from the phone, or null when they are not (or no longer) on it. */
export async function attachmentBytes(
  store: LocalStore,
  id: string,
): Promise<Uint8Array<ArrayBuffer> | null> {
  const row = await store.db.attachments.get(id);
  return row?.data ? store.keyring.decryptBytes(DATA, id, row.data) : null;
}

/** The attachments whose bytes still have to go up, and whose announcement the server acknowledged. */
export async function uploadable(store: LocalStore): Promise<AttachmentRow[]> {
  const { db } = store;
  const pending = await db.attachments.where('state').equals('pending').sortBy('addedAt');
  const queued = new Set(await db.outbox.toCollection().primaryKeys());
  return pending.filter((a) => a.data !== null && !queued.has(a.mutationId));
}

export async function markUploaded(store: LocalStore, id: string, now = new Date()): Promise<void> {
  await store.db.attachments.update(id, { state: 'uploaded', uploadedAt: now.toISOString(), reason: null });
}

export async function markRefused(store: LocalStore, id: string, reason: AttachmentRefusal): Promise<void> {
  await store.db.attachments.update(id, { state: 'refused', reason });
}

/** The user removes an attachment the server refused (after confirming in the wachtrij). */
export async function removeRefused(store: LocalStore, id: string): Promise<void> {
  const { db } = store;
  await db.transaction('rw', db.attachments, async () => {
    if ((await db.attachments.get(id))?.state === 'refused') await db.attachments.delete(id);
  });
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Uploaded attachments added more than keepOnPhoneDays ago lose their bytes on the phone; their
 * metadata and thumbnail stay. One not yet on the server keeps everything. Returns how many.
 */
export async function purgeOldAttachments(store: LocalStore, now = new Date()): Promise<number> {
  const { db } = store;
  const before = new Date(now.getTime() - ATTACHMENT_LIMITS.keepOnPhoneDays * DAY_MS).toISOString();
  return db.transaction('rw', db.attachments, () =>
    db.attachments
      .where('addedAt')
      .below(before)
      .filter((a) => a.state === 'uploaded' && a.data !== null)
      .modify({ data: null }),
  );
}

/**
 * Uploaded attachments of cases no longer on the phone go with them. Pending ones still have to go
 * up, refused ones wait for the user in the wachtrij: those stay.
 */
export async function dropAttachmentsOfGoneCases(store: LocalStore): Promise<number> {
  const { db } = store;
  const caseIds = [...new Set(await db.attachments.orderBy('caseId').uniqueKeys())].map(String);
  const gone: string[] = [];
  for (const caseId of caseIds) if (!(await store.holdsCase(caseId))) gone.push(caseId);
  if (!gone.length) return 0;
  return db.attachments
    .where('caseId')
    .anyOf(gone)
    .filter((a) => a.state === 'uploaded')
    .delete();
}

/** The bytes attachments take on this phone (files and thumbnails), for the storage warning. */
export async function attachmentStorageBytes(store: LocalStore): Promise<number> {
  let total = 0;
  await store.db.attachments.each((a) => {
    total += (a.data?.ct.byteLength ?? 0) + (a.thumb?.ct.byteLength ?? 0);
  });
  return total;
}
