/**
 * The encrypted local store: reads and writes decrypted rows over LocalDb.
 * Encryption happens before a Dexie transaction opens (an IndexedDB
 * transaction commits itself when it waits on anything but IndexedDB), so
 * every multi-table write below is one transaction over ready-made blobs.
 */
import type { PulledRow, SyncEntity } from '../../../shared/schemas/sync';
import type { Keyring } from './crypto';
import type { LocalDb, RecordRow } from './db';

export interface LocalRow<T = Record<string, unknown>> {
  entity: SyncEntity;
  id: string;
  caseId: string;
  version: number;
  data: T;
}

const FAMILY_ENTITIES: ReadonlySet<SyncEntity> = new Set(['jeugdige', 'gezin', 'betrokkene']);

export const recordKey = (entity: SyncEntity, id: string) => `${entity}:${id}`;

function gezinIdOf(row: Pick<LocalRow, 'entity' | 'id' | 'data'>): string | null {
  if (row.entity === 'gezin') return row.id;
  if (row.entity === 'jeugdige' || row.entity === 'betrokkene') return String(row.data.gezinId ?? '') || null;
  return null;
}

/** Decrypted rows kept in memory while the store is open, by record key; valid while the blob's IV is the same. */
interface Opened {
  iv: Uint8Array;
  data: unknown;
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

export class LocalStore {
  /**
   * Every write seals with a fresh IV, so an unchanged IV means an unchanged row: opening it again
   * needs no decryption. Lives as long as this store (locking the app drops the store, and this
   * with it). Callers treat the returned data as read-only.
   */
  private readonly opened = new Map<string, Opened>();

  constructor(
    readonly db: LocalDb,
    readonly keyring: Keyring,
    /** The user the store is open for, when known (saves a read of the meta table per write). */
    readonly userId?: string,
  ) {}

  /** Encrypts rows into record rows, ready for a transaction. */
  async seal(rows: (LocalRow | PulledRow)[]): Promise<RecordRow[]> {
    return Promise.all(
      rows.map(async (r) => {
        const key = recordKey(r.entity, r.id);
        return {
          key,
          entity: r.entity,
          id: r.id,
          caseId: r.caseId,
          gezinId: gezinIdOf(r),
          version: r.version,
          at: r.entity === 'contact' ? String(r.data.occurredAt ?? '') || null : null,
          authorId: (r.data.authorId ?? r.data.createdBy ?? r.data.byUserId ?? null) as string | null,
          nextOn:
            r.entity === 'contact' ? ((r.data.nextContactOn as string | null | undefined) ?? null) : null,
          blob: await this.keyring.encrypt('records', key, r.data),
        };
      }),
    );
  }

  async open<T = Record<string, unknown>>(record: RecordRow): Promise<LocalRow<T>> {
    const cached = this.opened.get(record.key);
    let data: T;
    if (cached && sameBytes(cached.iv, record.blob.iv)) {
      data = cached.data as T;
    } else {
      data = await this.keyring.decrypt<T>('records', record.key, record.blob);
      this.opened.set(record.key, { iv: record.blob.iv, data });
    }
    return { entity: record.entity, id: record.id, caseId: record.caseId, version: record.version, data };
  }

  async get<T = Record<string, unknown>>(entity: SyncEntity, id: string): Promise<LocalRow<T> | undefined> {
    const record = await this.db.records.get(recordKey(entity, id));
    return record ? this.open<T>(record) : undefined;
  }

  /** Reads for optimistic writes (local-mutations.ts). */
  reader(userId: string) {
    return {
      userId,
      get: (entity: SyncEntity, id: string) => this.get<Record<string, unknown>>(entity, id),
      list: (entity: SyncEntity, caseId: string) => this.list<Record<string, unknown>>(entity, caseId),
    };
  }

  async list<T = Record<string, unknown>>(entity: SyncEntity, caseId?: string): Promise<LocalRow<T>[]> {
    const records = caseId
      ? await this.db.records.where('[entity+caseId]').equals([entity, caseId]).toArray()
      : await this.db.recordsOf(entity).toArray();
    return Promise.all(records.map((r) => this.open<T>(r)));
  }

  /**
   * Deletes the cases that left the user's scope with all their rows; family
   * rows (gezin, betrokkenen) go only when no case of that family remains.
   */
  async deleteCasesIn(caseIds: string[]): Promise<void> {
    if (caseIds.length === 0) return;
    const gone = new Set(caseIds);
    const doomed = await this.db.records.where('caseId').anyOf(caseIds).toArray();
    await this.remove(
      doomed.filter((r) => !FAMILY_ENTITIES.has(r.entity) || r.entity === 'jeugdige').map((r) => r.key),
    );
    const families = new Set(doomed.map((r) => r.gezinId).filter((g): g is string => !!g));
    for (const gezinId of families) {
      const rest = await this.db.records.where('gezinId').equals(gezinId).toArray();
      const stillHeld = rest.some((r) => r.entity === 'jeugdige' && !gone.has(r.caseId));
      if (!stillHeld) await this.remove(rest.map((r) => r.key));
    }
  }

  /** Deletes records, and their decrypted copies from memory: a case that left stays nowhere. */
  private async remove(keys: string[]): Promise<void> {
    await this.db.records.bulkDelete(keys);
    for (const key of keys) this.opened.delete(key);
  }
}
