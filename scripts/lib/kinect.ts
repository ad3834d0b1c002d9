/**
 * Public rehab skeleton sets (KERAAL, KIMORE; MANIFEST §3.1-3.2 of ../shared/data) as our
 * PoseFrame stream, so the same engine that counts webcam keypoints counts them.
 *
 * Both sets come from a Kinect v2: 25 joints, x/y/z in metres in the sensor's camera space
 * (Microsoft's CameraSpacePoint docs: "X grows to the sensor's left, Y grows up, Z grows out in
 * the direction the sensor is facing"; so x grows toward the person's right when they face it).
 * Kinect names joints by the person's own side: in every file here ShoulderLeft has the smaller x.
 * We place a pinhole camera where the sensor was, looking the same way, and project the 3D points to a 640×480 image (x right, y down, as a webcam that is
 * not mirrored sees someone facing it); `world` is the same 3D points re-centred at the hip
 * midpoint with BlazePose's axes (x right in the image, y down, z away from the camera, metres).
 *
 * Pure functions over text: the callers read the files from ../shared/data/keypoints at run
 * time; nothing of the data is copied into the repository.
 */
import { emptyJoints, JOINTS, type Joint, type PoseFrame, type WorldPoint } from '../../src/core/pose';

/** Kinect v2 joint order (KERAAL readme §2.1, KIMORE JointPosition files). */
export const KINECT_JOINTS = [
  'SpineBase',
  'SpineMid',
  'Neck',
  'Head',
  'ShoulderLeft',
  'ElbowLeft',
  'WristLeft',
  'HandLeft',
  'ShoulderRight',
  'ElbowRight',
  'WristRight',
  'HandRight',
  'HipLeft',
  'KneeLeft',
  'AnkleLeft',
  'FootLeft',
  'HipRight',
  'KneeRight',
  'AnkleRight',
  'FootRight',
  'SpineShoulder',
  'HandTipLeft',
  'ThumbLeft',
  'HandTipRight',
  'ThumbRight',
] as const;
export type KinectJoint = (typeof KINECT_JOINTS)[number];

/** Kinect's own tracking state of a joint. */
export type TrackingState = 'tracked' | 'inferred' | 'untracked';

/** One Kinect joint in camera space (metres); null = not in the file (NaN, or all zeros). */
export interface KinectPoint {
  x: number;
  y: number;
  z: number;
  state: TrackingState;
}

/** One Kinect skeleton frame: the 25 joints, or null for a row with no usable joint. */
export type KinectFrame = Record<KinectJoint, KinectPoint | null> | null;

/**
 * Our joints from Kinect's. Kinect has no eyes or ears (left missing) and no heel point; its
 * Head joint is the centre of the head, which stands in for the nose (a front view puts it a
 * few centimetres above and behind the nose; side-view features that need the face offset from
 * the ears cannot be computed from it). FootLeft/Right sit near the ball of the foot.
 */
export const JOINT_MAP: Partial<Record<Joint, KinectJoint>> = {
  nose: 'Head',
  leftShoulder: 'ShoulderLeft',
  rightShoulder: 'ShoulderRight',
  leftElbow: 'ElbowLeft',
  rightElbow: 'ElbowRight',
  leftWrist: 'WristLeft',
  rightWrist: 'WristRight',
  leftHip: 'HipLeft',
  rightHip: 'HipRight',
  leftKnee: 'KneeLeft',
  rightKnee: 'KneeRight',
  leftAnkle: 'AnkleLeft',
  rightAnkle: 'AnkleRight',
  leftFootIndex: 'FootLeft',
  rightFootIndex: 'FootRight',
};

/** Keypoint score per Kinect tracking state (a webcam model's "seen" vs "guessed"). */
export const STATE_SCORE: Record<TrackingState, number> = {
  tracked: 0.9,
  // Kinect's inferred joints are placed from the rest of the body: usable, but less sure. Above
  // the core's 0.5 visibility threshold, as a webcam model's guess at a half-hidden wrist is.
  inferred: 0.6,
  untracked: 0,
};

/**
 * KIMORE JointPosition rows: 25 × (x, y, z, tracking state 0/1/2) and a trailing empty field.
 * In the *filtered* files the state column went through the same smoothing as the positions
 * (values like 0.95 or 1.8 appear), so it is rounded: ≥ 1.5 tracked, ≥ 0.5 inferred.
 */
export function parseKimoreCsv(text: string): KinectFrame[] {
  const out: KinectFrame[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const f = line.split(',').map((s) => (s.trim() === '' ? NaN : Number(s)));
    const frame = {} as Record<KinectJoint, KinectPoint | null>;
    let any = false;
    KINECT_JOINTS.forEach((name, i) => {
      const [x, y, z, st] = [f[i * 4], f[i * 4 + 1], f[i * 4 + 2], f[i * 4 + 3]] as (number | undefined)[];
      const p = point(x, y, z, st === undefined || Number.isNaN(st) ? 'tracked' : st >= 1.5 ? 'tracked' : st >= 0.5 ? 'inferred' : 'untracked');
      frame[name] = p;
      if (p) any = true;
    });
    out.push(any ? frame : null);
  }
  return out;
}

/**
 * KERAAL Kinect files (readme §2.2): one row per frame, 25 × (x, y, z, quaternion x, y, z, w)
 * space-separated. No tracking state: a joint with a position is taken as tracked.
 */
export function parseKeraalKinect(text: string): KinectFrame[] {
  const out: KinectFrame[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const f = line.trim().split(/\s+/).map(Number);
    const frame = {} as Record<KinectJoint, KinectPoint | null>;
    let any = false;
    KINECT_JOINTS.forEach((name, i) => {
      const p = point(f[i * 7], f[i * 7 + 1], f[i * 7 + 2], 'tracked');
      frame[name] = p;
      if (p) any = true;
    });
    out.push(any ? frame : null);
  }
  return out;
}

function point(x: number | undefined, y: number | undefined, z: number | undefined, state: TrackingState): KinectPoint | null {
  if (x === undefined || y === undefined || z === undefined) return null;
  if (!Number.isFinite(x) || !Number.isFinite(y) || !Number.isFinite(z)) return null;
  if (x === 0 && y === 0 && z === 0) return null; // Kinect writes zeros for a joint it never had
  if (z <= 0) return null; // behind the sensor: not a real point
  return { x, y, z, state };
}

export interface CameraOptions {
  /** Frame rate of the file (Hz); both sets are 30. */
  fps?: number;
  width?: number;
  height?: number;
  /**
   * Focal length in pixels. Default: the Kinect v2 depth camera's vertical field of view (60°)
   * over the image height, 240 / tan 30° ≈ 416 px at 480 px: the person is as large in the frame
   * as the sensor saw them (about 270-300 px tall standing at 2.5-3 m, like a webcam at that
   * distance).
   */
  focalPx?: number;
}

export const DEFAULT_CAMERA = { fps: 30, width: 640, height: 480, focalPx: 240 / Math.tan((30 * Math.PI) / 180) } as const;

/**
 * Kinect skeleton frames → PoseFrames (null stays null: nobody in view). A joint the file lacks
 * is missing (score 0); `world` is set when both hips are present, re-centred at their midpoint;
 * a joint missing there sits at the hip midpoint (the core reads world points only for joints
 * whose 2D keypoint it sees).
 */
export function kinectToPoseFrames(frames: readonly KinectFrame[], options: CameraOptions = {}): { tMs: number; frame: PoseFrame | null }[] {
  const fps = options.fps ?? DEFAULT_CAMERA.fps;
  const width = options.width ?? DEFAULT_CAMERA.width;
  const height = options.height ?? DEFAULT_CAMERA.height;
  const f = options.focalPx ?? DEFAULT_CAMERA.focalPx;
  return frames.map((k, i) => {
    const tMs = Math.round((i * 1000) / fps);
    if (!k) return { tMs, frame: null };
    const joints = emptyJoints();
    let any = false;
    for (const [ours, theirs] of Object.entries(JOINT_MAP) as [Joint, KinectJoint][]) {
      const p = k[theirs];
      if (!p || p.state === 'untracked') continue;
      // Sensor x grows toward the sensor's left, which is the image's left: image x = cx − f·x/z.
      joints[ours] = { x: width / 2 - (f * p.x) / p.z, y: height / 2 - (f * p.y) / p.z, score: STATE_SCORE[p.state] };
      any = true;
    }
    if (!any) return { tMs, frame: null };
    const frame: PoseFrame = { tMs, width, height, joints };
    const lh = k.HipLeft;
    const rh = k.HipRight;
    if (lh && rh) {
      const c = { x: (lh.x + rh.x) / 2, y: (lh.y + rh.y) / 2, z: (lh.z + rh.z) / 2 };
      const world = {} as Record<Joint, WorldPoint>;
      for (const j of JOINTS) {
        const theirs = JOINT_MAP[j];
        const p = theirs ? k[theirs] : null;
        // BlazePose axes: x right in the image (= −sensor x), y down (= −sensor y), z away (= sensor z).
        world[j] = p ? { x: -(p.x - c.x), y: -(p.y - c.y), z: p.z - c.z } : { x: 0, y: 0, z: 0 };
      }
      frame.world = world;
    }
    return { tMs, frame };
  });
}

// ---------------------------------------------------------------------------------------------
// Plain movement signals, for the clips that map to no exercise of ours (seated rotation, arm
// raises, lateral tilts): computed from the PoseFrames' 3D world points after the core's own
// smoothing, and counted by the core's generic counters (stepReps / stepAlternating).

const DEG = 180 / Math.PI;

/** The joints a signal needs, seen in 2D (score ≥ the core's visibility threshold). */
function seen(f: PoseFrame, joints: readonly Joint[]): boolean {
  return joints.every((j) => f.joints[j].score >= 0.5);
}

/**
 * Shoulder-line yaw against the camera (deg; + = the trunk turned to the person's left): the
 * heading of the left-minus-right shoulder vector in the horizontal plane, the same formula as
 * the core's shoulderHipRotation3D without subtracting the hip line.
 */
export function shoulderYaw(f: PoseFrame): number | null {
  if (!f.world || !seen(f, ['leftShoulder', 'rightShoulder'])) return null;
  const l = f.world.leftShoulder;
  const r = f.world.rightShoulder;
  return Math.atan2(l.z - r.z, l.x - r.x) * DEG;
}

/**
 * Lateral trunk tilt in the frontal plane (deg; + = toward the person's left): the shoulder
 * midpoint against the hip midpoint, seen from the front (x right, y down).
 */
export function lateralTilt(f: PoseFrame): number | null {
  if (!f.world || !seen(f, ['leftShoulder', 'rightShoulder', 'leftHip', 'rightHip'])) return null;
  const w = f.world;
  const dx = (w.leftShoulder.x + w.rightShoulder.x - w.leftHip.x - w.rightHip.x) / 2;
  const dy = (w.leftShoulder.y + w.rightShoulder.y - w.leftHip.y - w.rightHip.y) / 2;
  return Math.atan2(dx, -dy) * DEG;
}

/**
 * Arm elevation (deg; 0 = the arms by the sides, 90 = level with the shoulders, 180 = straight
 * up): the angle between the trunk's downward direction and shoulder→wrist, the mean of the two
 * arms (both arms move together in the clips this is used on).
 */
export function armElevation(f: PoseFrame): number | null {
  if (!f.world || !seen(f, ['leftShoulder', 'rightShoulder', 'leftHip', 'rightHip', 'leftWrist', 'rightWrist'])) return null;
  const w = f.world;
  const down = { x: (w.leftHip.x + w.rightHip.x - w.leftShoulder.x - w.rightShoulder.x) / 2, y: (w.leftHip.y + w.rightHip.y - w.leftShoulder.y - w.rightShoulder.y) / 2, z: (w.leftHip.z + w.rightHip.z - w.leftShoulder.z - w.rightShoulder.z) / 2 };
  const angle = (s: WorldPoint, wr: WorldPoint) => {
    const a = { x: wr.x - s.x, y: wr.y - s.y, z: wr.z - s.z };
    const c = (a.x * down.x + a.y * down.y + a.z * down.z) / (Math.hypot(a.x, a.y, a.z) * Math.hypot(down.x, down.y, down.z));
    return Math.acos(Math.max(-1, Math.min(1, c))) * DEG;
  };
  return (angle(w.leftShoulder, w.leftWrist) + angle(w.rightShoulder, w.rightWrist)) / 2;
}

/**
 * Squat depth (% of standing leg height): how far the hip midpoint has come down toward the
 * ankles, 100 × (1 − hip height above the ankles / the leg's length), with the leg's length the
 * mean thigh + shank length in 3D (so 0 = standing straight, about 50 = thighs level).
 */
export function squatDepth(f: PoseFrame): number | null {
  const legs: Joint[] = ['leftHip', 'rightHip', 'leftKnee', 'rightKnee', 'leftAnkle', 'rightAnkle'];
  if (!f.world || !seen(f, legs)) return null;
  const w = f.world;
  const d = (a: WorldPoint, b: WorldPoint) => Math.hypot(a.x - b.x, a.y - b.y, a.z - b.z);
  const leg = (d(w.leftHip, w.leftKnee) + d(w.leftKnee, w.leftAnkle) + d(w.rightHip, w.rightKnee) + d(w.rightKnee, w.rightAnkle)) / 2;
  if (leg < 1e-6) return null;
  const height = (w.leftAnkle.y + w.rightAnkle.y - w.leftHip.y - w.rightHip.y) / 2; // y down: ankles below = +
  return 100 * (1 - height / leg);
}
