/**
 * Browser helpers for the browser tests and the benches (scripts/ never imports from tests/; the
 * tests reach this through tests/helpers/browser.ts): an in-process Vite dev server and Debian's
 * headless Chromium.
 *
 *   const app = await startApp();                         // Vite on 127.0.0.1:<random>, repo's vite.config.ts
 *   const cam = await makeFakeCamera('videos/glute_bridge/x.mp4', { fps: 15, width: 640 });
 *   const b = await launchBrowser({ fakeCamera: cam.path, offline: true });
 *   const page = await b.newPage();
 *   await page.goto(app.url + '/tests/browser/pages/estimate.html');
 *   ...
 *   expect(b.externalRequests()).toEqual([]);
 *   await b.close(); await app.close(); await cam.cleanup();
 *
 * - `startApp()`            → { url, server, close() }
 * - `launchBrowser(opts)`   → { browser, context, newPage(), requests(), externalRequests(), close() }
 *     opts.offline (default true): abort every request whose host is not 127.0.0.1 / localhost /
 *     [::1] and record it; every request URL is recorded either way.
 *     opts.fakeCamera: a .y4m or .mjpeg file fed to getUserMedia (fake device + auto-accepted prompt).
 * - `makeFakeCamera(clip, { fps, width, format, maxSeconds })` → { path, cleanup() }:
 *     converts a clip (path absolute or relative to ../shared/data) with ffmpeg into a temp dir.
 *     Never writes into the repo.
 * - `sharedData(rel)`       → absolute path of a file in ../shared/data.
 * - `copyToTemp(file)`      → { path, dir, cleanup() } for serving a clip without touching git.
 * - `close()`               → closes everything started by this module (safety net in afterAll).
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, isAbsolute, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';

const execFileP = promisify(execFile);

/** Repository root (scripts/lib/../..). */
export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
/** The shared data folder (../shared/data from the repo root). */
export const SHARED_DATA = resolve(REPO_ROOT, '..', 'shared', 'data');
/** Debian's Chromium; `npx playwright install` cannot download here. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags that keep Chromium quiet and local (see ../shared/TOOLCHAIN.md). */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const cleanups = new Set<() => Promise<void>>();

/** Absolute path of a file under ../shared/data (or the path itself if already absolute). */
export function sharedData(rel: string): string {
  return isAbsolute(rel) ? rel : join(SHARED_DATA, rel);
}

export interface RunningApp {
  /** e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  server: ViteDevServer;
  close(): Promise<void>;
}

/** Start the repo's Vite dev server in-process on 127.0.0.1 and a free port. */
export async function startApp(opts: { root?: string } = {}): Promise<RunningApp> {
  const root = opts.root ?? REPO_ROOT;
  const server = await createServer({
    root,
    configFile: join(root, 'vite.config.ts'),
    logLevel: 'error',
    clearScreen: false,
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false, watch: null },
  });
  await server.listen();
  const addr = server.httpServer?.address();
  if (!addr || typeof addr === 'string') {
    await server.close();
    throw new Error('Vite dev server did not report a TCP address');
  }
  const url = `http://127.0.0.1:${addr.port}`;
  const close = once(async () => {
    cleanups.delete(close);
    await server.close();
  });
  cleanups.add(close);
  return { url, server, close };
}

export interface LaunchOptions {
  /** Abort every request not addressed to 127.0.0.1 / localhost / [::1] (default true). */
  offline?: boolean;
  /** .y4m or .mjpeg file delivered as the camera by getUserMedia. */
  fakeCamera?: string;
  /** Extra Chromium flags. */
  args?: string[];
  /** Viewport of pages created with newPage() (default 1280×800). */
  viewport?: { width: number; height: number };
}

export interface RequestRecord {
  url: string;
  /** true when the request left for a non-local host and we aborted it. */
  aborted: boolean;
}

export interface RunningBrowser {
  browser: Browser;
  context: BrowserContext;
  /** A new page in the shared context; console errors are forwarded to `consoleErrors()`. */
  newPage(): Promise<Page>;
  /** Every request URL seen so far, in order. */
  requests(): RequestRecord[];
  /** Requests to hosts other than localhost (all aborted when offline). */
  externalRequests(): RequestRecord[];
  /** console.error / pageerror texts from all pages. */
  consoleErrors(): string[];
  close(): Promise<void>;
}

/** True for http(s)/ws URLs on the loopback host, and for data:/blob: URLs. */
export function isLocalUrl(raw: string): boolean {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return false;
  }
  if (u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'about:') return true;
  return u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]' || u.hostname === '::1';
}

/** Launch Debian's headless Chromium through playwright-core. */
export async function launchBrowser(opts: LaunchOptions = {}): Promise<RunningBrowser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it with "apt-get install -y chromium"`);
  }
  const args = [...CHROMIUM_ARGS, ...(opts.args ?? [])];
  if (opts.fakeCamera) {
    args.push(
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${opts.fakeCamera}`,
    );
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args });
  const context = await browser.newContext({
    viewport: opts.viewport ?? { width: 1280, height: 800 },
    permissions: opts.fakeCamera ? ['camera'] : [],
  });
  const seen: string[] = [];
  const aborted = new Set<string>();
  const errors: string[] = [];
  const offline = opts.offline ?? true;
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (offline && !isLocalUrl(url)) {
      aborted.add(url);
      await route.abort('internetdisconnected');
      return;
    }
    await route.continue();
  });
  // Every request the pages attempt, routed or not (websockets, service workers included).
  context.on('request', (req) => void seen.push(req.url()));
  const log = (): RequestRecord[] => seen.map((url) => ({ url, aborted: aborted.has(url) }));
  const close = once(async () => {
    cleanups.delete(close);
    await browser.close().catch(() => undefined);
  });
  cleanups.add(close);
  return {
    browser,
    context,
    async newPage() {
      const page = await context.newPage();
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(String(e)));
      return page;
    },
    requests: log,
    externalRequests: () => log().filter((r) => !isLocalUrl(r.url)),
    consoleErrors: () => [...errors],
    close,
  };
}

export interface FakeCameraOptions {
  /** Frame rate of the fake device (default 15). */
  fps?: number;
  /** Output width in px, height keeps the aspect (default 640). */
  width?: number;
  /**
   * 'y4m' (raw, large; default) carries its frame rate. 'mjpeg' is small but has no rate, so
   * Chromium plays it at 30 fps whatever it was made at: only for tests that don't count time.
   */
  format?: 'mjpeg' | 'y4m';
  /** Only convert the first N seconds (default: whole clip). */
  maxSeconds?: number;
  /** Start at this many seconds into the clip (default 0). */
  startSeconds?: number;
}

export interface TempFile {
  path: string;
  dir: string;
  cleanup(): Promise<void>;
}

/** Convert a clip from ../shared/data into a fake-camera file in a fresh temp dir (never in git). */
export async function makeFakeCamera(clip: string, opts: FakeCameraOptions = {}): Promise<TempFile> {
  const src = sharedData(clip);
  if (!existsSync(src)) throw new Error(`clip not found: ${src}`);
  const fps = opts.fps ?? 15;
  const width = opts.width ?? 640;
  const format = opts.format ?? 'y4m';
  const dir = await mkdtemp(join(tmpdir(), 'rootwell-cam-'));
  const out = join(dir, `${basename(src, extname(src))}.${format}`);
  const args = ['-hide_banner', '-loglevel', 'error', '-y'];
  if (opts.startSeconds) args.push('-ss', String(opts.startSeconds));
  args.push('-i', src);
  if (opts.maxSeconds) args.push('-t', String(opts.maxSeconds));
  args.push('-an', '-vf', `scale=${width}:-2,fps=${fps},format=yuv420p`);
  if (format === 'mjpeg') args.push('-c:v', 'mjpeg', '-q:v', '3', '-f', 'mjpeg', out);
  else args.push('-f', 'yuv4mpegpipe', out);
  try {
    await execFileP('ffmpeg', args);
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    const err = e as NodeJS.ErrnoException & { stderr?: string };
    if (err.code === 'ENOENT') throw new Error('ffmpeg not found: install it with "apt-get install -y ffmpeg"');
    throw new Error(`ffmpeg could not convert ${src}: ${err.stderr ?? err.message}`);
  }
  return tempHandle(out, dir);
}

/** Copy a file (e.g. a clip from ../shared/data) into a fresh temp dir, e.g. to serve it to a page. */
export async function copyToTemp(file: string): Promise<TempFile> {
  const src = sharedData(file);
  const dir = await mkdtemp(join(tmpdir(), 'rootwell-copy-'));
  const out = join(dir, basename(src));
  await copyFile(src, out);
  return tempHandle(out, dir);
}

/** Close every server, browser and temp dir this module started and that is still open. */
export async function close(): Promise<void> {
  for (const c of [...cleanups]) await c().catch(() => undefined);
}

function tempHandle(path: string, dir: string): TempFile {
  const cleanup = once(async () => {
    cleanups.delete(cleanup);
    await rm(dir, { recursive: true, force: true });
  });
  cleanups.add(cleanup);
  return { path, dir, cleanup };
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let p: Promise<void> | undefined;
  return () => (p ??= fn());
}
