/**
 * The service worker: precaches the app shell (HTML, JS, CSS, icons) so the
 * app starts without a network, and answers navigations with the cached shell.
 * It never caches /trpc: case data lives only in the encrypted local store,
 * never in a cache a stolen phone could read.
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

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
