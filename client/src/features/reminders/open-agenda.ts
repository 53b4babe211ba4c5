/**
 * A tap on a reminder while the app is open: the service worker focuses the window and posts
 * OPEN_AGENDA instead of loading the page anew (sw.ts), so the app routes itself to Vandaag. Drafts
 * are kept as they are typed (use-draft.ts), so leaving a form loses nothing.
 */
import { useEffect } from 'react';
import { useLocation } from 'wouter';

export function useOpenAgendaOnReminderTap(): void {
  const [, navigate] = useLocation();
  useEffect(() => {
    const sw = typeof navigator !== 'undefined' ? navigator.serviceWorker : undefined;
    if (!sw) return;
    const onMessage = (event: MessageEvent) => {
      const data = event.data as { type?: unknown; route?: unknown } | null;
      if (data?.type === 'OPEN_AGENDA' && data.route === '/vandaag') navigate('/vandaag');
    };
    sw.addEventListener('message', onMessage);
    return () => sw.removeEventListener('message', onMessage);
  }, [navigate]);
}
