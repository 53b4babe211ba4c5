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

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/^\/trpc/, /^\/healthz/] }),
);

// A new version waits until the user chooses "Vernieuwen", so nothing is reloaded under their hands.
self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
