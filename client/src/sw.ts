/**
 * The service worker: precaches the app shell (HTML, JS, CSS, icons) so the
 * app starts without a network, and answers navigations with the cached shell.
 * It never caches /trpc: case data lives only in the encrypted local store,
 * never in a cache a stolen phone could read. It shows reminders with one
 * fixed text, whatever a push message carries (see the end of this file).
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { REMINDER_ROUTE, REMINDER_TAG, REMINDER_TEXT } from '../../shared/rules/reminder-message';

declare let self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: Array<{ url: string; revision: string | null } | string>;
};
declare global {
  interface ImportMeta {
    readonly env: { readonly VITE_APP_BUILD?: string };
  }
}

/** Which build this worker is (VITE_APP_BUILD at build time): the update test asks it. */
const BUILD = import.meta.env.VITE_APP_BUILD ?? 'dev';

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
/**
 * Navigations the server must answer itself, never the cached shell: the API,
 * the health check, and sign-in at the identity provider (/auth/oidc/login
 * sends the browser to the provider; its callback sets the session). Answered
 * with the shell, a sign-in would never leave the app, or never finish.
 */
const SERVER_PATHS = [/^\/trpc/, /^\/healthz/, /^\/auth\//];

registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: SERVER_PATHS }));

// A new version waits until the user chooses "Vernieuwen" and the outbox is empty (or the server
// refuses this version: the outbox then goes along in IndexedDB), so nothing is reloaded under their
// hands and no pending change is lost (app/pwa-update.tsx).
self.addEventListener('message', (event) => {
  const type = (event.data as { type?: string } | null)?.type;
  if (type === 'SKIP_WAITING') void self.skipWaiting();
  if (type === 'GET_BUILD') event.ports[0]?.postMessage(BUILD);
});

// Reminders (server/services/reminders): whatever a push message carries, the notification shows the
// one fixed text — a push service, or whoever sees the lock screen, learns nothing about a case. A
// tap opens (or focuses) the app on the agenda; the details appear only after the PIN.
self.addEventListener('push', (event) => {
  event.waitUntil(
    self.registration.showNotification(REMINDER_TEXT, {
      tag: REMINDER_TAG,
      icon: '/icons/icon-192.png',
      badge: '/icons/icon-192.png',
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(openAgenda());
});

async function openAgenda(): Promise<void> {
  const target = new URL(REMINDER_ROUTE, self.location.origin).href;
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const open = windows.find((w) => new URL(w.url).origin === self.location.origin);
  if (open) {
    await open.focus();
    // The open app routes itself (it may hold an unsaved form that a navigation would lose).
    open.postMessage({ type: 'OPEN_AGENDA', route: REMINDER_ROUTE });
    return;
  }
  await self.clients.openWindow(target);
}
