/**
 * Arm variants of a recorded clip: the same frames with the arms moved to a position the
 * exercise texts allow (issue 14: "arms overhead or crossed, hands behind the head"), in both
 * the 2D keypoints and the 3D world points. Counting of a trunk or leg exercise must not change:
 * an arm is never its signal, so no gate (posture, view, visibility, identity, limb plausibility)
 * may hold a rep back because of where the arms are. Derived numbers only (no picture).
 *
 * - overhead: both arms straight along the trunk line past the head (a sit-up "arms overhead");
 * - crossed: hands on the opposite shoulders, elbows low on the chest;
 * - behind-head: hands at the back of the head, elbows out to the sides.
 * The moved points take the shoulder's or hip's score (the lower), as a model sees an arm it is
 * sure of; the arm keeps its own length.
 */
import type { Joint, Keypoint, PoseFrame, WorldPoint } from '../../src/core/pose';
import type { SessionRecord } from '../../src/core/session/record';
import { variantRecord } from './record-variant';
import { add, mid, norm, sub, v, type V } from './vec';

export const ARM_VARIANTS = ['overhead', 'crossed', 'behind-head'] as const;
export type ArmVariant = (typeof ARM_VARIANTS)[number];


/** The arms of one set of points (2D keypoints with scores, or 3D world points) moved to `kind`. */
function moveArms<P extends Keypoint | WorldPoint>(pts: Record<Joint, P>, kind: ArmVariant, is3d: boolean): Record<Joint, P> {
  const out = { ...pts };
  for (const side of ['left', 'right'] as const) {
    const other = side === 'left' ? 'right' : 'left';
    const [sh, osh, hip, el, wr] = [pts[`${side}Shoulder`], pts[`${other}Shoulder`], pts[`${side}Hip`], pts[`${side}Elbow`], pts[`${side}Wrist`]];
    const scoreOf = (p: Keypoint | WorldPoint) => ('score' in p ? p.score : 1);
    if (!is3d && Math.min(scoreOf(sh), scoreOf(hip)) === 0) continue;
    const S = v(sh);
    const trunk = sub(S, v(hip));
    const tl = norm(trunk);
    if (tl === 0) continue;
    const u = { x: trunk.x / tl, y: trunk.y / tl, z: trunk.z / tl };
    const arm = norm(sub(v(el), S)) + norm(sub(v(wr), v(el))) || 1.1 * tl;
    let elbow: V;
    let wrist: V;
    if (kind === 'overhead') {
      elbow = add(S, u, 0.5 * arm);
      wrist = add(S, u, arm);
    } else if (kind === 'crossed') {
      elbow = add(S, trunk, -0.35);
      wrist = add(add(mid(S, v(osh)), trunk, -0.25), sub(v(osh), S), 0.3);
    } else {
      const head = add(mid(S, v(osh)), u, 0.4 * tl);
      wrist = add(head, u, 0.1 * tl);
      elbow = add(mid(S, head), sub(S, v(osh)), 0.6);
    }
    const put = (p: V): P =>
      (is3d ? { x: p.x, y: p.y, z: p.z } : { x: p.x, y: p.y, score: Math.min(scoreOf(sh), scoreOf(hip)) }) as P;
    out[`${side}Elbow`] = put(elbow);
    out[`${side}Wrist`] = put(wrist);
  }
  return out;
}

/** A frame with its arms moved (2D and, where present, 3D). Pure. */
export function armVariantFrame(f: PoseFrame, kind: ArmVariant): PoseFrame {
  return { ...f, joints: moveArms(f.joints, kind, false), ...(f.world ? { world: moveArms(f.world, kind, true) } : {}) };
}

/** The whole record with the arms moved in every frame (header kept). */
export function armVariantRecord(record: SessionRecord, kind: ArmVariant): SessionRecord {
  return variantRecord(record, `arms: ${kind}`, (frames) => frames.map(({ tMs, frame }) => ({ tMs, frame: frame ? armVariantFrame(frame, kind) : null })));
}
