/**
 * Geometry of the "primary model on the patient's crop" path of the cross-check (./cross-check.ts):
 * which part of the frame to give BlazePose when MoveNet found the patient and BlazePose, on the whole
 * frame, is on someone else, and how to map the pose found in that crop back to the whole frame.
 * Pure data (PoseFrames and numbers): no DOM, no tfjs. Cutting the pixels is ./crop-input.ts.
 */
import { JOINTS, type Joint, type Keypoint, type PoseFrame } from '../core/pose';

/** A crop rectangle in whole-frame pixels: integer origin and size, inside the frame. */
export interface CropBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface CropBoxOptions {
  /** Keypoints scored at least this (by the pose the box is built around) span the body. */
  minScore: number;
  /** Margin added on every side of the keypoints' bounding box, in torso lengths. */
  marginTorso: number;
  /** The shorter side is widened (about the centre) to at least this fraction of the longer side. */
  minAspect: number;
}

export const CROP_DEFAULTS: Readonly<CropBoxOptions> = Object.freeze({
  // source: POSE-BASELINE.md ("near lower body ≥ 0.5" is the visibility criterion used throughout).
  minScore: 0.5,
  // source: geometry (anthropometric segment lengths, e.g. Drillis & Contini: shoulder-hip ≈ 0.29 of
  // stature, knee-ankle ≈ 0.25, ankle-toe ≈ 0.15 in length): what MoveNet most often misses on a lying body
  // is the lower leg and foot beyond a confident knee, ≈ 0.85 torso, and the hands beyond an elbow,
  // ≈ 0.6 torso. One torso length on every side keeps them in the crop; BlazePose's own ROI is the body
  // plus 25 % (pose-detection's BlazePose roi scale), so the crop also leaves it room.
  marginTorso: 1,
  // source: starting point. BlazePose letterboxes its input to a square (detector 224², landmarks
  // 256²); a long thin strip would be mostly padding, so widen the short side to half the long one.
  // (Not a full square: for a lying body that would add a body length of room above it, where the
  // second person stands.)
  minAspect: 0.5,
});

const SHOULDERS: readonly Joint[] = ['leftShoulder', 'rightShoulder'];
const HIPS: readonly Joint[] = ['leftHip', 'rightHip'];

function midOf(pose: PoseFrame, joints: readonly Joint[], minScore: number): { x: number; y: number } | null {
  let x = 0;
  let y = 0;
  let n = 0;
  for (const j of joints) {
    const k = pose.joints[j];
    if (k.score >= minScore) {
      x += k.x;
      y += k.y;
      n++;
    }
  }
  return n > 0 ? { x: x / n, y: y / n } : null;
}

/** Mid-shoulder to mid-hip of the keypoints scored ≥ minScore; null without a shoulder and a hip. */
export function torsoLength(pose: PoseFrame, minScore: number): number | null {
  const sh = midOf(pose, SHOULDERS, minScore);
  const hip = midOf(pose, HIPS, minScore);
  if (!sh || !hip) return null;
  const t = Math.hypot(sh.x - hip.x, sh.y - hip.y);
  return t > 0 ? t : null;
}

/**
 * The crop around the body of `pose`: the bounding box of its keypoints scored ≥ minScore (and of
 * `also`'s: earlier poses of the same body, whose limbs the checker may not see now), plus
 * marginTorso torso lengths (of `pose`) on every side, the short side widened to minAspect of the long
 * one, clipped to the frame and rounded outwards to whole pixels. null: no trunk to measure (no
 * confident shoulder or hip in `pose`), or nothing left inside the frame. (The wrapper does not pass
 * `also`: widening the crop by the last crop pose's limbs let the nurse into it on the nursing-bed
 * clip, 97 of 368 crop poses rejected instead of 3, and the count fell from 2 to 1; bench/cross-check.md.)
 */
export function cropBox(pose: PoseFrame, options: Partial<CropBoxOptions> = {}, also: readonly PoseFrame[] = []): CropBox | null {
  const o = { ...CROP_DEFAULTS, ...options };
  const torso = torsoLength(pose, o.minScore);
  if (torso === null) return null;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const f of [pose, ...also]) {
    for (const j of JOINTS) {
      const k = f.joints[j];
      if (k.score < o.minScore || !Number.isFinite(k.x) || !Number.isFinite(k.y)) continue;
      x0 = Math.min(x0, k.x);
      y0 = Math.min(y0, k.y);
      x1 = Math.max(x1, k.x);
      y1 = Math.max(y1, k.y);
    }
  }
  const m = o.marginTorso * torso;
  x0 -= m;
  y0 -= m;
  x1 += m;
  y1 += m;
  const w = x1 - x0;
  const h = y1 - y0;
  if (w < o.minAspect * h) {
    const grow = (o.minAspect * h - w) / 2;
    x0 -= grow;
    x1 += grow;
  } else if (h < o.minAspect * w) {
    const grow = (o.minAspect * w - h) / 2;
    y0 -= grow;
    y1 += grow;
  }
  const bx0 = Math.max(0, Math.floor(x0));
  const by0 = Math.max(0, Math.floor(y0));
  const bx1 = Math.min(pose.width, Math.ceil(x1));
  const by1 = Math.min(pose.height, Math.ceil(y1));
  if (bx1 - bx0 < 2 || by1 - by0 < 2) return null;
  return { x: bx0, y: by0, width: bx1 - bx0, height: by1 - by0 };
}

/**
 * A pose found in the crop `box`, in whole-frame pixels: keypoints shifted by the crop's origin, the
 * frame size set to the whole frame's. The 3D world points (metres, hip-centred) do not depend on
 * where the image was cut and are kept as they are. Scores are kept.
 */
export function poseFromCrop(pose: PoseFrame, box: CropBox, frameWidth: number, frameHeight: number): PoseFrame {
  const joints = {} as Record<Joint, Keypoint>;
  for (const j of JOINTS) {
    const k = pose.joints[j];
    // A keypoint the model did not produce (score 0) stays a missing point at 0, 0.
    joints[j] = k.score > 0 ? { x: k.x + box.x, y: k.y + box.y, score: k.score } : { x: k.x, y: k.y, score: k.score };
  }
  const out: PoseFrame = { tMs: pose.tMs, width: frameWidth, height: frameHeight, joints };
  if (pose.world) out.world = pose.world;
  return out;
}
