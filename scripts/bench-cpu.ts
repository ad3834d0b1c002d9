/**
 * Quick CPU probe (≈ 2-3 min): what the live app costs per analysed frame beyond the bare model,
 * measured as CPU time (scripts/lib/cpu.ts) rather than fps, so the shared host's noise does not
 * swamp it. Alternates the bare worker loop (scripts/pages/bench-bare.html) and the app (`/?perf`),
 * `--window` seconds each, `--rounds` times, and prints per-frame on-CPU ms by Chromium thread and
 * Blink's main-thread split. `npm run bench` reports the same figures in bench/results.md.
 *
 *   npx tsx scripts/bench-cpu.ts [--rounds 2] [--window 15] [--no-build] [--trace out.json] [--variants a,b] [--compare DIR]
 *
 * `--compare DIR`: another checkout of the app (e.g. an older commit: `git archive <rev> | tar -x -C DIR`,
 * with node_modules and models linked in) is built and served too, and its coach screen is measured in
 * each round as `before`, between the same bare windows.
 *
 * `--variants` adds app windows patched from an init script (experiments, to find what costs:
 * see VARIANTS), each round: bare, app, then each variant.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { writeFileSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { build, preview } from 'vite';
import { DEFAULT_MODEL } from '../src/estimate/create-estimator';
import type { PerfApi } from '../src/ui/state/perf';
import { CHROMIUM_ARGS, CHROMIUM_PATH, makeFakeCamera, sharedData } from './lib/browser';
import { openBridgeCoach, waitForFirstPose } from './lib/coach-page';
import { arg } from './lib/args';
import { findBrowserPid, perFrame, poolCpu, startCpuWindow, type CpuWindow } from './lib/cpu';

const execFileP = promisify(execFile);
declare global {
  interface Window {
    __rootwellPerf?: PerfApi;
  }
}
const ROOT = resolve(import.meta.dirname, '..');
const OUT_DIR = join(ROOT, 'bench', 'tmp', 'build-bench');
const ROUNDS = Number(arg('rounds', '2'));
const WINDOW_S = Number(arg('window', '15'));
const TRACE = arg('trace', '');
/** Write a JS CPU profile (.cpuprofile) of the last app window; the build is then not minified. */
const PROFILE = arg('profile', '');
const COMPARE = arg('compare', '');
/** Save a screenshot of each app page at the end of its window (PREFIX-<variant>-<round>.png). */
const SHOT = arg('screenshot', '');
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'blink', 'cc', 'viz', 'v8', 'disabled-by-default-devtools.timeline.frame'];
const VARIANT_NAMES = arg('variants', '').split(',').filter(Boolean);
/** Experiments: the app with one thing taken away (CSS or script injected before the page runs). */
const VARIANTS: Record<string, { css?: string; script?: string }> = {
  nocanvas: { css: 'canvas { display: none !important; }' },
  nomirror: { css: 'video.mirror { transform: none !important; }' },
  noaudio: { script: 'Object.defineProperty(window, "AudioContext", { value: undefined });' },
  nopanel: { css: 'aside.panel, .cue, footer.status { visibility: hidden !important; }' },
  novideo: { css: 'video { visibility: hidden !important; }' },
  clip: { css: 'canvas { clip-path: inset(35% 15% 35% 15%) !important; }' },
  /** Not a patch: counts DOM mutations by element, printed after the window. */
  mutations: {
    script: `addEventListener('DOMContentLoaded', () => { const m = (window.__mut = {}); new MutationObserver((rs) => { for (const r of rs) { const t = r.target.nodeType === 1 ? r.target : r.target.parentElement; const k = r.type + ' ' + (t?.tagName ?? '?') + '.' + (t?.className ?? '') + (r.attributeName ? ' @' + r.attributeName : '') + ' ' + (t?.dataset?.testid ?? ''); m[k] = (m[k] ?? 0) + 1; } }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true }); });`,
  },
  native: { css: '.stage { width: 640px !important; height: 480px !important; }' },
};
const SETTINGS = { model: DEFAULT_MODEL, backend: 'wasm', muted: true, beep: false, telehealth: false };
let compareUrl = '';
const log = (...a: unknown[]): void => console.error(`[cpu ${new Date().toISOString().slice(11, 19)}]`, ...a);

async function openApp(ctx: BrowserContext, url: string, variant?: string): Promise<Page> {
  if (variant === 'before') {
    url = compareUrl;
    variant = undefined;
  }
  const page = await ctx.newPage();
  const v = variant ? VARIANTS[variant] : undefined;
  if (v?.script) await page.addInitScript(v.script);
  if (v?.css) await page.addInitScript((css) => document.addEventListener('DOMContentLoaded', () => document.head.append(Object.assign(document.createElement('style'), { textContent: css }))), v.css);
  await page.goto(`${url}/?perf`);
  await openBridgeCoach(page);
  await page.getByTestId('use-camera').click();
  await waitForFirstPose(page);
  return page;
}

function show(label: string, w: CpuWindow): void {
  const rows = [...w.threads].map(([k, v]) => [k, v / w.frames] as const).filter(([, v]) => v >= 0.05).sort((a, b) => b[1] - a[1]);
  const m = w.main;
  const pf = (x: number): string => (x / w.frames).toFixed(2);
  log(`${label}: ${w.frames} frames; main thread (Blink, CPU ms/frame): task ${pf(m.task)} = script ${pf(m.script)} + layout ${pf(m.layout)} + style ${pf(m.style)} + other ${pf(m.other)}; ThreadTime ${pf(m.thread)}; layouts/frame ${(m.layoutCount / w.frames).toFixed(2)}, style recalcs/frame ${(m.styleCount / w.frames).toFixed(2)}`);
  const main = perFrame(w, 'renderer/main');
  const viz = perFrame(w, 'gpu-process/VizCompositorTh');
  log(`  all Chromium: ${perFrame(w, () => true).toFixed(2)} ms/frame (renderer main ${main.toFixed(2)}, viz ${viz.toFixed(2)}${w.seconds ? `; per second: all ${((perFrame(w, () => true) * w.frames) / w.seconds).toFixed(0)} ms, main ${((main * w.frames) / w.seconds).toFixed(0)}, viz ${((viz * w.frames) / w.seconds).toFixed(0)}` : ''}); ${rows.map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ')}`);
}

async function main(): Promise<void> {
  if (!process.argv.includes('--no-build')) {
    log('building');
    await build({
      root: ROOT,
      configFile: join(ROOT, 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir: OUT_DIR, emptyOutDir: true, sourcemap: false, minify: !PROFILE, rolldownOptions: { input: { app: join(ROOT, 'index.html'), bare: join(ROOT, 'scripts/pages/bench-bare.html') } } },
    });
  }
  const server = await preview({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn', build: { outDir: OUT_DIR }, preview: { host: '127.0.0.1', port: 0, strictPort: false } });
  const addr = server.httpServer.address();
  if (!addr || typeof addr === 'string') throw new Error('no port');
  const url = `http://127.0.0.1:${addr.port}`;
  let compareServer: Awaited<ReturnType<typeof preview>> | null = null;
  if (COMPARE) {
    const dir = resolve(COMPARE);
    const outDir = join(ROOT, 'bench', 'tmp', 'build-compare');
    log(`building ${dir}`);
    await build({ root: dir, configFile: join(dir, 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true, sourcemap: false } });
    compareServer = await preview({ root: dir, configFile: join(dir, 'vite.config.ts'), logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false } });
    const a = compareServer.httpServer.address();
    if (!a || typeof a === 'string') throw new Error('no port');
    compareUrl = `http://127.0.0.1:${a.port}`;
  }
  const work = await mkdtemp(join(tmpdir(), 'rootwell-cpu-'));
  const padded = join(work, 'padded.mp4');
  await execFileP('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-i', sharedData('videos/glute_bridge/darebee_glute_bridge_side_5reps.mp4'), '-an', '-vf', 'tpad=start_duration=3:stop_duration=3:start_mode=clone:stop_mode=clone', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', padded]);
  const cam = await makeFakeCamera(padded, { fps: 30, width: 640, format: 'y4m' });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${cam.path}`] });
  // playwright-core's Browser has no pid: the browser process is the one whose command line names this run's camera file.
  const browserPid = findBrowserPid(cam.path);
  log(`load ${loadavg()[0]!.toFixed(2)}, browser pid ${browserPid}`);
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 }, permissions: ['camera'] });
  await ctx.addInitScript((s) => {
    if (!location.search.includes('perf') || sessionStorage.getItem('rootwell.bench.seeded')) return;
    sessionStorage.setItem('rootwell.bench.seeded', '1');
    localStorage.setItem('rootwell.settings.v1', s);
    localStorage.setItem('rootwell.safety.v1', JSON.stringify({ result: 'clear', at: new Date().toISOString() }));
  }, JSON.stringify(SETTINGS));
  type W = CpuWindow;
  const bare: W[] = [];
  const app: Record<string, W[]> = { app: [] };
  if (COMPARE) VARIANT_NAMES.unshift('before');
  for (const v of VARIANT_NAMES) app[v] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const bp = await ctx.newPage();
      await bp.goto(`${url}/scripts/pages/bench-bare.html`);
      await bp.waitForFunction(() => window.__benchReady === true);
      await bp.evaluate((m) => window.__bench.init({ model: m as never, backend: 'wasm' }, true), DEFAULT_MODEL);
      await bp.evaluate(() => window.__bench.run(3));
      const bw = await startCpuWindow(bp, browserPid);
      const traceBare = TRACE && round === ROUNDS - 1;
      if (traceBare) await browser.startTracing(bp, { categories: TRACE_CATEGORIES });
      const r = await bp.evaluate((s) => window.__bench.run(s), WINDOW_S);
      if (traceBare) writeFileSync(TRACE.replace(/\.json$/, '-bare.json'), await browser.stopTracing());
      bare.push(await bw.stop(r.processed));
      show(`bare ${round} (${((r.processed * 1000) / r.spanMs).toFixed(1)} fps)`, bare.at(-1)!);
      await bp.close();

      // Alternate the order of the app windows from round to round, so a drift in the host's load evens out.
      for (const variant of round % 2 ? [...VARIANT_NAMES, 'app'] : ['app', ...VARIANT_NAMES]) {
        const page = await openApp(ctx, url, variant === 'app' ? undefined : variant);
        await page.waitForTimeout(3000);
        await page.evaluate(() => window.__rootwellPerf!.take());
        const aw = await startCpuWindow(page, browserPid);
        const trace = TRACE && round === ROUNDS - 1 && variant === 'app';
        if (trace) await browser.startTracing(page, { categories: TRACE_CATEGORIES });
        const prof = PROFILE && round === ROUNDS - 1 && variant === 'app' ? await page.context().newCDPSession(page) : null;
        if (prof) {
          await prof.send('Profiler.enable');
          await prof.send('Profiler.setSamplingInterval', { interval: 200 });
          await prof.send('Profiler.start');
        }
        await page.waitForTimeout(WINDOW_S * 1000);
        if (prof) writeFileSync(PROFILE, JSON.stringify(((await prof.send('Profiler.stop')) as { profile: unknown }).profile));
        const frames = await page.evaluate(() => window.__rootwellPerf!.take());
        app[variant]!.push(await aw.stop(frames.length));
        if (trace) writeFileSync(TRACE, await browser.stopTracing());
        if (SHOT) await page.screenshot({ path: `${SHOT}-${variant}-${round}.png` });
        const mut = await page.evaluate(() => (window as { __mut?: Record<string, number> }).__mut ?? null);
        if (mut) log('DOM mutations in the window:', JSON.stringify(Object.entries(mut).sort((a, b) => b[1] - a[1]).slice(0, 30), null, 0));
        const span = frames.length > 1 ? frames.at(-1)!.shown - frames[0]!.start : NaN;
        const lat = frames.map((f) => f.shown - f.capture).sort((a, b) => a - b);
        show(`${variant} ${round} (${(((frames.length - 1) * 1000) / span).toFixed(1)} fps, latency p50 ${lat[Math.floor(lat.length / 2)]?.toFixed(0)} ms)`, app[variant]!.at(-1)!);
        await page.close();
      }
    }
    const pooled = poolCpu;
    show('BARE pooled', pooled(bare));
    for (const [k, ws] of Object.entries(app)) show(`${k.toUpperCase()} pooled`, pooled(ws));
    log(`load ${loadavg()[0]!.toFixed(2)}`);
  } finally {
    await browser.close();
    await server.close();
    await compareServer?.close();
    await cam.cleanup();
    await rm(work, { recursive: true, force: true });
  }
}

await main();
