/** BlazePose lite / full / heavy on the tfjs runtime (detector + landmark model from local files). */
import * as poseDetection from '@tensorflow-models/pose-detection';
import type { BackendInfo, PoseEstimator } from './estimator';
import { wrapDetector } from './detector-estimator';
import type { ModelLocator } from './model-source';

export interface BlazePoseOptions {
  variant: 'lite' | 'full' | 'heavy';
  backend: BackendInfo;
  locate: ModelLocator;
  smoothing: boolean;
}

export async function loadBlazePose(opts: BlazePoseOptions): Promise<PoseEstimator> {
  const detector = await poseDetection.createDetector(poseDetection.SupportedModels.BlazePose, {
    runtime: 'tfjs',
    modelType: opts.variant,
    enableSmoothing: opts.smoothing,
    enableSegmentation: false,
    detectorModelUrl: opts.locate.tfjs('blazepose-detector'),
    landmarkModelUrl: opts.locate.tfjs(`blazepose-${opts.variant}`),
  });
  return wrapDetector(detector, { model: `blazepose-${opts.variant}`, backend: opts.backend });
}
