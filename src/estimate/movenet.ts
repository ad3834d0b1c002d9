/** MoveNet SinglePose Lightning / Thunder on the tfjs runtime, weights from local files. */
import * as poseDetection from '@tensorflow-models/pose-detection';
import type { BackendInfo, PoseEstimator } from './estimator';
import { wrapDetector } from './detector-estimator';
import type { ModelLocator } from './model-source';
import type { Model } from './model-table';

export interface MoveNetOptions {
  /** Its row in the model table: variant and graph file. */
  row: Extract<Model, { family: 'movenet' }>;
  backend: BackendInfo;
  locate: ModelLocator;
  smoothing: boolean;
}

const MODEL_TYPE = {
  lightning: poseDetection.movenet.modelType.SINGLEPOSE_LIGHTNING,
  thunder: poseDetection.movenet.modelType.SINGLEPOSE_THUNDER,
} as const;

/** Load MoveNet. Loader errors propagate (create-estimator turns them into model-load-failed). */
export async function loadMoveNet(opts: MoveNetOptions): Promise<PoseEstimator> {
  const detector = await poseDetection.createDetector(poseDetection.SupportedModels.MoveNet, {
    modelType: MODEL_TYPE[opts.row.variant],
    modelUrl: opts.locate.tfjs(opts.row.files[0]),
    enableSmoothing: opts.smoothing,
  });
  return wrapDetector(detector, { model: opts.row.id, backend: opts.backend });
}
