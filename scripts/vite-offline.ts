/**
 * Offline and private, for vite.config.ts:
 * - `contentSecurityPolicy()`: one CSP, sent as a header by the dev and preview servers and
 *   written into the built index.html as a <meta> tag (a static host may not send headers).
 * - `serviceWorker()`: vite-plugin-pwa (Workbox, injectManifest) builds scripts/sw.js with the
 *   precache list (app shell, the pose worker, the default models, the tfjs wasm).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Connect, Plugin, PluginOption } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * The policy. Nothing may be fetched from, or sent to, another origin.
 * - 'wasm-unsafe-eval': WebAssembly.instantiate for the tfjs wasm backend (no JS eval allowed).
 * - style-src 'unsafe-inline': Svelte sets style attributes (style:width, inline <style> in dev).
 *   Styles cannot send data anywhere because img-src/font-src/connect-src stay same-origin.
 * - blob:/data: images (canvas snapshots, favicon), mediastream: for the camera in <video>.
 */
export const CSP_DIRECTIVES: Record<string, string> = {
  'default-src': "'self'",
  'script-src': "'self' 'wasm-unsafe-eval'",
  'style-src': "'self' 'unsafe-inline'",
  'img-src': "'self' blob: data:",
  'media-src': "'self' blob: mediastream:",
  'connect-src': "'self'",
  'worker-src': "'self' blob:",
  'manifest-src': "'self'",
  'font-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'self'",
  'form-action': "'none'",
  // Only honoured as a header (ignored, with a console warning, in a <meta> tag).
  'frame-ancestors': "'none'",
};

export function cspString(forMeta = false): string {
  return Object.entries(CSP_DIRECTIVES)
    .filter(([k]) => !(forMeta && k === 'frame-ancestors'))
    .map(([k, v]) => `${k} ${v}`)
    .join('; ');
}

export function contentSecurityPolicy(): Plugin {
  const header = cspString(false);
  const set: Connect.NextHandleFunction = (_req, res, next) => {
    res.setHeader('Content-Security-Policy', header);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Permissions-Policy', 'camera=(self), microphone=(), geolocation=()');
    next();
  };
  return {
    name: 'rootwell-csp',
    configureServer: (server) => void server.middlewares.use(set),
    configurePreviewServer: (server) => void server.middlewares.use(set),
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        if (ctx.server) return [];
        return [
          { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: cspString(true) }, injectTo: 'head-prepend' },
        ];
      },
    },
  };
}

/** Model files precached for offline use (relative to /models/). Keep in step with DEFAULT_MODEL. */
export const PRECACHE_MODELS: readonly string[] = [
  'tfjs/blazepose-detector.json',
  'tfjs/blazepose-detector.bin',
  // DEFAULT_MODEL (src/estimate/create-estimator.ts)
  'tfjs/blazepose-full.json',
  'tfjs/blazepose-full.bin',
  // MoveNet Lightning: the cross-check that keeps the default model on the patient when a second
  // person is in view (src/estimate/cross-check.ts), and the fast model in the picker.
  'tfjs/movenet-lightning.json',
  'tfjs/movenet-lightning.bin',
  // The lighter model offered on a slow computer, so that offer works offline too.
  'tfjs/blazepose-lite.json',
  'tfjs/blazepose-lite.bin',
  // Single-thread wasm (threaded is never used: see src/estimate/backend.ts).
  'tfjs-wasm/tfjs-backend-wasm.wasm',
  'tfjs-wasm/tfjs-backend-wasm-simd.wasm',
  'checksums.json',
];

/** Files from public/ that belong to the app shell. */
const PUBLIC_SHELL = ['manifest.webmanifest', 'icon.svg', 'icon-192.png', 'icon-512.png'];

/**
 * The service worker: vite-plugin-pwa (Workbox) builds scripts/sw.js with the precache manifest
 * injected: the app shell, every bundle in assets/ (the app, the pose worker, lazy chunks), the
 * public shell files and the models above, each with a revision from its content, so a new
 * build replaces exactly what changed. The page registers it (src/ui/state/offline.ts); the web
 * manifest is our own file in public/.
 */
export function serviceWorker(opts: { root: string }): PluginOption {
  const models = PRECACHE_MODELS.filter((m) => existsSync(join(opts.root, 'models', m))).map((m) => `models/${m}`);
  const shell = PUBLIC_SHELL.filter((f) => existsSync(join(opts.root, 'public', f)));
  return VitePWA({
    strategies: 'injectManifest',
    srcDir: 'scripts',
    filename: 'sw.js',
    injectRegister: false,
    manifest: false,
    injectManifest: {
      globPatterns: ['index.html', 'assets/**/*.{js,css,wasm}', ...shell, ...models],
      // The models are megabytes each; they are what offline use needs most.
      maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
      // Absolute URLs from the site root, as the page requests them.
      modifyURLPrefix: { '': '/' },
    },
  });
}
