/**
 * Pose models in the browser: served from /models, warmed up on a blank frame, the GPU watched.
 * tfjs is imported lazily, so the first screen does not load it.
 *
 * `workerLoader` (the app's default) runs the tfjs models in a dedicated worker, so inference
 * never blocks the page's drawing; the MediaPipe runtime needs the DOM and stays in the page, as
 * does everything on a browser without module workers / OffscreenCanvas. `pageLoader` runs
 * everything in the page (the bench compares the two).
 */
import type { BackendChoice, ModelId } from '../estimate/estimator';
import { modelRow } from '../estimate/model-table';
import type { LoadResult, ModelLoader } from './models';

export const pageLoader: ModelLoader = {
  async load(model, backend) {
    const { tryCreateEstimator } = await import('../estimate/create-estimator');
    const r = await tryCreateEstimator({ model, backend, modelBase: '/models' });
    if (!r.ok) return { ok: false, error: { kind: r.error.kind, message: r.error.message, detail: r.error.detail } };
    // Warm up on a blank frame so the first real frame is not slow (shader/wasm compile).
    try {
      const c = document.createElement('canvas');
      c.width = 320;
      c.height = 240;
      c.getContext('2d')?.fillRect(0, 0, 320, 240);
      await r.estimator.estimate(c, 0);
      r.estimator.reset();
    } catch {
      /* a failed warm-up shows up on the first real frame instead */
    }
    return r;
  },
  async watchGpu(onLost) {
    const { watchGpuContext } = await import('../estimate/backend');
    return watchGpuContext(onLost);
  },
  async fallback(backend) {
    const { fallbackBackend } = await import('../estimate/backend');
    return fallbackBackend(backend);
  },
};

/** A model being loaded in a worker before the coach screen asks for it (see prewarm). */
let warm: { key: string; load: Promise<LoadResult>; timer: ReturnType<typeof setTimeout> } | null = null;
/** A prewarmed model nobody took within this time is freed. source: starting point */
const PREWARM_KEEP_MS = 3 * 60_000;

async function loadWorker(model: ModelId, backend: BackendChoice): Promise<LoadResult> {
  const { workersSupported, loadInWorker } = await import('../estimate/worker/worker-estimator');
  if (modelRow(model)?.runtime !== 'tfjs' || !workersSupported()) return pageLoader.load(model, backend);
  const r = await loadInWorker({ model, backend, modelBase: new URL('/models', location.href).href });
  if (!r.ok) return { ok: false, error: { kind: r.error.kind, message: r.error.message, detail: r.error.detail } };
  return r;
}

/**
 * Start loading `model` in its worker now (the person pressed Start and is reading the safety,
 * questionnaire and pain screens), so the coach screen finds it ready. Only for the worker path.
 */
export function prewarm(model: ModelId, backend: BackendChoice, search: string = typeof location !== 'undefined' ? location.search : ''): void {
  if (appLoader(search) !== workerLoader) return;
  const key = `${model}|${backend}`;
  if (warm?.key === key) return;
  dropWarm();
  const load = loadWorker(model, backend);
  warm = { key, load, timer: setTimeout(dropWarm, PREWARM_KEEP_MS) };
}

function dropWarm(): void {
  const w = warm;
  warm = null;
  if (!w) return;
  clearTimeout(w.timer);
  void w.load.then((r) => r.ok && r.estimator.dispose());
}

/** tfjs models in a worker (see the top of this file); anything else in the page. */
export const workerLoader: ModelLoader = {
  load(model, backend) {
    const key = `${model}|${backend}`;
    if (warm?.key === key) {
      const w = warm;
      warm = null;
      clearTimeout(w.timer);
      return w.load;
    }
    return loadWorker(model, backend);
  },
  // The GPU lives in the worker: a lost context shows up as failed frames, and the manager falls
  // back after a few of them (fallback below), reloading the model in a new worker.
  fallback: (backend) => pageLoader.fallback!(backend),
};

/** The loader the app uses: `?inference=page` keeps the model in the page (bench, comparison). */
export function appLoader(search: string = typeof location !== 'undefined' ? location.search : ''): ModelLoader {
  return new URLSearchParams(search).get('inference') === 'page' ? pageLoader : workerLoader;
}

/**
 * A queue that runs each `work` in a task of its own, as soon as the page is free (a
 * MessageChannel message: no timer clamping), in the order asked. Each queue has its own channel.
 */
export function taskQueue(): (work: () => void) => void {
  const tasks: (() => void)[] = [];
  let channel: MessageChannel | null = null;
  return (work) => {
    if (typeof MessageChannel === 'undefined') {
      setTimeout(work, 0);
      return;
    }
    if (!channel) {
      channel = new MessageChannel();
      channel.port1.onmessage = () => tasks.shift()?.();
    }
    tasks.push(work);
    channel.port2.postMessage(null);
  };
}

/**
 * LiveRun's `defer` in the browser: the next frame goes to the pose worker (in this task's
 * microtasks) before this frame is counted and drawn.
 */
export const nextTask = taskQueue();
