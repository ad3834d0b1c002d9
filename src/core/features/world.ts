/**
 * Angles from the model's 3D world points (BlazePose: metres, hip-centred, axes turned with the
 * camera: x right, y down, z away). Joint angles between body segments (hip and knee flexion)
 * are the same from any camera; the trunk's elevation is measured against the camera's
 * horizontal plane, which is the floor for any camera turned about the vertical and stays
 * within the camera's tilt of it otherwise. A 2D image angle shrinks as the camera turns away
 * from the side (a 60° hip flexion reads ~30° from 60° off the side); these do not. Which
 * joints are seen is still decided from the 2D scores. Pure.
 */
import type { Joint, WorldPoint } from '../pose';
import { angleBetween, cross, DEG, dot, mid, norm, reject, sub, unit, v3, type Vec3 } from './geometry';

type Side = 'left' | 'right';

export interface WorldMeasures {
  /** Shoulder-midpoint to hip-midpoint distance (m): the 3D ruler. */
  torso: number | null;
  /** Shoulders above the hips against the camera's horizontal (deg, −90…90). */
  trunkElevation: number | null;
  /**
   * How far the feet (else the knees) are below the hips, as a fraction of the leg's own length
   * (hip-knee-ankle, else hip-knee): ~1 standing, ~0.5 sitting on a chair, ~0 on the floor.
   */
  footBelow: number | null;
  /**
   * Per model label: hip flexion magnitude (deg, unsigned) and knee flexion (deg), from joints seen
   * in 2D; `inferred`: the hip flexion of the model's 3D estimate of the leg even where its knee
   * is hidden (behind the other leg, in a side view).
   */
  legs: Record<Side, { hipFlexion: number | null; kneeFlexion: number | null; inferred: number | null }>;
  /** Prone trunk extension (deg): trunk elevation minus the elevation of the ankle→hip line. */
  proneTrunkExtension: number | null;
  /** The steepest leg: the largest elevation of a hip above its own ankle (deg; ~0 lying, ~90 standing). */
  legElevation: number | null;
  /**
   * Whether the model's "left" points are the person's own left, from the body in 3D (left =
   * superior × anterior, the face giving the front), so from any camera; null where the face or
   * the trunk is not seen, or the answer is not clear.
   */
  leftIsLeft: boolean | null;
}

/** Elevation (deg) of the vector from `from` to `to` above the camera's horizontal (y down). */
function elevation(from: Vec3, to: Vec3): number | null {
  const d = sub(to, from);
  const h = Math.hypot(d.x, d.z);
  if (h < 1e-9 && Math.abs(d.y) < 1e-9) return null;
  return Math.atan2(-d.y, h) * DEG;
}

/**
 * The 3D measures of one frame, using only joints seen in 2D. `order`: the nearer label first
 * (its points are preferred when only one side is seen).
 */
export function worldMeasures(world: Record<Joint, WorldPoint>, visible: Record<Joint, boolean>, order: readonly Side[]): WorldMeasures {
  const W = (j: Joint): Vec3 => v3(world[j]);
  const both = (part: 'Shoulder' | 'Hip' | 'Knee' | 'Ankle'): Vec3 | null => {
    const seen = order.filter((s) => visible[`${s}${part}` as Joint]).map((s) => W(`${s}${part}` as Joint));
    return seen.length === 2 ? mid(seen[0]!, seen[1]!) : (seen[0] ?? null);
  };
  const sh = both('Shoulder');
  const hp = both('Hip');
  const torso = sh && hp ? norm(sub(sh, hp)) : 0;
  const trunkElevation = sh && hp && torso > 1e-6 ? elevation(hp, sh) : null;
  const ankle = both('Ankle');
  const knee = both('Knee');
  const foot = ankle ?? knee;
  let legLen = 0;
  if (hp && knee) legLen = norm(sub(knee, hp)) + (ankle ? norm(sub(ankle, knee)) : 0);
  const footBelow = foot && hp && legLen > 1e-6 ? (foot.y - hp.y) / legLen : null;

  const legs = {} as WorldMeasures['legs'];
  for (const s of ['left', 'right'] as const) {
    const hipJ = `${s}Hip` as Joint, kneeJ = `${s}Knee` as Joint, ankleJ = `${s}Ankle` as Joint, shJ = `${s}Shoulder` as Joint;
    const shoulder = visible[shJ] ? W(shJ) : sh;
    let kneeFlexion: number | null = null;
    const inferred = shoulder ? angleBetween(sub(W(hipJ), shoulder), sub(W(kneeJ), W(hipJ))) : null;
    const hipFlexion = visible[hipJ] && visible[kneeJ] ? inferred : null;
    if (visible[hipJ] && visible[kneeJ] && visible[ankleJ]) kneeFlexion = angleBetween(sub(W(kneeJ), W(hipJ)), sub(W(ankleJ), W(kneeJ)));
    legs[s] = { hipFlexion, kneeFlexion, inferred };
  }
  const legElev = ankle && hp ? elevation(ankle, hp) : null;
  const proneTrunkExtension = trunkElevation !== null && legElev !== null ? trunkElevation - legElev : null;
  let legElevation: number | null = null;
  for (const s of order) {
    const h = `${s}Hip` as Joint, a = `${s}Ankle` as Joint;
    if (!visible[h] || !visible[a]) continue;
    const e = elevation(W(a), W(h));
    if (e !== null) legElevation = Math.max(legElevation ?? -Infinity, e);
  }
  return { torso: torso > 1e-6 ? torso : null, trunkElevation, footBelow, legs, proneTrunkExtension, legElevation, leftIsLeft: leftIsLeft(world, visible, sh, hp) };
}

/** See WorldMeasures.leftIsLeft. */
function leftIsLeft(world: Record<Joint, WorldPoint>, visible: Record<Joint, boolean>, sh: Vec3 | null, hp: Vec3 | null): boolean | null {
  const ears = (['leftEar', 'rightEar'] as const).filter((e) => visible[e]).map((e) => v3(world[e]));
  if (!sh || !hp || !visible.nose || ears.length === 0) return null;
  const superior = unit(sub(sh, hp));
  if (!superior) return null;
  const ear = ears.length === 2 ? mid(ears[0]!, ears[1]!) : ears[0]!;
  const anterior = unit(reject(sub(v3(world.nose), ear), superior));
  if (!anterior) return null;
  const personLeft = cross(superior, anterior);
  const across = (part: 'Shoulder' | 'Hip') => dot(sub(v3(world[`left${part}`]), v3(world[`right${part}`])), personLeft);
  const d = across('Shoulder') + across('Hip');
  // source: starting point: a clear answer, not a body seen edge-on in depth noise (5 cm over
  // shoulders and hips together, which are ~0.3-0.4 m wide each).
  return Math.abs(d) < 0.05 ? null : d > 0;
}
