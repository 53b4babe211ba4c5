/**
 * Storage trouble in real Chromium: IndexedDB refusing writes for lack of
 * quota (IDBObjectStore.put/add made to throw QuotaExceededError), and the
 * browser deleting the database out from under the app. The user is told in
 * Dutch, nothing half-written remains, the typed draft stays, and a wiped
 * device goes to a clear state (new PIN, full pull) instead of crashing.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { commands } from 'vitest/browser';
import { FieldContext } from '../../client/src/app/field-context';
import { queryClient } from '../../client/src/app/trpc';
import DeviceWarnings, {
  storageProblemText,
} from '../../client/src/features/device-warnings/device-warnings';
import type { LocalDb } from '../../client/src/local/db';
import { Device } from '../../client/src/local/device';
import { saveDraft } from '../../client/src/local/drafts';
import { StorageEvictedError, StorageFullError } from '../../client/src/local/storage-errors';
import type { LocalStore } from '../../client/src/local/store';
import { syncOnce } from '../../client/src/sync/engine';
import { enqueue, readOutbox } from '../../client/src/sync/outbox';
import type { SyncRunner } from '../../client/src/sync/runner';
import '../../client/src/i18n';
import { contactArgs, openPhone, transportFor, type World } from './local-helpers';

let world: World;
const restore: (() => void)[] = [];

beforeEach(async () => {
  world = await commands.resetServer();
});
afterEach(() => {
  for (const undo of restore.splice(0)) undo();
  vi.restoreAllMocks();
});

/** From now on, writes to `storeName` throw QuotaExceededError after `allowed` more succeed. */
function fillStorage(storeName: string, allowed = 0) {
  let left = allowed;
  for (const method of ['put', 'add'] as const) {
    const original = IDBObjectStore.prototype[method];
    IDBObjectStore.prototype[method] = function (this: IDBObjectStore, ...args: [unknown, IDBValidKey?]) {
      if (this.name === storeName && left-- <= 0) {
        throw new DOMException('Het quotum is bereikt', 'QuotaExceededError');
      }
      return original.apply(this, args);
    };
    restore.push(() => {
      IDBObjectStore.prototype[method] = original;
    });
  }
}

async function counts(db: LocalDb) {
  return {
    bundles: await db.bundles.count(),
    outbox: await db.outbox.count(),
    drafts: await db.drafts.count(),
    next: await db.getMeta('nextMutationId'),
    cookie: await db.getMeta('cookie'),
  };
}

describe('a full storage', () => {
  it('refuses a contact as a whole: neither the contact nor its outbox entry is written, the draft stays', async () => {
    const phone = await openPhone(world, 'worker1');
    const caseId = world.cases.ofWorker1;
    await enqueue(phone.store, 'logContact', contactArgs(caseId, 'Past nog'));
    await saveDraft(phone.store, `contact:${caseId}:nieuw`, { report: 'Wat ik typte' });
    const before = await counts(phone.db);

    // The records write inside the transaction succeeds; the outbox entry after it does not fit.
    fillStorage('outbox');
    const failed = enqueue(phone.store, 'logContact', contactArgs(caseId, 'Past niet meer'), {
      draftKey: `contact:${caseId}:nieuw`,
    });
    await expect(failed).rejects.toBeInstanceOf(StorageFullError);
    expect(storageProblemText(await failed.catch((e: unknown) => e))).toBe(
      'Het geheugen van dit toestel is vol: dit contact is niet opgeslagen. Maak ruimte vrij of synchroniseer eerst. Uw tekst staat nog in het formulier.',
    );
    for (const undo of restore.splice(0)) undo();

    expect(await counts(phone.db)).toEqual(before);
    expect((await readOutbox(phone.store)).map((e) => (e.args as { report: string }).report)).toEqual([
      'Past nog',
    ]);
    // With room again, the same change is saved once, with the next id.
    expect(await enqueue(phone.store, 'logContact', contactArgs(caseId, 'Nu wel'))).toBe(2);
  });

  it('fails the bundles write too without leaving anything behind', async () => {
    const phone = await openPhone(world, 'worker1');
    fillStorage('bundles');
    await expect(
      enqueue(phone.store, 'logContact', contactArgs(world.cases.ofWorker1, 'Niets')),
    ).rejects.toBeInstanceOf(StorageFullError);
    for (const undo of restore.splice(0)) undo();
    expect(await counts(phone.db)).toMatchObject({ bundles: 0, outbox: 0, next: 1 });
  });

  it('stops a pull cleanly: the cookie stays where it was, no page is half applied, and the next sync completes', async () => {
    const phone = await openPhone(world, 'worker1');
    await enqueue(phone.store, 'logContact', contactArgs(world.cases.ofWorker1, 'Eerst verzonden'));
    fillStorage('bundles', 2);
    const failed = syncOnce(phone.store, phone.transport);
    await expect(failed).rejects.toBeInstanceOf(StorageFullError);
    expect(storageProblemText(await failed.catch((e: unknown) => e), 'sync')).toContain(
      'nieuwe gegevens van de server passen er niet meer op',
    );
    for (const undo of restore.splice(0)) undo();
    // The push went through before the pull failed; the pull's page is not on the device at all.
    const after = await counts(phone.db);
    expect(after).toMatchObject({ outbox: 0, cookie: undefined });
    expect(after.bundles).toBe(1); // the optimistic contact only
    const report = await syncOnce(phone.store, phone.transport);
    expect(report.firstSync).toBe(true);
    expect(await phone.db.bundles.count()).toBeGreaterThan(1);
  });

  it('warns on the field screen when more than 80% of the quota is used', async () => {
    const phone = await openPhone(world, 'worker1');
    vi.spyOn(navigator.storage, 'estimate').mockResolvedValue({ usage: 85, quota: 100 });
    const root = mount(phone.store);
    await expect.poll(() => document.body.textContent).toContain('bijna vol (85% gebruikt)');
    root.unmount();
  });
});

function mount(store: LocalStore): Root {
  const container = document.createElement('div');
  document.body.replaceChildren(container);
  const status = { lastSyncedAt: null };
  const runner = {
    subscribe: () => () => undefined,
    getStatus: () => status,
  } as unknown as SyncRunner;
  const root = createRoot(container);
  root.render(
    createElement(
      QueryClientProvider,
      { client: queryClient },
      createElement(
        FieldContext.Provider,
        { value: { store, runner, user: {} as never } },
        createElement(DeviceWarnings),
      ),
    ),
  );
  return root;
}

describe('storage wiped by the browser', () => {
  it('is noticed at the next write: nothing is written, the device starts clean and says why', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const device = new Device(name);
    await device.load();
    await device.setUp(
      {
        id: world.users.worker1.id,
        organisationId: world.users.worker1.organisationId,
        teamId: world.users.worker1.teamId,
        role: 'jeugdbeschermer',
        displayName: world.users.worker1.displayName,
      } as never,
      '582931',
    );
    const state = device.getState();
    if (state.kind !== 'unlocked') throw new Error('not unlocked');
    const store = state.store;
    await enqueue(store, 'logContact', contactArgs(world.cases.ofWorker1, 'Voor het wissen'));

    // The browser deletes the database between two actions of the app.
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.deleteDatabase(name);
      req.onsuccess = () => resolve();
      req.onerror = () => reject(req.error);
    });

    await expect(
      enqueue(store, 'logContact', contactArgs(world.cases.ofWorker1, 'Na het wissen')),
    ).rejects.toBeInstanceOf(StorageEvictedError);
    // Nothing half-written in what the app re-opened: no orphan contact, no outbox entry.
    expect(await store.db.bundles.count()).toBe(0);
    expect(await store.db.outbox.count()).toBe(0);
    // Sync does not crash on it either: the same clear error.
    await expect(syncOnce(store, transportFor('worker1'))).rejects.toBeInstanceOf(StorageEvictedError);

    await device.noticeEvicted();
    expect(device.getState()).toEqual({ kind: 'empty', evicted: true });
    // After a restart of the app, too, the device knows it was wiped, until a PIN is set again.
    const restarted = new Device(name);
    expect(await restarted.load()).toEqual({ kind: 'empty', evicted: true });
    expect(storageProblemText(new StorageEvictedError())).toContain('door de browser gewist');
    await restarted.wipe();
    expect(await new Device(name).load()).toEqual({ kind: 'empty' });
  });
});
