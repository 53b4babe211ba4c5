/**
 * One sync round: push the outbox, then pull until the cycle completes, then
 * re-apply what is still pending on top (rebase). The guarantees:
 *  - a mutation leaves the outbox only when the server says it was applied;
 *    a refused one stays, marked, with its reason and content, until the user acts;
 *  - server rows never overwrite a row that a pending mutation wrote: those
 *    are written again after every pull page;
 *  - the cookie is saved in the same transaction as the rows it covers, so an
 *    interrupted pull resumes where it stopped and applies nothing twice.
 */
import type { PushInput, PushResult } from '../../../shared/schemas/mutations';
import type { OfflineReadsInput, PullInput, PullResult } from '../../../shared/schemas/sync';
import type { DeviceKaart } from '../../../shared/schemas/verwijzing';
import { asStorageError, StorageEvictedError } from '../local/storage-errors';
import type { LocalStore } from '../local/store';
import { optimisticWrites } from './local-mutations';
import { readOutbox } from './outbox';

export interface SyncTransport {
  push(input: PushInput): Promise<PushResult>;
  pull(input: PullInput): Promise<PullResult>;
  /** Uploads reads of children's files made on the device (optional: tests of push/pull leave it out). */
  uploadReads?(input: OfflineReadsInput): Promise<unknown>;
  /** The sociale kaart for the user's regions; `kaart` is null when `etag` is still current (optional). */
  kaart?(etag: string | null): Promise<{ etag: string; kaart: DeviceKaart | null }>;
}

export interface SyncProgress {
  phase: 'push' | 'pull';
  rows: number;
  pages: number;
}

export interface SyncReport {
  pushed: number;
  refused: number;
  pulledRows: number;
  removedCases: number;
  /** The pull started from nothing: the device's first sync of this caseload. */
  firstSync: boolean;
  uploadedReads: number;
  /** The highest sync version among the pulled rows (0 when none came). */
  highestVersion: number;
  /** Why the reads could not be uploaded this time (they stay on the device). */
  readsError?: string;
  /** Why the sociale kaart could not be refreshed (the device keeps the copy it has). */
  kaartError?: string;
}

const PUSH_BATCH = 50;
const READS_BATCH = 500;
/** Rows per pull page: a 20-child caseload with two years of history comes in one or two. */
const PULL_PAGE = 5000;
const MAX_GAP_RETRIES = 3;

export async function syncOnce(
  store: LocalStore,
  transport: SyncTransport,
  onProgress: (p: SyncProgress) => void = () => {},
): Promise<SyncReport> {
  const { db } = store;
  const clientId = await db.getMeta('clientId');
  // The store is open, so a PIN was set up here: no client id means the browser wiped the database.
  if (!clientId) throw new StorageEvictedError();
  try {
    return await syncWith(store, clientId, transport, onProgress);
  } catch (error) {
    throw asStorageError(error);
  }
}

async function syncWith(
  store: LocalStore,
  clientId: string,
  transport: SyncTransport,
  onProgress: (p: SyncProgress) => void,
): Promise<SyncReport> {
  const { db } = store;
  const report: SyncReport = {
    pushed: 0,
    refused: 0,
    pulledRows: 0,
    removedCases: 0,
    firstSync: false,
    uploadedReads: 0,
    highestVersion: 0,
  };

  // The sociale kaart is asked for at once, alongside the push and the pull (it depends on neither:
  // it follows the user's regions on the server), so its round trip hides behind theirs; it is
  // written after the pull.
  const kaartAsked = transport.kaart
    ? transport.kaart((await db.getMeta('kaartEtag')) ?? null).then(
        (answer) => ({ answer }),
        (error: unknown) => ({ error }),
      )
    : null;
  // ── Push ──
  let gapRetries = 0;
  for (;;) {
    const pending = (await readOutbox(store, 'pending')).slice(0, PUSH_BATCH);
    if (pending.length === 0) break;
    onProgress({ phase: 'push', rows: report.pushed, pages: 0 });
    const result = await transport.push({
      clientId,
      mutations: pending.map((m) => ({ id: m.mutationId, name: m.name, args: m.args })),
    });
    if (result.status === 'gap') {
      // The server expects an id we no longer hold pending: the device's counter and the
      // server's disagree (e.g. a restored backup). Never guess: stop and report it.
      gapRetries += 1;
      if (gapRetries > MAX_GAP_RETRIES)
        throw new Error(`Synchronisatie stopt: server verwacht mutatie ${result.expected}`);
      continue;
    }
    // A refused mutation's optimistic change must go: the cases it touched are fetched whole
    // again. The need is stored with the refusal, so it survives a pull that fails halfway.
    const refusedCaseIds = pending
      .filter(
        (e) => e.caseId && result.outcomes.some((o) => o.id === e.mutationId && o.status === 'geweigerd'),
      )
      .map((e) => e.caseId as string);
    // A case of which the device holds nothing (it left the user's scope) has nothing to take back;
    // asking for it would stay in refetchCaseIds for good, as the server never sends it again.
    const refusedCases: string[] = [];
    for (const caseId of new Set(refusedCaseIds)) {
      if (await store.holdsCase(caseId)) refusedCases.push(caseId);
    }
    await db.transaction('rw', [db.outbox, db.meta], async () => {
      // Applied with a device time the server found implausible: the phone says so (device-warnings).
      const flagged = result.outcomes.find((o) => o.status === 'toegepast' && o.deviceTimeSuspect);
      if (flagged?.status === 'toegepast' && flagged.deviceTimeSuspect)
        await db.setMeta('timeFlag', flagged.deviceTimeSuspect);
      if (refusedCases.length) {
        const before = (await db.getMeta('refetchCaseIds')) ?? [];
        await db.setMeta('refetchCaseIds', [...new Set([...before, ...refusedCases])]);
      }
      for (const outcome of result.outcomes) {
        if (outcome.status === 'toegepast') {
          await db.outbox.delete(outcome.id);
          report.pushed += 1;
        } else {
          await db.outbox.update(outcome.id, { status: 'refused', reason: outcome.reason });
          report.refused += 1;
        }
      }
    });
    if (result.outcomes.length === 0) break;
  }

  // ── Reads made on the device, for the access log (deleted here only once the server has them) ──
  // An upload that fails keeps the reads for the next sync and does not hold up the pull.
  if (transport.uploadReads) {
    try {
      for (;;) {
        const reads = await db.reads.limit(READS_BATCH).toArray();
        if (reads.length === 0) break;
        await transport.uploadReads({ clientId, reads });
        await db.reads.bulkDelete(reads.map((r) => r.id));
        report.uploadedReads += reads.length;
      }
    } catch (error) {
      report.readsError = error instanceof Error ? error.message : String(error);
    }
  }

  // ── Pull ──
  report.firstSync = ((await db.getMeta('cookie')) ?? null) === null;
  let pages = 0;
  for (;;) {
    const cookie = (await db.getMeta('cookie')) ?? null;
    const refetch = (await db.getMeta('refetchCaseIds')) ?? [];
    // For the benchmarks (test/bench/profile-sync.ts): where a first sync's time goes.
    if (report.firstSync) performance.mark('first-sync-pull-sent');
    const page = await transport.pull({
      clientId,
      cookie,
      limit: PULL_PAGE,
      ...(refetch.length ? { refetchCaseIds: refetch } : {}),
    });
    pages += 1;
    if (report.firstSync) performance.mark('first-sync-pull-received');
    // What the server sends whole again replaces what the device held of those cases, at once.
    await store.write(page.rows, {
      replaceCaseIds: page.refetchedCaseIds,
      tables: [db.meta],
      alongside: async () => {
        await db.setMeta('cookie', page.cookie);
        // "Now" on the phone decides what looks overdue: how far off is its clock?
        if (page.serverTime) await db.setMeta('clockSkewMs', Date.now() - Date.parse(page.serverTime));
        if (page.holidayPolicy) await db.setMeta('holidayPolicy', page.holidayPolicy);
        if (page.refetchedCaseIds.length) {
          const done = new Set(page.refetchedCaseIds);
          await db.setMeta(
            'refetchCaseIds',
            refetch.filter((id) => !done.has(id)),
          );
        }
      },
    });
    if (page.removedCaseIds.length) {
      await db.transaction('rw', [db.bundles, db.meta], async () => {
        await store.deleteCasesIn(page.removedCaseIds);
        // A case that is gone needs no refetch.
        const left = ((await db.getMeta('refetchCaseIds')) ?? []).filter(
          (id) => !page.removedCaseIds.includes(id),
        );
        await db.setMeta('refetchCaseIds', left);
      });
      report.removedCases += page.removedCaseIds.length;
    }
    if (report.firstSync) performance.mark('first-sync-written');
    report.pulledRows += page.rows.length;
    for (const row of page.rows) report.highestVersion = Math.max(report.highestVersion, row.version);
    await rebase(store);
    onProgress({ phase: 'pull', rows: report.pulledRows, pages });
    if (!page.more) break;
  }

  // ── The sociale kaart for asking help offline (asked for above; written after the pull) ──
  if (kaartAsked) {
    try {
      const got = await kaartAsked;
      if ('error' in got) throw got.error;
      const { answer } = got;
      if (answer.kaart) {
        const kaart = answer.kaart;
        await db.transaction('rw', db.meta, async () => {
          await db.setMeta('kaart', kaart);
          await db.setMeta('kaartEtag', answer.etag);
        });
      }
    } catch (error) {
      report.kaartError = error instanceof Error ? error.message : String(error);
    }
  }
  return report;
}

/** Writes the optimistic rows of every pending mutation again, over whatever the pull brought. */
export async function rebase(store: LocalStore): Promise<void> {
  const pending = await readOutbox(store, 'pending');
  if (pending.length === 0) return;
  const reader = store.reader((await store.db.getMeta('userId')) ?? '');
  // In order: a later edit builds on what an earlier pending one wrote.
  for (const m of pending) {
    await store.write(await optimisticWrites[m.name](m.args as never, reader));
  }
}
