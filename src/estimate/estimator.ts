/**
 * One interface for every pose model. Browser and Node share it; only the input type and
 * the model loader differ. Built-in smoothing is always off: core/smooth owns filtering,
 * so recordings stay raw and can be replayed and re-scored.
 */
import type { PoseFrame } from '../core/pose';

/** Every model we can run. `*-mp` run on the MediaPipe runtime (browser + WebGL only). */
export const MODEL_IDS = [
  'movenet-lightning',
  'movenet-thunder',
  'blazepose-lite',
  'blazepose-full',
  'blazepose-heavy',
  'blazepose-lite-mp',
  'blazepose-full-mp',
  'blazepose-heavy-mp',
] as const;
export type ModelId = (typeof MODEL_IDS)[number];

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
}

/** A pose model ready to run. */
export interface PoseEstimator {
  readonly model: ModelId;
  readonly backend: BackendInfo;
  /**
   * Estimate one frame. `input` is whatever the platform can read pixels from
   * (HTMLVideoElement / canvas / ImageBitmap in the browser, an RGB frame in Node).
   * Returns null when nobody is in view.
   */
  estimate(input: unknown, tMs: number): Promise<PoseFrame | null>;
  /** Forget tracking state (call on a cut, a seek, or a new source). */
  reset(): void;
  dispose(): void;
}
