/**
 * The part of the frame the cross-check (./cross-check.ts) shows the primary model once the primary
 * has been on someone else: the patient's own box, with room to move.
 *
 * Why: BlazePose's detector finds a face first and builds the body from it, so a second, upright
 * person with a clear face (a nurse behind the bed) wins over a patient lying side-on, on every
 * frame. Shown only the patient's part of the frame, the same model finds the patient, with its 3D
 * points, where MoveNet (the checker) gives 2D points only and scores a raised leg low
 * (docs/clinical-basis.md#engineering "region").
 */
import type { PoseFrame } from '../core/pose';
import type { Region } from './estimator';

/** Keypoints scored at least this are part of the body's box. source: starting point, the identity lock's own line (core/check/identity.ts MIN_SCORE) */
export const REGION_MIN_SCORE = 0.3;
/**
 * The box grows by this fraction of its longer side on every side.
 * source: clinical-basis.md#engineering "region"
 */
export const REGION_MARGIN = 0.2;
/**
 * A body point this close to the region's edge (fraction of the region's longer side) moves the region.
 * source: clinical-basis.md#engineering "region"
 */
export const REGION_EDGE = 0.1;
/** The body's box needs at least this many points scored ≥ REGION_MIN_SCORE (a trunk). source: starting point */
const MIN_POINTS = 4;

/** The box of the poses' points scored ≥ REGION_MIN_SCORE, px; null with fewer than MIN_POINTS in the first. */
function box(poses: readonly PoseFrame[]): Region | null {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  let first = 0;
  for (const [i, pose] of poses.entries()) {
    for (const k of Object.values(pose.joints)) {
      if (!(k.score >= REGION_MIN_SCORE) || !Number.isFinite(k.x) || !Number.isFinite(k.y)) continue;
      if (i === 0) first++;
      x0 = Math.min(x0, k.x);
      y0 = Math.min(y0, k.y);
      x1 = Math.max(x1, k.x);
      y1 = Math.max(y1, k.y);
    }
  }
  return first >= MIN_POINTS ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : null;
}

/**
 * The region to show the primary for one body (clamped to the frame): the box of `pose`, and of
 * `more` poses of the same body (the two models' points together reach further than either).
 * null when `pose` has no trunk to box.
 */
export function regionAround(pose: PoseFrame, ...more: PoseFrame[]): Region | null {
  const b = box([pose, ...more]);
  if (!b) return null;
  const m = REGION_MARGIN * Math.max(b.width, b.height, 1);
  const x = Math.max(0, b.x - m);
  const y = Math.max(0, b.y - m);
  const width = Math.min(pose.width, b.x + b.width + m) - x;
  const height = Math.min(pose.height, b.y + b.height + m) - y;
  return width > 0 && height > 0 ? { x, y, width, height } : null;
}

/**
 * Whether the region no longer fits this pose: a body point near an edge that is not the frame's
 * own edge (the body moves out of it), or the body's region less than half as wide or high (the
 * person moved away from the camera, or the region holds more of the room than of them).
 */
export function regionStale(region: Region, pose: PoseFrame, ...more: PoseFrame[]): boolean {
  const b = box([pose, ...more]);
  const next = regionAround(pose, ...more);
  if (!b || !next) return false;
  const e = REGION_EDGE * Math.max(region.width, region.height);
  const right = region.x + region.width;
  const bottom = region.y + region.height;
  if (region.x > 0 && b.x < region.x + e) return true;
  if (region.y > 0 && b.y < region.y + e) return true;
  if (right < pose.width && b.x + b.width > right - e) return true;
  if (bottom < pose.height && b.y + b.height > bottom - e) return true;
  return next.width < region.width / 2 || next.height < region.height / 2;
}
