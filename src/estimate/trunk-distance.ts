/**
 * How far apart two poses' trunks are, in torso lengths: the cross-check's test of "the same body"
 * (./cross-check.ts). Only shoulders and hips are used; left/right labels may be swapped.
 */
import type { Joint, Keypoint, PoseFrame } from '../core/pose';
import { CROSS_CHECK_DEFAULTS } from './cross-check-options';

const SHOULDERS: readonly Joint[] = ['leftShoulder', 'rightShoulder'];
const HIPS: readonly Joint[] = ['leftHip', 'rightHip'];
/**
 * A torso shorter than this fraction of the frame's longer side is a collapsed skeleton, not a body.
 * source: same value as core/check/identity.ts MIN_TORSO_FRAC (starting point).
 */
const MIN_TORSO_FRAC = 0.04;

interface Pt {
  x: number;
  y: number;
}

function mid(pts: Keypoint[]): Pt {
  let x = 0;
  let y = 0;
  for (const p of pts) {
    x += p.x;
    y += p.y;
  }
  return { x: x / pts.length, y: y / pts.length };
}

function dist(a: Pt, b: Pt): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

function swapSide(j: Joint): Joint {
  return (j.startsWith('left') ? j.replace(/^left/, 'right') : j.replace(/^right/, 'left')) as Joint;
}

/** Distance between the trunks of a and b with b's labels as given (swap=false) or left/right swapped. */
function trunkDistanceOnce(a: PoseFrame, b: PoseFrame, minScore: number, swap: boolean): number | null {
  const ends: { a: Pt; b: Pt }[] = [];
  for (const group of [SHOULDERS, HIPS]) {
    const pa: Keypoint[] = [];
    const pb: Keypoint[] = [];
    for (const j of group) {
      const ka = a.joints[j];
      const kb = b.joints[swap ? swapSide(j) : j];
      if (ka.score >= minScore && kb.score >= minScore) {
        pa.push(ka);
        pb.push(kb);
      }
    }
    if (pa.length === 0) return null;
    ends.push({ a: mid(pa), b: mid(pb) });
  }
  const [sh, hip] = ends as [{ a: Pt; b: Pt }, { a: Pt; b: Pt }];
  const torso = dist(sh.b, hip.b);
  if (torso < MIN_TORSO_FRAC * Math.max(b.width, b.height) || torso === 0) return null;
  return Math.max(dist(sh.a, sh.b), dist(hip.a, hip.b)) / torso;
}

/**
 * How far apart the trunks of two poses are: the larger of the mid-shoulder and mid-hip distances,
 * in b's torso lengths (b's mid-shoulder to mid-hip), using only shoulders and hips scored ≥ minScore
 * in both. Left/right labels flip between models in side views, so the smaller of the as-labelled and
 * the side-swapped matching is taken. null: not comparable (no shared shoulder or hip, collapsed torso).
 */
export function trunkDistance(a: PoseFrame, b: PoseFrame, minScore: number = CROSS_CHECK_DEFAULTS.minScore): number | null {
  const direct = trunkDistanceOnce(a, b, minScore, false);
  const swapped = trunkDistanceOnce(a, b, minScore, true);
  if (direct === null) return swapped;
  if (swapped === null) return direct;
  return Math.min(direct, swapped);
}
