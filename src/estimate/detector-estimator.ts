/**
 * Wraps a pose-detection PoseDetector as our PoseEstimator: input preparation, tensor
 * disposal, single-pose output, typed errors. Shared by every model adapter.
 */
import type { PoseDetector } from '@tensorflow-models/pose-detection';
import type { PoseFrame } from '../core/pose';
import type { BackendInfo, ModelId, PoseEstimator, Region } from './estimator';
import { EstimatorError, errorText, isEstimatorError } from './errors';
import { clampRegion, cropPrepared, prepareInput, type PreparedInput } from './input';
import { toPoseFrame, type ModelPose } from './to-pose-frame';

export interface WrapOptions {
  model: ModelId;
  backend: BackendInfo;
  /** The frames fed to the model are mirrored (selfie view): map back to anatomical sides. */
  mirrored?: boolean;
}

export function wrapDetector(detector: PoseDetector, opts: WrapOptions): PoseEstimator {
  let disposed = false;
  return {
    model: opts.model,
    backend: opts.backend,
    async estimate(input: unknown, tMs: number, region?: Region): Promise<PoseFrame | null> {
      if (disposed) throw new EstimatorError('estimate-failed', 'estimator already disposed');
      const prepared = prepareInput(input);
      let part: PreparedInput | null = null;
      try {
        const mirrored = opts.mirrored ?? false;
        // The region is in the output's px; on a mirrored input it lies mirrored.
        const r = region
          ? clampRegion(mirrored ? { ...region, x: prepared.width - region.x - region.width } : region, prepared.width, prepared.height)
          : null;
        if (r) part = cropPrepared(prepared, r);
        const poses = (await detector.estimatePoses(
          (part ?? prepared).image,
          { maxPoses: 1, flipHorizontal: false },
          tMs,
        )) as ModelPose[];
        const pose = poses[0];
        if (!pose || pose.keypoints.length === 0) return null;
        return toPoseFrame(pose, {
          tMs,
          width: prepared.width,
          height: prepared.height,
          ...(r ? { offset: { x: r.x, y: r.y } } : {}),
          mirrored,
        });
      } catch (e) {
        if (isEstimatorError(e)) throw e;
        throw new EstimatorError('estimate-failed', errorText(e), { cause: e });
      } finally {
        part?.dispose();
        prepared.dispose();
      }
    },
    reset() {
      detector.reset();
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      detector.dispose();
    },
  };
}
