/**
 * pose-detection keypoints → our PoseFrame. Model names are snake_case COCO/BlazePose names
 * and already the subject's own left/right for an unmirrored image; a mirrored source (selfie
 * view fed to the model) swaps sides and x so the result is again anatomical.
 */
import { emptyJoints, JOINTS, type Joint, type PoseFrame, type WorldPoint } from '../core/pose';

/** The subset of pose-detection's Keypoint that we read. */
export interface ModelKeypoint {
  x: number;
  y: number;
  z?: number;
  score?: number;
  name?: string;
}

/** The subset of pose-detection's Pose that we read. */
export interface ModelPose {
  keypoints: ModelKeypoint[];
  keypoints3D?: ModelKeypoint[];
  score?: number;
}

/** snake_case model name → our joint, for every model point we keep (others are dropped). */
export const MODEL_NAME_TO_JOINT: Readonly<Record<string, Joint>> = Object.freeze(
  Object.fromEntries(JOINTS.map((j) => [camelToSnake(j), j])) as Record<string, Joint>,
);

const SWAP: Readonly<Record<Joint, Joint>> = Object.freeze(
  Object.fromEntries(
    JOINTS.map((j) => [
      j,
      (j.startsWith('left') ? j.replace(/^left/, 'right') : j.startsWith('right') ? j.replace(/^right/, 'left') : j) as Joint,
    ]),
  ) as Record<Joint, Joint>,
);

export interface ToPoseFrameOptions {
  tMs: number;
  /** Source frame size in px (the whole frame, also when the model saw only a part of it). */
  width: number;
  height: number;
  /** The model saw only the part of the frame whose top-left corner is here (px): its points are shifted back. */
  offset?: { x: number; y: number };
  /** The frame given to the model was mirrored: swap left/right and flip x back. Default false. */
  mirrored?: boolean;
}

/** Convert one model pose. Missing joints keep score 0; scores are clamped to 0-1. */
export function toPoseFrame(pose: ModelPose, opts: ToPoseFrameOptions): PoseFrame {
  const joints = emptyJoints();
  const mirrored = opts.mirrored ?? false;
  const dx = opts.offset?.x ?? 0;
  const dy = opts.offset?.y ?? 0;
  for (const kp of pose.keypoints) {
    const j = kp.name ? MODEL_NAME_TO_JOINT[kp.name] : undefined;
    if (!j || !Number.isFinite(kp.x) || !Number.isFinite(kp.y)) continue;
    const target = mirrored ? SWAP[j] : j;
    joints[target] = {
      x: mirrored ? opts.width - 1 - (kp.x + dx) : kp.x + dx,
      y: kp.y + dy,
      score: clamp01(kp.score ?? 0),
    };
  }
  const frame: PoseFrame = { tMs: opts.tMs, width: opts.width, height: opts.height, joints };
  if (pose.keypoints3D && pose.keypoints3D.length > 0) {
    const world = {} as Record<Joint, WorldPoint>;
    for (const j of JOINTS) world[j] = { x: 0, y: 0, z: 0 };
    for (const kp of pose.keypoints3D) {
      const j = kp.name ? MODEL_NAME_TO_JOINT[kp.name] : undefined;
      if (!j) continue;
      // World x points to the subject's left in BlazePose's frame; mirroring flips it like 2D x.
      world[mirrored ? SWAP[j] : j] = { x: mirrored ? -kp.x : kp.x, y: kp.y, z: kp.z ?? 0 };
    }
    frame.world = world;
  }
  return frame;
}

function camelToSnake(s: string): string {
  return s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : Number.isFinite(v) ? v : 0;
}
