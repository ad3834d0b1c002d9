/**
 * Turn whatever estimate() was given into something pose-detection reads, plus its size.
 * RawFrame (Node, ImageData-like) becomes an int32 Tensor3D like tf.browser.fromPixels makes;
 * the caller must call dispose() after the model has run.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { RawFrame } from './estimator';
import { EstimatorError } from './errors';

/** Pixel sources pose-detection accepts in the browser. */
export type BrowserFrame = HTMLVideoElement | HTMLCanvasElement | HTMLImageElement | ImageBitmap | ImageData | OffscreenCanvas;

export interface PreparedInput {
  image: tf.Tensor3D | HTMLVideoElement | HTMLCanvasElement | HTMLImageElement | ImageBitmap | ImageData;
  width: number;
  height: number;
  dispose(): void;
}

/** A plain {data, width, height} object (not a DOM ImageData, which pose-detection reads itself). */
export function isRawFrame(x: unknown): x is RawFrame {
  if (typeof x !== 'object' || x === null) return false;
  if (typeof ImageData !== 'undefined' && x instanceof ImageData) return false;
  const f = x as Partial<RawFrame>;
  return (
    (f.data instanceof Uint8Array || f.data instanceof Uint8ClampedArray) &&
    typeof f.width === 'number' &&
    typeof f.height === 'number'
  );
}

/** RGB(A) bytes → int32 [height, width, 3] tensor. */
export function rawFrameToTensor(frame: RawFrame): tf.Tensor3D {
  const { data, width, height } = frame;
  const n = width * height;
  if (!(n > 0) || !Number.isInteger(width) || !Number.isInteger(height)) {
    throw new EstimatorError('bad-input', `frame size ${width}x${height}`);
  }
  const channels = data.length / n;
  if (channels !== 3 && channels !== 4) {
    throw new EstimatorError('bad-input', `expected RGB or RGBA bytes, got ${data.length} bytes for ${width}x${height}`);
  }
  const rgb = new Int32Array(n * 3);
  if (channels === 3) {
    for (let i = 0; i < rgb.length; i++) rgb[i] = data[i]!;
  } else {
    for (let p = 0, q = 0; p < n; p++, q += 4) {
      rgb[p * 3] = data[q]!;
      rgb[p * 3 + 1] = data[q + 1]!;
      rgb[p * 3 + 2] = data[q + 2]!;
    }
  }
  return tf.tensor3d(rgb, [height, width, 3], 'int32');
}

const noop = (): void => undefined;

/** Read pixels/size from any supported input. @throws EstimatorError('bad-input') */
export function prepareInput(input: unknown): PreparedInput {
  if (isRawFrame(input)) {
    const t = rawFrameToTensor(input);
    return { image: t, width: input.width, height: input.height, dispose: () => t.dispose() };
  }
  if (input instanceof tf.Tensor) {
    const [height, width] = input.shape as number[];
    if (input.rank !== 3 || !height || !width) throw new EstimatorError('bad-input', `tensor of shape ${String(input.shape)}`);
    return { image: input as tf.Tensor3D, width, height, dispose: noop };
  }
  if (typeof HTMLVideoElement !== 'undefined' && input instanceof HTMLVideoElement) {
    const width = input.videoWidth;
    const height = input.videoHeight;
    if (!width || !height) throw new EstimatorError('bad-input', 'video has no frame yet (videoWidth is 0)');
    // pose-detection reads .width/.height, which default to 0 for a video not laid out with a size.
    if (input.width !== width) input.width = width;
    if (input.height !== height) input.height = height;
    return { image: input, width, height, dispose: noop };
  }
  if (typeof OffscreenCanvas !== 'undefined' && input instanceof OffscreenCanvas) {
    // pose-detection's fromPixels path does not take OffscreenCanvas; read it as ImageData.
    const ctx = input.getContext('2d');
    if (!ctx) throw new EstimatorError('bad-input', 'OffscreenCanvas without a 2d context');
    const img = ctx.getImageData(0, 0, input.width, input.height);
    return { image: img, width: img.width, height: img.height, dispose: noop };
  }
  if (
    (typeof HTMLCanvasElement !== 'undefined' && input instanceof HTMLCanvasElement) ||
    (typeof ImageBitmap !== 'undefined' && input instanceof ImageBitmap) ||
    (typeof ImageData !== 'undefined' && input instanceof ImageData)
  ) {
    return { image: input, width: input.width, height: input.height, dispose: noop };
  }
  if (typeof HTMLImageElement !== 'undefined' && input instanceof HTMLImageElement) {
    const width = input.naturalWidth || input.width;
    const height = input.naturalHeight || input.height;
    if (!width || !height) throw new EstimatorError('bad-input', 'image not loaded');
    if (input.width !== width) input.width = width;
    if (input.height !== height) input.height = height;
    return { image: input, width, height, dispose: noop };
  }
  throw new EstimatorError('bad-input', `unsupported input ${Object.prototype.toString.call(input)}`);
}

/** A region clamped to whole pixels inside a width×height frame; null when nothing of it is left. */
export function clampRegion(r: { x: number; y: number; width: number; height: number }, width: number, height: number): { x: number; y: number; width: number; height: number } | null {
  const x0 = Math.max(0, Math.floor(r.x));
  const y0 = Math.max(0, Math.floor(r.y));
  const x1 = Math.min(width, Math.ceil(r.x + r.width));
  const y1 = Math.min(height, Math.ceil(r.y + r.height));
  if (!(x1 - x0 >= 2 && y1 - y0 >= 2)) return null;
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/**
 * The part `r` (px, already clamped by clampRegion) of a prepared input, as an int32 tensor; the
 * caller disposes it. The whole input stays the caller's to dispose.
 */
export function cropPrepared(prepared: PreparedInput, r: { x: number; y: number; width: number; height: number }): PreparedInput {
  const cropped = tf.tidy(() => {
    const whole = prepared.image instanceof tf.Tensor ? prepared.image : tf.browser.fromPixels(prepared.image);
    return tf.slice(whole, [r.y, r.x, 0], [r.height, r.width, 3]);
  });
  return { image: cropped, width: r.width, height: r.height, dispose: () => cropped.dispose() };
}
