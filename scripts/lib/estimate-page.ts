/**
 * What the estimator harness page (tests/browser/pages/estimate.html, window.__rw) returns: shared
 * by the browser tests that drive it and scripts/bench-pose.ts, which may not import from tests/.
 */
import type { PoseFrame } from '../../src/core/pose';

export interface EstimateSummary {
  backend: string;
  software: boolean;
  renderer?: string;
  frame: PoseFrame | null;
  attempts: number;
}

export interface BenchResult {
  model: string;
  backend: string;
  software: boolean;
  renderer?: string;
  loadMs: number;
  firstFrameMs: number;
  /** Warm per-frame times (ms), first frame excluded. */
  times: number[];
  posesFound: number;
  error?: string;
}
