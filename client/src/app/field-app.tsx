/**
 * The jeugdbeschermer's app: every screen reads the local store, works
 * offline, and the sync runner keeps it in step with the server. Locks itself
 * when idle; logging out never throws unsynced work away silently.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Switch, useLocation } from 'wouter';
import type { SessionUser } from '../../../shared/schemas/user';
import { SyncBadge } from '../components/sync-badge';
import { CaseFileScreen } from '../features/case-file/case-file-screen';
import '../features/agenda/tab-texts';
import { CaseloadScreen } from '../features/caseload/caseload-screen';
import { LoginScreen } from '../features/login/login-screen';
import { onLocalChange } from '../local/changes';
import { device } from '../local/device';
import { StorageEvictedError } from '../local/storage-errors';
import type { LocalStore } from '../local/store';
import { readOutbox } from '../sync/outbox';
import { SyncRunner } from '../sync/runner';
import { classifySyncError, trpcDeviceApi, trpcSessionLockApi, trpcTransport } from '../sync/transport';
import { useAutoLock } from './auto-lock';
import { ChunkScreen, chunk, preloadChunk } from './chunk';
import { FieldContext, LOCAL_KEY, useField, useSyncStatus } from './field-context';
import { Frame, forgetSession } from './shell';
import { queryClient, trpcClient } from './trpc';

// The clock and storage warnings load after the field screens: they are rare and the path stays small.
const deviceWarnings = chunk(() => import('../features/device-warnings/device-warnings'));
// The wachtrij is opened now and then, not on the way to Mijn caseload: a chunk of its own, fetched
// once the app is idle (so it opens offline at once, even before the service worker has it).
const outboxScreen = chunk<Record<string, never>>(() =>
  import('../features/outbox/outbox-screen').then((m) => ({ default: m.OutboxScreen })),
);
if (typeof requestIdleCallback === 'function')
  requestIdleCallback(() => preloadChunk(outboxScreen), { timeout: 10_000 });

// Vandaag / Deze week, the tab's count of overdue items and the notices of the desk's answers: one
// chunk, off the field path (field-extras.ts says why one). The tab bar's count and the notices load it
// right after the first screen, so Vandaag opens at once, offline too.
const loadExtras = () => import('./field-extras');
const agendaScreen = chunk<Record<string, never>>(() =>
  loadExtras().then((m) => ({ default: m.AgendaScreen })),
);
const overdueCount = chunk<Record<string, never>>(() =>
  loadExtras().then((m) => ({ default: m.OverdueCount })),
);
const fieldNotices = chunk<Record<string, never>>(() =>
  loadExtras().then((m) => ({ default: m.FieldNotices })),
);
// Herinneringen (push reminders, issue 20) is a setting opened now and then: a chunk of its own.
const remindersScreen = chunk<Record<string, never>>(() =>
  import('../features/reminders/reminders-screen').then((m) => ({ default: m.RemindersScreen })),
);

// The koers and asking help are not on every visit's path: their screens load when opened (the
// service worker has them, so they open offline too).
const koersScreen = chunk<{ caseId: string }>(() =>
  import('../features/koers/koers-screen').then((m) => ({ default: m.KoersScreen })),
);
const helpRequestScreen = chunk<{ caseId: string }>(() =>
  import('../features/verwijzing/help-request-screen').then((m) => ({ default: m.HelpRequestScreen })),
);
const verwijzingScreen = chunk<{ caseId: string; verwijzingId: string }>(() =>
  import('../features/verwijzing/verwijzing-screen').then((m) => ({ default: m.VerwijzingScreen })),
);
// Registering a court decision is online and rare: its form loads when opened.
const decisionScreen = chunk<{ caseId: string; maatregelId: string }>(() =>
  import('../features/maatregel/decision-screen').then((m) => ({ default: m.DecisionScreen })),
);

// The extension request's screen (documents): where the agenda's "verzoek verlenging" item leads.
const extensionScreen = chunk<{ caseId: string }>(() => import('../features/documents/extension-screen'));

/**
 * Drops the data key and every decrypted answer from memory, and locks the
 * server session too: until the PIN is proven again it answers nothing but
 * unlock. Offline the server hears nothing; its own idle lock covers that.
 */
export function lockDevice() {
  device.lock();
  queryClient.removeQueries({ queryKey: [LOCAL_KEY] });
  void trpcSessionLockApi.lock().catch(() => undefined);
}

export function FieldApp({ user, store }: { user: SessionUser; store: LocalStore }) {
  const [runner] = useState(
    () =>
      new SyncRunner(store, trpcTransport, {
        classify: (error) => {
          // The browser wiped the database under the app: start clean (new PIN, full pull).
          if (error instanceof StorageEvictedError) void device.noticeEvicted();
          return classifySyncError(error);
        },
        // Each sync asks whether this device may still hold its data (and renews the key share).
        // Loaded when first needed (precached): the field path stays small.
        afterSync: () =>
          import('../sync/device-guard').then((m) =>
            m.guardDevice(device, () => readOutbox(store, 'pending'), trpcDeviceApi),
          ),
        attachments: () => import('../sync/device-guard').then((m) => m.syncAttachments),
      }),
  );
  useEffect(() => {
    runner.start();
    return () => runner.stop();
  }, [runner]);
  useEffect(() => onLocalChange(() => void queryClient.invalidateQueries({ queryKey: [LOCAL_KEY] })), []);
  useAutoLock(lockDevice);
  return (
    <FieldContext.Provider value={{ store, user, runner }}>
      <FieldFrame />
    </FieldContext.Provider>
  );
}

function FieldFrame() {
  const { t } = useTranslation();
  const { user, runner } = useField();
  const status = useSyncStatus();
  const [, navigate] = useLocation();
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);

  const [failed, setFailed] = useState(false);
  /**
   * Logging out wipes the device: the server answers with Clear-Site-Data, and
   * the local store goes too. So it happens only once the outbox is empty,
   * after a sync; otherwise the user is told, and may lock the device instead.
   */
  const logout = async () => {
    setBusy(true);
    setFailed(false);
    await runner.syncNow();
    await runner.refreshCounts();
    const { pending, refused } = runner.getStatus();
    if (pending + refused === 0) {
      try {
        await trpcClient.auth.logout.mutate({});
        dialog.current?.close();
        await device.wipe();
        forgetSession();
        return;
      } catch {
        setFailed(true);
      }
    }
    setBusy(false);
    if (!dialog.current?.open) dialog.current?.showModal();
  };
  const lock = () => {
    dialog.current?.close();
    lockDevice();
  };

  return (
    <Frame
      user={user}
      status={
        <SyncBadge
          status={status}
          onOpen={() => navigate(status.phase === 'needs-login' ? '/inloggen' : '/wachtrij')}
        />
      }
      onLogout={() => void logout()}
    >
      <ChunkScreen of={fieldNotices} quiet />
      <ChunkScreen of={deviceWarnings} quiet />
      <Switch>
        <Route path="/dossier/:caseId/hulp/:verwijzingId">
          {(p) => (
            <ChunkScreen of={verwijzingScreen} props={{ caseId: p.caseId, verwijzingId: p.verwijzingId }} />
          )}
        </Route>
        <Route path="/dossier/:caseId/hulp">
          {(p) => <ChunkScreen of={helpRequestScreen} props={{ caseId: p.caseId }} />}
        </Route>
        {/* The contact sheet opens over the case file, which stays drawn (the same element as below). */}
        <Route path="/dossier/:caseId/contact/:amendsId">
          {(p) => <CaseFileScreen caseId={p.caseId} contact={{ amendsId: p.amendsId }} />}
        </Route>
        <Route path="/dossier/:caseId/contact">
          {(p) => <CaseFileScreen caseId={p.caseId} contact={{}} />}
        </Route>
        <Route path="/dossier/:caseId/koers">
          {(p) => <ChunkScreen of={koersScreen} props={{ caseId: p.caseId }} />}
        </Route>
        <Route path="/dossier/:caseId/maatregel/:maatregelId">
          {(p) => (
            <ChunkScreen of={decisionScreen} props={{ caseId: p.caseId, maatregelId: p.maatregelId }} />
          )}
        </Route>
        <Route path="/dossier/:caseId/verlenging">
          {(p) => <ChunkScreen of={extensionScreen} props={{ caseId: p.caseId }} />}
        </Route>
        <Route path="/dossier/:caseId">{(p) => <CaseFileScreen caseId={p.caseId} />}</Route>
        <Route path="/wachtrij">
          <ChunkScreen of={outboxScreen} />
        </Route>
        <Route path="/vandaag">
          <ChunkScreen of={agendaScreen} />
        </Route>
        <Route path="/herinneringen">
          <ChunkScreen of={remindersScreen} />
        </Route>
        <Route path="/inloggen">
          <LoginScreen
            onDone={() => {
              navigate('/');
              void runner.syncNow();
            }}
          />
        </Route>
        <Route>
          <CaseloadScreen />
        </Route>
      </Switch>
      <dialog ref={dialog} className="dialog" aria-labelledby="logout-title">
        <h2 id="logout-title">{t('logout.title')}</h2>
        {failed ? (
          <p>{t('logout.failed')}</p>
        ) : (
          <>
            <p>{t('logout.unsynced', { count: status.pending + status.refused })}</p>
            <p className="muted">{status.phase === 'offline' ? t('logout.offline') : t('logout.notEmpty')}</p>
          </>
        )}
        <div className="actions actions-stacked">
          <button
            type="button"
            className="button button-primary"
            disabled={busy}
            onClick={() => void logout()}
          >
            {busy ? t('sync.syncing') : t('logout.syncFirst')}
          </button>
          <button type="button" className="button" onClick={lock}>
            {t('logout.lock')}
          </button>
          <button type="button" className="button button-quiet" onClick={() => dialog.current?.close()}>
            {t('app.cancel')}
          </button>
        </div>
      </dialog>
      <TabBar />
    </Frame>
  );
}

/** The two places a worker starts from: Mijn caseload and Vandaag (with its count of overdue items). */
function TabBar() {
  const { t } = useTranslation();
  const [location] = useLocation();
  const current = (path: string) => (location === path ? 'page' : undefined);
  return (
    <>
      <div className="tabbar-space" />
      <nav className="tabbar" aria-label={t('tabs.label')}>
        <Link href="/" aria-current={current('/')}>
          {t('tabs.caseload')}
        </Link>
        <Link href="/vandaag" aria-current={current('/vandaag')} data-testid="tab-agenda">
          {t('tabs.agenda')}
          <ChunkScreen of={overdueCount} quiet />
        </Link>
      </nav>
    </>
  );
}
