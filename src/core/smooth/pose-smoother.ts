/**
 * Per-joint One-Euro smoothing of PoseFrames. Resets on dropouts so that it never smooths
 * across a person leaving the frame: a null frame or a gap in time resets every joint, and a
 * joint whose score drops below `minScore` is passed through raw and its filter restarts
 * when it comes back.
 */
import { JOINTS, type Joint, type Keypoint, type PoseFrame, type WorldPoint } from '../pose';
import { OneEuroFilter, type OneEuroParams } from './one-euro';

export interface SmootherOptions {
  /** 2D filter parameters; beta is per pixel, so it is scaled by 1/frame height. */
  params: OneEuroParams;
  /** A longer gap between frames than this resets the filters (ms). */
  maxGapMs: number;
  /** Below this score a joint is not filtered and its filter restarts (0-1). */
  minScore: number;
}

export const DEFAULT_SMOOTHER: SmootherOptions = {
  // Tuned for 10-30 fps body keypoints: mild smoothing at rest, little lag when moving.
  params: { minCutoffHz: 1.5, beta: 0.4, dCutoffHz: 1.0 },
  maxGapMs: 500,
  minScore: 0.3,
};

interface JointFilters {
  x: OneEuroFilter;
  y: OneEuroFilter;
}

/** Smooths a stream of frames joint by joint; call `reset()` on a cut or a seek. */
export class PoseSmoother {
  private readonly filters = new Map<Joint, JointFilters>();
  private lastT: number | null = null;

  constructor(readonly options: SmootherOptions = DEFAULT_SMOOTHER) {}

  reset(): void {
    for (const f of this.filters.values()) {
      f.x.reset();
      f.y.reset();
    }
    this.lastT = null;
  }

  /** Smooth one frame (or null: nobody in view, which resets). Returns a new frame. */
  push(frame: PoseFrame | null): PoseFrame | null {
    if (!frame) {
      this.reset();
      return null;
    }
    if (this.lastT !== null && (frame.tMs - this.lastT > this.options.maxGapMs || frame.tMs < this.lastT)) {
      this.reset();
    }
    this.lastT = frame.tMs;
    const tS = frame.tMs / 1000;
    // Normalise to the frame height so that beta does not depend on the resolution.
    const scale = frame.height > 0 ? frame.height : 1;
    const joints = {} as Record<Joint, Keypoint>;
    for (const j of JOINTS) {
      const k = frame.joints[j];
      let f = this.filters.get(j);
      if (!f) {
        f = { x: new OneEuroFilter(this.options.params), y: new OneEuroFilter(this.options.params) };
        this.filters.set(j, f);
      }
      if (k.score < this.options.minScore) {
        f.x.reset();
        f.y.reset();
        joints[j] = { x: k.x, y: k.y, score: k.score };
        continue;
      }
      joints[j] = {
        x: f.x.filter(k.x / scale, tS) * scale,
        y: f.y.filter(k.y / scale, tS) * scale,
        score: k.score,
      };
    }
    const out: PoseFrame = { tMs: frame.tMs, width: frame.width, height: frame.height, joints };
    if (frame.world) out.world = { ...frame.world } as Record<Joint, WorldPoint>;
    return out;
  }
}
