/**
 * Recording a user's change: validate with the shared schema, then in ONE
 * Dexie transaction write the optimistic rows and the outbox entry and take the
 * next mutation id. Either all of it is on the device or none of it is; once
 * this resolves, the change survives a closed tab or a dead battery and waits
 * for the next push.
 */
import type { Table } from 'dexie';
import type { MutationArgs, MutationName } from '../../../shared/schemas/mutations';
import type { OutboxRow } from '../local/db';
import { asStorageError, StorageEvictedError } from '../local/storage-errors';
import { caseBundleKey, type LocalStore } from '../local/store';
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
  opts: {
    /** A draft this change completes: deleted in the same transaction. */
    draftKey?: string;
    /**
     * What the change writes beside the outbox entry (an attachment's row), in the same
     * transaction: given the entry's mutation id, IndexedDB work on `tables` only.
     */
    beside?: { tables: Table[]; write: (mutationId: number) => Promise<unknown> };
  } = {},
): Promise<number> {
  // The schemas (and zod) load with the first change, not with the first screen; the service worker
  // has the chunk, so this works offline too.
  const { mutationArgSchemas } = await import('../../../shared/schemas/mutations');
  const args = mutationArgSchemas[name].parse(rawArgs) as MutationArgs<N>;
  const userId = store.userId ?? (await store.db.getMeta('userId')) ?? '';
  // Reads and encryption first: an IndexedDB transaction must not wait on anything else.
  const entryId = crypto.randomUUID();
  const [rows, blob] = await Promise.all([
    optimisticWrites[name](args, store.reader(userId)),
    store.keyring.encrypt('outbox', entryId, args),
  ]);
  const { db } = store;
  // A full storage aborts the whole transaction (no contact without its outbox entry, nor the
  // reverse; the draft stays); a database the browser wiped has no client id: nothing is written.
  // The requests go out together and IndexedDB runs them in order: one wait, not one per step.
  const mutationId = await store
    .write(rows, {
      tables: [db.outbox, db.meta, db.drafts, ...(opts.beside?.tables ?? [])],
      alongside: async () => {
        const [clientId, next] = await db.meta.bulkGet(['clientId', 'nextMutationId']);
        if (!clientId?.value) throw new StorageEvictedError();
        const id = (next?.value as number | undefined) ?? 1;
        await Promise.all([
          opts.draftKey ? db.drafts.delete(opts.draftKey) : undefined,
          db.setMeta('nextMutationId', id + 1),
          db.outbox.add({
            mutationId: id,
            entryId,
            name,
            // Validated above: a caseId, when the mutation has one, is a uuid.
            caseId: (args as { caseId?: string }).caseId ?? null,
            createdAt: new Date().toISOString(),
            status: 'pending',
            reason: null,
            blob,
          }),
          opts.beside?.write(id),
        ]);
        return id;
      },
    })
    .catch((error: unknown) => {
      throw asStorageError(error);
    });
  return mutationId as number;
}

/** The entry was no longer refused when the requeue came to write (another tab acted first). */
class NotRefused extends Error {}

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
  const onDevice = !row.caseId || (await db.bundles.get(caseBundleKey('case', row.caseId))) !== undefined;
  const rows = onDevice ? await optimisticWrites[row.name](args as never, store.reader(userId)) : [];
  // The rows are written only when the entry is still refused: otherwise the transaction is undone.
  const requeued = await store
    .write(rows, {
      tables: [db.outbox, db.meta, db.attachments],
      alongside: async () => {
        const current = await db.outbox.get(mutationId);
        if (current?.status !== 'refused') throw new NotRefused();
        const next = (await db.getMeta('nextMutationId')) ?? 1;
        await db.setMeta('nextMutationId', next + 1);
        await db.outbox.delete(mutationId);
        await db.outbox.add({ ...current, mutationId: next, status: 'pending', reason: null });
        // An attachment's bytes follow its announcement: they wait for the new entry now.
        if (current.name === 'addAttachment')
          await db.attachments.filter((a) => a.mutationId === mutationId).modify({ mutationId: next });
        return next;
      },
    })
    .catch((error: unknown) => {
      if (error instanceof NotRefused) return null;
      throw error;
    });
  return requeued ?? null;
}

/** Throws a refused change away (after the user confirmed). Pending ones cannot be discarded. */
export async function discardRefused(store: LocalStore, mutationId: number): Promise<void> {
  const { db } = store;
  await db.transaction('rw', [db.outbox, db.attachments], async () => {
    const row = await db.outbox.get(mutationId);
    if (row?.status !== 'refused') return;
    await db.outbox.delete(mutationId);
    // A refused attachment goes with its announcement: nothing of it would ever be sent.
    if (row.name === 'addAttachment')
      await db.attachments.filter((a) => a.mutationId === mutationId && a.state !== 'uploaded').delete();
  });
}
