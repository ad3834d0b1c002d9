/**
 * Per-frame timing of the live path (capture → estimate → core → draw → UI on screen), for
 * `npm run bench` (scripts/bench.ts). Off unless the page URL has a `perf` query flag
 * (`/?perf`): then each processed frame leaves one FrameMark in a buffer that the bench drains
 * through `window.__rootwellPerf`. Off, every call is a single boolean test and allocates nothing.
 *
 * All times are performance.now() ms (same timebase as requestVideoFrameCallback metadata).
 * Without cross-origin isolation Chromium coarsens performance.now() to 100 µs (with jitter):
 * single sub-ms figures are rough, means over many frames are not.
 */
import { taskQueue } from '../../live/browser';

/** What requestVideoFrameCallback said about the frame (subset of VideoFrameCallbackMetadata). */
export interface FrameInfo {
  /** When the camera captured the frame (local/remote streams, where the browser gives it). */
  captureTime?: number;
  /** When the frame was handed to the compositor. */
  presentationTime?: number;
  expectedDisplayTime?: number;
}

export interface FrameMark {
  /** Capture time (captureTime, else presentationTime, else the rVFC time). */
  capture: number;
  captureSource: 'captureTime' | 'presentationTime' | 'rvfc' | 'none';
  /** rVFC callback / handler start. */
  start: number;
  /** estimate() resolved. */
  estimated: number;
  /** The frame's work after the model began (the next frame went to the model first); 0: not deferred. */
  resumed: number;
  /** core session.push() returned. */
  cored: number;
  /** Recorder + canvas overlay drawn. */
  drawn: number;
  /** apply() returned (rune state set, voice cue queued). */
  applied: number;
  /** Microtask after apply: Svelte has flushed its DOM updates. */
  flushed: number;
  /** First animation frame after the update (the frame that paints it). */
  raf: number;
  /** Task after that animation frame: painted (upper bound for "on screen" in headless). */
  shown: number;
  pose: boolean;
  /** reps.total after this frame, and whether it changed here. */
  count: number;
  countChanged: boolean;
  /** A cue became new on this frame. */
  cueNew: boolean;
  phase: string;
}

export interface PerfApi {
  /** Drain the recorded frames. */
  take(): FrameMark[];
  /** Named one-off times (ms since navigation start), e.g. 'model-ready', 'first-pose-drawn'. */
  marks: Record<string, number>;
  /** The estimator's cross-check counters (frames, checker calls, …), when it has one. */
  crossCheck(): unknown;
  /** tfjs memory (loads nothing new: tfjs-core is already there once a model is loaded). */
  tfMemory(): Promise<{ numTensors: number; numBytes: number; numDataBuffers: number; backend: string } | null>;
}

const enabled: boolean = (() => {
  try {
    return typeof location !== 'undefined' && new URLSearchParams(location.search).has('perf');
  } catch {
    return false;
  }
})();

const MAX_FRAMES = 20_000;
let frames: FrameMark[] = [];
const marks: Record<string, number> = {};
let lastCount = 0;
let crossCheckCounts: (() => unknown) | null = null;
/** tfjs memory where the model runs (a worker), when that is not this page. */
let modelMemory: (() => Promise<unknown>) | null = null;

/** Let the bench read the estimator's cross-check counters (perf mode only). */
export function perfCrossCheck(get: () => unknown): void {
  if (enabled) crossCheckCounts = get;
}

/** A model was put to work: note the time, and let the bench read its cross-check counters. */
/** A model was installed in the run: mark it, with its cross-check counts and memory when it has them. */
export function perfInstalled(models: { estimator: { crossCheck?: { counts?: unknown } | null; memory?: () => Promise<unknown> } | null }): void {
  const est = models.estimator;
  perfModelReady(() => est?.crossCheck?.counts ?? null, est?.memory ? () => est.memory!() : undefined);
}

export function perfModelReady(crossCheck: () => unknown, memory?: () => Promise<unknown>): void {
  perfMark('model-ready');
  perfCrossCheck(crossCheck);
  if (enabled) modelMemory = memory ?? null;
}

if (enabled) {
  const api: PerfApi = {
    take() {
      const out = frames;
      frames = [];
      return out;
    },
    marks,
    crossCheck: () => crossCheckCounts?.() ?? null,
    async tfMemory() {
      if (modelMemory) return (await modelMemory()) as Awaited<ReturnType<PerfApi['tfMemory']>>;
      try {
        const tf = await import('@tensorflow/tfjs-core');
        if (!tf.getBackend()) return null;
        const m = tf.memory() as { numTensors: number; numBytes: number; numDataBuffers: number };
        return { numTensors: m.numTensors, numBytes: m.numBytes, numDataBuffers: m.numDataBuffers, backend: tf.getBackend() };
      } catch {
        return null;
      }
    },
  };
  (globalThis as { __rootwellPerf?: PerfApi }).__rootwellPerf = api;
}

/** Record a one-off time once (first occurrence wins). */
export function perfMark(name: string): void {
  if (!enabled || name in marks) return;
  marks[name] = performance.now();
}

/** One frame's timer; null when perf is off. */
export interface FrameTimer {
  estimated(): void;
  resumed(): void;
  cored(): void;
  drawn(pose: boolean): void;
  applied(out: { phase: string; reps: { total: number }; cue: { isNew: boolean } | null }): void;
}

/** The task after a frame's animation frame (painted): a queue of its own, apart from LiveRun's deferred frames. */
const paintTask = taskQueue();
function afterPaint(m: FrameMark): void {
  paintTask(() => {
    m.shown = performance.now();
    if (frames.length >= MAX_FRAMES) frames.shift();
    frames.push(m);
  });
}

/** Start timing a frame (call first thing in the frame handler). */
export function perfFrame(info: FrameInfo | undefined): FrameTimer | null {
  if (!enabled) return null;
  const start = performance.now();
  const m: FrameMark = {
    capture: start,
    captureSource: 'none',
    start,
    estimated: 0,
    resumed: 0,
    cored: 0,
    drawn: 0,
    applied: 0,
    flushed: 0,
    raf: 0,
    shown: 0,
    pose: false,
    count: 0,
    countChanged: false,
    cueNew: false,
    phase: '',
  };
  if (info) {
    if (info.captureTime !== undefined && info.captureTime > 0) {
      m.capture = info.captureTime;
      m.captureSource = 'captureTime';
    } else if (info.presentationTime !== undefined && info.presentationTime > 0) {
      m.capture = info.presentationTime;
      m.captureSource = 'presentationTime';
    } else m.captureSource = 'rvfc';
  }
  return {
    estimated: () => void (m.estimated = performance.now()),
    resumed: () => void (m.resumed = performance.now()),
    cored: () => void (m.cored = performance.now()),
    drawn(pose) {
      m.drawn = performance.now();
      m.pose = pose;
      if (pose) perfMark('first-pose-drawn');
    },
    applied(out) {
      m.applied = performance.now();
      m.phase = out.phase;
      m.count = out.reps.total;
      m.countChanged = out.reps.total !== lastCount;
      lastCount = out.reps.total;
      m.cueNew = out.cue?.isNew ?? false;
      queueMicrotask(() => (m.flushed = performance.now()));
      requestAnimationFrame(() => {
        m.raf = performance.now();
        afterPaint(m);
      });
    },
  };
}
