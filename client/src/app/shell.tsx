/** The frame around every signed-in screen: who is signed in, the connection or sync state, logout. */
import { hashKey, useMutation } from '@tanstack/react-query';
import { type ReactNode, useEffect, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import type { SessionUser } from '../../../shared/schemas/user';
import { ConnectionBadge } from '../components/connection-badge';
import { device } from '../local/device';
import { useRouteFocus } from './route-focus';
import { queryClient, trpc } from './trpc';

function subscribeOnline(onChange: () => void) {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
}

export function useOnline(): boolean {
  return useSyncExternalStore(subscribeOnline, () => navigator.onLine);
}

const meHash = hashKey(trpc.auth.me.queryKey());

/** Forgets every answer given to this user: nobody is signed in now. */
export function forgetSession() {
  queryClient.setQueryData(trpc.auth.me.queryKey(), null);
  queryClient.removeQueries({ predicate: (q) => q.queryHash !== meHash });
}

export function Frame({
  user,
  status,
  onLogout,
  children,
}: {
  user: SessionUser;
  status: ReactNode;
  onLogout: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  // A new screen starts at its top, not where the previous one was scrolled to.
  const [location] = useLocation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the effect is for each new location, which it does not read
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [location]);
  // ... and its heading has the focus, so a screen reader announces it.
  useRouteFocus(location, 'main');
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <div className="topbar-who">
          <span className="topbar-app">{t('app.name')}</span>
          <span className="topbar-user">{user.displayName}</span>
        </div>
        <button type="button" className="button button-quiet" onClick={onLogout}>
          {t('app.logout')}
        </button>
        <div className="topbar-status">{status}</div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}

/** For team leads, support staff and beheerders: online screens, connection state. */
export function Shell({ user, children }: { user: SessionUser; children: ReactNode }) {
  const { t } = useTranslation();
  const online = useOnline();
  const logout = useMutation(trpc.auth.logout.mutationOptions({ onSettled: forgetSession }));
  return (
    <Frame
      user={user}
      status={<ConnectionBadge online={online} label={online ? t('app.online') : t('app.offline')} />}
      // A phone's local store (with work of a jeugdbeschermer) is not this user's to clear.
      onLogout={() => logout.mutate(device.getState().kind === 'empty' ? {} : { keepDeviceData: true })}
    >
      {children}
    </Frame>
  );
}
