/**
 * Comparing our estimator's output with Google's golden outputs the way pose-detection's own
 * tests do: expectArraysClose(actual, expected, eps) passes when every coordinate differs by at
 * most eps (absolute, per x / y / z, not Euclidean). We also report the median Euclidean error.
 */
import type { Joint, PoseFrame } from '../../src/core/pose';

/** COCO-17 order used by pose_1.json, as our joint names. */
export const COCO_JOINTS: readonly (Joint | null)[] = [
  'nose', 'leftEye', 'rightEye', 'leftEar', 'rightEar', 'leftShoulder', 'rightShoulder', 'leftElbow',
  'rightElbow', 'leftWrist', 'rightWrist', 'leftHip', 'rightHip', 'leftKnee', 'rightKnee', 'leftAnkle', 'rightAnkle',
];

/**
 * BlazePose's 33 landmarks in model order; null for points we do not keep in PoseFrame
 * (eye inner/outer, mouth, fingers). Those are skipped in the comparison.
 */
export const BLAZEPOSE_JOINTS: readonly (Joint | null)[] = [
  'nose', null, 'leftEye', null, null, 'rightEye', null, 'leftEar', 'rightEar', null, null,
  'leftShoulder', 'rightShoulder', 'leftElbow', 'rightElbow', 'leftWrist', 'rightWrist',
  null, null, null, null, null, null,
  'leftHip', 'rightHip', 'leftKnee', 'rightKnee', 'leftAnkle', 'rightAnkle',
  'leftHeel', 'rightHeel', 'leftFootIndex', 'rightFootIndex',
];

export interface ErrorStats {
  /** Largest per-coordinate absolute difference (what the reference tolerance bounds). */
  maxAbs: number;
  /** Median Euclidean distance per point. */
  medianDist: number;
  /** Points compared. */
  n: number;
  /** Where maxAbs happened. */
  worst: string;
}

/** Compare frames[i] with expected[i] (arrays of per-point coordinate arrays in `order`). */
export function compare(
  frames: readonly (PoseFrame | null)[],
  expected: readonly (readonly (readonly number[])[])[],
  order: readonly (Joint | null)[],
  space: '2d' | '3d',
): ErrorStats {
  let maxAbs = 0;
  let worst = '';
  const dists: number[] = [];
  if (frames.length !== expected.length) throw new Error(`got ${frames.length} frames, expected ${expected.length}`);
  frames.forEach((f, i) => {
    const exp = expected[i]!;
    order.forEach((joint, k) => {
      if (!joint) return;
      const e = exp[k];
      if (!e) throw new Error(`expected point ${k} missing in frame ${i}`);
      let got: number[];
      if (!f) got = space === '2d' ? [Infinity, Infinity] : [Infinity, Infinity, Infinity];
      else if (space === '2d') got = [f.joints[joint].x, f.joints[joint].y];
      else {
        const w = f.world?.[joint];
        got = w ? [w.x, w.y, w.z] : [Infinity, Infinity, Infinity];
      }
      let sq = 0;
      for (let c = 0; c < got.length; c++) {
        const d = Math.abs(got[c]! - e[c]!);
        sq += d * d;
        if (!(d <= maxAbs)) {
          maxAbs = d;
          worst = `frame ${i} ${joint}`;
        }
      }
      dists.push(Math.sqrt(sq));
    });
  });
  dists.sort((a, b) => a - b);
  return { maxAbs, medianDist: dists[Math.floor(dists.length / 2)] ?? NaN, n: dists.length, worst };
}

export function fmt(s: ErrorStats, unit: string, digits = 1): string {
  return `max ${s.maxAbs.toFixed(digits)} ${unit} (${s.worst}), median ${s.medianDist.toFixed(digits + 1)} ${unit} over ${s.n} points`;
}
