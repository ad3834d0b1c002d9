/**
 * The live frame loop: one callback per presented video frame, never more than one estimate in
 * flight. Frames that arrive while the previous one is still being estimated are not queued:
 * only the latest is kept, and it is handed over the moment the estimate finishes (the picture
 * the video shows then), so the model never sits idle waiting for the next frame and the coach
 * never lags more than one estimate behind the person. The ones it replaced are dropped.
 */

/** What requestVideoFrameCallback reported for a frame (for timing; absent on the rAF fallback). */
export interface FrameMeta {
  /** performance.now() timebase, from VideoFrameCallbackMetadata (the browser's own object). */
  captureTime?: number;
  presentationTime?: number;
  expectedDisplayTime?: number;
}

/** Per-frame work; the loop will not call it again until the returned promise settles. */
export type FrameHandler = (tMs: number, meta?: FrameMeta) => Promise<void>;

export interface FrameLoopStats {
  /** Frames handed to the handler. */
  processed: number;
  /** Frames skipped because an estimate was still in flight and a newer frame came after them. */
  dropped: number;
}

export interface FrameLoop {
  readonly stats: FrameLoopStats;
  /** true when requestVideoFrameCallback drives the loop (false: requestAnimationFrame polling). */
  readonly usesVideoFrameCallback: boolean;
  stop(): void;
}

export interface FrameLoopOptions {
  /**
   * Where tMs comes from. 'media': the frame's media time (a file; exact and repeatable).
   * 'elapsed': ms since the loop started (a live camera or screen, whose media time is not
   * meaningful across browsers).
   */
  clock: 'media' | 'elapsed';
  /** Called when the handler throws; the loop keeps running. */
  onError?: (e: unknown) => void;
}

type VideoWithRvfc = HTMLVideoElement & {
  requestVideoFrameCallback?: (cb: (now: number, meta: { mediaTime: number } & FrameMeta) => void) => number;
  cancelVideoFrameCallback?: (id: number) => void;
};

/** Start calling `handle` for the frames of `video` until stop(). */
export function startFrameLoop(video: HTMLVideoElement, handle: FrameHandler, opts: FrameLoopOptions): FrameLoop {
  const v = video as VideoWithRvfc;
  const stats: FrameLoopStats = { processed: 0, dropped: 0 };
  let busy = false;
  let running = true;
  /** The latest frame that came while busy (handled as soon as the estimate ends). */
  let pending: { now: number; mediaTimeS: number; meta: FrameMeta | undefined } | null = null;
  let t0: number | null = null;
  let handle_id = 0;
  const hasRvfc = typeof v.requestVideoFrameCallback === 'function';

  const onFrame = (now: number, mediaTimeS: number, meta?: FrameMeta): void => {
    if (!running) return;
    if (t0 === null) t0 = now;
    if (busy) {
      if (pending) stats.dropped++;
      pending = { now, mediaTimeS, meta };
      return;
    }
    busy = true;
    stats.processed++;
    const tMs = opts.clock === 'media' ? mediaTimeS * 1000 : now - t0;
    handle(tMs, meta)
      .catch((e: unknown) => opts.onError?.(e))
      .finally(() => {
        busy = false;
        // The latest frame that came meanwhile is what the video shows now: handle it at once.
        const next = pending;
        pending = null;
        if (next && running) onFrame(next.now, next.mediaTimeS, next.meta);
      });
  };

  if (hasRvfc) {
    const tick = (now: number, meta: { mediaTime: number } & FrameMeta): void => {
      if (!running) return;
      handle_id = v.requestVideoFrameCallback!(tick);
      onFrame(now, meta.mediaTime, meta);
    };
    handle_id = v.requestVideoFrameCallback!(tick);
  } else {
    let lastTime = -1;
    const tick = (now: number): void => {
      if (!running) return;
      handle_id = requestAnimationFrame(tick);
      // A new frame is only assumed when currentTime moved (live streams always move).
      if (v.readyState >= 2 && v.currentTime !== lastTime) {
        lastTime = v.currentTime;
        onFrame(now, v.currentTime);
      }
    };
    handle_id = requestAnimationFrame(tick);
  }

  return {
    stats,
    usesVideoFrameCallback: hasRvfc,
    stop() {
      running = false;
      pending = null;
      if (hasRvfc) v.cancelVideoFrameCallback?.(handle_id);
      else cancelAnimationFrame(handle_id);
    },
  };
}

/** Frames per second over a sliding window of timestamps (pure; for the status line). */
export class FpsMeter {
  private times: number[] = [];
  constructor(private readonly windowMs = 2000) {}
  /** Record one processed frame at wall time `now` (ms). */
  tick(now: number): void {
    this.times.push(now);
    while (this.times.length > 0 && now - this.times[0]! > this.windowMs) this.times.shift();
  }
  /** Frames per second, 0 until two frames were seen. */
  get fps(): number {
    if (this.times.length < 2) return 0;
    const span = this.times[this.times.length - 1]! - this.times[0]!;
    return span > 0 ? ((this.times.length - 1) * 1000) / span : 0;
  }
}
