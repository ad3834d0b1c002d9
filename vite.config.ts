import { svelte } from '@sveltejs/vite-plugin-svelte';
import { cpSync, createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import type { Connect, Plugin, ProxyOptions } from 'vite';
import { defineConfig } from 'vitest/config';
import { contentSecurityPolicy, serviceWorker } from './scripts/vite-offline.ts';

const root = import.meta.dirname;
const modelsDir = join(root, 'models');

const MIME: Record<string, string> = {
  '.json': 'application/json',
  '.bin': 'application/octet-stream',
  '.wasm': 'application/wasm',
  '.js': 'text/javascript',
  '.data': 'application/octet-stream',
  '.tflite': 'application/octet-stream',
  '.binarypb': 'application/octet-stream',
};

/** Serves models/ (filled at install from npm packages, never committed) at /models/, and copies it into the build. */
function serveModels(): Plugin {
  const handler: Connect.NextHandleFunction = (req, res, next) => {
    const url = (req.url ?? '').split('?')[0] ?? '';
    if (!url.startsWith('/models/')) return next();
    const file = normalize(join(modelsDir, decodeURIComponent(url.slice('/models/'.length))));
    if (!file.startsWith(modelsDir) || !existsSync(file) || !statSync(file).isFile()) {
      res.statusCode = 404;
      res.end('model file not found');
      return;
    }
    res.setHeader('Content-Type', MIME[extname(file)] ?? 'application/octet-stream');
    res.setHeader('Content-Length', String(statSync(file).size));
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    createReadStream(file).pipe(res);
  };
  return {
    name: 'rootwell-serve-models',
    configureServer: (server) => void server.middlewares.use(handler),
    configurePreviewServer: (server) => void server.middlewares.use(handler),
    writeBundle(options) {
      const out = options.dir ?? join(root, 'dist');
      cpSync(modelsDir, join(out, 'models'), { recursive: true, filter: (src) => !src.endsWith('README.md') });
    },
  };
}

/**
 * @mediapipe/pose's pose.js is a script that sets globalThis.Pose, not an ES module. pose-detection
 * imports { Pose } from it; we alias it to a shim and keep pose.js's side effects in the build.
 */
function mediapipeShim(): Plugin {
  return {
    name: 'rootwell-mediapipe-shim',
    enforce: 'pre',
    async resolveId(source, importer, opts) {
      if (source === '@mediapipe/pose' && !importer?.endsWith('mediapipe-shim.ts')) {
        return join(root, 'src/estimate/mediapipe-shim.ts');
      }
      if (source.endsWith('@mediapipe/pose/pose.js')) {
        const r = await this.resolve(source, importer, { ...opts, skipSelf: true });
        return r ? { ...r, moduleSideEffects: true } : null;
      }
      return null;
    },
  };
}

/**
 * The clinic server, same-origin (issue 10): with ROOTWELL_CLINIC=http://127.0.0.1:5984 the dev
 * and preview servers pass /clinic/… to it (the path without /clinic), so the app reaches the
 * clinic's CouchDB at its own origin and the CSP stays `connect-src 'self'`. In production a
 * reverse proxy does the same (README, "Clinic sync").
 */
function clinicProxy(): Record<string, ProxyOptions> | undefined {
  const target = process.env.ROOTWELL_CLINIC;
  if (!target) return undefined;
  return {
    '^/clinic(/|$)': {
      target,
      changeOrigin: true,
      rewrite: (path) => path.replace(/^\/clinic/, '') || '/',
      // A 401's Basic challenge would make the browser ask for a password in its own dialog: the app asks instead.
      configure: (proxy) => void proxy.on('proxyRes', (res) => void delete res.headers['www-authenticate']),
    },
  };
}

/** Test files whose assertions depend on real-time frame rate (a fake camera, live counting). */
const LIVE = ['tests/browser/ui-coach.test.ts'];

export default defineConfig({
  plugins: [mediapipeShim(), svelte(), serveModels(), contentSecurityPolicy(), serviceWorker({ root })],
  server: { host: '127.0.0.1', proxy: clinicProxy() },
  preview: { proxy: clinicProxy() },
  // The dev dependency pre-bundler does not run our resolveId plugins: without this it fails on
  // pose-detection's `import { Pose } from '@mediapipe/pose'`. Excluded, the shim alias applies.
  // tfjs is listed so it is pre-bundled once (one tfjs-core instance, CJS `long` converted) even
  // though pose-detection, which imports it, is excluded.
  optimizeDeps: {
    exclude: ['@tensorflow-models/pose-detection', '@mediapipe/pose'],
    include: [
      '@tensorflow/tfjs-core',
      '@tensorflow/tfjs-converter',
      '@tensorflow/tfjs-backend-cpu',
      '@tensorflow/tfjs-backend-wasm',
      '@tensorflow/tfjs-backend-webgl',
      '@tensorflow/tfjs-backend-webgpu',
    ],
  },
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 4000 },
  // The pose worker bundles pose-detection too: it needs the same @mediapipe/pose shim.
  worker: { format: 'es', plugins: () => [mediapipeShim()] },
  test: {
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    reporters: ['default', ['json', { outputFile: 'test-artifacts/vitest.json' }]],
    projects: [
      {
        extends: true,
        test: { name: 'suite', include: ['tests/**/*.test.ts'], exclude: LIVE, maxWorkers: 2, sequence: { groupOrder: 0 } },
      },
      {
        // The live camera runs in real time (Chromium's fake camera plays at wall-clock speed),
        // so its exact count needs the machine's cores as a patient's laptop would give them,
        // not shared with another test file's model: it runs after the rest, alone.
        extends: true,
        test: { name: 'live', include: LIVE, maxWorkers: 1, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
