/**
 * Lying-down coverage of every tfjs pose model (Node, wasm) on the floor-exercise clips and
 * photos in ../shared/data: the fraction of frames where the camera-near hip, knee and ankle
 * all score ≥ 0.5, as is and with the frame rotated (by a multiple of 90°) so the body is
 * upright before inference, points rotated back. Also: on the nursing-bed clip's first 24 s
 * (a nurse stands behind the lying patient), how often the pose is on the lying body.
 *
 *   npx tsx scripts/lying-down.ts [--fps 5] [--models movenet-lightning,blazepose-full]
 *
 * Merges results per model into bench/lying-down.json (derived numbers only), which
 * `npm run bench:pose` turns into the table in bench/pose-models.md.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { decodeImage, decodeVideo, type VideoFrame } from '../src/cli/decode-video';
import type { Joint, Keypoint, PoseFrame } from '../src/core/pose';
import type { ModelId, PoseEstimator, RawFrame } from '../src/estimate/estimator';
import { createNodeEstimator } from '../src/estimate/node';
import { arg } from './lib/args';
import { nodeModels } from '../src/estimate/model-table';

const ROOT = resolve(import.meta.dirname, '..');
const DATA = resolve(ROOT, '..', 'shared', 'data');
const OUT = join(ROOT, 'bench', 'lying-down.json');
// Standing or non-exercise material is left out: this measures bodies on the floor.
const EXCLUDE = /no_exercise|standing|side_chops|torso_twist/;
// source: working definition from ../shared/POSE-BASELINE.md ("confidently found")
const MIN_SCORE = 0.5;
// The nurse stands behind the patient for the first shot of this clip (MANIFEST.md).
const TWO_PEOPLE = { clip: 'videos2/straight_leg_raise/cn_nursing_bed_slr_side_3reps_holds.mp4', untilS: 24 };

/** The model table's tfjs models: the ones that run in Node. */
const TFJS_MODELS: ModelId[] = nodeModels();

export interface SourceResult {
  source: string;
  frames: number;
  posed: number;
  nearOk: number;
  nearOkRotated: number;
  /** Frames where rotation was applied (body not already upright). */
  rotated: number;
}

export interface ModelResult {
  model: ModelId;
  fps: number;
  date: string;
  clips: SourceResult[];
  photos: SourceResult[];
  /** Nursing-bed clip, first 24 s: frames whose pose lies horizontal (on the patient, not the nurse). */
  onLyingPatient: { frames: number; horizontal: number };
  seconds: number;
}


function listFiles(dir: string, ext: RegExp): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p, ext));
    else if (ext.test(e.name)) out.push(p);
  }
  return out.sort();
}

/** Near-side lower body found: the better side has hip, knee and ankle all ≥ MIN_SCORE. */
export function nearLowerBodyOk(f: PoseFrame | null): boolean {
  if (!f) return false;
  const side = (s: 'left' | 'right') =>
    Math.min(f.joints[`${s}Hip`].score, f.joints[`${s}Knee`].score, f.joints[`${s}Ankle`].score);
  return Math.max(side('left'), side('right')) >= MIN_SCORE;
}

/** Torso direction, degrees: 0 = head up, 90 = head to the right of the image, ±180 = head down. */
export function torsoAngle(f: PoseFrame | null): number | null {
  if (!f) return null;
  const mid = (a: Keypoint, b: Keypoint): { x: number; y: number } | null => {
    const pts = [a, b].filter((p) => p.score >= 0.3);
    if (!pts.length) return null;
    return { x: pts.reduce((s, p) => s + p.x, 0) / pts.length, y: pts.reduce((s, p) => s + p.y, 0) / pts.length };
  };
  const sh = mid(f.joints.leftShoulder, f.joints.rightShoulder);
  const hip = mid(f.joints.leftHip, f.joints.rightHip);
  if (!sh || !hip) return null;
  return (Math.atan2(sh.x - hip.x, hip.y - sh.y) * 180) / Math.PI;
}

/** Rotate an RGB frame counter-clockwise by k × 90°. */
export function rotateCcw(frame: RawFrame, k: number): RawFrame {
  const q = ((k % 4) + 4) % 4;
  if (q === 0) return frame;
  const { width: w, height: h, data } = frame;
  const nw = q === 2 ? w : h;
  const nh = q === 2 ? h : w;
  const out = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const [nx, ny] = q === 1 ? [y, w - 1 - x] : q === 2 ? [w - 1 - x, h - 1 - y] : [h - 1 - y, x];
      const s = (y * w + x) * 3;
      const d = (ny * nw + nx) * 3;
      out[d] = data[s]!;
      out[d + 1] = data[s + 1]!;
      out[d + 2] = data[s + 2]!;
    }
  }
  return { data: out, width: nw, height: nh };
}

/** Map a pose found on a frame rotated CCW by k×90° back to the original frame (w × h). */
export function unrotatePose(f: PoseFrame, k: number, w: number, h: number): PoseFrame {
  const q = ((k % 4) + 4) % 4;
  if (q === 0) return f;
  const joints = { ...f.joints };
  for (const j of Object.keys(joints) as Joint[]) {
    const p = joints[j];
    const [x, y] = q === 1 ? [w - 1 - p.y, p.x] : q === 2 ? [w - 1 - p.x, h - 1 - p.y] : [p.y, h - 1 - p.x];
    joints[j] = { x, y, score: p.score };
  }
  return { ...f, width: w, height: h, joints };
}

async function runSource(
  plain: PoseEstimator,
  rotatedEst: PoseEstimator,
  frames: AsyncIterable<VideoFrame> | VideoFrame[],
  source: string,
  onFrame?: (f: VideoFrame, pose: PoseFrame | null) => void,
): Promise<SourceResult> {
  plain.reset();
  rotatedEst.reset();
  const r: SourceResult = { source, frames: 0, posed: 0, nearOk: 0, nearOkRotated: 0, rotated: 0 };
  let k = 0;
  for await (const f of frames) {
    const pose = await plain.estimate(f, f.tMs);
    onFrame?.(f, pose);
    r.frames++;
    if (pose) r.posed++;
    const ok = nearLowerBodyOk(pose);
    if (ok) r.nearOk++;
    const a = torsoAngle(pose);
    if (a !== null) k = Math.round(a / 90);
    if (((k % 4) + 4) % 4 === 0) {
      if (ok) r.nearOkRotated++;
      continue;
    }
    r.rotated++;
    const rp = await rotatedEst.estimate(rotateCcw(f, k), f.tMs);
    if (nearLowerBodyOk(rp ? unrotatePose(rp, k, f.width, f.height) : null)) r.nearOkRotated++;
  }
  return r;
}

async function runModel(model: ModelId, fps: number): Promise<ModelResult> {
  const t0 = Date.now();
  const plain = await createNodeEstimator({ model, backend: 'wasm' });
  const rot = await createNodeEstimator({ model, backend: 'wasm' });
  const clips: SourceResult[] = [];
  const onLyingPatient = { frames: 0, horizontal: 0 };
  for (const file of [...listFiles(join(DATA, 'videos'), /\.mp4$/), ...listFiles(join(DATA, 'videos2'), /\.mp4$/)]) {
    const rel = relative(DATA, file);
    if (EXCLUDE.test(rel)) continue;
    const watchPair = rel === TWO_PEOPLE.clip;
    clips.push(
      await runSource(plain, rot, decodeVideo(file, { fps }), rel, (f, pose) => {
        if (!watchPair || f.tMs >= TWO_PEOPLE.untilS * 1000) return;
        onLyingPatient.frames++;
        const a = torsoAngle(pose);
        if (a !== null && Math.abs(a) > 45 && Math.abs(a) < 135) onLyingPatient.horizontal++;
      }),
    );
    process.stderr.write(`${model} ${rel}: ${JSON.stringify(clips.at(-1))}\n`);
  }
  const photos: SourceResult[] = [];
  for (const file of [...listFiles(join(DATA, 'photos'), /\.(jpe?g|png)$/i), ...listFiles(join(DATA, 'photos2'), /\.(jpe?g|png)$/i)]) {
    const rel = relative(DATA, file);
    if (EXCLUDE.test(rel)) continue;
    photos.push(await runSource(plain, rot, [await decodeImage(file)], rel));
  }
  plain.dispose();
  rot.dispose();
  return { model, fps, date: new Date().toISOString().slice(0, 10), clips, photos, onLyingPatient, seconds: (Date.now() - t0) / 1000 };
}

async function main(): Promise<void> {
  const fps = Number(arg('fps') ?? 5);
  const models = (arg('models')?.split(',') ?? TFJS_MODELS) as ModelId[];
  for (const model of models) {
    const res = await runModel(model, fps);
    // Re-read right before writing: several runs (one per model) may share the file.
    const all = existsSync(OUT) ? (JSON.parse(readFileSync(OUT, 'utf8')) as Record<string, ModelResult>) : {};
    all[model] = res;
    writeFileSync(OUT, JSON.stringify(all, null, 1) + '\n');
    const sum = (xs: SourceResult[], k: keyof SourceResult) => xs.reduce((s, x) => s + (x[k] as number), 0);
    const n = sum(res.clips, 'frames');
    console.log(
      `${model} @${fps} fps: clips near-lower-body ${(sum(res.clips, 'nearOk') / n * 100).toFixed(1)} % / rotated ${(sum(res.clips, 'nearOkRotated') / n * 100).toFixed(1)} % of ${n} frames; ` +
        `photos ${sum(res.photos, 'nearOk')}/${res.photos.length} / rotated ${sum(res.photos, 'nearOkRotated')}; on lying patient ${res.onLyingPatient.horizontal}/${res.onLyingPatient.frames}; ${res.seconds.toFixed(0)} s`,
    );
  }
}

if (process.argv[1]?.endsWith("lying-down.ts")) await main();
