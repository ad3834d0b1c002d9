/** MoveNet SinglePose Lightning / Thunder on the tfjs runtime, weights from local files. */
import * as poseDetection from '@tensorflow-models/pose-detection';
import type { BackendInfo, PoseEstimator } from './estimator';
import { wrapDetector } from './detector-estimator';
import type { ModelLocator } from './model-source';

export interface MoveNetOptions {
  variant: 'lightning' | 'thunder';
  backend: BackendInfo;
  locate: ModelLocator;
  smoothing: boolean;
}

/** Load MoveNet. Loader errors propagate (create-estimator turns them into model-load-failed). */
export async function loadMoveNet(opts: MoveNetOptions): Promise<PoseEstimator> {
  const detector = await poseDetection.createDetector(poseDetection.SupportedModels.MoveNet, {
    modelType:
      opts.variant === 'lightning'
        ? poseDetection.movenet.modelType.SINGLEPOSE_LIGHTNING
        : poseDetection.movenet.modelType.SINGLEPOSE_THUNDER,
    modelUrl: opts.locate.tfjs(opts.variant === 'lightning' ? 'movenet-lightning' : 'movenet-thunder'),
    enableSmoothing: opts.smoothing,
  });
  return wrapDetector(detector, { model: `movenet-${opts.variant}`, backend: opts.backend });
}
