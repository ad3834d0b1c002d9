/* Rootwell service worker, built by vite-plugin-pwa (injectManifest) with Workbox.
 * Precaches what vite.config.ts lists (app shell, the pose worker bundle, the default models and
 * the tfjs wasm; the list and the revisions come from the build as self.__WB_MANIFEST), so the
 * app works offline after the first visit. Same-origin only: requests to other origins are never
 * handled or made. Navigations: network first (an update shows when online), the cached shell
 * offline. Other models and assets fetched later are kept in a runtime cache.
 */
import { setCacheNameDetails, clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst, NetworkOnly } from 'workbox-strategies';

setCacheNameDetails({ prefix: 'rootwell', suffix: 'v3' });
self.skipWaiting();
clientsClaim();
cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST, { ignoreURLParametersMatching: [/.*/] });

const SHELL = `${self.registration.scope.replace(self.location.origin, '')}index.html`;
const sameOrigin = (url) => url.origin === self.location.origin;

// Navigations: the network when it answers, else the precached shell.
const network = new NetworkOnly();
registerRoute(
  new NavigationRoute(async (options) => {
    try {
      return await network.handle(options);
    } catch {
      return (await matchPrecache(SHELL)) ?? Response.error();
    }
  }),
);

// Models and assets not precached (other models, MediaPipe's runtime): cached once fetched.
registerRoute(
  ({ url, request }) => request.method === 'GET' && sameOrigin(url) && /\/(assets|models)\//.test(url.pathname),
  new CacheFirst({ cacheName: 'rootwell-runtime', matchOptions: { ignoreSearch: true, ignoreVary: true } }),
);

// Reminders (src/ui/state/reminders.ts) are shown by the page through this worker's
// registration.showNotification; no push server exists. A click on one brings the app forward.
self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((list) => {
      const open = list.find((c) => new URL(c.url).origin === self.location.origin);
      return open ? open.focus() : self.clients.openWindow(self.registration.scope);
    }),
  );
});
