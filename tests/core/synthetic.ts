/** Synthetic side-view skeletons for unit tests (not real data; real streams live in tests/fixtures). */
import { JOINTS, type Joint, type Keypoint, type PoseFrame } from '../../src/core/pose';

export const W = 640;
export const H = 360;

type Pts = Partial<Record<Joint, [number, number]>>;

function frameFrom(tMs: number, near: Pts, far: Pts, head: Pts, opts: FrameOpts): PoseFrame {
  const joints = {} as Record<Joint, Keypoint>;
  for (const j of JOINTS) joints[j] = { x: 0, y: 0, score: 0 };
  const put = (pts: Pts, score: number) => {
    for (const [j, p] of Object.entries(pts) as [Joint, [number, number]][]) {
      const x = opts.headAt === 'right' ? W - p[0] : p[0];
      joints[j] = { x, y: p[1], score };
    }
  };
  put(far, 0.75);
  put(near, 0.95);
  put(head, 0.9);
  for (const j of opts.drop ?? []) joints[j] = { ...joints[j], score: 0.05 };
  return { tMs, width: W, height: H, joints };
}

export interface FrameOpts {
  /** Where the head is in the image (default left). */
  headAt?: 'left' | 'right';
  /** The model's labels swapped (left ↔ right), as happens in side views. */
  swapLabels?: boolean;
  /** Joints the model did not see. */
  drop?: Joint[];
}

/**
 * The person's own near and far sides for a supine body: head at image-left means the right side
 * faces the camera (left = superior × anterior points away from the camera).
 */
function sides(opts: FrameOpts): { near: 'left' | 'right'; far: 'left' | 'right' } {
  let near: 'left' | 'right' = opts.headAt === 'right' ? 'left' : 'right';
  if (opts.swapLabels) near = near === 'left' ? 'right' : 'left';
  return { near, far: near === 'left' ? 'right' : 'left' };
}

const HEAD: Pts = { nose: [58, 232], leftEar: [70, 244], rightEar: [70, 244], leftEye: [62, 236], rightEye: [62, 236] };

/** A supine bridge: `lift` 0 = hips on the floor, 1 = shoulder-hip-knee in line (px of lift scaled). */
export function bridgeFrame(tMs: number, lift: number, opts: FrameOpts = {}): PoseFrame {
  const { near, far } = sides(opts);
  const sh: [number, number] = [100, 250];
  const knee: [number, number] = [400, 150];
  const ankle: [number, number] = [480, 250];
  // On the shoulder-knee line at x = 260 the hip is 53 px up.
  const hip: [number, number] = [260, 250 - lift * 53];
  const leg = (s: string, dx: number): Pts => ({
    [`${s}Shoulder`]: [sh[0] + dx, sh[1]],
    [`${s}Hip`]: [hip[0] + dx, hip[1]],
    [`${s}Knee`]: [knee[0] + dx, knee[1]],
    [`${s}Ankle`]: [ankle[0] + dx, ankle[1]],
    [`${s}Elbow`]: [150 + dx, 255],
    [`${s}Wrist`]: [200 + dx, 255],
  });
  return frameFrom(tMs, leg(near, 0), leg(far, 4), HEAD, opts);
}

/** Supine, legs straight; the far leg raised `farDeg`, the near one `nearDeg` (deg from the bed). */
export function slrFrame(tMs: number, farDeg: number, nearDeg = 0, opts: FrameOpts = {}): PoseFrame {
  const { near, far } = sides(opts);
  const hip: [number, number] = [260, 250];
  const leg = (s: string, deg: number, dx: number): Pts => {
    const a = (deg * Math.PI) / 180;
    return {
      [`${s}Shoulder`]: [100 + dx, 250],
      [`${s}Hip`]: [hip[0] + dx, hip[1]],
      [`${s}Knee`]: [hip[0] + dx + 150 * Math.cos(a), hip[1] - 150 * Math.sin(a)],
      [`${s}Ankle`]: [hip[0] + dx + 300 * Math.cos(a), hip[1] - 300 * Math.sin(a)],
    };
  };
  return frameFrom(tMs, leg(near, nearDeg, 0), leg(far, farDeg, 4), HEAD, opts);
}

/** A person standing facing the camera (a front view). */
export function standingFrontFrame(tMs: number): PoseFrame {
  const pts: Pts = {
    nose: [320, 60],
    leftEar: [335, 62],
    rightEar: [305, 62],
    leftShoulder: [360, 100],
    rightShoulder: [280, 100],
    leftHip: [345, 200],
    rightHip: [295, 200],
    leftKnee: [345, 270],
    rightKnee: [295, 270],
    leftAnkle: [345, 340],
    rightAnkle: [295, 340],
  };
  return frameFrom(tMs, pts, {}, {}, {});
}

/** For the smoother tests: a bridge frame with both hips at x = hipX. */
export function syntheticFrame(tMs: number, o: { hipX: number }): PoseFrame {
  const f = bridgeFrame(tMs, 0);
  f.joints.leftHip.x = o.hipX;
  f.joints.rightHip.x = o.hipX;
  return f;
}

/** Sample times (ms) at `fps` over `durationS`. */
export function times(fps: number, durationS: number, t0 = 0): number[] {
  const out: number[] = [];
  for (let i = 0; t0 + (i * 1000) / fps <= t0 + durationS * 1000 + 1e-6; i++) out.push(t0 + (i * 1000) / fps);
  return out;
}

/**
 * A smooth rep profile 0 → 1 → 0 over time: rise `riseS`, top `topS`, lower `lowerS`, rest `restS`.
 * Returns the value at `tS` for rep cycles repeated from 0.
 */
export function repProfile(tS: number, p: { riseS: number; topS: number; lowerS: number; restS: number }): number {
  const cycle = p.restS + p.riseS + p.topS + p.lowerS;
  const t = tS % cycle;
  const ease = (x: number) => 0.5 - 0.5 * Math.cos(Math.PI * Math.min(1, Math.max(0, x)));
  if (t < p.restS) return 0;
  if (t < p.restS + p.riseS) return ease((t - p.restS) / p.riseS);
  if (t < p.restS + p.riseS + p.topS) return 1;
  return 1 - ease((t - p.restS - p.riseS - p.topS) / p.lowerS);
}
