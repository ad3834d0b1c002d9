/**
 * Test and benchmark harness page (not part of the app): exposes window.__rw so Playwright can
 * create estimators through the real createEstimator() and run them on the fake camera.
 */
import { createEstimator, tryCreateEstimator } from '../../../src/estimate/create-estimator';
import type { EstimatorConfig, PoseEstimator } from '../../../src/estimate/estimator';
import type { PoseFrame } from '../../../src/core/pose';
import { loadInWorker } from '../../../src/estimate/worker/worker-estimator';
// The page's result types are shared with scripts/bench-pose.ts, which may not import from tests/.
import type { BenchResult, EstimateSummary } from '../../../scripts/lib/estimate-page';
export type { BenchResult, EstimateSummary };

const video = document.getElementById('v') as HTMLVideoElement;
let stream: MediaStream | undefined;

async function camera(): Promise<HTMLVideoElement> {
  if (!stream) {
    stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: false });
    video.srcObject = stream;
    await video.play();
  }
  while (!video.videoWidth) await new Promise((r) => setTimeout(r, 20));
  return video;
}

async function nextFrame(): Promise<void> {
  await new Promise<void>((r) => video.requestVideoFrameCallback(() => r()));
}

const api = {
  async tryCreate(config: EstimatorConfig) {
    const t0 = performance.now();
    const r = await tryCreateEstimator(config);
    const ms = performance.now() - t0;
    if (r.ok) {
      r.estimator.dispose();
      return { ok: true as const, backend: r.estimator.backend.name, ms };
    }
    return { ok: false as const, kind: r.error.kind, message: r.error.message, detail: r.error.detail, ms };
  },

  /** Create `config`'s estimator and estimate camera frames until a pose comes back (≤ maxAttempts). */
  async estimateCamera(config: EstimatorConfig, maxAttempts = 10): Promise<EstimateSummary> {
    const v = await camera();
    const est: PoseEstimator = await createEstimator(config);
    try {
      let frame: PoseFrame | null = null;
      let attempts = 0;
      while (!frame && attempts < maxAttempts) {
        attempts++;
        await nextFrame();
        frame = await est.estimate(v, v.currentTime * 1000);
      }
      const out: EstimateSummary = { backend: est.backend.name, software: est.backend.software, frame, attempts };
      if (est.backend.renderer !== undefined) out.renderer = est.backend.renderer;
      return out;
    } finally {
      est.dispose();
    }
  },

  /**
   * The same model in a dedicated worker: estimate camera frames until a pose comes back; with
   * `crashAfter`, make the worker crash after that many frames and go on (it restarts itself).
   */
  async workerEstimateCamera(config: { model: EstimatorConfig['model']; backend: 'wasm' | 'auto'; modelBase?: string }, frames = 3, crashAfter = -1) {
    const v = await camera();
    const r = await loadInWorker({ model: config.model, backend: config.backend, modelBase: new URL(config.modelBase ?? '/models', location.href).href });
    if (!r.ok) return { ok: false as const, kind: r.error.kind, message: r.error.message, detail: r.error.detail };
    const est = r.estimator;
    const notices: string[] = [];
    est.onNotice = (n) => notices.push(n.message);
    const got: (PoseFrame | null)[] = [];
    const errors: string[] = [];
    try {
      for (let i = 0; i < frames; i++) {
        if (i === crashAfter) {
          est.crashForTest();
          await new Promise((res) => setTimeout(res, 300));
        }
        await nextFrame();
        try {
          got.push(await est.estimate(v, v.currentTime * 1000));
        } catch (e) {
          errors.push(String((e as Error).message ?? e));
        }
      }
      return { ok: true as const, backend: est.backend.name, frames: got, errors, notices, restarts: est.restarts, lastWorkerMs: est.lastWorkerMs };
    } finally {
      est.dispose();
    }
  },

  /** Load time, first-frame time and `frames` warm per-frame times on the fake camera. */
  async bench(config: EstimatorConfig, frames: number): Promise<BenchResult> {
    const v = await camera();
    const base = { model: config.model, backend: config.backend ?? 'auto', software: false, loadMs: NaN, firstFrameMs: NaN, times: [], posesFound: 0 };
    let est: PoseEstimator;
    const t0 = performance.now();
    try {
      est = await createEstimator(config);
    } catch (e) {
      return { ...base, error: String((e as Error).message ?? e) + ' ' + String((e as { detail?: string }).detail ?? '') };
    }
    const loadMs = performance.now() - t0;
    const times: number[] = [];
    let posesFound = 0;
    let firstFrameMs = NaN;
    try {
      for (let i = 0; i <= frames; i++) {
        await nextFrame();
        const t = performance.now();
        const f = await est.estimate(v, v.currentTime * 1000 + i);
        const ms = performance.now() - t;
        if (f) posesFound++;
        if (i === 0) firstFrameMs = ms;
        else times.push(ms);
      }
    } catch (e) {
      est.dispose();
      return { ...base, loadMs, firstFrameMs, times, posesFound, error: String((e as Error).message ?? e) };
    }
    const r: BenchResult = { model: config.model, backend: est.backend.name, software: est.backend.software, loadMs, firstFrameMs, times, posesFound };
    if (est.backend.renderer !== undefined) r.renderer = est.backend.renderer;
    est.dispose();
    return r;
  },
};

declare global {
  interface Window {
    __rw: typeof api;
    __rwReady: boolean;
  }
}
window.__rw = api;
window.__rwReady = true;
