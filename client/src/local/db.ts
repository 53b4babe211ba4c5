/**
 * The phone's local database (Dexie over IndexedDB): the worker's caseload as
 * encrypted records, the outbox of mutations not yet acknowledged, and sync
 * metadata. Only what indexes need stays in clear — entity, ids, versions —
 * never a name or free text; the rest is an AES-GCM blob (see crypto.ts).
 * Transactions are committed with strict durability: an outbox entry that the
 * UI has shown as saved survives a dying battery.
 */
import Dexie, { type EntityTable } from 'dexie';
import type { MutationName } from '../../../shared/schemas/mutations';
import type { SyncEntity } from '../../../shared/schemas/sync';
import type { EncryptedBlob, WrappedKeyring } from './crypto';

export interface RecordRow {
  /** `${entity}:${id}` */
  key: string;
  entity: SyncEntity;
  id: string;
  /** The case the row belongs to (family-level rows: one of the family's cases). */
  caseId: string;
  /** For jeugdige, gezin and betrokkene: the family, so family rows go when its last case goes. */
  gezinId: string | null;
  /** The server's sync version; 0 for a row written here and not yet acknowledged. */
  version: number;
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
}

export class LocalDb extends Dexie {
  records!: EntityTable<RecordRow, 'key'>;
  outbox!: EntityTable<OutboxRow, 'mutationId'>;
  meta!: EntityTable<MetaRow, 'key'>;

  constructor(name = 'jeugdbescherming') {
    super(name, { chromeTransactionDurability: 'strict' });
    // Version 1: the first schema; later versions add an .upgrade() or say why none is needed.
    this.version(1).stores({
      records: 'key, [entity+caseId], caseId, gezinId, entity',
      outbox: 'mutationId, status, caseId',
      meta: 'key',
    });
  }

  async getMeta<K extends keyof Meta>(key: K): Promise<Meta[K] | undefined> {
    return (await this.meta.get(key))?.value as Meta[K] | undefined;
  }

  async setMeta<K extends keyof Meta>(key: K, value: Meta[K]): Promise<void> {
    await this.meta.put({ key, value });
  }
}
