/**
 * The live skeleton overlay: a transparent canvas over the video, drawn once per analysed frame.
 *
 * What it costs is mostly not the drawing calls but compositing: the canvas is its own layer,
 * and every time the picture changes (30 times a second for the video alone) the compositor
 * blends it over the video. Without a GPU that blend runs in software on the same CPU as the pose
 * model (bench/results.md: about 90 ms of CPU a second for a 640×480 canvas stretched over the
 * picture). So:
 * - the canvas's pixels match its size on screen in CSS pixels (a 1:1 blend, no resampling;
 *   the lines keep the same width on screen, they scale with the canvas),
 * - it is clipped (CSS `clip`, a plain rectangle) to the box the skeleton occupies, so only that
 *   part is blended and the rest of the picture is the video alone,
 * - and only the previously drawn box is cleared before drawing.
 * The size on screen comes from a ResizeObserver, never from reading layout in the frame loop.
 */
import type { PoseFrame } from './contract';
import { drawSkeleton, type Box } from './skeleton';

/** Clip rectangles are rounded out to this grid (CSS px) so the clip does not change every frame. */
const CLIP_GRID = 16;

export class LiveOverlay {
  private ctx: CanvasRenderingContext2D | null = null;
  /** The canvas's box on screen (CSS px), once the ResizeObserver has said. */
  private shown: { w: number; h: number } | null = null;
  /** What the last draw covered (canvas px): the only part to clear next time. */
  private drawn: Box | null = null;
  private clip = '';
  private readonly ro: ResizeObserver | null;

  constructor(private readonly canvas: HTMLCanvasElement) {
    this.ro =
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver((entries) => {
            const e = entries[entries.length - 1];
            const box = e?.contentBoxSize?.[0];
            const w = box ? box.inlineSize : (e?.contentRect.width ?? 0);
            const h = box ? box.blockSize : (e?.contentRect.height ?? 0);
            this.shown = w > 0 && h > 0 ? { w: Math.round(w), h: Math.round(h) } : null;
          });
    this.ro?.observe(canvas);
    this.setClip(null);
  }

  /** Draw `pose` (source pixels of a `srcW`×`srcH` picture) over the picture, or clear it (null). */
  draw(pose: PoseFrame | null, srcW: number, srcH: number, opts: { mirror: boolean; watching?: 'left' | 'right' | 'both' | null }): void {
    const c = this.canvas;
    // Pixels = CSS size on screen when known (1:1), else the source's size until layout has run.
    const w = this.shown?.w || srcW || c.width;
    const h = this.shown?.h || srcH || c.height;
    if (c.width !== w || c.height !== h) {
      // Resizing clears the canvas and resets its state.
      [c.width, c.height] = [w, h];
      this.ctx = null;
      this.drawn = null;
    }
    this.ctx ??= c.getContext('2d');
    const ctx = this.ctx;
    if (!ctx) return;
    if (this.drawn) ctx.clearRect(this.drawn.x, this.drawn.y, this.drawn.w, this.drawn.h);
    this.drawn = drawSkeleton(ctx, pose, { ...opts, clear: 'none' });
    this.setClip(this.drawn);
  }

  dispose(): void {
    this.ro?.disconnect();
  }

  /** Show only `box` of the canvas (nothing for null); CSS px = canvas px × shown / pixels. */
  private setClip(box: Box | null): void {
    let clip = 'rect(0px, 0px, 0px, 0px)';
    if (box) {
      const c = this.canvas;
      const kx = this.shown && c.width ? this.shown.w / c.width : 1;
      const ky = this.shown && c.height ? this.shown.h / c.height : 1;
      const g = (v: number, up: boolean): number => (up ? Math.ceil(v / CLIP_GRID) : Math.floor(v / CLIP_GRID)) * CLIP_GRID;
      // rect(top, right, bottom, left), each from the canvas's top-left corner.
      clip = `rect(${g(box.y * ky, false)}px, ${g((box.x + box.w) * kx, true)}px, ${g((box.y + box.h) * ky, true)}px, ${g(box.x * kx, false)}px)`;
    }
    if (clip === this.clip) return;
    this.clip = clip;
    this.canvas.style.setProperty('clip', clip);
  }
}
