/** BlazePose lite / full / heavy on the tfjs runtime (detector + landmark model from local files). */
import * as poseDetection from '@tensorflow-models/pose-detection';
import type { BackendInfo, PoseEstimator } from './estimator';
import { wrapDetector } from './detector-estimator';
import type { ModelLocator } from './model-source';
import type { Model } from './model-table';

export interface BlazePoseOptions {
  /** Its row in the model table: variant and [detector, landmark] graph files. */
  row: Extract<Model, { family: 'blazepose'; runtime: 'tfjs' }>;
  backend: BackendInfo;
  locate: ModelLocator;
  smoothing: boolean;
}

export async function loadBlazePose(opts: BlazePoseOptions): Promise<PoseEstimator> {
  const detector = await poseDetection.createDetector(poseDetection.SupportedModels.BlazePose, {
    runtime: 'tfjs',
    modelType: opts.row.variant,
    enableSmoothing: opts.smoothing,
    enableSegmentation: false,
    detectorModelUrl: opts.locate.tfjs(opts.row.files[0]),
    landmarkModelUrl: opts.locate.tfjs(opts.row.files[1]),
  });
  return wrapDetector(detector, { model: opts.row.id, backend: opts.backend });
}
