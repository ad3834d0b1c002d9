/**
 * BlazePose on Google's MediaPipe runtime (its own wasm + WebGL, not tfjs). Browser only and
 * needs WebGL; files come from the app's /models/mediapipe folder, never a CDN. On a machine
 * with a real GPU this is the fastest BlazePose; with software GL it is slow (see bench/).
 */
import * as poseDetection from '@tensorflow-models/pose-detection';
import type { BackendInfo, PoseEstimator } from './estimator';
import { EstimatorError } from './errors';
import { wrapDetector } from './detector-estimator';
import { isSoftwareRenderer, probeWebGL } from './backend';
import type { ModelLocator } from './model-source';
import type { Model } from './model-table';

export interface MediaPipeOptions {
  /** Its row in the model table (the runtime picks its landmark file by variant). */
  row: Extract<Model, { runtime: 'mediapipe' }>;
  locate: ModelLocator;
  smoothing: boolean;
  /** Give up loading after this long (ms); the runtime otherwise waits forever on a missing file. */
  timeoutMs?: number;
}

export async function loadBlazePoseMediaPipe(opts: MediaPipeOptions): Promise<PoseEstimator> {
  if (typeof document === 'undefined') {
    throw new EstimatorError('unsupported-runtime', 'the MediaPipe runtime runs only in a browser');
  }
  const gl = probeWebGL();
  if (!gl.available) throw new EstimatorError('unsupported-runtime', 'the MediaPipe runtime needs WebGL');
  const backend: BackendInfo =
    gl.renderer === undefined
      ? { name: 'mediapipe-webgl', software: false }
      : { name: 'mediapipe-webgl', software: isSoftwareRenderer(gl.renderer), renderer: gl.renderer };
  const solutionPath = opts.locate.mediapipe();
  const created = poseDetection.createDetector(poseDetection.SupportedModels.BlazePose, {
    runtime: 'mediapipe',
    modelType: opts.row.variant,
    enableSmoothing: opts.smoothing,
    enableSegmentation: false,
    solutionPath,
  });
  const timeoutMs = opts.timeoutMs ?? 60_000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new EstimatorError('model-load-failed', `MediaPipe runtime did not load from ${solutionPath} within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    const detector = await Promise.race([created, timeout]);
    return wrapDetector(detector, { model: opts.row.id, backend });
  } finally {
    clearTimeout(timer);
  }
}
