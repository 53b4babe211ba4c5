/**
 * The phone's local database (Dexie over IndexedDB): the worker's caseload as
 * encrypted bundles (one per kind of row per case or family, see store.ts), the outbox of mutations not yet acknowledged, and sync
 * metadata. Only what indexes need stays in clear — entity, ids, versions —
 * never a name or free text; the rest is an AES-GCM blob (see crypto.ts).
 * Transactions are committed with strict durability: an outbox entry that the
 * UI has shown as saved survives a dying battery.
 */
import Dexie, { type EntityTable } from 'dexie';
import type { HolidayPolicy } from '../../../shared/rules/working-days';
import type { MutationName } from '../../../shared/schemas/mutations';
import type { SyncEntity } from '../../../shared/schemas/sync';
import type { DeviceKaart } from '../../../shared/schemas/verwijzing';
import type { EncryptedBlob, WrappedKeyring } from './crypto';
import type { CachedShare } from './share-cache';

/**
 * The rows of one kind of one case (`${entity}:${caseId}`), or of one family for the family's own
 * rows (`${entity}:gezin:${gezinId}`), as one encrypted blob (see store.ts).
 */
export interface BundleRow {
  key: string;
  entity: SyncEntity;
  /** The case the rows belong to; '' for a family's rows. */
  caseId: string;
  /** For jeugdige, gezin and betrokkene: the family, so family rows go when its last case goes. */
  gezinId: string | null;
  /** The highest server sync version among the rows; 0 when all were written here and not yet acknowledged. */
  version: number;
  /** Per author (a user id) the highest version of their rows: one's own changes do not mark a case unread. */
  authors: Record<string, number>;
  /** Contacts: when the latest took place (a time, no content), for "last contact" without decrypting reports. */
  at: string | null;
  /** Contacts: the next planned contact agreed at the latest (a date), for the caseload's order. */
  nextOn: string | null;
  /** How many rows the blob holds. */
  count: number;
  blob: EncryptedBlob;
}

export interface OutboxRow {
  /** 1, 2, 3… per client: the server applies them exactly once in this order. */
  mutationId: number;
  /** Random id the encrypted arguments are bound to (the mutation id is only known inside the transaction). */
  entryId: string;
  name: MutationName;
  caseId: string | null;
  createdAt: string;
  status: 'pending' | 'refused';
  reason: string | null;
  /** The mutation's arguments, encrypted: they hold report text. */
  blob: EncryptedBlob;
}

/** A form being filled in (a contact report): kept, encrypted, until saved or thrown away. */
export interface DraftRow {
  /** e.g. `contact:${caseId}` */
  key: string;
  updatedAt: string;
  blob: EncryptedBlob;
}

/** A child's file opened on this device: uploaded to the access log with its own time at the next sync. */
export interface ReadRow {
  id: string;
  caseId: string;
  at: string;
}

/** The highest version of a case's rows the user has seen: newer rows from others mark it unread. */
export interface SeenRow {
  caseId: string;
  version: number;
}

/**
 * A photo or PDF attached on this phone (or whose bytes it downloaded). In clear only what the
 * indexes and the sync need: ids, state, times and the size; the file name, type and both sets of
 * bytes are AES-GCM blobs (local/attachments.ts).
 */
export interface AttachmentRow {
  id: string;
  caseId: string;
  /** The contact it belongs to; '' for the case file itself (IndexedDB cannot index null). */
  contactId: string;
  /**
   * pending: the bytes still have to reach the server; uploaded: the server has them;
   * refused: the server did not keep them (reason), shown in the wachtrij until removed.
   */
  state: 'pending' | 'uploaded' | 'refused';
  /** The outbox entry that announces it (addAttachment): the bytes follow once it is acknowledged. */
  mutationId: number;
  addedAt: string;
  uploadedAt: string | null;
  /** The size of the file's bytes (what the storage warning and the purge count). */
  bytes: number;
  /** A refusal's code (ATTACHMENT_REFUSALS), no content. */
  reason: string | null;
  /** { fileName, mime, kind, sha256 }, encrypted. */
  meta: EncryptedBlob;
  thumb: EncryptedBlob | null;
  /** The file itself, encrypted; null once purged from the phone (it opens on demand online). */
  data: EncryptedBlob | null;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

export interface Meta {
  clientId: string;
  userId: string;
  cookie: string | null;
  nextMutationId: number;
  keyring: WrappedKeyring;
  /** Cases to fetch whole again (a refused mutation left an optimistic change); kept until the server did. */
  refetchCaseIds: string[];
  /** The signed-in user (SessionUser), encrypted: shown after an offline unlock. */
  profile: EncryptedBlob;
  /** Wrong PINs in a row; at MAX_PIN_TRIES the store stays shut until an online login. */
  failedPins: number;
  lockedOut: boolean;
  /** The organisation's holiday policy, from the last pull: the 5 working days count with it. */
  holidayPolicy: HolidayPolicy;
  /** When the last complete sync ended (ISO time). */
  lastSyncedAt: string;
  /** The sociale kaart for the worker's regions (organisation data, no child's data), and its etag. */
  kaart: DeviceKaart;
  kaartEtag: string;
  /** Referral history rows from others up to this sync version have been seen (no notice for them). */
  noticesSeen: number;
  /** This phone as a registered device of its user (devices.register). */
  deviceId: string;
  /**
   * The device's own secret, with which it asks its status without a session. Kept in clear on
   * purpose: the check must work before the PIN is entered (a revoked phone with nothing unsynced
   * wipes itself at the next start, whoever holds it), and all the secret allows is asking the
   * status, confirming the wipe once revoked, and handing in unsynced work once revoked (applied
   * as the user, for at most DEVICE_SHARE_HOURS after the revocation) or once the user is disabled
   * (kept apart, unapplied, for the team lead). It opens no data: that takes the PIN and the share.
   */
  deviceSecret: string;
  /** The server's key share, sealed (see share-cache.ts). */
  serverShare: CachedShare;
  /** How far this device's clock ran ahead of the server's at the last pull (ms; negative: behind). */
  clockSkewMs: number;
  /** The server flagged a device time as implausible (its note), until the user has seen it. */
  timeFlag: string;
  /** The agenda items marked "gezien" (key → fingerprint), encrypted: keys name cases (read-models/agenda.ts). */
  agendaSeen: EncryptedBlob;
}

export class LocalDb extends Dexie {
  bundles!: EntityTable<BundleRow, 'key'>;
  outbox!: EntityTable<OutboxRow, 'mutationId'>;
  meta!: EntityTable<MetaRow, 'key'>;
  drafts!: EntityTable<DraftRow, 'key'>;
  reads!: EntityTable<ReadRow, 'id'>;
  seen!: EntityTable<SeenRow, 'caseId'>;
  attachments!: EntityTable<AttachmentRow, 'id'>;

  constructor(name = 'jeugdbescherming') {
    super(name, { chromeTransactionDurability: 'strict' });
    // Version 1: the first schema; later versions add an .upgrade() or say why none is needed.
    this.version(1).stores({
      records: 'key, [entity+caseId], caseId, gezinId, entity',
      outbox: 'mutationId, status, caseId',
      meta: 'key',
    });
    // Version 2 adds tables, an index on version and two clear columns (at, authorId), filled at
    // the next write of a row; until then they read as missing, which the views treat as unknown.
    // No upgrade function needed.
    this.version(2).stores({
      records: 'key, [entity+caseId], caseId, gezinId, entity, version',
      drafts: 'key',
      reads: 'id',
      seen: 'caseId',
    });
    // Version 3 drops the indexes on entity and version: [entity+caseId] serves entity lookups, and
    // every index costs a write per row (a first sync writes thousands). Dexie removes them itself.
    this.version(3).stores({ records: 'key, [entity+caseId], caseId, gezinId' });
    // Version 4 keeps rows in bundles, a few hundred records for a caseload instead of thousands. The
    // app versions that moved rows from `records` into bundles are gone: no phone still holds rows
    // there, and the app no longer reads it (the table stays declared: dropping it would be a
    // version bump for nothing).
    this.version(4).stores({ bundles: 'key, [entity+caseId], caseId, gezinId' });
    // Version 5 adds the attachments (photos and PDFs), a table of their own: their bytes are far
    // larger than any bundle and are read only when shown. A new table: no upgrade needed.
    this.version(5).stores({ attachments: 'id, caseId, contactId, state, addedAt' });
  }

  /** All bundles of one entity, through the [entity+caseId] index. */
  bundlesOf(entity: SyncEntity) {
    return this.bundles.where('[entity+caseId]').between([entity, Dexie.minKey], [entity, Dexie.maxKey]);
  }

  async getMeta<K extends keyof Meta>(key: K): Promise<Meta[K] | undefined> {
    return (await this.meta.get(key))?.value as Meta[K] | undefined;
  }

  async setMeta<K extends keyof Meta>(key: K, value: Meta[K]): Promise<void> {
    await this.meta.put({ key, value });
  }
}
