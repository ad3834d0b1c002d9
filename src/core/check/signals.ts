/**
 * Helpers the exercise files use to read the body features: the near side's joints, the
 * working leg (decided by which leg rises, since left/right labels flip in side views), and a
 * few derived measures. Pure.
 */
import type { BodyFeatures, Side } from '../features/body';
import { angleBetween, reject, sub, unit, v3, type Vec3 } from '../features/geometry';
import type { Joint } from '../pose';
import type { RepSide } from './exercise';

export type { BodyFeatures, Side } from '../features/body';
export type { Joint } from '../pose';

type Part = 'Shoulder' | 'Hip' | 'Knee' | 'Ankle' | 'Wrist' | 'Elbow' | 'Ear';

export const other = (s: Side): Side => (s === 'left' ? 'right' : 'left');

/** The near label's joints (the model's better-scored side), for visibility needs. */
export function nearJoints(f: BodyFeatures, parts: Part[]): Joint[] {
  const s = f.nearLabel ?? 'left';
  return parts.map((p) => `${s}${p}` as Joint);
}

/** Both sides' joints. */
export function bothJoints(parts: Part[]): Joint[] {
  return parts.flatMap((p) => [`left${p}` as Joint, `right${p}` as Joint]);
}

/** The person's anatomical side for a model label (labels may be swapped; geometry decides). */
export function anatomicalSide(f: BodyFeatures, label: Side): Side | null {
  if (!f.nearSide || !f.nearLabel) return null;
  return label === f.nearLabel ? f.nearSide : other(f.nearSide);
}

export interface WorkingLeg {
  label: Side;
  side: RepSide | null;
  hipFlexion: number;
  kneeFlexion: number | null;
  otherHipFlexion: number | null;
}

/**
 * The leg that is working: the one raised more (larger hip flexion). `bothWithin` (deg): when
 * the two legs are within this of each other and both above `bothAbove`, it is both legs.
 */
export function workingLeg(f: BodyFeatures, bothAbove: number, bothWithin = 15): WorkingLeg | null {
  const l = f.legs.left.hipFlexion;
  const r = f.legs.right.hipFlexion;
  if (l === null && r === null) return null;
  const label: Side = r === null || (l !== null && l >= r) ? 'left' : 'right';
  const lf = f.legs[label];
  const of = f.legs[other(label)];
  // "Both" may use the model's 3D estimate of a leg whose knee is hidden: in a side view the far
  // leg raised with the near one is behind it, and a leg on the bed would be in sight below.
  const lb = l ?? f.legs.left.hiddenHipFlexion ?? null;
  const rb = r ?? f.legs.right.hiddenHipFlexion ?? null;
  const both = lb !== null && rb !== null && Math.min(lb, rb) >= bothAbove && Math.abs(lb - rb) <= bothWithin;
  return {
    label,
    side: both ? 'both' : anatomicalSide(f, label),
    hipFlexion: lf.hipFlexion!,
    kneeFlexion: lf.kneeFlexion,
    otherHipFlexion: of.hipFlexion,
  };
}

/**
 * The angle (deg) between the two legs, hip to ankle, seen from the side of the body: in a
 * straight-leg raise with the other leg down, the raised leg's angle from the bed, which is how
 * the test is measured (source: clinical-basis.md#straight-leg-raise "angle between the leg and
 * the bed"). It needs no trunk line, so a shoulder point on someone else, or a hip point placed
 * high on the trunk, does not move it, and the whole leg is a longer lever than the thigh against
 * an error in the hip point. Hip to ankle, never hip to knee: with the other knee bent and its foot
 * flat (a common way to do the exercise) the hip and the ankle are both on the bed but the thigh
 * points up. From the 3D world points where the model gives them, with the legs' sideways spread
 * (abduction) taken out, so it holds from any camera; else from the image. Null unless both hips
 * and both ankles are seen.
 */
export function legsApart(f: BodyFeatures): number | null {
  const v = f.visible;
  if (!v.leftHip || !v.rightHip || !v.leftAnkle || !v.rightAnkle) return null;
  const pts = f.world ?? f.joints;
  const leg = (s: Side): Vec3 => sub(v3(pts[`${s}Ankle`]), v3(pts[`${s}Hip`]));
  if (!f.world) return angleBetween(leg('left'), leg('right'));
  const across = unit(sub(v3(pts.rightHip), v3(pts.leftHip)));
  return across ? angleBetween(reject(leg('left'), across), reject(leg('right'), across)) : null;
}

/** Highest wrist above the nose, in torso lengths (+ = above the head). */
export function wristAboveHead(f: BodyFeatures): number | null {
  const frameJoints = f.joints;
  if (!f.visible.nose || !f.torsoPx) return null;
  let best: number | null = null;
  for (const w of ['leftWrist', 'rightWrist'] as const) {
    if (!f.visible[w]) continue;
    const v = (frameJoints.nose.y - frameJoints[w].y) / f.torsoPx;
    best = best === null ? v : Math.max(best, v);
  }
  return best;
}
