/**
 * One interface for every pose model. Browser and Node share it; only the input type and
 * the model loader differ. Built-in smoothing is always off: core/smooth owns filtering,
 * so recordings stay raw and can be replayed and re-scored.
 */
import type { PoseFrame } from '../core/pose';
import type { CrossCheckOptions, CrossCheckStatus } from './cross-check-options';
import type { Said } from '../core/said';
import type { ModelId } from './model-table';

/** A fault the estimator handled by itself, said by code (core/said.ts): the model restarted, or could not be. */
export type EstimatorNotice = Said<'workerRestarted' | 'workerFailed'>;

/** Every model we can run, and whether it is cross-checked by default: one row each in ./model-rows.js. */
export { MODEL_IDS, crossCheckByDefault, type ModelId } from './model-table';

/**
 * The model we start when nobody chose one (see bench/pose-models.md for why). Lives here, in a
 * module without tfjs, so the settings screen can read it without pulling tfjs into the first chunk.
 */
export const DEFAULT_MODEL = 'blazepose-full' as const satisfies ModelId;

/** tfjs backends we may ask for; 'auto' picks the fastest real one at run time. */
export type BackendChoice = 'auto' | 'wasm' | 'webgl' | 'webgpu' | 'cpu';

/** What a backend probe found. `software` is true for SwiftShader / llvmpipe WebGL. */
export interface BackendInfo {
  name: string;
  software: boolean;
  renderer?: string;
}

export interface EstimatorConfig {
  model: ModelId;
  backend?: BackendChoice;
  /** Where the model files are served/stored (URL in the browser, folder path in Node). */
  modelBase?: string;
  /**
   * The model's built-in temporal smoothing. Default false and keep it so: core/smooth owns
   * filtering. Only the conformance tests turn it on, because Google's golden outputs were
   * recorded with it.
   */
  smoothing?: boolean;
  /**
   * Check the model with MoveNet Lightning (src/estimate/cross-check.ts): stays on the patient when
   * BlazePose follows a second person in view. true/options: on; false: off. Default: the model row's
   * `crossCheck` (on for the tfjs BlazePose models, off for MoveNet; see crossCheckByDefault). The MediaPipe-runtime models
   * (`*-mp`) do not start a tfjs backend and ignore it.
   */
  crossCheck?: boolean | CrossCheckOptions;
}

/** The model that checks a cross-checked estimator. */
export const CROSS_CHECK_MODEL = 'movenet-lightning' as const satisfies ModelId;

/**
 * A decoded frame in memory (Node: ffmpeg rawvideo; browser: ImageData). Pixels row-major,
 * RGB (3 bytes) or RGBA (4 bytes) per pixel; the channel count is data.length / (width·height).
 */
export interface RawFrame {
  data: Uint8Array | Uint8ClampedArray;
  /** px */
  width: number;
  /** px */
  height: number;
}

/**
 * A part of the frame, px of the frame as given (x, y: its top-left corner). The cross-check
 * (./cross-check.ts) asks the primary model to look only here once it has been on someone else.
 */
export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A pose model ready to run. */
export interface PoseEstimator {
  readonly model: ModelId;
  readonly backend: BackendInfo;
  /**
   * Estimate one frame. `input` is whatever the platform can read pixels from
   * (HTMLVideoElement / canvas / ImageBitmap in the browser, an RGB frame in Node).
   * Returns null when nobody is in view. `region`: look only at this part of the frame (the pose
   * still comes back in the whole frame's px); estimators that cannot crop ignore it.
   */
  estimate(input: unknown, tMs: number, region?: Region): Promise<PoseFrame | null>;
  /**
   * Present only on a cross-checked estimator (EstimatorConfig.crossCheck): whether the checker agrees
   * and whose pose is output. `crossCheck?.otherPersonLikely` → "someone else is in view".
   */
  readonly crossCheck?: CrossCheckStatus;
  /** Forget tracking state (call on a cut, a seek, or a new source). */
  reset(): void;
  /**
   * Set by whoever runs the estimator: told when the estimator recovered from something by itself
   * (a model in a worker restarted after a crash): by code, and in English for the person.
   */
  onNotice?: (notice: EstimatorNotice) => void;
  /**
   * An estimator that watches its own GPU (a model in a worker): call `onLost` when its context
   * goes; returns how to stop. Otherwise the platform's loader watches the page's GPU.
   */
  watchGpu?(onLost: () => void): () => void;
  dispose(): void;
}
