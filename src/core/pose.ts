/**
 * The PoseFrame contract: what every estimator produces and everything in core consumes.
 * Pure data, no DOM, no tfjs. Joint names are anatomical and the subject's own left/right.
 */

/** Our joint set: the COCO-17 points plus BlazePose's heels and foot tips. */
export const JOINTS = [
  'nose',
  'leftEye',
  'rightEye',
  'leftEar',
  'rightEar',
  'leftShoulder',
  'rightShoulder',
  'leftElbow',
  'rightElbow',
  'leftWrist',
  'rightWrist',
  'leftHip',
  'rightHip',
  'leftKnee',
  'rightKnee',
  'leftAnkle',
  'rightAnkle',
  'leftHeel',
  'rightHeel',
  'leftFootIndex',
  'rightFootIndex',
] as const;

export type Joint = (typeof JOINTS)[number];

/** One 2D keypoint: x, y in source-frame pixels (y down), score 0-1 (0 = not produced by the model). */
export interface Keypoint {
  x: number;
  y: number;
  score: number;
}

/** One 3D world point in metres, hip-centred (BlazePose only). */
export interface WorldPoint {
  x: number;
  y: number;
  z: number;
}

/** One estimated pose at time tMs (ms from the start of the source; the only clock core knows). */
export interface PoseFrame {
  tMs: number;
  width: number;
  height: number;
  joints: Record<Joint, Keypoint>;
  world?: Record<Joint, WorldPoint>;
}

/** A keypoint that the model did not produce (e.g. heels from MoveNet). */
export const MISSING: Readonly<Keypoint> = Object.freeze({ x: 0, y: 0, score: 0 });

/** Build a joints record with every joint missing; adapters fill in what they have. */
export function emptyJoints(): Record<Joint, Keypoint> {
  const out = {} as Record<Joint, Keypoint>;
  for (const j of JOINTS) out[j] = { x: 0, y: 0, score: 0 };
  return out;
}
