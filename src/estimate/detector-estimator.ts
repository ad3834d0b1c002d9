/**
 * Wraps a pose-detection PoseDetector as our PoseEstimator: input preparation, tensor
 * disposal, single-pose output, typed errors. Shared by every model adapter.
 */
import type { PoseDetector } from '@tensorflow-models/pose-detection';
import type { PoseFrame } from '../core/pose';
import type { BackendInfo, ModelId, PoseEstimator } from './estimator';
import { EstimatorError, errorText, isEstimatorError } from './errors';
import { prepareInput } from './input';
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
    async estimate(input: unknown, tMs: number): Promise<PoseFrame | null> {
      if (disposed) throw new EstimatorError('estimate-failed', 'estimator already disposed');
      const prepared = prepareInput(input);
      try {
        const poses = (await detector.estimatePoses(
          prepared.image,
          { maxPoses: 1, flipHorizontal: false },
          tMs,
        )) as ModelPose[];
        const pose = poses[0];
        if (!pose || pose.keypoints.length === 0) return null;
        return toPoseFrame(pose, {
          tMs,
          width: prepared.width,
          height: prepared.height,
          mirrored: opts.mirrored ?? false,
        });
      } catch (e) {
        if (isEstimatorError(e)) throw e;
        throw new EstimatorError('estimate-failed', errorText(e), { cause: e });
      } finally {
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
