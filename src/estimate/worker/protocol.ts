/**
 * Messages between the page and the pose worker (./pose-worker.ts). Plain objects only: frames go
 * over as transferred ImageBitmaps, poses come back as PoseFrames (structured clone).
 */
import type { PoseFrame } from '../../core/pose';
import type { CrossCheckStatus } from '../cross-check-options';
import type { EstimatorErrorKind } from '../errors';
import type { BackendChoice, BackendInfo, ModelId } from '../estimator';

export type ToWorker =
  | { type: 'load'; model: ModelId; backend: BackendChoice; modelBase: string; crossCheck?: boolean }
  | { type: 'estimate'; id: number; bitmap: ImageBitmap; tMs: number }
  | { type: 'reset' }
  | { type: 'dispose' }
  /** tfjs memory in the worker (the bench's soak). */
  | { type: 'memory'; id: number }
  /** Development builds only: throw inside the worker, as a crash would (the e2e of the restart). */
  | { type: 'crash-for-test' }
  /** Development builds only: lose the worker's WebGL context (the e2e of the GPU fallback). */
  | { type: 'lose-gpu-for-test' };

export type FromWorker =
  | { type: 'loaded'; ok: true; backend: BackendInfo; crossCheck: CrossCheckStatus | null }
  | { type: 'loaded'; ok: false; kind: EstimatorErrorKind; message: string; detail: string }
  | { type: 'pose'; id: number; frame: PoseFrame | null; crossCheck: CrossCheckStatus | null; ms: number }
  | { type: 'failed'; id: number; kind: string; message: string; detail: string }
  /** The worker's WebGL context was lost (driver reset, GPU removed). */
  | { type: 'gpu-lost' }
  | { type: 'memory'; id: number; memory: TfMemory | null };

export interface TfMemory {
  numTensors: number;
  numBytes: number;
  numDataBuffers: number;
  backend: string;
}
