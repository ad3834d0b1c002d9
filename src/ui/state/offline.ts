/**
 * Offline use: registers the service worker built by scripts/vite-offline.ts (production builds
 * only; the dev server has no /sw.js). After the first visit the app shell, the default pose
 * model and the tfjs wasm come from the cache, so coaching works with no network at all.
 */

export type OfflineState = 'unsupported' | 'dev' | 'installing' | 'ready' | 'failed';

/** Register /sw.js. Resolves with the state once the worker is active (or failed). Never throws. */
export async function registerServiceWorker(): Promise<OfflineState> {
  if (!import.meta.env.PROD) return 'dev';
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return 'unsupported';
  try {
    await navigator.serviceWorker.register(`${import.meta.env.BASE_URL}sw.js`, { scope: import.meta.env.BASE_URL });
    await navigator.serviceWorker.ready;
    document.documentElement.dataset.offline = 'ready';
    return 'ready';
  } catch (e) {
    console.warn('Offline use is not available:', e);
    document.documentElement.dataset.offline = 'failed';
    return 'failed';
  }
}
