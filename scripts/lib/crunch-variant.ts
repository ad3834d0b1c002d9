/**
 * Crunch variants of a recorded sit-up: the same frames with the trunk's rise above its own lying
 * level scaled down (`k` = 0.3: a 60-70° sit-up becomes an 18-21° crunch), in the 2D keypoints and
 * the 3D world points. Issue 14: a short-range crunch must count like a full sit-up (the texts
 * allow "adjusted to what your body can do"), from the side and, re-projected, from any camera.
 * The upper body (head, shoulders, arms) turns about the hips: in 2D about the hip midpoint in the
 * image plane, in 3D about the line through the hips (the body's own flexion axis). Hips and legs
 * stay as recorded. Derived numbers only (no picture).
 */
import type { Joint, Keypoint, PoseFrame, WorldPoint } from '../../src/core/pose';
import { recordFrames, type SessionRecord } from '../../src/core/session/record';
import { variantRecord } from './record-variant';
import { add, angleAbout, reject, sub, turn, unit, v, Z, type V } from './vec';

/** The crunch of the tests and the bench: 18° of trunk rise in 2D (clinical-basis.md#sit-up: crunches move the trunk 12-19° in 2D). */
export const CRUNCH = { riseDeg: 18 } as const;

const UPPER: Joint[] = [
  'nose', 'leftEye', 'rightEye', 'leftEar', 'rightEar',
  'leftShoulder', 'rightShoulder', 'leftElbow', 'rightElbow', 'leftWrist', 'rightWrist',
];

/** Midpoint of the two sides' points that are seen (2D score > 0; 3D: always). */
function midOf(pts: Record<Joint, Keypoint | WorldPoint>, part: 'Shoulder' | 'Hip'): V | null {
  const seen = (['left', 'right'] as const).map((s) => pts[`${s}${part}`]).filter((p) => !('score' in p) || p.score > 0);
  if (!seen.length) return null;
  return seen.length === 2 ? add(v(seen[0]!), sub(v(seen[1]!), v(seen[0]!)), 0.5) : v(seen[0]!);
}

/** The 2D trunk (hip → shoulder) and the 3D one in the plane across the hips, per frame. */
function trunks(f: PoseFrame): { t2: V | null; t3: V | null; axis: V | null } {
  const sh = midOf(f.joints, 'Shoulder'), hp = midOf(f.joints, 'Hip');
  const t2 = sh && hp ? sub(sh, hp) : null;
  let t3: V | null = null, axis: V | null = null;
  if (f.world) {
    axis = unit(sub(v(f.world.rightHip), v(f.world.leftHip)));
    const s3 = midOf(f.world, 'Shoulder'), h3 = midOf(f.world, 'Hip');
    if (axis && s3 && h3) {
      const t = sub(s3, h3);
      t3 = reject(t, axis);
    }
  }
  return { t2, t3, axis };
}

/** Elevation (deg) of a trunk vector above the horizontal (y down). */
const elevation = (t: V): number => (Math.atan2(-t.y, Math.hypot(t.x, t.z)) * 180) / Math.PI;

/**
 * The lying trunk of a clip: the 2D trunk of the frame at the 5th percentile of 2D elevation, and
 * the 3D one at the 5th percentile of 3D elevation among the frames with world points (a record
 * can mix frames with and without them: a second person in view, src/estimate/cross-check.ts).
 */
function lyingTrunk(frames: { frame: PoseFrame | null }[]): { t2: V; t3: V | null } | null {
  const low = <T>(xs: { e: number; t: T }[]): T | null => {
    xs.sort((a, b) => a.e - b.e);
    return xs.length ? xs[Math.floor(xs.length * 0.05)]!.t : null;
  };
  const ts = frames.flatMap(({ frame }) => (frame ? [trunks(frame)] : []));
  const t2 = low(ts.flatMap((t) => (t.t2 ? [{ e: elevation(t.t2), t: t.t2 }] : [])));
  const t3 = low(ts.flatMap((t) => (t.t3 ? [{ e: elevation(t.t3), t: t.t3 }] : [])));
  return t2 ? { t2, t3 } : null;
}

/**
 * The whole record with every frame's trunk rise scaled by `k` (header kept); `{ riseDeg }`
 * scales the clip's 2D rise to that many degrees instead (a clip already smaller is kept as is).
 */
export function crunchVariantRecord(record: SessionRecord, scale: number | { riseDeg: number } = 0.3): SessionRecord {
  const rise = typeof scale === 'number' ? null : trunkRise2D(record);
  const k = typeof scale === 'number' ? scale : rise && rise > scale.riseDeg ? scale.riseDeg / rise : 1;
  const frames = recordFrames(record);
  const base = lyingTrunk(frames);
  return variantRecord(record, `crunch ×${k}`, () => frames.map(({ tMs, frame }) => ({ tMs, frame: frame && base ? crunchFrame(frame, base, k) : frame })));
}

function crunchFrame(f: PoseFrame, base: { t2: V; t3: V | null }, k: number): PoseFrame {
  const { t2, t3, axis } = trunks(f);
  const joints = { ...f.joints };
  const hp = midOf(f.joints, 'Hip');
  if (t2 && hp) {
    const delta = angleAbout(base.t2, t2, Z);
    // A trunk turned more than 120° from lying is no sit-up pose but a model glitch (a pose
    // flipped onto a partner): it is left as recorded, a glitch in the variant as in the clip.
    if (Math.abs(delta) > (2 * Math.PI) / 3) return f;
    for (const j of UPPER) {
      const p = turn(v(joints[j]), hp, Z, (k - 1) * delta);
      joints[j] = { x: p.x, y: p.y, score: joints[j].score };
    }
  }
  let world = f.world;
  if (f.world && t3 && axis && base.t3) {
    const phi = angleAbout(base.t3, t3, axis);
    const h3 = midOf(f.world, 'Hip')!;
    world = { ...f.world };
    for (const j of UPPER) world[j] = turn(v(f.world[j]), h3, axis, (k - 1) * phi);
  }
  return { ...f, joints, ...(world ? { world } : {}) };
}

/** The clip's trunk rise in 2D (deg): 95th minus 5th percentile of the trunk's elevation. */
export function trunkRise2D(record: SessionRecord): number | null {
  const e = recordFrames(record).flatMap(({ frame }) => {
    const t = frame ? trunks(frame).t2 : null;
    return t ? [elevation(t)] : [];
  });
  if (e.length < 10) return null;
  e.sort((a, b) => a - b);
  return e[Math.floor(e.length * 0.95)]! - e[Math.floor(e.length * 0.05)]!;
}
