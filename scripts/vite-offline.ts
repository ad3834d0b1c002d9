/**
 * Offline and private, for vite.config.ts:
 * - `contentSecurityPolicy()`: one CSP, sent as a header by the dev and preview servers and
 *   written into the built index.html as a <meta> tag (a static host may not send headers).
 * - `serviceWorker()`: at build time, emits /sw.js from scripts/sw-template.js with the list of
 *   files to precache (app shell + the default model + the tfjs wasm) and a version derived
 *   from their names and model checksums. No dependency (no vite-plugin-pwa / workbox).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Connect, Plugin } from 'vite';

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

export function serviceWorker(opts: { root: string }): Plugin {
  let base = '/';
  return {
    name: 'rootwell-service-worker',
    apply: 'build',
    configResolved(c) {
      base = c.base;
    },
    generateBundle(_o, bundle) {
      const files = Object.keys(bundle).filter((f) => !f.endsWith('.map') && f !== 'sw.js');
      const models = PRECACHE_MODELS.filter((m) => existsSync(join(opts.root, 'models', m))).map((m) => `models/${m}`);
      const shell = PUBLIC_SHELL.filter((f) => existsSync(join(opts.root, 'public', f)));
      const urls = ['', ...shell, ...files.sort(), ...models].map((f) => base + f);
      const sums = join(opts.root, 'models', 'checksums.json');
      const version = createHash('sha256')
        .update(urls.join('\n'))
        .update(existsSync(sums) ? readFileSync(sums) : '')
        .digest('hex')
        .slice(0, 12);
      const template = readFileSync(join(opts.root, 'scripts', 'sw-template.js'), 'utf8');
      const source = template
        .replace('__PRECACHE_URLS__', JSON.stringify(urls, null, 2))
        .replace('__VERSION__', JSON.stringify(version));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}
