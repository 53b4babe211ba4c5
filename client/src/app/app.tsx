/**
 * Who is signed in, and what the device holds, decide the screen:
 *  - a jeugdbeschermer works from the encrypted local store (FieldApp): PIN
 *    setup after the first login on a device, PIN unlock afterwards — also
 *    when the server cannot be reached;
 *  - everyone else gets a lazily loaded online screen the phone of a field
 *    worker never downloads.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Switch } from 'wouter';
import type { SessionUser } from '../../../shared/schemas/user';
import { LoginScreen } from '../features/login/login-screen';
import { NewPinScreen, PinSetupScreen, PinUnlockScreen } from '../features/unlock/pin-screens';
import DeviceRevokedScreen from '../features/unlock/revoked-screen';
import { DeviceHeldByOtherError, type DeviceState, device } from '../local/device';
import { trpcDeviceApi } from '../sync/transport';
import { ChunkScreen, chunk } from './chunk';
import { FieldApp } from './field-app';
import { PwaUpdatePrompt } from './pwa-update';
import { forgetSession, Shell } from './shell';
import { sessionLockOf, trpc, trpcClient } from './trpc';

const teamScreen = chunk(() => import('../features/team/team-screen'));
const deskScreen = chunk(() => import('../features/verwijzing-desk/desk-screen'));
const adminScreen = chunk(() => import('../features/admin/admin-screen'));
const socialeKaartScreen = chunk(() => import('../features/admin/sociale-kaart-screen'));
const intakeScreen = chunk(() => import('../features/intake/intake-screen'));

export function App() {
  const { t } = useTranslation();
  const deviceState = useSyncExternalStore(device.subscribe, device.getState);
  useEffect(() => {
    // A revoked device with nothing unsynced wipes itself at start, before anyone types a PIN.
    void device
      .load()
      .then(() =>
        navigator.onLine && device.getState().kind === 'locked'
          ? import('../sync/device-guard').then((m) => m.guardLockedDevice(device, trpcDeviceApi))
          : undefined,
      )
      .catch(() => undefined);
  }, []);
  const me = useQuery({
    ...trpc.auth.me.queryOptions(),
    // No second try when the device knows it is offline: it would come a second later, before the PIN screen.
    retry: (failures) => navigator.onLine && failures < 1,
    staleTime: Number.POSITIVE_INFINITY,
    // Offline the answer is "no connection" at once, so the PIN screen can open the local store.
    networkMode: 'always',
  });

  let content: React.ReactNode;
  if (deviceState.kind === 'revoked') {
    content = <DeviceRevokedScreen reason={deviceState.reason} />;
  } else if (me.isPending || deviceState.kind === 'loading') {
    content = <p className="centered">{t('app.loading')}</p>;
  } else if (me.data && me.data.role !== 'jeugdbeschermer') {
    content = (
      <Shell user={me.data}>
        <Landing user={me.data} />
      </Shell>
    );
  } else if (me.data) {
    content = <FieldGate user={me.data} state={deviceState} />;
  } else if (deviceState.kind === 'unlocked') {
    // Working from the device while the server session is gone: sync asks for a login.
    content = <FieldApp key="field" user={deviceState.user} store={deviceState.store} />;
  } else if (deviceState.kind === 'locked' && (me.isError || deviceState.surrender)) {
    content = <PinUnlockScreen state={deviceState} />;
  } else if (me.isError && sessionLockOf(me.error)) {
    // A locked session and no store to prove the PIN for: only a new sign-in goes on.
    content = <LoginScreen />;
  } else if (me.isError) {
    content = (
      <div className="centered" role="alert">
        <p>{deviceState.kind === 'empty' ? t('pin.firstLoginOnline') : t('errors.network')}</p>
        <button type="button" className="button" onClick={() => void me.refetch()}>
          {t('app.retry')}
        </button>
      </div>
    );
  } else {
    content = <LoginScreen />;
  }
  return (
    <>
      <PwaUpdatePrompt />
      {content}
    </>
  );
}

/** A jeugdbeschermer signed in online: the device is theirs (or becomes theirs), then PIN. */
function FieldGate({ user, state }: { user: SessionUser; state: DeviceState }) {
  const { t } = useTranslation();
  const [ready, setReady] = useState<string | null>(null);
  const [heldByOther, setHeldByOther] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    device.afterOnlineLogin(user).then(
      () => live && setReady(user.id),
      (e) => {
        if (!live) return;
        if (e instanceof DeviceHeldByOtherError) setHeldByOther(e.pending);
        else throw e;
      },
    );
    return () => {
      live = false;
    };
  }, [user]);

  if (heldByOther !== null) {
    return (
      <main className="login" id="main">
        <div className="card form" role="alert">
          <h1>{t('pin.otherUserTitle')}</h1>
          <p>{t('pin.otherUser', { count: heldByOther })}</p>
          <button
            type="button"
            className="button"
            // The other user's unsynced work stays on the device: no clearing of the site's data.
            onClick={() =>
              void trpcClient.auth.logout.mutate({ keepDeviceData: true }).finally(forgetSession)
            }
          >
            {t('app.logout')}
          </button>
        </div>
      </main>
    );
  }
  if (ready !== user.id || state.kind === 'loading') return <p className="centered">{t('app.loading')}</p>;
  if (state.kind === 'empty') return <PinSetupScreen user={user} />;
  if (state.kind === 'locked') return <PinUnlockScreen state={state} freshUser={user} />;
  if (state.kind !== 'unlocked') return null;
  if (state.needsNewPin) return <NewPinScreen />;
  return <FieldApp key="field" user={state.user} store={state.store} />;
}

function Landing({ user }: { user: SessionUser }) {
  switch (user.role) {
    case 'teamleider':
      // The team screen holds the case file too (/dossier/:caseId): its tabs stay on top.
      return <ChunkScreen of={teamScreen} />;
    case 'ondersteuner':
      // The desk stays the fallback: it has its own routes (/verwijsdesk/:id) inside.
      return (
        <Switch>
          <Route path="/sociale-kaart">
            <ChunkScreen of={socialeKaartScreen} />
          </Route>
          <Route path="/instroom">
            <ChunkScreen of={intakeScreen} />
          </Route>
          <Route>
            <ChunkScreen of={deskScreen} />
          </Route>
        </Switch>
      );
    default:
      // The beheerder keeps the sociale kaart and the regional arrangements.
      return <ChunkScreen of={adminScreen} />;
  }
}
