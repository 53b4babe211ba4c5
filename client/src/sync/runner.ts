/**
 * Keeps the device in sync while the app is open and unlocked: syncs at
 * start, when the connection returns, when the app becomes visible again,
 * shortly after every local write, and every few minutes. One tab at a time
 * (Web Locks); the others hear of new data through notifyLocalChange.
 * Its status is what the sync badge and the outbox screen show.
 */

import { notifyLocalChange } from '../local/changes';
import { markAllSeen } from '../local/seen';
import type { LocalStore } from '../local/store';
import type { AttachmentUploadProgress } from './attachment-sync';
import { type SyncProgress, type SyncTransport, syncOnce } from './engine';
import { updateGate, type VersionSkew } from './update-gate';

export type SyncPhase = 'idle' | 'syncing' | 'offline' | 'needs-login' | 'error';

export interface SyncStatus {
  phase: SyncPhase;
  /** Outbox entries waiting for the server. */
  pending: number;
  /** Outbox entries the server refused: the user must act. */
  refused: number;
  /** While syncing: how far it is; `firstSync` when the caseload comes to the device for the first time. */
  progress: (SyncProgress & { firstSync: boolean }) | null;
  lastSyncedAt: string | null;
  error: string | null;
  /** The server does not serve this app's sync protocol: the app must update, or the server is behind. */
  versionSkew: VersionSkew;
  /** While an attachment's bytes go up: "Bijlage 2 van 5 wordt verstuurd, 40%". */
  upload?: AttachmentUploadProgress | null;
}

export interface RunnerOptions {
  /** After a write, wait this long for more writes before syncing. */
  debounceMs?: number;
  intervalMs?: number;
  /** Tells "no network" apart from other failures. */
  classify?: (error: unknown) => SyncPhase | 'update-required' | 'server-behind';
  /**
   * After each attempt while online: asks the server about this device (see
   * device-guard.ts). True when the device wiped itself: the runner stops.
   */
  afterSync?: () => Promise<boolean>;
  /**
   * After a sync, when the phone holds attachments: sends their bytes and purges old ones
   * (sync/attachment-sync.ts syncAttachments), loaded on demand.
   */
  attachments?: () => Promise<
    (store: LocalStore, onProgress: (p: AttachmentUploadProgress | null) => void) => Promise<unknown>
  >;
}

const LOCK_NAME = 'jeugdbescherming-sync';
/** After a failed sync (no answer, or a server error), try again after these waits; the last one repeats. */
const RETRY_MS = [5_000, 15_000, 30_000, 60_000];

export class SyncRunner {
  private status: SyncStatus = {
    phase: 'idle',
    pending: 0,
    refused: 0,
    progress: null,
    lastSyncedAt: null,
    error: null,
    versionSkew: null,
    upload: null,
  };
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  /** Failed attempts in a row; the next one waits RETRY_MS[n]. */
  private failures = 0;
  private readonly cleanups: (() => void)[] = [];
  private readonly debounceMs: number;
  private readonly intervalMs: number;
  private readonly classify: NonNullable<RunnerOptions['classify']>;
  private readonly afterSync: RunnerOptions['afterSync'];
  private readonly attachments: RunnerOptions['attachments'];

  constructor(
    private readonly store: LocalStore,
    private readonly transport: SyncTransport,
    options: RunnerOptions = {},
  ) {
    this.debounceMs = options.debounceMs ?? 1500;
    this.intervalMs = options.intervalMs ?? 3 * 60_000;
    this.classify = options.classify ?? (() => 'error');
    this.afterSync = options.afterSync;
    this.attachments = options.attachments;
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getStatus = (): SyncStatus => this.status;

  private update(patch: Partial<SyncStatus>) {
    this.status = { ...this.status, ...patch };
    for (const listener of this.listeners) listener();
    // The app-update banner waits for an empty outbox after a successful sync (app/pwa-update.tsx).
    if (!this.stopped) {
      const { phase, pending, lastSyncedAt, versionSkew } = this.status;
      updateGate.publish(
        { active: true, pending, synced: phase === 'idle' && lastSyncedAt !== null, versionSkew },
        () => this.syncNow(),
      );
    }
  }

  /** Starts the triggers and a first sync. */
  start(): void {
    const onOnline = () => this.syncNow();
    const onOffline = () => this.update({ phase: 'offline' });
    const onVisible = () => {
      if (document.visibilityState === 'visible') this.syncNow();
    };
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    document.addEventListener('visibilitychange', onVisible);
    const interval = setInterval(() => {
      if (document.visibilityState === 'visible') this.syncNow();
    }, this.intervalMs);
    this.cleanups.push(
      () => window.removeEventListener('online', onOnline),
      () => window.removeEventListener('offline', onOffline),
      () => document.removeEventListener('visibilitychange', onVisible),
      () => clearInterval(interval),
    );
    void this.store.db.getMeta('lastSyncedAt').then((at) => this.update({ lastSyncedAt: at ?? null }));
    void this.refreshCounts();
    this.syncNow();
  }

  stop(): void {
    this.stopped = true;
    updateGate.publish({ active: false, pending: 0, synced: false, versionSkew: null }, null);
    if (this.timer) clearTimeout(this.timer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }

  /** After a local write: count it at once, sync shortly (more writes may follow). */
  afterWrite(): void {
    notifyLocalChange();
    void this.refreshCounts();
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.syncNow(), this.debounceMs);
  }

  async refreshCounts(): Promise<void> {
    const { outbox, attachments } = this.store.db;
    const [pending, refused, announcing, uploads, refusedUploads] = await Promise.all([
      outbox.where('status').equals('pending').count(),
      outbox.where('status').equals('refused').count(),
      outbox
        .where('status')
        .equals('pending')
        .filter((r) => r.name === 'addAttachment')
        .count(),
      attachments.where('state').equals('pending').count(),
      attachments.where('state').equals('refused').count(),
    ]);
    // An attachment counts once: as its outbox entry, then (acknowledged) as bytes still to send.
    this.update({
      pending: pending + Math.max(0, uploads - announcing),
      refused: refused + refusedUploads,
    });
  }

  /** After a sync: attachments' bytes go up, old ones leave the phone (sync/attachment-sync.ts). */
  private async syncAttachments(): Promise<void> {
    if (!this.attachments || (await this.store.db.attachments.count()) === 0) return;
    const sync = await this.attachments();
    await sync(this.store, (progress) => this.update({ upload: progress }));
  }

  /** Syncs now, or right after the sync that is running. Resolves when done. */
  syncNow(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    if (this.running) {
      this.again = true;
      return this.running;
    }
    // Shown at once, also while another tab finishes its sync first.
    if (this.status.phase !== 'offline' || navigator.onLine) this.update({ phase: 'syncing' });
    this.running = this.loop().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      await this.withLock(() => this.once());
    } while (this.again && !this.stopped);
  }

  private async withLock(fn: () => Promise<void>): Promise<void> {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (!locks) return fn();
    // Another tab syncing now: wait for it, then sync. Skipping would leave a write made here
    // after that tab's push waiting for the next trigger (minutes away).
    await locks.request(LOCK_NAME, async () => {
      if (!this.stopped) await fn();
    });
  }

  private async once(): Promise<void> {
    if (typeof navigator !== 'undefined' && navigator.onLine === false) {
      this.update({ phase: 'offline', progress: null });
      return;
    }
    this.update({ phase: 'syncing', error: null });
    const firstSync = ((await this.store.db.getMeta('cookie')) ?? null) === null;
    if (firstSync) performance.mark('first-sync-start');
    try {
      const report = await syncOnce(this.store, this.transport, (progress) => {
        this.update({ progress: { ...progress, firstSync } });
        // During a first sync the screens wait for the end (they would only compete with it).
        if (progress.phase === 'pull' && !firstSync) notifyLocalChange();
      });
      if (firstSync) {
        // What arrives with the first sync is the starting point, not news.
        await markAllSeen(this.store, report.highestVersion);
        performance.mark('first-sync-done');
      }
      await this.syncAttachments();
      const lastSyncedAt = new Date().toISOString();
      await this.store.db.setMeta('lastSyncedAt', lastSyncedAt);
      this.failures = 0;
      // The screens read again first, so "all synced" does not come before what was synced.
      notifyLocalChange();
      this.update({ phase: 'idle', progress: null, lastSyncedAt, versionSkew: null });
    } catch (error) {
      const failure = this.classify(error);
      // A version refusal applied nothing: the outbox stays, the banner tells the user (pwa-update.tsx).
      const versionSkew = failure === 'update-required' || failure === 'server-behind' ? failure : null;
      const kind: SyncPhase = versionSkew ? 'error' : (failure as SyncPhase);
      // No answer while the browser thinks it is online, or a server error: try again soon, waiting
      // longer each time. A session that ran out waits for the login; going offline waits for `online`;
      // an app too old for the server waits for its update (the other triggers still try).
      if (
        kind !== 'needs-login' &&
        versionSkew !== 'update-required' &&
        navigator.onLine !== false &&
        !this.stopped
      ) {
        const wait = RETRY_MS[Math.min(this.failures, RETRY_MS.length - 1)] ?? 60_000;
        this.failures += 1;
        this.retryTimer = setTimeout(() => void this.syncNow(), wait);
      }
      this.update({
        phase: kind,
        progress: null,
        upload: null,
        error: kind === 'error' ? (error instanceof Error ? error.message : String(error)) : null,
        versionSkew,
      });
      // Pages pulled before the failure are on the device: the screens read again (once).
      notifyLocalChange();
    }
    // Also after a failed sync: a disabled user's session is gone, yet the device must hear it.
    if (this.afterSync && !this.stopped && navigator.onLine !== false) {
      const wiped = await this.afterSync().catch(() => false);
      if (wiped) {
        // The database is gone: nothing may read it again (that would create it anew).
        this.stop();
        return;
      }
    }
    await this.refreshCounts();
  }
}
