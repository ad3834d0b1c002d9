/**
 * Bench harness page (not part of the app), driven by scripts/bench.ts through window.__bench:
 * the bare estimator loop that the live coach is compared with. Same camera constraints, same
 * createEstimator(), same blank-frame warm-up and the same frame discipline as the app's
 * frame loop (the same startFrameLoop: requestVideoFrameCallback, one estimate in flight, the
 * latest frame that came while busy handled as soon as it ends), but nothing after estimate():
 * no core, no overlay, no UI.
 * It also replays the poses it saw through the real core session to time core alone.
 */
import { createSession } from '../../src/core/pipeline';
import type { PoseFrame } from '../../src/core/pose';
import { createEstimator } from '../../src/estimate/create-estimator';
import type { EstimatorConfig, PoseEstimator } from '../../src/estimate/estimator';
import { exercises } from '../../src/exercises';
import { loadInWorker } from '../../src/estimate/worker/worker-estimator';
import { startFrameLoop } from '../../src/source/frame-loop';

const video = document.getElementById('v') as HTMLVideoElement;
let est: PoseEstimator | null = null;
const seen: { frame: PoseFrame | null; tMs: number }[] = [];

export interface BareRun {
  processed: number;
  dropped: number;
  /** First to last processed frame (ms). */
  spanMs: number;
  /** estimate() durations (ms). */
  estimateMs: number[];
  /**
   * Frame capture (rVFC captureTime) → pose back from the model (ms): the floor of any app's
   * capture → painted latency with this model, camera and frame discipline.
   */
  poseLatencyMs: number[];
  posed: number;
}

export interface CoreRun {
  frames: number;
  passes: number;
  /** Mean µs per push() for each pass. */
  passUs: number[];
}

const api = {
  /** `worker`: the model in a dedicated worker, as the app runs it (src/estimate/worker). */
  async init(config: EstimatorConfig, worker = false): Promise<{ loadMs: number; backend: string; software: boolean }> {
    const stream = await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 640 }, height: { ideal: 480 } }, audio: false });
    video.srcObject = stream;
    await video.play();
    while (!video.videoWidth) await new Promise((r) => setTimeout(r, 20));
    const t0 = performance.now();
    if (worker) {
      const r = await loadInWorker({ model: config.model, backend: config.backend ?? 'auto', modelBase: new URL('/models', location.href).href, ...(typeof config.crossCheck === 'boolean' ? { crossCheck: config.crossCheck } : {}) });
      if (!r.ok) throw new Error(`${r.error.message} ${r.error.detail}`);
      est = r.estimator;
      return { loadMs: performance.now() - t0, backend: est.backend.name, software: est.backend.software };
    }
    est = await createEstimator(config);
    // The app's warm-up (Coach.loadModel): one blank frame, then reset.
    const c = document.createElement('canvas');
    c.width = 320;
    c.height = 240;
    c.getContext('2d')?.fillRect(0, 0, 320, 240);
    await est.estimate(c, 0);
    est.reset();
    return { loadMs: performance.now() - t0, backend: est.backend.name, software: est.backend.software };
  },

  /** The app's frame discipline for `seconds`, estimate only. */
  run(seconds: number): Promise<BareRun> {
    const e = est;
    if (!e) throw new Error('init first');
    e.reset();
    return new Promise((resolve) => {
      const r: BareRun = { processed: 0, dropped: 0, spanMs: 0, estimateMs: [], poseLatencyMs: [], posed: 0 };
      let first = -1;
      let last = -1;
      let stopping = false;
      let inFlight = false;
      const loop = startFrameLoop(
        video,
        async (tMs, meta) => {
          if (stopping) return;
          inFlight = true;
          const s = performance.now();
          const f = await e.estimate(video, tMs).catch(() => null);
          const done = performance.now();
          r.estimateMs.push(done - s);
          if (meta?.captureTime !== undefined && done >= meta.captureTime) r.poseLatencyMs.push(done - meta.captureTime);
          if (first < 0) first = s;
          last = done;
          r.processed++;
          if (f) r.posed++;
          seen.push({ frame: f, tMs });
          inFlight = false;
        },
        { clock: 'elapsed' },
      );
      setTimeout(() => {
        stopping = true;
        loop.stop();
        // Let an estimate in flight finish (it is counted), then report.
        const wait = (): void => {
          if (!inFlight) {
            r.dropped = loop.stats.dropped;
            r.spanMs = last - first;
            resolve(r);
          } else setTimeout(wait, 10);
        };
        setTimeout(wait, 0);
      }, seconds * 1000);
    });
  },

  /** The estimator's cross-check counters (frames, checker calls, …), or null without one. */
  crossCheck(): unknown {
    return est?.crossCheck?.counts ?? null;
  },

  /** Replay every pose seen so far through a fresh bridge session, `passes` times. */
  core(passes: number): CoreRun {
    const ex = exercises.bridge;
    const passUs: number[] = [];
    for (let p = 0; p < passes; p++) {
      const s = createSession(ex);
      const t0 = performance.now();
      for (const f of seen) s.push(f.frame, f.tMs);
      passUs.push(((performance.now() - t0) * 1000) / Math.max(1, seen.length));
    }
    return { frames: seen.length, passes, passUs };
  },
};

declare global {
  interface Window {
    __bench: typeof api;
    __benchReady: boolean;
  }
}
window.__bench = api;
window.__benchReady = true;
