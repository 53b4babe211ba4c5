/**
 * Recording a user's change: validate with the shared schema, then in ONE
 * Dexie transaction write the optimistic rows and the outbox entry and take the
 * next mutation id. Either all of it is on the device or none of it is; once
 * this resolves, the change survives a closed tab or a dead battery and waits
 * for the next push.
 */
import {
  caseIdOfArgs,
  type MutationArgs,
  type MutationName,
  mutationArgSchemas,
} from '../../../shared/schemas/mutations';
import type { OutboxRow } from '../local/db';
import { asStorageError, StorageEvictedError } from '../local/storage-errors';
import { type LocalStore, recordKey } from '../local/store';
import { optimisticWrites } from './local-mutations';

export interface OutboxEntry {
  mutationId: number;
  name: MutationName;
  caseId: string | null;
  createdAt: string;
  status: OutboxRow['status'];
  reason: string | null;
  args: unknown;
}

export async function enqueue<N extends MutationName>(
  store: LocalStore,
  name: N,
  rawArgs: MutationArgs<N>,
  /** A draft this change completes: deleted in the same transaction. */
  opts: { draftKey?: string } = {},
): Promise<number> {
  const args = mutationArgSchemas[name].parse(rawArgs) as MutationArgs<N>;
  const userId = store.userId ?? (await store.db.getMeta('userId')) ?? '';
  // Reads and encryption first: an IndexedDB transaction must not wait on anything else.
  const sealedRows = await store.seal(await optimisticWrites[name](args, store.reader(userId)));
  const entryId = crypto.randomUUID();
  const blob = await store.keyring.encrypt('outbox', entryId, args);
  const { db } = store;
  // A full storage aborts the whole transaction (no contact without its outbox entry, nor the
  // reverse; the draft stays); a database the browser wiped has no client id: nothing is written.
  return db
    .transaction('rw', [db.records, db.outbox, db.meta, db.drafts], async () => {
      if (!(await db.getMeta('clientId'))) throw new StorageEvictedError();
      if (opts.draftKey) await db.drafts.delete(opts.draftKey);
      const mutationId = (await db.getMeta('nextMutationId')) ?? 1;
      await db.setMeta('nextMutationId', mutationId + 1);
      await db.records.bulkPut(sealedRows);
      await db.outbox.add({
        mutationId,
        entryId,
        name,
        caseId: caseIdOfArgs(args),
        createdAt: new Date().toISOString(),
        status: 'pending',
        reason: null,
        blob,
      });
      return mutationId;
    })
    .catch((error: unknown) => {
      throw asStorageError(error);
    });
}

export async function readOutbox(store: LocalStore, status?: OutboxRow['status']): Promise<OutboxEntry[]> {
  const rows = status
    ? await store.db.outbox.where('status').equals(status).sortBy('mutationId')
    : await store.db.outbox.orderBy('mutationId').toArray();
  return Promise.all(
    rows.map(async (r) => ({
      mutationId: r.mutationId,
      name: r.name,
      caseId: r.caseId,
      createdAt: r.createdAt,
      status: r.status,
      reason: r.reason,
      args: await store.keyring.decrypt('outbox', r.entryId, r.blob),
    })),
  );
}

/**
 * Sends a refused change again, as a new mutation at the end of the queue
 * (same content, same encrypted blob), in one transaction: it is never both
 * refused and pending, nor neither.
 */
export async function requeue(store: LocalStore, mutationId: number): Promise<number | null> {
  const { db } = store;
  const row = await db.outbox.get(mutationId);
  if (row?.status !== 'refused') return null;
  const args = await store.keyring.decrypt<unknown>('outbox', row.entryId, row.blob);
  const userId = (await db.getMeta('userId')) ?? '';
  // A case no longer on the device (it left the user's scope) gets no optimistic rows: if the
  // server refuses the change again, nothing would take them back.
  const onDevice = !row.caseId || (await db.records.get(recordKey('case', row.caseId))) !== undefined;
  const sealedRows = onDevice
    ? await store.seal(await optimisticWrites[row.name](args as never, store.reader(userId)))
    : [];
  return db.transaction('rw', [db.records, db.outbox, db.meta], async () => {
    const current = await db.outbox.get(mutationId);
    if (current?.status !== 'refused') return null;
    const next = (await db.getMeta('nextMutationId')) ?? 1;
    await db.setMeta('nextMutationId', next + 1);
    await db.outbox.delete(mutationId);
    await db.outbox.add({ ...current, mutationId: next, status: 'pending', reason: null });
    await db.records.bulkPut(sealedRows);
    return next;
  });
}

/** Throws a refused change away (after the user confirmed). Pending ones cannot be discarded. */
export async function discardRefused(store: LocalStore, mutationId: number): Promise<void> {
  const { db } = store;
  await db.transaction('rw', db.outbox, async () => {
    const row = await db.outbox.get(mutationId);
    if (row?.status === 'refused') await db.outbox.delete(mutationId);
  });
}
