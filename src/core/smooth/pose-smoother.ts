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
  /** The 3D world point (metres, about the size of a frame height in the 2D units). */
  wx: OneEuroFilter;
  wy: OneEuroFilter;
  wz: OneEuroFilter;
}

const filtersOf = (f: JointFilters) => [f.x, f.y, f.wx, f.wy, f.wz];

/** Smooths a stream of frames joint by joint; call `reset()` on a cut or a seek. */
export class PoseSmoother {
  private readonly filters = new Map<Joint, JointFilters>();
  private lastT: number | null = null;

  constructor(readonly options: SmootherOptions = DEFAULT_SMOOTHER) {}

  reset(): void {
    for (const f of this.filters.values()) for (const k of filtersOf(f)) k.reset();
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
    const world = frame.world ? ({} as Record<Joint, WorldPoint>) : undefined;
    const p = this.options.params;
    for (const j of JOINTS) {
      const k = frame.joints[j];
      const w = frame.world?.[j];
      let f = this.filters.get(j);
      if (!f) {
        f = { x: new OneEuroFilter(p), y: new OneEuroFilter(p), wx: new OneEuroFilter(p), wy: new OneEuroFilter(p), wz: new OneEuroFilter(p) };
        this.filters.set(j, f);
      }
      if (k.score < this.options.minScore) {
        for (const fl of filtersOf(f)) fl.reset();
        joints[j] = { x: k.x, y: k.y, score: k.score };
        if (world && w) world[j] = { x: w.x, y: w.y, z: w.z };
        continue;
      }
      joints[j] = {
        x: f.x.filter(k.x / scale, tS) * scale,
        y: f.y.filter(k.y / scale, tS) * scale,
        score: k.score,
      };
      if (world && w) world[j] = { x: f.wx.filter(w.x, tS), y: f.wy.filter(w.y, tS), z: f.wz.filter(w.z, tS) };
      else if (!w) for (const fl of [f.wx, f.wy, f.wz]) fl.reset();
    }
    const out: PoseFrame = { tMs: frame.tMs, width: frame.width, height: frame.height, joints };
    if (world) out.world = world;
    return out;
  }
}
