/* Rootwell service worker (generated at build from scripts/sw-template.js by scripts/vite-offline.ts).
 * Precaches the app shell, the default pose model and the tfjs wasm, so the app works offline
 * after the first visit. Same-origin only: requests to other origins are never handled or made.
 * Strategy: navigations network-first (an update shows when online) falling back to the cached
 * shell; everything else cache-first, and model/asset files fetched later are added to the cache.
 */
/* eslint-disable */
const VERSION = __VERSION__;
const PRECACHE = __PRECACHE_URLS__;
const CACHE = 'rootwell-' + VERSION;
const SHELL = PRECACHE[0];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((c) => c.addAll(PRECACHE.map((u) => new Request(u, { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('rootwell-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

function cacheable(url) {
  return url.pathname.startsWith(SHELL + 'assets/') || url.pathname.startsWith(SHELL + 'models/');
}

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (req.mode === 'navigate') {
    event.respondWith(
      fetch(req)
        .then((res) => {
          if (res.ok) {
            const copy = res.clone();
            caches.open(CACHE).then((c) => c.put(SHELL, copy));
          }
          return res;
        })
        .catch(() => caches.match(SHELL, { cacheName: CACHE, ignoreVary: true }).then((r) => r || Response.error())),
    );
    return;
  }
  event.respondWith(
    caches.match(req, { cacheName: CACHE, ignoreSearch: true, ignoreVary: true }).then(
      (hit) =>
        hit ||
        fetch(req).then((res) => {
          if (res.ok && res.status === 200 && cacheable(url)) {
            const copy = res.clone();
            caches.open(CACHE).then((c) => c.put(req, copy));
          }
          return res;
        }),
    ),
  );
});

// Reminders (src/ui/state/reminders.ts) are shown by the page through this worker's
// registration.showNotification; no push server exists. A click on one brings the app forward.
self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((list) => {
      const open = list.find((c) => new URL(c.url).origin === self.location.origin);
      return open ? open.focus() : self.clients.openWindow(SHELL);
    }),
  );
});
