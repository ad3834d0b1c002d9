/** Public surface of the estimate layer for the browser app (Node code: import './node'). */
export type { BackendChoice, BackendInfo, EstimatorConfig, ModelId, PoseEstimator, RawFrame } from './estimator';
export { MODEL_IDS } from './estimator';
export { createEstimator, tryCreateEstimator, DEFAULT_MODEL, type CreateOptions, type CreateResult } from './create-estimator';
export { EstimatorError, describeEstimatorError, isEstimatorError, type EstimatorErrorKind } from './errors';
export { backendOrder, isSoftwareRenderer, probeEnvironment, type BackendProbe } from './backend';
export { urlLocator, type ModelLocator } from './model-source';
