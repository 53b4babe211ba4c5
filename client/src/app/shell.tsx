/** The frame around every signed-in screen: who is signed in, connection state, logout. */
import { hashKey, useMutation } from '@tanstack/react-query';
import { type ReactNode, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../../shared/schemas/user';
import { ConnectionBadge } from '../components/connection-badge';
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

export function Shell({ user, children }: { user: SessionUser; children: ReactNode }) {
  const { t } = useTranslation();
  const online = useOnline();
  const logout = useMutation(
    trpc.auth.logout.mutationOptions({
      onSettled: () => {
        // Forget every answer given to this user; nobody is signed in now.
        queryClient.setQueryData(trpc.auth.me.queryKey(), null);
        queryClient.removeQueries({ predicate: (q) => q.queryHash !== meHash });
      },
    }),
  );
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
        <ConnectionBadge online={online} label={online ? t('app.online') : t('app.offline')} />
        <button type="button" className="button button-quiet" onClick={() => logout.mutate()}>
          {t('app.logout')}
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
