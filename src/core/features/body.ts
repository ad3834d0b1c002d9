/**
 * Per-frame body features: which joints we can trust, the view (side/front), the posture
 * (lying/sitting/standing, supine/prone), which side faces the camera, and the named angles
 * the exercises use. Pure; a small `BodyMemory` carries what needs history (the forward
 * direction when the face is hidden, limb-length references).
 */
import { JOINTS, type Joint, type Keypoint, type PoseFrame, type WorldPoint } from '../pose';
import { hipExtension, hipFlexion, kneeFlexion, proneTrunkExtension, shoulderHipRotation3D, trunkElevation } from './angles';
import { dist, mid, sub, unit, v3, type Vec3 } from './geometry';
import { worldMeasures } from './world';

export type Side = 'left' | 'right';
export type View = 'side' | 'front';
export type Posture = 'lying' | 'sitting' | 'standing';
export type Facing = 'supine' | 'prone';

/** Thresholds for trusting a keypoint. */
export const VISIBILITY = {
  /** A keypoint below this score is treated as not seen. source: clinical-basis.md#engineering "keypoint score". */
  minScore: 0.5,
  /** Points this far outside the image (fraction of its size) are not seen. */
  edgeMargin: 0.02,
} as const;

export interface LegFeatures {
  /** Hip flexion (deg; 0 = thigh in line with the trunk, + = toward the chest). */
  hipFlexion: number | null;
  /** Knee flexion (deg; 0 = straight). */
  kneeFlexion: number | null;
  /** How high the ankle is above the hip, along the body's forward direction, in torso lengths. */
  ankleLift: number | null;
  /** Where the knee is not seen: the model's 3D estimate of the hip flexion (world.ts `inferred`). */
  hiddenHipFlexion?: number | null;
}

export interface BodyFeatures {
  tMs: number;
  /** Per joint: seen with a usable score, inside the image, and plausible. */
  visible: Record<Joint, boolean>;
  /** Mean score of the body's main joints (0-1). */
  meanScore: number;
  /** Shoulder-mid to hip-mid distance in pixels (the body's ruler), null if unseen. */
  torsoPx: number | null;
  /** Largest extent of the seen joints as a fraction of the frame (0-1+). */
  extent: number;
  view: View | null;
  /**
   * Where the angles and the posture come from: '3d' = the model's 3D world points (metres),
   * which do not depend on where the camera stands; '2d' = the image (a level camera assumed).
   * Which joints are seen is always decided in 2D (the scores).
   */
  measure: '3d' | '2d';
  posture: Posture | null;
  facing: Facing | null;
  /** Unit vectors in the image: toward the head, and the body's front. */
  superior: Vec3 | null;
  anterior: Vec3 | null;
  /** The person's own side that faces the camera, from body geometry (side views). */
  nearSide: Side | null;
  /** The model's label set that scores higher (labels can be swapped in side views). */
  nearLabel: Side | null;
  /** Per model label. */
  legs: Record<Side, LegFeatures>;
  /** Named angles (deg) used by the exercises; null where the joints are not seen. */
  angles: Record<string, number | null>;
  /** Names of the plausibility checks that failed this frame. */
  implausible: string[];
  /** The (smoothed) keypoints these features were computed from. */
  joints: Record<Joint, Keypoint>;
  world?: Record<Joint, WorldPoint>;
}

export interface BodyMemory {
  /** +1/−1: the body's front relative to `superior` rotated by +90° in the image. */
  anteriorSign: number | null;
  /** Running thigh/torso length ratio per label (for limb-length consistency). */
  thighRatio: Record<Side, number | null>;
  /** Since when (frame ms) each label's thigh has disagreed with its running ratio without a break. */
  thighOffSinceMs: Record<Side, number | null>;
  /** Since when (frame ms) the body has lain without a break (null: not lying), and when a posture was last read. */
  lyingSinceMs: number | null;
  postureAtMs: number | null;
}

/**
 * A thigh that disagrees with its running length this long (ms of frame time) without a break is
 * not a misplaced knee but a running length learned from an odd start (e.g. a knee already pulled
 * to the chest): start the running length again from what is seen now. Without this the running
 * length latched: on the knee-to-chest clip, starting one frame later made every knee "wrong" for
 * 15 s. source: starting point (a misplaced knee point lasts a few frames; 1 s is 15 of them)
 */
const THIGH_RESEED_MS = 1000;

/**
 * Lying down is kept against legs that merely look steep: a body that has lain this long (frame ms)
 * reads as standing again only once its trunk is upright. Getting up from the floor raises the trunk
 * first (sitting, kneeling); a bridge's bent legs or a camera rolled in the hand can make the hip
 * look well above the ankle while the person lies, and that read as "standing" threw away the
 * top of every rep. source: clinical-basis.md#engineering "lying stays lying"
 */
const LYING_KEPT_MS = 1000;

export function newBodyMemory(): BodyMemory {
  return {
    anteriorSign: null,
    thighRatio: { left: null, right: null },
    thighOffSinceMs: { left: null, right: null },
    lyingSinceMs: null,
    postureAtMs: null,
  };
}

const CORE: readonly Joint[] = [
  'leftShoulder',
  'rightShoulder',
  'leftHip',
  'rightHip',
  'leftKnee',
  'rightKnee',
  'leftAnkle',
  'rightAnkle',
];

function j(side: Side, part: 'Shoulder' | 'Hip' | 'Knee' | 'Ankle' | 'Ear' | 'Wrist' | 'Elbow' | 'Heel' | 'FootIndex'): Joint {
  return `${side}${part}` as Joint;
}

const SIDES: readonly Side[] = ['left', 'right'];

/** Analyse one (smoothed) frame. Returns the features and the updated memory. */
export function analyse(frame: PoseFrame, memory: BodyMemory): [BodyFeatures, BodyMemory] {
  const { width, height } = frame;
  const mx = width * VISIBILITY.edgeMargin;
  const my = height * VISIBILITY.edgeMargin;
  const visible = {} as Record<Joint, boolean>;
  for (const name of JOINTS) {
    const k = frame.joints[name];
    visible[name] =
      k.score >= VISIBILITY.minScore && k.x >= -mx && k.x <= width + mx && k.y >= -my && k.y <= height + my;
  }
  const P = (name: Joint): Vec3 => v3(frame.joints[name]);
  const seen = (...names: Joint[]) => names.every((n) => visible[n]);

  let meanScore = 0;
  for (const n of CORE) meanScore += frame.joints[n].score;
  meanScore /= CORE.length;

  // Extent of what we see (for too-close / too-far).
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const n of JOINTS) {
    if (!visible[n]) continue;
    const k = frame.joints[n];
    x0 = Math.min(x0, k.x); x1 = Math.max(x1, k.x); y0 = Math.min(y0, k.y); y1 = Math.max(y1, k.y);
  }
  const extent = Number.isFinite(x0) ? Math.max((x1 - x0) / width, (y1 - y0) / height) : 0;

  // Which label set is nearer the camera (the labels themselves may be swapped in side views).
  // 1. 3D points (BlazePose) say it directly: the nearer shoulder and hip have the smaller z.
  // 2. Otherwise the label set the model is surer of along the trunk. Shoulders and hips only: a
  //    knee pulled to the chest or a raised leg loses score on the near side and flipped the
  //    answer when the legs counted (the knee-to-chest clip: 14 % of frames disagreed with 3D).
  const labelScore = (s: Side, parts: readonly ('Shoulder' | 'Hip' | 'Knee' | 'Ankle')[]) =>
    parts.reduce((a, p) => a + frame.joints[j(s, p)].score, 0);
  const byScore = (parts: readonly ('Shoulder' | 'Hip' | 'Knee' | 'Ankle')[]): Side | null => {
    const l = labelScore('left', parts);
    const r = labelScore('right', parts);
    // source: starting point (a score sum 0.1 apart is a real preference, not rounding noise)
    return Math.abs(l - r) < 0.1 ? null : l > r ? 'left' : 'right';
  };
  let nearLabel: Side | null = null;
  const wz = frame.world;
  if (wz) {
    const dz = wz.leftShoulder.z + wz.leftHip.z - (wz.rightShoulder.z + wz.rightHip.z);
    // source: starting point (side-on, the two hips and the two shoulders are each ~0.2-0.35 m apart in depth; 0.1 m summed is clear)
    if (Math.abs(dz) >= 0.1) nearLabel = dz < 0 ? 'left' : 'right';
  }
  nearLabel ??= byScore(['Shoulder', 'Hip']) ?? byScore(['Shoulder', 'Hip', 'Knee', 'Ankle']);
  const order: Side[] = nearLabel === 'right' ? ['right', 'left'] : ['left', 'right'];

  // Trunk: shoulder and hip midpoints when both are seen, else the seen side's points.
  const pick = (part: 'Shoulder' | 'Hip'): Vec3 | null => {
    const [a, b] = order as [Side, Side];
    if (seen(j(a, part), j(b, part))) return mid(P(j(a, part)), P(j(b, part)));
    if (seen(j(a, part))) return P(j(a, part));
    if (seen(j(b, part))) return P(j(b, part));
    return null;
  };
  const sh = pick('Shoulder');
  const hp = pick('Hip');
  const torsoPx = sh && hp ? dist(sh, hp) : null;
  const superior = sh && hp ? unit(sub(sh, hp)) : null;

  // View: a wide shoulder or hip line (relative to the torso) means the person faces the camera.
  let view: View | null = null;
  if (torsoPx && torsoPx > 1) {
    const w = (part: 'Shoulder' | 'Hip') =>
      seen(j('left', part), j('right', part)) ? dist(P(j('left', part)), P(j('right', part))) / torsoPx : null;
    const ws = w('Shoulder');
    const wh = w('Hip');
    const widest = Math.max(ws ?? 0, wh ?? 0);
    // source: starting point (front-on shoulders are ~0.7-0.9 torso lengths wide; side-on ~0-0.2)
    if (ws !== null || wh !== null) view = widest >= 0.45 ? 'front' : widest <= 0.3 ? 'side' : null;
  }

  // The body's forward direction (side views): the face points forward of the ears.
  let anteriorSign = memory.anteriorSign;
  let anterior: Vec3 | null = null;
  if (superior && view !== 'front') {
    const perp = { x: -superior.y, y: superior.x, z: 0 }; // superior rotated by +90°
    const ears = SIDES.filter((s) => visible[j(s, 'Ear')]).map((s) => P(j(s, 'Ear')));
    if (visible.nose && ears.length > 0 && sh) {
      const ear = ears.length === 2 ? mid(ears[0]!, ears[1]!) : ears[0]!;
      const face = sub(P('nose'), ear);
      const along = face.x * perp.x + face.y * perp.y;
      // Only trust a clear sideways offset (the face turned toward the camera gives ~0).
      if (torsoPx && Math.abs(along) > 0.04 * torsoPx) anteriorSign = along > 0 ? 1 : -1;
    }
    if (anteriorSign !== null) anterior = { x: perp.x * anteriorSign, y: perp.y * anteriorSign, z: 0 };
  }

  // 3D measures where the model gives world points and the trunk is seen (see world.ts).
  const world = frame.world ? worldMeasures(frame.world, visible, order) : null;

  // Posture from the trunk and the legs against the vertical: the camera's own vertical in 3D
  // (true for any camera turned about the vertical, within its tilt otherwise), the image's in 2D.
  const elev = world ? world.trunkElevation : sh && hp ? trunkElevation(sh, hp) : null;
  const ankles = SIDES.filter((s) => visible[j(s, 'Ankle')]).map((s) => P(j(s, 'Ankle')));
  const ankle = ankles.length === 2 ? mid(ankles[0]!, ankles[1]!) : ankles[0] ?? null;
  const knees = SIDES.filter((s) => visible[j(s, 'Knee')]).map((s) => P(j(s, 'Knee')));
  const knee = knees.length === 2 ? mid(knees[0]!, knees[1]!) : knees[0] ?? null;
  const foot = ankle ?? knee;
  let posture: Posture | null = null;
  let { lyingSinceMs, postureAtMs } = memory;
  if (elev !== null && hp && torsoPx) {
    const footBelow = world ? world.footBelow : foot ? (foot.y - hp.y) / torsoPx : null;
    // A trunk or a leg at least this steep is upright, not lying (chosen once for both).
    // Halfway between lying (0°) and upright (90°): in 3D against the camera's horizontal, a camera
    // looking down by up to ~40° keeps lying under it and standing over it. source: clinical-basis.md#engineering "upright"
    const UPRIGHT_DEG = 45;
    const upright = Math.abs(elev) >= UPRIGHT_DEG;
    // The steepest leg (hip above its ankle): bent over a dumbbell the trunk is level but the
    // legs stand; lying, every leg is along the floor or raised (feet above the hips).
    let legElev = world ? world.legElevation : null;
    if (!world) {
      for (const s of SIDES) {
        if (!visible[j(s, 'Hip')] || !visible[j(s, 'Ankle')]) continue;
        const e = trunkElevation(P(j(s, 'Hip')), P(j(s, 'Ankle')));
        if (e !== null) legElev = Math.max(legElev ?? -Infinity, e);
      }
    }
    // source: clinical-basis.md#engineering "standing". The feet well below the hips (2D: in torso lengths, level camera; 3D: over half
    // the leg's own length, which a camera looking down shortens only by its cosine).
    const standsOnFeet = footBelow !== null && (world ? footBelow > 0.6 : footBelow > (ankle ? 1.2 : 0.7));
    // The last posture counts only while postures keep coming (a body out of view for 2 s starts afresh).
    const lyingSince = memory.postureAtMs !== null && frame.tMs - memory.postureAtMs <= 2 * LYING_KEPT_MS ? memory.lyingSinceMs : null;
    const lainLong = lyingSince !== null && frame.tMs - lyingSince >= LYING_KEPT_MS;
    if (upright && standsOnFeet) posture = 'standing';
    else if (upright) posture = 'sitting';
    else if (legElev !== null && legElev >= UPRIGHT_DEG && !lainLong) posture = 'standing';
    else posture = 'lying';
    // Lying starts on positive evidence only: the trunk level and a leg seen along the floor (not a
    // level trunk whose legs are out of view, as someone bent over a dumbbell can be).
    const legsLie = legElev !== null && legElev < UPRIGHT_DEG;
    lyingSinceMs = posture === 'lying' ? (lyingSince ?? (legsLie ? frame.tMs : null)) : null;
    postureAtMs = frame.tMs;
  }
  let facing: Facing | null = null;
  if (posture !== 'standing' && anterior) facing = anterior.y < 0 ? 'supine' : 'prone';

  // The person's own side nearest the camera: left = superior × anterior (x right, y down, z away).
  let nearSide: Side | null = null;
  if (superior && anterior && view !== 'front') {
    const leftZ = superior.x * anterior.y - superior.y * anterior.x;
    nearSide = leftZ < 0 ? 'left' : 'right';
  }
  // Where the image cannot tell (an oblique or front-on camera), the 3D body can.
  if (nearSide === null && nearLabel && world?.leftIsLeft != null) nearSide = world.leftIsLeft === (nearLabel === 'left') ? 'left' : 'right';

  // Legs, per model label, with limb-length plausibility.
  const implausible: string[] = [];
  const thighRatio = { ...memory.thighRatio };
  const thighOffSinceMs = { ...memory.thighOffSinceMs };
  const legs = {} as Record<Side, LegFeatures>;
  for (const s of SIDES) {
    const hipJ = j(s, 'Hip'), kneeJ = j(s, 'Knee'), ankleJ = j(s, 'Ankle'), shJ = j(s, 'Shoulder');
    const shoulderP = visible[shJ] ? P(shJ) : sh;
    let hipF: number | null = null, kneeF: number | null = null, lift: number | null = null;
    if (seen(hipJ, kneeJ) && torsoPx) {
      // In 3D the thigh keeps its length from any camera; in 2D only a side view keeps it
      // (elsewhere it foreshortens as the leg moves, so only "far too long" is checked).
      const w3 = frame.world && world?.torso ? { w: frame.world, torso: world.torso } : null;
      const thigh = w3 ? dist(v3(w3.w[hipJ]), v3(w3.w[kneeJ])) : dist(P(hipJ), P(kneeJ));
      const ratio = thigh / (w3 ? w3.torso : torsoPx);
      const ref = thighRatio[s];
      // source: starting point: an adult thigh is ~0.7-1.1 torso lengths; a 2D side view can
      // only shorten it, so a much longer thigh, or one far off its running value, is a wrong point.
      const tooLong = ratio > 1.8;
      let offRunning = ref !== null && (w3 !== null || view === 'side') && (ratio > ref * 1.6 || ratio < ref * 0.4);
      if (offRunning && !tooLong) {
        thighOffSinceMs[s] ??= frame.tMs;
        if (frame.tMs - thighOffSinceMs[s]! >= THIGH_RESEED_MS) {
          thighRatio[s] = null;
          offRunning = false;
        }
      }
      if (!offRunning) thighOffSinceMs[s] = null;
      if (tooLong || offRunning) {
        implausible.push(`${s}-thigh-length`);
        visible[kneeJ] = false;
        visible[ankleJ] = false;
      } else {
        const r0 = thighRatio[s];
        thighRatio[s] = r0 === null ? ratio : r0 + 0.05 * (ratio - r0);
        if (shoulderP) hipF = hipFlexion(shoulderP, P(hipJ), P(kneeJ), anterior);
      }
    }
    if (seen(hipJ, kneeJ, ankleJ)) {
      // Bone lengths from the 3D points where there are some: a shank pointing at the camera (an
      // ankle crossed over the other knee) is short in the image but not in 3D.
      const wp = frame.world;
      const L = (a: Joint, b: Joint) => (wp ? dist(v3(wp[a]), v3(wp[b])) : dist(P(a), P(b)));
      const thigh = L(hipJ, kneeJ);
      const shank = L(kneeJ, ankleJ);
      // source: starting point (shank/thigh is ~0.9-1.1 in adults; allow for foreshortening)
      if (thigh > (wp ? 0.01 : 1) && (shank / thigh > 2.2 || shank / thigh < 0.35)) {
        implausible.push(`${s}-shank-length`);
        visible[ankleJ] = false;
      } else {
        kneeF = kneeFlexion(P(hipJ), P(kneeJ), P(ankleJ));
        if (anterior && torsoPx) {
          const d = sub(P(ankleJ), P(hipJ));
          lift = (d.x * anterior.x + d.y * anterior.y) / torsoPx;
        }
      }
    }
    // In 3D the magnitudes come from the world points; the sign of hip flexion (thigh in front
    // of the trunk line or behind it) stays the image's, read against the body's front.
    const w3 = world?.legs[s];
    if (w3 && hipF !== null && w3.hipFlexion !== null) hipF = (hipF < 0 ? -1 : 1) * w3.hipFlexion;
    if (w3 && kneeF !== null && w3.kneeFlexion !== null) kneeF = w3.kneeFlexion;
    legs[s] = { hipFlexion: hipF, kneeFlexion: kneeF, ankleLift: lift, hiddenHipFlexion: hipF === null ? (w3?.inferred ?? null) : null };
  }

  const angles: Record<string, number | null> = {
    trunkElevation: elev,
    hipFlexionLeft: legs.left.hipFlexion,
    hipFlexionRight: legs.right.hipFlexion,
    kneeFlexionLeft: legs.left.kneeFlexion,
    kneeFlexionRight: legs.right.kneeFlexion,
  };
  // Near-side hip extension (bridge) and prone trunk extension (press-up).
  // Hip extension (bridge) on the supporting leg: the near one, unless the other knee is clearly
  // more bent (a single-leg bridge: the free leg is straight, the supporting one bent, foot down).
  const nl0 = nearLabel ?? 'left';
  const fl0: Side = nl0 === 'left' ? 'right' : 'left';
  const kf = (s: Side) => legs[s].kneeFlexion;
  // source: clinical-basis.md#engineering "supporting leg" (a straight free leg vs a bent supporting knee differ by far more than 30°)
  const nl: Side = kf(fl0) !== null && kf(nl0) !== null && kf(fl0)! - kf(nl0)! > 30 ? fl0 : nl0;
  const nearHip = visible[j(nl, 'Hip')] ? P(j(nl, 'Hip')) : hp;
  const nearSh = visible[j(nl, 'Shoulder')] ? P(j(nl, 'Shoulder')) : sh;
  const nearKnee = visible[j(nl, 'Knee')] ? P(j(nl, 'Knee')) : knee;
  angles.hipExtension = nearSh && nearHip && nearKnee && anterior ? hipExtension(nearSh, nearHip, nearKnee, anterior) : null;
  // In 3D the size of the angle needs no front direction; its sign (over-arched or not) does, and
  // without one (an oblique camera hides the face's offset) the hip is taken as not over-arched.
  const nearHipF3 = visible[j(nl, 'Knee')] ? (world?.legs[nl].hipFlexion ?? null) : null;
  if (nearHipF3 !== null) angles.hipExtension = (angles.hipExtension !== null && angles.hipExtension > 0 ? 1 : -1) * nearHipF3;
  angles.proneTrunkExtension = world?.proneTrunkExtension ?? (sh && hp && foot ? proneTrunkExtension(sh, hp, foot) : null);
  angles.shoulderHipRotation = null;
  if (frame.world && seen('leftShoulder', 'rightShoulder', 'leftHip', 'rightHip')) {
    const w = frame.world;
    angles.shoulderHipRotation = shoulderHipRotation3D(w.leftShoulder, w.rightShoulder, w.leftHip, w.rightHip);
  }

  return [
    {
      tMs: frame.tMs,
      visible,
      meanScore,
      torsoPx,
      extent,
      view,
      measure: world ? '3d' : '2d',
      posture,
      facing,
      superior,
      anterior,
      nearSide,
      nearLabel,
      legs,
      angles,
      implausible,
      joints: frame.joints,
      ...(frame.world ? { world: frame.world } : {}),
    },
    { anteriorSign, thighRatio, thighOffSinceMs, lyingSinceMs, postureAtMs },
  ];
}

