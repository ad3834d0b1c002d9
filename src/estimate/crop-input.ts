/**
 * Cut a CropBox (./crop.ts) out of whatever estimate() was given, as an input the same estimators take:
 * - Node RawFrame (and a DOM ImageData): the rows of the box copied out of the RGB(A) buffer, as a
 *   plain RawFrame {data, width, height} (./input.ts turns it into a tensor);
 * - browser video / canvas / ImageBitmap / image / OffscreenCanvas: drawn into an OffscreenCanvas (or
 *   a canvas where there is none) of the box's size.
 * Anything else (a tensor) → null: the caller keeps the pose it had. No tfjs here.
 */
import type { CropBox } from './crop';
import type { RawFrame } from './estimator';
import { isRawFrame } from './input';

/** Copy the box's pixels out of an RGB or RGBA frame (same channel count). */
export function cropRawFrame(frame: RawFrame, box: CropBox): RawFrame {
  const { data, width, height } = frame;
  const channels = data.length / (width * height);
  if (channels !== 3 && channels !== 4) throw new RangeError(`expected RGB or RGBA bytes, got ${data.length} for ${width}x${height}`);
  const x0 = Math.max(0, Math.min(width, box.x));
  const y0 = Math.max(0, Math.min(height, box.y));
  const w = Math.max(0, Math.min(width, box.x + box.width) - x0);
  const h = Math.max(0, Math.min(height, box.y + box.height) - y0);
  const out = new Uint8Array(w * h * channels);
  const rowBytes = w * channels;
  for (let r = 0; r < h; r++) {
    const from = ((y0 + r) * width + x0) * channels;
    out.set(data.subarray(from, from + rowBytes), r * rowBytes);
  }
  return { data: out, width: w, height: h };
}

/** Size of a drawable browser source, or null if `x` is not one we can draw. */
function drawableSize(x: unknown): { w: number; h: number } | null {
  if (typeof HTMLVideoElement !== 'undefined' && x instanceof HTMLVideoElement) return { w: x.videoWidth, h: x.videoHeight };
  if (typeof HTMLImageElement !== 'undefined' && x instanceof HTMLImageElement) return { w: x.naturalWidth || x.width, h: x.naturalHeight || x.height };
  if (
    (typeof HTMLCanvasElement !== 'undefined' && x instanceof HTMLCanvasElement) ||
    (typeof OffscreenCanvas !== 'undefined' && x instanceof OffscreenCanvas) ||
    (typeof ImageBitmap !== 'undefined' && x instanceof ImageBitmap)
  ) {
    return { w: x.width, h: x.height };
  }
  return null;
}

/** A 2d canvas of w × h: OffscreenCanvas where there is one, else a DOM canvas; null if neither. */
function makeCanvas(w: number, h: number): { canvas: OffscreenCanvas | HTMLCanvasElement; ctx: OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D } | null {
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(w, h);
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    return ctx ? { canvas, ctx } : null;
  }
  if (typeof document !== 'undefined') {
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = h;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    return ctx ? { canvas, ctx } : null;
  }
  return null;
}

/**
 * The part of `input` inside `box` (whole-frame pixels), as an estimator input of size
 * box.width × box.height (less where the box leaves the frame). null: an input we cannot cut.
 */
export function cropInput(input: unknown, box: CropBox): unknown {
  if (box.width <= 0 || box.height <= 0) return null;
  if (isRawFrame(input)) return cropRawFrame(input, box);
  if (typeof ImageData !== 'undefined' && input instanceof ImageData) return cropRawFrame(input, box);
  const size = drawableSize(input);
  if (!size || !size.w || !size.h) return null;
  const made = makeCanvas(box.width, box.height);
  if (!made) return null;
  made.ctx.drawImage(input as CanvasImageSource, box.x, box.y, box.width, box.height, 0, 0, box.width, box.height);
  return made.canvas;
}
