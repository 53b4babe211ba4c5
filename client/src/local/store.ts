/**
 * The encrypted local store: reads and writes decrypted rows over LocalDb.
 *
 * Rows are kept in bundles: one IndexedDB record, one AES-GCM blob, per kind
 * of row per case (all contacts of a case, all its measures, …) and per
 * family for the family's own rows (gezin, betrokkenen). A first sync of a
 * 20-child caseload writes some two hundred records instead of thousands,
 * which is what an IndexedDB write costs most on a phone: one record each.
 *
 * Encryption happens before a Dexie transaction opens (an IndexedDB
 * transaction commits itself when it waits on anything but IndexedDB), so a
 * write reads the bundles it changes, merges and seals them outside, then
 * checks inside the transaction that nobody wrote them meanwhile (another
 * write in this tab or in another one) and starts again if somebody did:
 * nothing is ever overwritten with a stale copy.
 */
import type { Table } from 'dexie';
import type { SyncEntity } from '../../../shared/schemas/sync';
import type { SyncedRows } from '../../../shared/schemas/synced-rows';
import type { EncryptedBlob, Keyring } from './crypto';
import type { BundleRow, LocalDb } from './db';

/** Per entity, some of its fields (the names are checked against the shared row's). */
type FieldsOf<T extends { [E in SyncEntity]?: keyof SyncedRows[E] }> = T;
/**
 * Fields a row on the device may lack: ones the server added after the device pulled the row (it
 * sends a row again only when the row changes), and ones only the server fills in, missing from a
 * row the device wrote itself (sync/local-mutations.ts) until the server's version arrives.
 */
type MayLack = FieldsOf<{
  /** Rows stored before the handover note existed (issue 21) lack it until their next change. */
  assignment: 'handoverNote';
  maatregel: 'endReason' | 'endReasonText' | 'previousMaatregelId' | 'normsFrom';
  koers: 'updatedAt';
  verwijzing:
    | 'productCode'
    | 'goalIds'
    | 'urgencyReason'
    | 'preferredAanbiederIds'
    | 'consent'
    | 'familyViews'
    | 'aanbiederId'
    | 'aanbiederName'
    | 'gemeenteId'
    | 'gemeenteNote'
    | 'escalation'
    | 'expectedStartOn'
    | 'followUpOn'
    | 'bridging'
    | 'alternative';
}>;
/** Fields a row the device wrote itself holds as null until the server decides them. */
type NullUntilSynced = FieldsOf<{
  /** A request made offline for a case without a measure on the device (the server refuses it). */
  verwijzing: 'helpDueDate';
}>;
type Key<M, E> = E extends keyof M ? M[E] : never;

/** An entity's row as the device keeps it: the shared row (shared/schemas/synced-rows.ts), with its gaps. */
export type LocalData<E extends SyncEntity> = Omit<SyncedRows[E], Key<MayLack, E> | Key<NullUntilSynced, E>> &
  Partial<Pick<SyncedRows[E], Key<MayLack, E> & keyof SyncedRows[E]>> & {
    [K in Key<NullUntilSynced, E> & keyof SyncedRows[E]]: SyncedRows[E][K] | null;
  };

/** One row of entity E on the device. */
export interface LocalRowOf<E extends SyncEntity> {
  entity: E;
  id: string;
  caseId: string;
  /** The server's sync version, at least 1; 0 for a row written on this device and not yet accepted. */
  version: number;
  data: LocalData<E>;
}
/** A row on the device (of one of `E`): `entity` tells which fields `data` has. */
export type LocalRow<E extends SyncEntity = SyncEntity> = { [K in E]: LocalRowOf<K> }[E];

/** Rows of the family rather than of one case: bundled per family, kept while a case of it is held. */
const FAMILY_ENTITIES: ReadonlySet<SyncEntity> = new Set(['gezin', 'betrokkene']);

/** The bundle key of a case's rows of one kind: `${entity}:${caseId}` (so `case:${caseId}` is the case). */
export const caseBundleKey = (entity: SyncEntity, caseId: string) => `${entity}:${caseId}`;

/** Who wrote a row (a user id), so one's own changes do not mark a case unread. */
export function authorOf(row: LocalRow): string | null {
  switch (row.entity) {
    case 'contact':
      return row.data.authorId;
    case 'koers':
      return row.data.createdBy;
    case 'verwijzingStap':
      return row.data.byUserId;
    case 'bijlage':
      return row.data.authorId;
    default:
      return null;
  }
}

function gezinIdOf(row: LocalRow): string | null {
  if (row.entity === 'gezin') return row.id;
  if (row.entity === 'jeugdige' || row.entity === 'betrokkene') return row.data.gezinId || null;
  return null;
}

/** Where a row lives: its bundle's key and clear columns. */
function placeOf(row: LocalRow): Pick<BundleRow, 'key' | 'entity' | 'caseId' | 'gezinId'> {
  const gezinId = gezinIdOf(row);
  if (FAMILY_ENTITIES.has(row.entity) && gezinId)
    return { key: `${row.entity}:gezin:${gezinId}`, entity: row.entity, caseId: '', gezinId };
  return {
    key: caseBundleKey(row.entity, row.caseId),
    entity: row.entity,
    caseId: row.caseId,
    gezinId: row.entity === 'jeugdige' ? gezinId : null,
  };
}

/** The clear columns of a bundle: versions, authors and contact dates; never a name or free text. */
function summarise(
  entity: SyncEntity,
  rows: LocalRow[],
): Pick<BundleRow, 'version' | 'authors' | 'at' | 'nextOn'> {
  let version = 0;
  const authors: Record<string, number> = {};
  let at: string | null = null;
  let nextOn: string | null = null;
  for (const row of rows) {
    version = Math.max(version, row.version);
    const author = authorOf(row);
    if (author) authors[author] = Math.max(authors[author] ?? 0, row.version);
    if (entity !== 'contact' || row.entity !== 'contact') continue;
    const occurredAt = row.data.occurredAt || null;
    if (occurredAt && (at === null || occurredAt > at)) {
      at = occurredAt;
      nextOn = row.data.nextContactOn ?? null;
    }
  }
  return { version, authors, at, nextOn };
}

/** Rows read from bundles of entity E: a bundle holds the rows of its own entity only. */
const ofEntity = <E extends SyncEntity>(rows: LocalRow[]) => rows as unknown as LocalRow<E>[];

/** A bundle changed between reading it and writing it: the write starts again. */
class BundleChangedError extends Error {}

const MAX_WRITE_ATTEMPTS = 8;

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);
const sameBlob = (a: { blob: EncryptedBlob } | undefined, b: { blob: EncryptedBlob } | undefined) =>
  a === undefined || b === undefined ? a === b : sameBytes(a.blob.iv, b.blob.iv);

/** A bundle's rows by id, as decrypted; valid while the blob's IV is the same. */
interface Opened {
  iv: Uint8Array;
  rows: ReadonlyMap<string, LocalRow>;
}

export interface WriteOptions<T> {
  /** Cases sent whole again: what the device held of them is replaced by `rows`, in the same transaction. */
  replaceCaseIds?: string[];
  /** Further tables the transaction writes. */
  tables?: Table[];
  /** Runs inside the transaction after the rows are written (IndexedDB work only). */
  alongside?: () => Promise<T>;
}

export class LocalStore {
  /**
   * Every write seals with a fresh IV, so an unchanged IV means an unchanged bundle: opening it again
   * needs no decryption. Lives as long as this store (locking the app drops the store, and this
   * with it). Callers treat the returned rows as read-only.
   */
  private readonly opened = new Map<string, Opened>();
  /** Without Web Locks: the writes of this store, one after the other. */
  private turns: Promise<unknown> = Promise.resolve();

  constructor(
    readonly db: LocalDb,
    readonly keyring: Keyring,
    /** The user the store is open for, when known (saves a read of the meta table per write). */
    readonly userId?: string,
  ) {}

  /** The rows of one bundle, by id. */
  async openBundle(bundle: BundleRow): Promise<ReadonlyMap<string, LocalRow>> {
    const cached = this.opened.get(bundle.key);
    if (cached && sameBytes(cached.iv, bundle.blob.iv)) return cached.rows;
    const list = await this.keyring.decrypt<LocalRow[]>('bundles', bundle.key, bundle.blob);
    const rows = new Map(list.map((r) => [r.id, r]));
    this.opened.set(bundle.key, { iv: bundle.blob.iv, rows });
    return rows;
  }

  /** The rows of bundles of entity `E`. */
  private async rowsOf<E extends SyncEntity>(bundles: BundleRow[]): Promise<LocalRow<E>[]> {
    const opened = await Promise.all(bundles.map((b) => this.openBundle(b)));
    return ofEntity<E>(opened.flatMap((rows) => [...rows.values()]));
  }

  async get<E extends SyncEntity>(entity: E, id: string): Promise<LocalRow<E> | undefined> {
    for (const bundle of await this.db.bundlesOf(entity).toArray()) {
      const row = (await this.openBundle(bundle)).get(id);
      if (row) return ofEntity<E>([row])[0];
    }
    return undefined;
  }

  /** Reads for optimistic writes (local-mutations.ts). */
  reader(userId: string) {
    return {
      userId,
      get: <E extends SyncEntity>(entity: E, id: string) => this.get(entity, id),
      list: <E extends SyncEntity>(entity: E, caseId: string) => this.list(entity, caseId),
    };
  }

  async list<E extends SyncEntity>(entity: E, caseId?: string): Promise<LocalRow<E>[]> {
    if (caseId && !FAMILY_ENTITIES.has(entity))
      return this.rowsOf<E>(
        await this.db.bundles.where('[entity+caseId]').equals([entity, caseId]).toArray(),
      );
    const rows = await this.rowsOf<E>(await this.db.bundlesOf(entity).toArray());
    return caseId ? rows.filter((r) => r.caseId === caseId) : rows;
  }

  /** A family's own rows (gezin, betrokkenen). */
  async family(gezinId: string): Promise<LocalRow<'gezin' | 'betrokkene'>[]> {
    const bundles = await this.db.bundles.where('gezinId').equals(gezinId).toArray();
    return this.rowsOf(bundles.filter((b) => FAMILY_ENTITIES.has(b.entity)));
  }

  /** Every row on the device (tests and checks). */
  async all(): Promise<LocalRow[]> {
    return this.rowsOf(await this.db.bundles.toArray());
  }

  /**
   * Writes rows (replacing rows with the same entity and id) and, in the same transaction, what
   * `alongside` does. Either all of it is on the device or none of it is.
   */
  async write<T = undefined>(rows: LocalRow[], opts: WriteOptions<T> = {}): Promise<T | undefined> {
    return this.oneAtATime(() => this.writeNow(rows, opts));
  }

  /**
   * Writers take turns (across tabs, through a Web Lock on the database): a write that read a bundle
   * another one is about to change would only have to start again. The check in writeNow stays the
   * guarantee; this keeps it from being needed often.
   */
  private oneAtATime<T>(fn: () => Promise<T>): Promise<T> {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (locks) return locks.request(`bundles:${this.db.name}`, fn) as Promise<T>;
    const turn = this.turns.then(fn, fn);
    this.turns = turn.catch(() => undefined);
    return turn;
  }

  private async writeNow<T>(rows: LocalRow[], opts: WriteOptions<T>): Promise<T | undefined> {
    const { db } = this;
    const replaced = new Set(opts.replaceCaseIds ?? []);
    const groups = new Map<string, { place: ReturnType<typeof placeOf>; rows: LocalRow[] }>();
    for (const row of rows) {
      const place = placeOf(row);
      const group = groups.get(place.key) ?? { place, rows: [] };
      // Only the row's own parts (a pulled row may carry more): the same entity and data, so the same row.
      const { entity, id, caseId, version, data } = row;
      group.rows.push({ entity, id, caseId, version, data } as LocalRow);
      groups.set(place.key, group);
    }
    const keys = [...groups.keys()];
    for (let attempt = 1; ; attempt++) {
      const before = keys.length ? await db.bundles.bulkGet(keys) : [];
      const merged = await Promise.all(
        keys.map(async (key, i) => {
          const { place, rows: fresh } = groups.get(key) as {
            place: ReturnType<typeof placeOf>;
            rows: LocalRow[];
          };
          const current = before[i];
          const keep = current && !(place.caseId && replaced.has(place.caseId));
          const byId = new Map(keep ? await this.openBundle(current) : []);
          for (const row of fresh) byId.set(row.id, row);
          const all = [...byId.values()];
          const bundle: BundleRow = {
            ...place,
            ...summarise(place.entity, all),
            count: all.length,
            blob: await this.keyring.encrypt('bundles', key, all),
          };
          return { bundle, byId };
        }),
      );
      try {
        const result = await db.transaction('rw', [db.bundles, ...(opts.tables ?? [])], async () => {
          const now = keys.length ? await db.bundles.bulkGet(keys) : [];
          if (now.some((b, i) => !sameBlob(b, before[i]))) throw new BundleChangedError();
          if (replaced.size) await this.deleteCasesIn([...replaced]);
          if (merged.length) await db.bundles.bulkPut(merged.map((m) => m.bundle));
          return opts.alongside ? await opts.alongside() : undefined;
        });
        for (const { bundle, byId } of merged)
          this.opened.set(bundle.key, { iv: bundle.blob.iv, rows: byId });
        return result;
      } catch (error) {
        if (!(error instanceof BundleChangedError) || attempt >= MAX_WRITE_ATTEMPTS) throw error;
      }
    }
  }

  /** Whether any row of the case is on the device. */
  async holdsCase(caseId: string): Promise<boolean> {
    return (await this.db.bundles.where('caseId').equals(caseId).count()) > 0;
  }

  /** The highest version among the case's own rows on the device (0 when none). */
  async caseVersion(caseId: string): Promise<number> {
    const bundles = await this.db.bundles.where('caseId').equals(caseId).toArray();
    return Math.max(0, ...bundles.map((b) => b.version));
  }

  /**
   * Deletes the cases that left the user's scope with all their rows; family
   * rows (gezin, betrokkenen) go only when no case of that family remains.
   * IndexedDB work only: may run inside a caller's transaction.
   */
  async deleteCasesIn(caseIds: string[]): Promise<void> {
    if (caseIds.length === 0) return;
    const doomed = await this.db.bundles.where('caseId').anyOf(caseIds).toArray();
    await this.remove(doomed.map((b) => b.key));
    const families = new Set(
      doomed.filter((b) => b.entity === 'jeugdige' && b.gezinId).map((b) => b.gezinId as string),
    );
    for (const gezinId of families) {
      const rest = await this.db.bundles.where('gezinId').equals(gezinId).toArray();
      // The jeugdige bundles of the cases that left are gone already: any left is a case still held.
      if (!rest.some((b) => b.entity === 'jeugdige')) await this.remove(rest.map((b) => b.key));
    }
  }

  /** Deletes bundles, and their decrypted copies from memory: a case that left stays nowhere. */
  private async remove(keys: string[]): Promise<void> {
    await this.db.bundles.bulkDelete(keys);
    for (const key of keys) this.opened.delete(key);
  }
}
