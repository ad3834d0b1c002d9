/**
 * Offline and private, against the production build (`vite build` into a temp folder + `vite
 * preview` on 127.0.0.1, both started here):
 * 1. A full session (programme → safety check → pain check → coach with the fake camera from a
 *    real clip → summary): every request goes to the app's own origin, and the page reports no
 *    Content-Security-Policy violation. The CSP comes as a header (preview) and a <meta> (build).
 * 2. Load once, let the service worker install, then stop the server and cut the network,
 *    reload, and coach a set: the reps are counted from the cached app, model and wasm.
 * The clip is converted at test time into a temp folder (never committed).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL } from '../../src/estimate/create-estimator';
import { close, launchBrowser, makeFakeCamera, REPO_ROOT, sharedData, type RunningBrowser, type TempFile } from '../helpers/browser';
import { cspString, PRECACHE_MODELS } from '../../scripts/vite-offline';

const execFileP = promisify(execFile);
const BRIDGE = 'videos/glute_bridge/darebee_glute_bridge_side_5reps.mp4';
const SETTINGS = { model: DEFAULT_MODEL, backend: 'wasm', muted: true, beep: false, telehealth: false };

let work: string;
let outDir: string;
let cam: TempFile;

async function startPreview(): Promise<{ server: PreviewServer; url: string }> {
  const server = await preview({
    root: REPO_ROOT,
    configFile: join(REPO_ROOT, 'vite.config.ts'),
    logLevel: 'error',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  });
  const addr = server.httpServer.address();
  if (!addr || typeof addr === 'string') throw new Error('preview server has no TCP address');
  return { server, url: `http://127.0.0.1:${addr.port}` };
}

async function seed(page: Page, opts: { safety: boolean }): Promise<void> {
  await page.addInitScript(
    ([s, safety]) => {
      const w = window as unknown as { __csp: string[] };
      w.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
      );
      if (sessionStorage.getItem('rootwell.test.seeded')) return;
      sessionStorage.setItem('rootwell.test.seeded', '1');
      localStorage.clear();
      localStorage.setItem('rootwell.settings.v1', s as string);
      if (safety) localStorage.setItem('rootwell.safety.v1', JSON.stringify({ result: 'clear', at: new Date().toISOString() }));
      // The weekly function scale (PSFS, issue 12) answered just now: Start goes to the pain check-in.
      localStorage.setItem('rootwell.psfs.v1', JSON.stringify({ rounds: [{ id: 'seed', at: new Date().toISOString(), items: [{ id: 'seed-1', activity: 'sitting 30 minutes', score: 5 }] }] }));
    },
    [JSON.stringify(SETTINGS), opts.safety] as const,
  );
}

const count = async (page: Page) => Number(await page.getByTestId('rep-count').first().getAttribute('data-count'));

/** Coach screen → camera → wait for a counted rep. */
async function coachUntilCounted(page: Page): Promise<number> {
  await page.getByTestId('model-status').waitFor({ timeout: 90_000 });
  await page.getByTestId('use-camera').click();
  await expect.poll(() => page.getByTestId('coach').getAttribute('data-source'), { timeout: 20_000 }).toBe('running');
  await expect.poll(() => count(page), { timeout: 90_000, interval: 250 }).toBeGreaterThanOrEqual(1);
  return count(page);
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'rootwell-offline-'));
  outDir = join(work, 'dist');
  // Vitest sets NODE_ENV=test, which would make this a development build (import.meta.env.PROD false).
  const env = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ root: REPO_ROOT, configFile: join(REPO_ROOT, 'vite.config.ts'), logLevel: 'error', mode: 'production', build: { outDir, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = env;
  }
  const padded = join(work, 'padded.mp4');
  await execFileP('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-i', sharedData(BRIDGE), '-an', '-vf', 'tpad=start_duration=2:start_mode=clone', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', padded]);
  cam = await makeFakeCamera(padded, { fps: 15, width: 640, format: 'y4m' });
}, 180_000);

afterAll(async () => {
  await close();
  await rm(work, { recursive: true, force: true });
});

describe('the production build', () => {
  it('precaches the app shell, the default model and the wasm; carries the CSP as a meta tag', async () => {
    const sw = await readFile(join(outDir, 'sw.js'), 'utf8');
    const html = await readFile(join(outDir, 'index.html'), 'utf8');
    for (const f of [`tfjs/${DEFAULT_MODEL}.json`, `tfjs/${DEFAULT_MODEL}.bin`, 'tfjs/blazepose-detector.bin', 'tfjs-wasm/tfjs-backend-wasm-simd.wasm']) {
      expect(PRECACHE_MODELS).toContain(f);
      expect(sw).toContain(`"/models/${f}"`);
    }
    expect(sw).toMatch(/"\/assets\/index-[\w-]+\.js"/);
    expect(sw).not.toContain('__PRECACHE_URLS__');
    expect(html).toContain('http-equiv="Content-Security-Policy"');
    expect(html).toContain('rel="manifest"');
    const manifest = JSON.parse(await readFile(join(outDir, 'manifest.webmanifest'), 'utf8')) as { icons: { src: string; sizes: string; type: string; purpose: string }[]; display: string };
    expect(manifest.display).toBe('standalone');
    // Installable everywhere: PNG icons at 192 and 512 px (a maskable one too), each file really that size and precached.
    for (const size of [192, 512]) {
      const icon = manifest.icons.find((i) => i.type === 'image/png' && i.sizes === `${size}x${size}`);
      expect(icon).toBeDefined();
      const png = await readFile(join(outDir, icon!.src.replace(/^\//, '')));
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
      expect(sw).toContain(`"${icon!.src}"`);
    }
    expect(manifest.icons.some((i) => i.purpose === 'maskable')).toBe(true);
    // No inline scripts: script-src 'self' would block them.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });
});

describe('private: a full session stays on this computer', () => {
  let b: RunningBrowser;
  let srv: { server: PreviewServer; url: string };

  beforeAll(async () => {
    srv = await startPreview();
    b = await launchBrowser({ fakeCamera: cam.path, offline: true, viewport: { width: 1280, height: 800 } });
  }, 60_000);
  afterAll(async () => {
    await b?.close();
    await srv?.server.close();
  });

  it('programme → safety → coach → summary: all requests same-origin, no CSP violation', async () => {
    const page = await b.newPage();
    await seed(page, { safety: false });
    const res = await page.goto(`${srv.url}/`);
    expect(res?.headers()['content-security-policy']).toBe(cspString(false));
    await page.getByRole('heading', { name: /Today.s programme/ }).waitFor();
    await page.getByRole('button', { name: /Start Bridge \(five-point/ }).click();
    await page.getByRole('heading', { name: 'Safety check' }).waitFor();
    const groups = page.locator('fieldset');
    const n = await groups.count();
    for (let i = 0; i < n; i++) await groups.nth(i).getByLabel('No').check();
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Skip' }).click();
    const reps = await coachUntilCounted(page);
    expect(reps).toBeGreaterThanOrEqual(1);
    await page.getByTestId('finish').click();
    await page.getByTestId('summary').waitFor();
    const origin = new URL(srv.url).origin;
    const foreign = b.requests().filter((r) => !r.url.startsWith('data:') && !r.url.startsWith('blob:') && new URL(r.url).origin !== origin);
    expect(foreign).toEqual([]);
    expect(b.requests().length).toBeGreaterThan(10);
    expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
    expect(b.consoleErrors().filter((e) => /Content.Security.Policy|Refused to/i.test(e))).toEqual([]);
    await page.close();
  }, 240_000);
});

describe('offline after the first visit', () => {
  it('loads once, goes offline with the server stopped, reloads and counts a set', async () => {
    const srv = await startPreview();
    const b = await launchBrowser({ fakeCamera: cam.path, offline: true, viewport: { width: 1280, height: 800 } });
    const page = await b.newPage();
    await seed(page, { safety: true });
    await page.goto(`${srv.url}/`);
    await page.getByRole('heading', { name: /Today.s programme/ }).waitFor();
    // The service worker is installed (precache complete) and controls the page.
    await page.waitForFunction(() => document.documentElement.dataset.offline === 'ready', undefined, { timeout: 120_000 });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
    const cached = await page.evaluate(async () => {
      const keys = await caches.keys();
      const c = await caches.open(keys.find((k) => k.startsWith('rootwell-'))!);
      return (await c.keys()).map((r) => new URL(r.url).pathname);
    });
    expect(cached).toContain(`/models/tfjs/${DEFAULT_MODEL}.bin`);

    // Cut everything: the server is gone and the browser is offline.
    await srv.server.close();
    await b.context.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { name: /Today.s programme/ }).waitFor({ timeout: 30_000 });
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    await page.getByRole('button', { name: /Start Bridge \(five-point/ }).click();
    await page.getByRole('button', { name: 'Skip' }).click();
    const reps = await coachUntilCounted(page);
    expect(reps).toBeGreaterThanOrEqual(1);
    expect(b.consoleErrors().filter((e) => /Failed to (fetch|load)|ERR_INTERNET_DISCONNECTED/i.test(e))).toEqual([]);
    await b.close();
  }, 240_000);
});
