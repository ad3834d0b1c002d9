/**
 * `npm run bench` → bench/results.md: the live app's performance, all in one run so the figures
 * are comparable on this noisy machine. Timings are measured here and never asserted in tests.
 *
 *   npm run bench -- [--soak-minutes 10] [--window 30] [--model blazepose-full] [--out bench/results.md]
 *
 * 1. Bundle: a plain production build (`vite build`, manifest on); initial JS = index.html's entry
 *    chunk + its static imports, gzip -9. Everything reached only through import() is lazy.
 * 2. A second build adds the bench-only page scripts/pages/bench-bare.html and is served by
 *    `vite preview` (production code, minified, Svelte in prod mode, models at /models/).
 * 3. Debian's headless Chromium (playwright-core), no request interception (interception would
 *    switch off the HTTP cache), every request recorded and checked to be local. The fake camera
 *    is the glute-bridge clip (padded with 3 s of its first/last frame, like the e2e test) as a
 *    30-fps y4m made at bench time in a temp dir; Chromium loops it.
 * 4. Cold start (uncached: a fresh browser context; cached: a second page in the same context):
 *    navigation start → programme shown → coach screen → model ready → first pose drawn, with the
 *    clicks (Start, Skip, Use my camera) done as soon as each is possible.
 * 5. Throughput, A/B/A/B: the bare estimator loop (bench-bare page) and the whole app
 *    (`/?perf`, src/ui/state/perf.ts), `--window` seconds each, one page open at a time.
 *    Around each bare and app (worker) window, CPU time (scripts/lib/cpu.ts): every Chromium
 *    thread's on-CPU time from /proc and the page main thread's split from CDP
 *    Performance.getMetrics (thread ticks), per analysed frame: what the app costs beyond the
 *    model, a figure the host's noise moves far less than fps.
 * 6. Latency from the app windows: frame capture (rVFC captureTime) → UI painted.
 * 7. Core cost: per frame in the app (perf marks), and the bare page replaying every pose it saw
 *    through a fresh core session (exact mean; performance.now() is coarsened to 100 µs).
 * 8. Soak: the app coaching for `--soak-minutes`; a set ends at its 10 reps, "Another set" is
 *    pressed (as a patient would) and the next set starts. Every 30 s: forced GC then JS heap
 *    (CDP), DOM nodes and listeners (CDP Memory.getDOMCounters), tf.memory().
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';
import { DEFAULT_MODEL } from '../src/estimate/create-estimator';
import type { FrameMark, PerfApi } from '../src/ui/state/perf';
import type { BareRun, CoreRun } from './pages/bench-bare';
import { CHROMIUM_ARGS, CHROMIUM_PATH, isLocalUrl, makeFakeCamera, sharedData } from './lib/browser';
import { openBridgeCoach, waitForFirstPose } from './lib/coach-page';
import { arg } from './lib/args';
import { cpuRows, findBrowserPid, poolCpu, startCpuWindow, type CpuWindow } from './lib/cpu';

const execFileP = promisify(execFile);

declare global {
  interface Window {
    __rootwellPerf?: PerfApi;
  }
}
const ROOT = resolve(import.meta.dirname, '..');
const TMP = join(ROOT, 'bench', 'tmp');
const CLIP = 'videos/glute_bridge/darebee_glute_bridge_side_5reps.mp4';
const CAMERA_FPS = 30;
const VIEWPORT = { width: 1280, height: 720 };

/** Checker calls per frame from a cross-check's counters (NaN without them). */
function ccRate(c: unknown): number {
  const k = c as { frames?: number; checkerCalls?: number } | null;
  return k?.frames ? (k.checkerCalls ?? 0) / k.frames : NaN;
}
const f2 = (x: number): string => (Number.isFinite(x) ? x.toFixed(2) : '–');

const SOAK_MIN = Number(arg('soak-minutes', '10'));
const WINDOW_S = Number(arg('window', '25'));
const ROUNDS = Number(arg('rounds', '4'));
const MODEL = arg('model', DEFAULT_MODEL);
const OUT = resolve(ROOT, arg('out', 'bench/results.md'));

const log = (...a: unknown[]): void => console.error(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...a);

// ---------- statistics ----------
function pct(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
}
const med = (xs: number[]): number => pct(xs, 0.5);
const mean = (xs: number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
const f0 = (x: number): string => (Number.isFinite(x) ? x.toFixed(0) : '–');
const f1 = (x: number): string => (Number.isFinite(x) ? x.toFixed(1) : '–');
const kb = (b: number): string => `${(b / 1024).toFixed(1)} kB`;
const mb = (b: number): string => `${(b / 2 ** 20).toFixed(1)} MB`;

// ---------- 1. bundle ----------
interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
interface Bundle {
  initial: { file: string; raw: number; gz: number }[];
  initialGz: number;
  initialRaw: number;
  css: { raw: number; gz: number };
  lazyGz: number;
  lazyCount: number;
  tfjsInInitial: string[];
  largestLazy: { file: string; gz: number }[];
}

async function bundle(): Promise<Bundle> {
  const outDir = join(TMP, 'build-app');
  await build({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true, manifest: true, copyPublicDir: true } });
  const manifest = JSON.parse(readFileSync(join(outDir, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const entryKey = Object.keys(manifest).find((k) => manifest[k]!.isEntry && k.endsWith('index.html'));
  if (!entryKey) throw new Error('no index.html entry in the manifest');
  const seen = new Set<string>();
  const visit = (k: string): void => {
    if (seen.has(k)) return;
    seen.add(k);
    for (const i of manifest[k]?.imports ?? []) visit(i);
  };
  visit(entryKey);
  const size = (file: string): { raw: number; gz: number } => {
    const buf = readFileSync(join(outDir, file));
    return { raw: buf.length, gz: gzipSync(buf, { level: 9 }).length };
  };
  const initial = [...seen].map((k) => ({ file: manifest[k]!.file, ...size(manifest[k]!.file) }));
  const cssFiles = new Set([...seen].flatMap((k) => manifest[k]!.css ?? []));
  const css = [...cssFiles].map(size).reduce((a, b) => ({ raw: a.raw + b.raw, gz: a.gz + b.gz }), { raw: 0, gz: 0 });
  const initialFiles = new Set(initial.map((x) => x.file));
  const lazy = readdirSync(join(outDir, 'assets'))
    .filter((f) => f.endsWith('.js') && !initialFiles.has(`assets/${f}`))
    .map((f) => ({ file: `assets/${f}`, gz: size(`assets/${f}`).gz }));
  // Which initial chunks carry tfjs / pose-detection code (from their source maps).
  const tfjsInInitial: string[] = [];
  for (const c of initial) {
    const map = join(outDir, `${c.file}.map`);
    if (!existsSync(map)) continue;
    const sources = (JSON.parse(readFileSync(map, 'utf8')) as { sources: string[] }).sources;
    if (sources.some((s) => /@tensorflow|pose-detection|@mediapipe/.test(s))) tfjsInInitial.push(c.file);
  }
  return {
    initial,
    initialGz: initial.reduce((a, b) => a + b.gz, 0),
    initialRaw: initial.reduce((a, b) => a + b.raw, 0),
    css,
    lazyGz: lazy.reduce((a, b) => a + b.gz, 0),
    lazyCount: lazy.length,
    tfjsInInitial,
    largestLazy: lazy.sort((a, b) => b.gz - a.gz).slice(0, 4),
  };
}

// ---------- 2. server ----------
async function serve(): Promise<{ url: string; server: PreviewServer }> {
  const outDir = join(TMP, 'build-bench');
  await build({
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      sourcemap: false,
      rolldownOptions: { input: { app: join(ROOT, 'index.html'), bare: join(ROOT, 'scripts/pages/bench-bare.html') } },
    },
  });
  const server = await preview({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false } });
  const addr = server.httpServer.address();
  if (!addr || typeof addr === 'string') throw new Error('preview server has no port');
  return { url: `http://127.0.0.1:${addr.port}`, server };
}

// ---------- 3. browser ----------
const SETTINGS = { model: MODEL, backend: 'wasm', muted: true, beep: false, telehealth: false };
const requests: string[] = [];

async function newContext(browser: Browser): Promise<BrowserContext> {
  const ctx = await browser.newContext({ viewport: VIEWPORT, permissions: ['camera'] });
  ctx.on('request', (r) => void requests.push(r.url()));
  await ctx.addInitScript((s) => {
    if (!location.search.includes('perf')) return;
    if (sessionStorage.getItem('rootwell.bench.seeded')) return;
    sessionStorage.setItem('rootwell.bench.seeded', '1');
    localStorage.setItem('rootwell.settings.v1', s);
    localStorage.setItem('rootwell.safety.v1', JSON.stringify({ result: 'clear', at: new Date().toISOString() }));
  }, JSON.stringify(SETTINGS));
  return ctx;
}

interface ColdStart {
  cached: boolean;
  /** ms since navigation start */
  programme: number;
  coach: number;
  modelReady: number;
  firstPose: number;
  transferKb: number;
}

/** Open the app and get to the coach with the camera on, as fast as the page allows. */
async function openCoach(ctx: BrowserContext, url: string, cached: boolean, query = ''): Promise<{ page: Page; cold: ColdStart }> {
  const page = await ctx.newPage();
  page.on('pageerror', (e) => log('pageerror', String(e)));
  // Main-thread long tasks (> 50 ms), from the start, for the throughput windows.
  await page.addInitScript(() => {
    const w = globalThis as { __longTasks?: { start: number; ms: number }[] };
    w.__longTasks = [];
    try {
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) w.__longTasks!.push({ start: e.startTime, ms: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    } catch {
      /* no Long Tasks API */
    }
  });
  await page.goto(`${url}/?perf${query}`);
  await page.getByRole('button', { name: /Start Bridge \(five-point/ }).waitFor();
  const programme = await page.evaluate(() => performance.now());
  // The weekly outcome questionnaire comes first on a fresh profile: "Not now", as a patient may.
  await openBridgeCoach(page);
  const coach = await page.evaluate(() => performance.now());
  await page.getByTestId('use-camera').click();
  await waitForFirstPose(page);
  const marks = await page.evaluate(() => ({ ...window.__rootwellPerf!.marks }));
  // Bytes that came over the network (0 for HTTP-cache hits), navigation included.
  const bytes = await page.evaluate(() =>
    (performance.getEntriesByType('navigation') as PerformanceResourceTiming[])
      .concat(performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .reduce((a, e) => a + e.transferSize, 0),
  );
  return { page, cold: { cached, programme, coach, modelReady: marks['model-ready'] ?? NaN, firstPose: marks['first-pose-drawn'] ?? NaN, transferKb: bytes / 1024 } };
}

/** Press "Another set" whenever a set has ended (a patient doing set after set). */
async function keepCoaching(page: Page): Promise<void> {
  await page.evaluate(() => {
    setInterval(() => {
      const b = [...document.querySelectorAll('button')].find((x) => x.textContent?.trim() === 'Another set');
      b?.click();
    }, 250);
  });
}

/** Long tasks on the page's main thread since `fromMs` (page time). */
async function longTasks(page: Page, fromMs: number): Promise<{ start: number; ms: number }[]> {
  return page.evaluate((t) => ((globalThis as { __longTasks?: { start: number; ms: number }[] }).__longTasks ?? []).filter((e) => e.start >= t), fromMs);
}

async function drain(page: Page): Promise<FrameMark[]> {
  return page.evaluate(() => window.__rootwellPerf?.take() ?? []);
}

interface Throughput {
  fps: number;
  frames: number;
  spanMs: number;
}

/** fps over runs of frames; a gap over 1 s (between sets) splits runs. */
function appFps(frames: FrameMark[]): Throughput {
  let n = 0;
  let span = 0;
  let runStart = -1;
  let prev: FrameMark | null = null;
  let runN = 0;
  const close = (): void => {
    if (prev && runN > 1) {
      n += runN;
      span += prev.shown - runStart;
    }
  };
  for (const f of frames) {
    if (!prev || f.start - prev.start > 1000) {
      close();
      runStart = f.start;
      runN = 0;
    }
    runN++;
    prev = f;
  }
  close();
  return { fps: span > 0 ? (n * 1000) / span : NaN, frames: n, spanMs: span };
}

/** One line of a CPU window, for the log. */
function cpuLine(w: CpuWindow): string {
  const r = cpuRows(w);
  return `${r.map((x) => `${x.label.split(' (')[0]} ${f1(x.msPerFrame)}`).join(', ')} ms (${w.frames} frames)`;
}

// ---------- main ----------
interface SoakSample {
  minute: number;
  numTensors: number;
  tfBytes: number;
  heapUsed: number;
  nodes: number;
  listeners: number;
  fps: number;
  reps: number;
}

async function soakSample(page: Page, minute: number, sinceLast: FrameMark[]): Promise<SoakSample> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  const dom = (await cdp.send('Memory.getDOMCounters')) as { nodes: number; jsEventListeners: number };
  await cdp.detach();
  const tf = await page.evaluate(() => window.__rootwellPerf!.tfMemory());
  return {
    minute,
    numTensors: tf?.numTensors ?? NaN,
    tfBytes: tf?.numBytes ?? NaN,
    heapUsed: heap.usedSize,
    nodes: dom.nodes,
    listeners: dom.jsEventListeners,
    fps: appFps(sinceLast).fps,
    reps: sinceLast.filter((f) => f.countChanged && f.count > 0).length,
  };
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const load0 = loadavg()[0] ?? NaN;
  log(`model ${MODEL}, window ${WINDOW_S} s, soak ${SOAK_MIN} min`);
  const bun = await bundle();
  log(`bundle: initial ${kb(bun.initialGz)} gz, tfjs in initial: ${bun.tfjsInInitial.join(', ') || 'none'}`);
  const { url, server } = await serve();
  log(`serving ${url}`);

  const work = await mkdtemp(join(tmpdir(), 'rootwell-bench-'));
  const paddedClip = join(work, 'padded.mp4');
  await execFileP('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-i', sharedData(CLIP), '-an', '-vf', 'tpad=start_duration=3:stop_duration=3:start_mode=clone:stop_mode=clone', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', paddedClip]);
  const cam = await makeFakeCamera(paddedClip, { fps: CAMERA_FPS, width: 640, format: 'y4m' });
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${cam.path}`],
  });
  const version = browser.version();
  const browserPid = findBrowserPid(cam.path);
  try {
    // ---- cold start ----
    const colds: ColdStart[] = [];
    for (let i = 0; i < 2; i++) {
      const ctx = await newContext(browser);
      const a = await openCoach(ctx, url, false);
      colds.push(a.cold);
      await a.page.close();
      const b = await openCoach(ctx, url, true);
      colds.push(b.cold);
      await b.page.close();
      await ctx.close();
      log('cold start', JSON.stringify(colds.slice(-2)));
    }

    // ---- throughput A/B/A/B ----
    const ctx = await newContext(browser);
    const bare: (BareRun & { loadMs: number; backend: string })[] = [];
    const app: AppRun[] = [];
    /** The same app with the model in the page (?inference=page): the path before the worker. */
    const appPage: AppRun[] = [];
    let core: CoreRun | null = null;
    let noCheck: BareRun | null = null;
    /** The bare model on the page's main thread (no worker), cross-check on. */
    let barePage: BareRun | null = null;
    // Checker (MoveNet) calls per frame of the cross-check, bare page and app, per round.
    const checks = { bare: [] as number[], app: [] as number[] };
    let backend = '';
    /** CPU time over the bare and the app (model in a worker) windows. */
    const cpu = { bare: [] as CpuWindow[], app: [] as CpuWindow[] };
    for (let round = 0; round < ROUNDS; round++) {
      const bp = await ctx.newPage();
      await bp.goto(`${url}/scripts/pages/bench-bare.html`);
      await bp.waitForFunction(() => window.__benchReady === true);
      const init = await bp.evaluate((m) => window.__bench.init({ model: m as never, backend: 'wasm' }, true), MODEL);
      backend = `${init.backend}${init.software ? ' (software)' : ''}`;
      await bp.evaluate(() => window.__bench.run(3)); // settle
      const bareCpu = await startCpuWindow(bp, browserPid);
      const r = await bp.evaluate((s) => window.__bench.run(s), WINDOW_S);
      cpu.bare.push(await bareCpu.stop(r.processed));
      log(`bare ${round} CPU per frame: ${cpuLine(cpu.bare.at(-1)!)}`);
      bare.push({ ...r, loadMs: init.loadMs, backend: init.backend });
      checks.bare.push(ccRate(await bp.evaluate(() => window.__bench.crossCheck())));
      log(`bare ${round}: ${f1((r.processed * 1000) / r.spanMs)} fps, estimate median ${f1(med(r.estimateMs))} ms`);
      if (round === ROUNDS - 1) core = await bp.evaluate(() => window.__bench.core(20));
      await bp.close();
      if (round === ROUNDS - 1) {
        // Two more bare windows, one thing changed each: the model without the MoveNet cross-check
        // (src/estimate/cross-check.ts), still in the worker: what the check costs; and the model
        // with it but on the page's main thread: what the hop to the worker costs.
        const extra = async (crossCheck: boolean, worker: boolean): Promise<BareRun> => {
          const np = await ctx.newPage();
          await np.goto(`${url}/scripts/pages/bench-bare.html`);
          await np.waitForFunction(() => window.__benchReady === true);
          await np.evaluate(([m, c, w]) => window.__bench.init({ model: m as never, backend: 'wasm', ...(c ? {} : { crossCheck: false }) }, w), [MODEL, crossCheck, worker] as const);
          await np.evaluate(() => window.__bench.run(3));
          const run = await np.evaluate((s) => window.__bench.run(s), WINDOW_S);
          await np.close();
          return run;
        };
        noCheck = await extra(false, true);
        log(`bare in the worker without cross-check: ${f1((noCheck.processed * 1000) / noCheck.spanMs)} fps`);
        barePage = await extra(true, false);
        log(`bare in the page (no worker): ${f1((barePage.processed * 1000) / barePage.spanMs)} fps`);
      }

      for (const inPage of [false, true]) {
        const { page } = await openCoach(ctx, url, true, inPage ? '&inference=page' : '');
        await keepCoaching(page);
        await page.waitForTimeout(3000);
        await drain(page);
        const from = await page.evaluate(() => performance.now());
        const appCpu = inPage ? null : await startCpuWindow(page, browserPid);
        await page.waitForTimeout(WINDOW_S * 1000);
        const frames = await drain(page);
        if (appCpu) {
          cpu.app.push(await appCpu.stop(frames.length));
          log(`app ${round} CPU per frame: ${cpuLine(cpu.app.at(-1)!)}`);
        }
        const long = await longTasks(page, from);
        const windowMin = ((await page.evaluate(() => performance.now())) - from) / 60_000;
        const tp = appFps(frames);
        const row = { frames, tp, longPerMin: long.length / windowMin, longMs: long.map((l) => l.ms) };
        if (inPage) appPage.push(row);
        else {
          checks.app.push(ccRate(await page.evaluate(() => window.__rootwellPerf?.crossCheck() ?? null)));
          app.push(row);
        }
        log(`app (${inPage ? 'model in the page' : 'model in a worker'}) ${round}: ${f1(tp.fps)} fps over ${tp.frames} frames, ${f1(row.longPerMin)} long tasks/min`);
        await page.close();
      }
    }

    // ---- soak ----
    const soak: SoakSample[] = [];
    const soakFrames: FrameMark[] = [];
    {
      const { page } = await openCoach(ctx, url, true);
      await keepCoaching(page);
      await page.waitForTimeout(5000);
      let batch: FrameMark[] = await drain(page);
      soak.push(await soakSample(page, 0, batch));
      const end = Date.now() + SOAK_MIN * 60_000;
      let nextSample = Date.now() + 30_000;
      batch = [];
      while (Date.now() < end) {
        await page.waitForTimeout(Math.min(10_000, Math.max(0, end - Date.now())));
        const got = await drain(page);
        batch.push(...got);
        for (const f of got) if (f.countChanged || f.cueNew) soakFrames.push(f);
        if (Date.now() >= nextSample || Date.now() >= end) {
          soak.push(await soakSample(page, (SOAK_MIN * 60_000 - (end - Date.now())) / 60_000, batch));
          log('soak', JSON.stringify(soak.at(-1)));
          batch = [];
          nextSample += 30_000;
        }
      }
      await page.close();
    }
    await ctx.close();
    const external = requests.filter((u) => !isLocalUrl(u));
    log(`checker calls per frame: bare ${checks.bare.map(f2).join(' ')}, app ${checks.app.map(f2).join(' ')}`);
    const md = report({ bun, colds, bare, app, appPage, core, noCheck, barePage, checks, cpu, soak, soakFrames, version, backend, external, minutes: (Date.now() - t0) / 60_000, load0, load1: loadavg()[0] ?? NaN });
    writeFileSync(OUT, md);
    log(`wrote ${OUT} in ${((Date.now() - t0) / 60_000).toFixed(1)} min`);
  } finally {
    await browser.close().catch(() => undefined);
    await server.close();
    await cam.cleanup();
    await rm(work, { recursive: true, force: true });
  }
}

interface AppRun {
  frames: FrameMark[];
  tp: Throughput;
  /** Main-thread long tasks (> 50 ms) per minute over the window, and their durations. */
  longPerMin: number;
  longMs: number[];
}

interface ReportIn {
  bun: Bundle;
  colds: ColdStart[];
  bare: (BareRun & { loadMs: number; backend: string })[];
  app: AppRun[];
  appPage: AppRun[];
  core: CoreRun | null;
  noCheck: BareRun | null;
  barePage: BareRun | null;
  checks: { bare: number[]; app: number[] };
  cpu: { bare: CpuWindow[]; app: CpuWindow[] };
  soak: SoakSample[];
  soakFrames: FrameMark[];
  version: string;
  backend: string;
  external: string[];
  minutes: number;
  load0: number;
  load1: number;
}

function report(r: ReportIn): string {
  const cpu = cpus();
  const machine = `${cpu.length} cores (${cpu[0]?.model ?? 'unknown CPU'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, no GPU; Node ${process.version}; Chromium ${r.version} headless (Debian)`;
  const bareFps = r.bare.map((b) => (b.processed * 1000) / b.spanMs);
  const appFpsS = r.app.map((a) => a.tp.fps);
  const bareAll = r.bare.reduce((a, b) => a + b.processed, 0) / (r.bare.reduce((a, b) => a + b.spanMs, 0) / 1000);
  const appAll = r.app.reduce((a, b) => a + b.tp.frames, 0) / (r.app.reduce((a, b) => a + b.tp.spanMs, 0) / 1000);
  const ratio = appAll / bareAll;
  // Each app window runs right after its bare window: a paired ratio cancels load that lasts a minute or two.
  const pairRatios = r.app.map((a, i) => a.tp.fps / bareFps[i]!);
  const pairMed = med(pairRatios);
  const frames = r.app.flatMap((a) => a.frames);
  const d = (k: (f: FrameMark) => number): number[] => frames.map(k).filter((x) => Number.isFinite(x) && x >= 0);
  const estMs = d((f) => f.estimated - f.start);
  // The frame's own work starts once the next frame has gone to the model (resumed; 0 in older marks).
  const begun = (f: FrameMark): number => (f.resumed > 0 ? f.resumed : f.estimated);
  const handMs = d((f) => begun(f) - f.estimated);
  const coreUs = d((f) => (f.cored - begun(f)) * 1000);
  const drawMs = d((f) => f.drawn - f.cored);
  const applyMs = d((f) => f.applied - f.drawn);
  const flushMs = d((f) => f.flushed - f.applied);
  const queueMs = d((f) => f.start - f.capture);
  const shownMs = d((f) => f.shown - f.applied);
  const lat = d((f) => f.shown - f.capture);
  const latPage = r.appPage.flatMap((a) => a.frames).map((f) => f.shown - f.capture).filter((x) => Number.isFinite(x) && x >= 0);
  const pageAll = r.appPage.reduce((a, b) => a + b.tp.frames, 0) / (r.appPage.reduce((a, b) => a + b.tp.spanMs, 0) / 1000);
  const sources = [...new Set(frames.map((f) => f.captureSource))].join(', ');
  const periodMs = 1000 / appAll;
  const coreReplayUs = r.core ? med(r.core.passUs) : NaN;
  const coreAppUs = mean(coreUs);
  const cueLat = r.soakFrames.filter((f) => (f.countChanged && f.count > 0) || f.cueNew).map((f) => f.shown - f.capture);
  const countLat = r.soakFrames.filter((f) => f.countChanged && f.count > 0).map((f) => f.shown - f.capture);
  const s0 = r.soak[0];
  const s1 = r.soak.at(-1);
  const bareEst = r.bare.flatMap((b) => b.estimateMs);
  // The floor: the bare model loop's capture → pose back, nothing drawn (older runs lack it).
  const bareLat = r.bare.flatMap((b) => b.poseLatencyMs ?? []);
  const noCheckLat = r.noCheck?.poseLatencyMs ?? [];
  const barePageLat = r.barePage?.poseLatencyMs ?? [];
  const fpsOf = (b: BareRun) => (b.processed * 1000) / b.spanMs;
  const cold = (cached: boolean) => r.colds.filter((c) => c.cached === cached);
  const coldRow = (c: ColdStart, i: number) =>
    `| ${c.cached ? 'cached (same context, 2nd load)' : 'not cached (fresh context)'} #${i + 1} | ${f0(c.programme)} | ${f0(c.coach)} | ${f0(c.modelReady)} | **${f0(c.firstPose)}** | ${f0(c.firstPose - c.coach)} | ${f0(c.transferKb)} |`;
  const slope = s0 && s1 && s1.minute > s0.minute ? (s1.heapUsed - s0.heapUsed) / (s1.minute - s0.minute) : NaN;
  const cpuBare = poolCpu(r.cpu.bare);
  const cpuApp = poolCpu(r.cpu.app);
  const rowsBare = cpuRows(cpuBare);
  const rowsApp = cpuRows(cpuApp);
  const perS = (w: CpuWindow, msPerFrame: number): number => (msPerFrame * w.frames) / w.seconds;
  const mainBare = rowsBare[0]!.msPerFrame;
  const mainApp = rowsApp[0]!.msPerFrame;
  const allBare = rowsBare.at(-1)!.msPerFrame;
  const allApp = rowsApp.at(-1)!.msPerFrame;
  const blink = (w: CpuWindow) => {
    const k = w.frames || NaN;
    return { script: w.main.script / k, layout: w.main.layout / k, style: w.main.style / k, other: w.main.other / k, task: w.main.task / k, thread: w.main.thread / k, layouts: w.main.layoutCount / k, styles: w.main.styleCount / k };
  };
  const bb = blink(cpuBare);
  const ba = blink(cpuApp);
  const summary = `On a 2-core laptop-class CPU with no GPU (headless Chromium, tfjs wasm, ${MODEL}), the whole live path, with the pose model in a dedicated worker, runs at **${f1(appAll)} fps**, **${f0(ratio * 100)} %** of the bare pose model's ${f1(bareAll)} fps in a worker on the same fake-camera clip (median of paired rounds ${f0(pairMed * 100)} %; the app with the model on the page's main thread, as before: ${f1(pageAll)} fps); measured as CPU time, which this shared host's noise moves far less, the app costs ${f1(allApp - allBare)} ms per analysed frame beyond the bare model loop across all of Chromium (${f1(allApp)} vs ${f1(allBare)} ms), ${f1(mainApp - mainBare)} ms of it on the page's main thread (${f1(mainApp)} vs ${f1(mainBare)} ms), with ${f1(mean(r.app.map((a) => a.longPerMin)))} main-thread long tasks a minute (page: ${f1(mean(r.appPage.map((a) => a.longPerMin)))}); core (smoothing, features, checkers, cues) costs **${f0(coreAppUs)} µs a frame** in the live app (${f1((coreAppUs / 1000 / periodMs) * 100)} % of the frame budget; ${f0(coreReplayUs)} µs replayed in a hot loop). From camera capture to the count and cue painted on screen takes **${f0(med(lat))} ms** median (p95 ${f0(pct(lat, 0.95))} ms); the bare model loop alone takes ${f0(med(bareLat))} ms from capture to the pose being back (the floor for this model here), so the app adds ${f0(med(lat) - med(bareLat))} ms. The first pose is drawn ${f1(med(cold(false).map((c) => c.firstPose)) / 1000)} s after page load with nothing cached and ${f1(med(cold(true).map((c) => c.firstPose)) / 1000)} s with the model cached. The initial JavaScript is **${kb(r.bun.initialGz)} gzip**; tfjs and the models load only when the coach screen opens. Over a ${f0(s1?.minute ?? 0)}-minute coaching soak, tensors stayed at ${s0?.numTensors ?? '–'} → ${s1?.numTensors ?? '–'}, JS heap ${s0 ? mb(s0.heapUsed) : '–'} → ${s1 ? mb(s1.heapUsed) : '–'} and DOM nodes ${s0?.nodes ?? '–'} → ${s1?.nodes ?? '–'}.`;

  const cpuRoundRows = r.cpu.app.map((a, i) => {
    const b = r.cpu.bare[i];
    const ra = cpuRows(a);
    const rb = b ? cpuRows(b) : null;
    return `| ${i + 1} | ${f1(rb?.[0]?.msPerFrame ?? NaN)} | ${f1(ra[0]!.msPerFrame)} | ${f1(rb?.at(-1)?.msPerFrame ?? NaN)} | ${f1(ra.at(-1)!.msPerFrame)} |`;
  });
  const cpuSection = r.cpu.app.length
    ? `## CPU per analysed frame: what the app costs beyond the model

The frame rate on this shared 2-core host moves with whatever else runs; CPU time per analysed frame barely does. Around each
bare and app (model in a worker) window above: every Chromium thread's on-CPU time (Linux \`/proc/<pid>/task/<tid>/schedstat\`,
all processes under the browser, by thread) and Blink's own split of the page's main thread (CDP \`Performance.getMetrics\`
in thread ticks), divided by the frames analysed in the window (the app's include the pauses between sets). The
"app − bare" column is what the app costs beyond the bare model loop; the per-second column is the share of one core.

| thread (ms of CPU per analysed frame, pooled) | bare | app | app − bare | app − bare, ms/s |
|---|---|---|---|---|
${rowsApp.map((x, i) => `| ${i === 0 || i === rowsApp.length - 1 ? `**${x.label}**` : x.label} | ${f2(rowsBare[i]!.msPerFrame)} | ${f2(x.msPerFrame)} | ${f2(x.msPerFrame - rowsBare[i]!.msPerFrame)} | ${f0(perS(cpuApp, x.msPerFrame) - perS(cpuBare, rowsBare[i]!.msPerFrame))} |`).join('\n')}

The page's main thread as Blink splits it (ms per analysed frame; tasks only, so less than the thread's CPU above):

| main thread | bare | app | app − bare |
|---|---|---|---|
| script (JS: frame loop, core, overlay drawing calls, Svelte) | ${f2(bb.script)} | ${f2(ba.script)} | ${f2(ba.script - bb.script)} |
| layout | ${f2(bb.layout)} | ${f2(ba.layout)} | ${f2(ba.layout - bb.layout)} |
| style recalc | ${f2(bb.style)} | ${f2(ba.style)} | ${f2(ba.style - bb.style)} |
| other task time (paint, compositing commit, canvas flush, createImageBitmap, media, IPC) | ${f2(bb.other)} | ${f2(ba.other)} | ${f2(ba.other - bb.other)} |
| **all tasks** | **${f2(bb.task)}** | **${f2(ba.task)}** | **${f2(ba.task - bb.task)}** |
| layouts / style recalcs per frame | ${f2(bb.layouts)} / ${f2(bb.styles)} | ${f2(ba.layouts)} / ${f2(ba.styles)} | |

Per round (ms per analysed frame): main thread bare / app, all Chromium bare / app:

| round | main: bare | main: app | all: bare | all: app |
|---|---|---|---|---|
${cpuRoundRows.join('\n')}

`
    : '';

  const notesPath = join(ROOT, 'bench', 'results.notes.md');
  const notes = existsSync(notesPath) ? `\n${readFileSync(notesPath, 'utf8')}` : '';
  return `# Rootwell performance (\`npm run bench\`)

Generated by scripts/bench.ts on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC in ${r.minutes.toFixed(1)} min.
Machine: ${machine}. 1-min load average ${r.load0.toFixed(2)} at the start, ${r.load1.toFixed(2)} at the end (2 = both cores busy; another helper may be running tests). This machine is shared and noisy: take single figures as ±15 %.
Model: **${MODEL}** on tfjs **${r.backend}** (the app's choice here: Chromium's only WebGL is SwiftShader, a software
rasteriser, 10-20× slower than wasm for these models, see bench/pose-models.md). Production build served by \`vite preview\`;
the fake camera is ${CLIP} padded with 3 s still at each end, ${CAMERA_FPS} fps y4m made at bench time (not committed), looped by Chromium.
Requests to other hosts during the whole run: ${r.external.length === 0 ? 'none' : r.external.join(', ')}.

## Summary (for the README)

${summary}

## Pipeline overhead: whole app vs bare estimator

Both run the same frame discipline (requestVideoFrameCallback, one estimate in flight, frames arriving while busy are
dropped) on the same ${CAMERA_FPS}-fps fake camera in the same browser, one page at a time, alternated A/B/A/B, ${WINDOW_S} s each.
Bare = scripts/pages/bench-bare.html: estimate() only. App = the real coach screen (\`/?perf\`): estimate → core
session.push → recorder → canvas overlay → rune state → Svelte DOM; fps counted over running sets (the pause between
sets, when "Another set" restarts the camera, is left out).

| run | bare fps | app fps | app / bare |
|---|---|---|---|
${r.bare.map((b, i) => `| ${i + 1} | ${f1(bareFps[i]!)} (${b.processed} frames) | ${f1(appFpsS[i] ?? NaN)} (${r.app[i]?.tp.frames ?? 0} frames) | ${f0((pairRatios[i] ?? NaN) * 100)} % |`).join('\n')}
| **all frames pooled** | **${f1(bareAll)}** | **${f1(appAll)}** | **${f0(ratio * 100)} %** |

**App / bare = ${f0(ratio * 100)} %** pooled, median of the paired rounds ${f0(pairMed * 100)} % (issue 11's target ≥ 98 %).
Bare = the model in a dedicated worker (src/estimate/worker), as the app runs it.

### The model in a worker (the app now) vs in the page (before)

Each round: the app with the model in its worker, then the same app with \`?inference=page\` (the model on the page's main
thread, as before issue 11), right after each other. Long tasks = the page's main-thread tasks over 50 ms (Long Tasks API)
during the window.

| run | worker: fps | worker: long tasks/min | page: fps | page: long tasks/min |
|---|---|---|---|---|
${r.app.map((a, i) => `| ${i + 1} | ${f1(a.tp.fps)} | ${f1(a.longPerMin)} | ${f1(r.appPage[i]?.tp.fps ?? NaN)} | ${f1(r.appPage[i]?.longPerMin ?? NaN)} |`).join('\n')}
| **pooled** | **${f1(appAll)}** | **${f1(mean(r.app.map((a) => a.longPerMin)))}** | **${f1(pageAll)}** | **${f1(mean(r.appPage.map((a) => a.longPerMin)))}** |

Latency capture → painted: model in a worker median **${f0(med(lat))} ms**, p95 ${f0(pct(lat, 0.95))} ms; model in the page median ${f0(med(latPage))} ms, p95 ${f0(pct(latPage, 0.95))} ms.
The floor under it, the bare model loop's capture → pose back (same camera and frame discipline, nothing drawn): median **${f0(med(bareLat))} ms**, p95 ${f0(pct(bareLat, 0.95))} ms${noCheckLat.length ? `; in the worker without the cross-check ${f0(med(noCheckLat))} ms, p95 ${f0(pct(noCheckLat, 0.95))} ms` : ''}${barePageLat.length ? `; with it, on the page's main thread (no worker) ${f0(med(barePageLat))} ms, p95 ${f0(pct(barePageLat, 0.95))} ms` : ''}. No app can paint a pose before it is back, so the app's own share of the latency is the difference, ${f0(med(lat) - med(bareLat))} ms at the median.
Longest main-thread task: worker ${f0(Math.max(0, ...r.app.flatMap((a) => a.longMs)))} ms, page ${f0(Math.max(0, ...r.appPage.flatMap((a) => a.longMs)))} ms.
Both include the default estimator's MoveNet cross-check (it keeps BlazePose on the patient when someone else is in view). The same
model with the check switched off ran at ${r.noCheck ? `**${f1(fpsOf(r.noCheck))} fps** (bare, in the worker, after the last round), so the check costs about ${f0((1 - bareFps[bareFps.length - 1]! / fpsOf(r.noCheck)) * 100)} % of the frame rate here` : 'not measured'}${r.barePage ? `; with the check but on the page's main thread, ${f1(fpsOf(r.barePage))} fps (estimate() median ${f1(med(r.barePage.estimateMs))} ms against ${f1(med(bareEst))} ms through the worker: the hop's cost)` : ''}.
MoveNet (checker) calls per frame, per round: bare ${r.checks.bare.map(f2).join(', ')}; app ${r.checks.app.map(f2).join(', ')} (the app's counters run over its whole page, sets included). Bare estimate() median ${f1(med(bareEst))} ms, p95 ${f1(pct(bareEst, 0.95))} ms;
in the app ${f1(med(estMs))} ms, p95 ${f1(pct(estMs, 0.95))} ms.

Where an app frame's time goes (median / p95 / mean, ms):

| stage | median | p95 | mean |
|---|---|---|---|
| wait: capture → handler starts | ${f1(med(queueMs))} | ${f1(pct(queueMs, 0.95))} | ${f1(mean(queueMs))} |
| estimate() (pose model) | ${f1(med(estMs))} | ${f1(pct(estMs, 0.95))} | ${f1(mean(estMs))} |
| next frame handed to the model first | ${f1(med(handMs))} | ${f1(pct(handMs, 0.95))} | ${mean(handMs).toFixed(2)} |
| core session.push | ${f1(med(coreUs) / 1000)} | ${f1(pct(coreUs, 0.95) / 1000)} | ${(mean(coreUs) / 1000).toFixed(2)} |
| recorder + canvas overlay | ${f1(med(drawMs))} | ${f1(pct(drawMs, 0.95))} | ${(mean(drawMs)).toFixed(2)} |
| apply (rune state, voice queue) | ${f1(med(applyMs))} | ${f1(pct(applyMs, 0.95))} | ${mean(applyMs).toFixed(2)} |
| Svelte flush (microtask) | ${f1(med(flushMs))} | ${f1(pct(flushMs, 0.95))} | ${mean(flushMs).toFixed(2)} |
| applied → painted | ${f1(med(shownMs))} | ${f1(pct(shownMs, 0.95))} | ${mean(shownMs).toFixed(2)} |

${cpuSection}## Core cost

- Replayed in the browser (bench page, production build): every pose the bare loop saw (${r.core?.frames ?? 0} frames) through a
  fresh bridge session, ${r.core?.passes ?? 0} passes: **${f0(coreReplayUs)} µs per frame** (median of passes; range
  ${f0(Math.min(...(r.core?.passUs ?? [NaN])))}-${f0(Math.max(...(r.core?.passUs ?? [NaN])))} µs).
- **Inside the live app** (perf marks around session.push over ${coreUs.length} frames; performance.now() is coarsened to
  100 µs with jitter, so only the mean is meaningful): **mean ${f0(coreAppUs)} µs**, p95 ${f0(pct(coreUs, 0.95))} µs.
- Share of the frame budget (in-app mean): **${f1((coreAppUs / 1000 / periodMs) * 100)} %** of the app's ${f0(periodMs)} ms frame period here
  (${f1((coreAppUs / 1000 / (1000 / 30)) * 100)} % of a 33 ms frame at 30 fps). The hot-loop replay is faster because the same few hundred
  frames run back to back with warm caches; in the app each push follows ~45 ms of wasm work.

## Cold start

ms since navigation start; clicks (Start → Skip pain check → Use my camera) are done by the bench as soon as each is
possible. The model starts loading when the coach screen opens. "Cached" = a second load in the same browser context
(HTTP cache warm: /models/ is served \`immutable\`, hashed assets revalidate; the app's service worker, once installed,
serves its precache); "not cached" = a fresh context. Page transfer = Resource Timing transferSize of the page's own
requests (0 for cache or service-worker hits; the service worker's own precache downloads are not in it).

| load | programme shown | coach screen | model ready | first pose drawn | coach → first pose | page transfer (kB) |
|---|---|---|---|---|---|---|
${[...cold(false), ...cold(true)].map((c) => coldRow(c, c.cached ? cold(true).indexOf(c) : cold(false).indexOf(c))).join('\n')}

## Latency: frame capture → on screen

From the frame's capture time (requestVideoFrameCallback metadata: ${sources}) to the first task after the animation
frame that paints the update (headless has no display, so this is "painted", not "photons"). Every processed frame
updates the count / cue / phase on screen.

- All app frames (${lat.length}): median **${f0(med(lat))} ms**, p95 **${f0(pct(lat, 0.95))} ms**.
- Frames where a rep count changed or a new cue appeared, from the soak (${cueLat.length}): median **${f0(med(cueLat))} ms**, p95 **${f0(pct(cueLat, 0.95))} ms**
  (count changes only, ${countLat.length}: median ${f0(med(countLat))} ms, p95 ${f0(pct(countLat, 0.95))} ms).

## Memory soak (${SOAK_MIN} min)

The app coaching from the looping fake camera; each set ends at its 10 reps and "Another set" starts the next (camera
reopened, a new core session, the finished set saved to IndexedDB). Samples after a forced GC (CDP), every 30 s.

| minute | tf tensors | tf bytes | JS heap used | DOM nodes | listeners | fps (since last) | reps counted (since last) |
|---|---|---|---|---|---|---|---|
${r.soak.map((s) => `| ${s.minute.toFixed(1)} | ${s.numTensors} | ${mb(s.tfBytes)} | ${mb(s.heapUsed)} | ${s.nodes} | ${s.listeners} | ${f1(s.fps)} | ${s.reps} |`).join('\n')}

Start → end: tensors ${s0?.numTensors} → ${s1?.numTensors}, JS heap ${s0 ? mb(s0.heapUsed) : '–'} → ${s1 ? mb(s1.heapUsed) : '–'} (${f0(slope / 1024)} kB/min),
DOM nodes ${s0?.nodes} → ${s1?.nodes}, listeners ${s0?.listeners} → ${s1?.listeners}.

## Bundle (\`vite build\`, gzip -9)

Initial JS (index.html entry + static imports, before any model loads): **${kb(r.bun.initialGz)}** gzip (${kb(r.bun.initialRaw)} raw) in
${r.bun.initial.length} files; CSS ${kb(r.bun.css.gz)} gzip. tfjs / pose-detection in the initial chunks: **${r.bun.tfjsInInitial.length ? r.bun.tfjsInInitial.join(', ') : 'none'}**.
Lazy JS: ${r.bun.lazyCount} chunks, ${kb(r.bun.lazyGz)} gzip, loaded when the coach screen opens (largest: ${r.bun.largestLazy.map((l) => `${l.file.replace('assets/', '')} ${kb(l.gz)}`).join(', ')}).
Model weights and the tfjs wasm binary are fetched at run time from /models/ (not in the bundle).

| initial file | raw | gzip |
|---|---|---|
${r.bun.initial.map((c) => `| ${c.file} | ${kb(c.raw)} | ${kb(c.gz)} |`).join('\n')}
${notes}`;
}

await main();
