/**
 * The pose model in a dedicated worker: the page's main thread keeps drawing and counting while
 * inference runs here. Loads through the same createEstimator() as the page would (tfjs on
 * wasm, webgl through OffscreenCanvas, or webgpu), warms up on a blank frame, then answers one
 * frame at a time. The MediaPipe runtime needs the page's DOM and stays on the main thread.
 */
/// <reference lib="webworker" />
import { watchGpuContext } from '../backend';
import { tryCreateEstimator } from '../create-estimator';
import { errorText, isEstimatorError } from '../errors';
import type { PoseEstimator } from '../estimator';
import type { FromWorker, ToWorker } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

let estimator: PoseEstimator | null = null;
const post = (m: FromWorker) => self.postMessage(m);

/**
 * The frame's pixels, read once on a CPU-backed canvas (willReadFrequently): the model and its
 * MoveNet cross-check then both copy from the same ImageData, instead of each drawing the bitmap
 * into tfjs's own worker canvas (not marked for reading) and reading it back.
 */
let canvas: OffscreenCanvas | null = null;
let ctx: OffscreenCanvasRenderingContext2D | null = null;
function pixels(bitmap: ImageBitmap): ImageData {
  if (!canvas || canvas.width !== bitmap.width || canvas.height !== bitmap.height) {
    canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    ctx = canvas.getContext('2d', { willReadFrequently: true });
  }
  if (!ctx) throw new Error('no 2d context in the worker');
  ctx.drawImage(bitmap, 0, 0);
  return ctx.getImageData(0, 0, bitmap.width, bitmap.height);
}

self.onmessage = async (ev: MessageEvent<ToWorker>) => {
  const m = ev.data;
  switch (m.type) {
    case 'load': {
      const r = await tryCreateEstimator({ model: m.model, backend: m.backend, modelBase: m.modelBase, ...(m.crossCheck === undefined ? {} : { crossCheck: m.crossCheck }) });
      if (!r.ok) {
        post({ type: 'loaded', ok: false, kind: r.error.kind, message: r.error.message, detail: r.error.detail });
        return;
      }
      estimator = r.estimator;
      try {
        const c = new OffscreenCanvas(320, 240);
        c.getContext('2d')?.fillRect(0, 0, 320, 240);
        await estimator.estimate(c, 0);
        estimator.reset();
      } catch {
        /* a failed warm-up shows up on the first real frame instead */
      }
      watchGpuContext(() => post({ type: 'gpu-lost' }));
      post({ type: 'loaded', ok: true, backend: estimator.backend, crossCheck: estimator.crossCheck ?? null });
      return;
    }
    case 'estimate': {
      const t0 = performance.now();
      try {
        if (!estimator) throw new Error('no model loaded in the worker');
        const image = pixels(m.bitmap);
        m.bitmap.close();
        const frame = await estimator.estimate(image, m.tMs);
        post({ type: 'pose', id: m.id, frame, crossCheck: estimator.crossCheck ?? null, ms: performance.now() - t0 });
      } catch (e) {
        const kind = isEstimatorError(e) ? e.kind : 'estimate-failed';
        const detail = isEstimatorError(e) ? e.detail : errorText(e);
        post({ type: 'failed', id: m.id, kind, message: 'The pose model could not read this frame.', detail });
      } finally {
        m.bitmap.close(); // a second close is a no-op
      }
      return;
    }
    case 'reset':
      estimator?.reset();
      return;
    case 'memory': {
      const tf = await import('@tensorflow/tfjs-core');
      const mem = tf.getBackend() ? (tf.memory() as { numTensors: number; numBytes: number; numDataBuffers: number }) : null;
      post({ type: 'memory', id: m.id, memory: mem ? { numTensors: mem.numTensors, numBytes: mem.numBytes, numDataBuffers: mem.numDataBuffers, backend: tf.getBackend() } : null });
      return;
    }
    case 'dispose':
      estimator?.dispose();
      estimator = null;
      self.close();
      return;
    case 'lose-gpu-for-test':
      if (import.meta.env.DEV) (globalThis as { __rootwellLoseGpu?: () => void }).__rootwellLoseGpu?.();
      return;
    case 'crash-for-test':
      if (import.meta.env.DEV) setTimeout(() => { throw new Error('pose worker crashed (test)'); });
      return;
  }
};
