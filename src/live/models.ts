/**
 * The pose model of a live run: load it, swap to another one loaded beside it (between two frames,
 * so no frame of the set goes unanalysed), and fall back to wasm when the GPU goes away. The
 * model's phase lives in the run's Lifecycle; this class holds the estimators themselves.
 */
import type { Said } from '../core/said';
import type { EstimatorErrorKind } from '../estimate/errors';
import type { BackendChoice, EstimatorNotice, ModelId, PoseEstimator } from '../estimate/estimator';
import type { Lifecycle, LifeEvent } from './lifecycle';

/** A fault handled mid-set, said to the person: by code (core/said.ts) for the UI's words, and in English. */
export type LiveNotice = EstimatorNotice | Said<'gpuLost' | 'lighterFailed'>;

export type LoadResult = { ok: true; estimator: PoseEstimator } | { ok: false; error: { kind: EstimatorErrorKind; message: string; detail: string } };

/** How models are made on this platform (browser: served files and a warm-up; Node: files on disk). */
export interface ModelLoader {
  /** A model loaded (and warmed up), not yet in use. May throw; the error then reaches the caller. */
  load(model: ModelId, backend: BackendChoice): Promise<LoadResult>;
  /** Call `onLost` when the GPU context goes away; returns how to stop watching. */
  watchGpu?(onLost: () => void): Promise<() => void>;
  /** The backend to fall back to from `backend`, or null when there is none. */
  fallback?(backend: string): Promise<BackendChoice | null>;
}

export interface ModelHooks {
  get(): Lifecycle;
  send(e: LifeEvent): void;
  /** A model was put to work. */
  installed(estimator: PoseEstimator): void;
  /** Something went wrong and was handled (said to the person). */
  notice(notice: LiveNotice): void;
  /** The GPU fallback reloaded the model: hide the reload time from the session. */
  resumed(): void;
}

/** Frames in a row that throw before the run treats the GPU as lost. */
const FAILURES_TO_FALL_BACK = 3;

export class ModelManager {
  estimator: PoseEstimator | null = null;
  private backendChoice: BackendChoice = 'auto';
  private loads = 0;
  private unwatchGpu: (() => void) | null = null;
  /** The estimator whose estimate() is running, and one to free once that frame is done. */
  private inFlight: PoseEstimator | null = null;
  private retireAfterFrame: PoseEstimator | null = null;
  private failures = 0;

  constructor(
    private readonly loader: ModelLoader,
    private readonly hooks: ModelHooks,
  ) {}

  /** Load (or switch to) `model`, dropping the one in use first. Resolves true when ready. */
  async load(model: ModelId, backend: BackendChoice): Promise<boolean> {
    const m = this.hooks.get().model;
    if (m.state === 'ready' && m.model === model && this.estimator) return true;
    this.backendChoice = backend;
    const load = ++this.loads;
    this.stopWatching();
    try {
      this.estimator?.dispose();
    } catch {
      /* a lost GPU context cannot free its textures; nothing to do */
    }
    this.estimator = null;
    this.hooks.send({ type: 'model-loading', model, load });
    const r = await this.loader.load(model, backend);
    const now = this.hooks.get().model;
    if (now.state !== 'loading' || now.load !== load) {
      if (r.ok) r.estimator.dispose();
      return false;
    }
    if (!r.ok) {
      this.hooks.send({ type: 'model-failed', model, code: r.error.kind, message: r.error.message, detail: r.error.detail });
      return false;
    }
    await this.install(model, r.estimator, load);
    return true;
  }

  /**
   * Load `model` while the current one goes on counting, then swap between two frames (a reload
   * first would lose every movement made while the new model loads, and with it a rep). The model
   * in use is freed once its last frame is done. False (and the current model kept) when it cannot load.
   */
  async loadBeside(model: ModelId): Promise<boolean> {
    const before = this.hooks.get().model;
    const r = await this.loader.load(model, this.backendChoice);
    const now = this.hooks.get().model;
    if (!r.ok || before.state !== 'ready' || now.state !== 'ready' || now.load !== before.load) {
      if (r.ok) r.estimator.dispose();
      return false;
    }
    const old = this.estimator;
    this.stopWatching();
    await this.install(model, r.estimator, ++this.loads);
    if (old) {
      if (this.inFlight === old) this.retireAfterFrame = old;
      else old.dispose();
    }
    return true;
  }

  /** Run `est` on one frame; an estimator swapped out meanwhile is freed once it is done. */
  async estimate(est: PoseEstimator, input: unknown, tMs: number): ReturnType<PoseEstimator['estimate']> {
    this.inFlight = est;
    try {
      const frame = await est.estimate(input, tMs);
      this.failures = 0;
      return frame;
    } finally {
      this.inFlight = null;
      if (this.retireAfterFrame === est) {
        this.retireAfterFrame = null;
        est.dispose();
      }
    }
  }

  /** A frame failed: repeated failures on the GPU (no context-lost event seen) fall back the same way. */
  frameFailed(): void {
    const m = this.hooks.get().model;
    if (++this.failures >= FAILURES_TO_FALL_BACK && m.state === 'ready') void this.gpuFailed(m.model);
  }

  dispose(): void {
    this.hooks.send({ type: 'model-disposed' });
    this.stopWatching();
    this.estimator?.dispose();
    this.estimator = null;
    this.retireAfterFrame?.dispose();
    this.retireAfterFrame = null;
  }

  /** Put a loaded model to work (the previous one, if any, is already out of the way). */
  private async install(model: ModelId, estimator: PoseEstimator, load: number): Promise<void> {
    this.estimator = estimator;
    estimator.onNotice = (n) => this.hooks.notice(n);
    this.hooks.installed(estimator);
    this.failures = 0;
    const lost = () => void this.gpuFailed(model);
    this.unwatchGpu = estimator.watchGpu ? estimator.watchGpu(lost) : ((await this.loader.watchGpu?.(lost)) ?? null);
    this.hooks.send({ type: 'model-ready', model, backend: estimator.backend.name, software: estimator.backend.software, load });
  }

  /** The GPU went away mid-session: carry on with the same model on wasm; the count is kept. */
  private async gpuFailed(model: ModelId): Promise<void> {
    const m = this.hooks.get().model;
    const to = m.state === 'ready' ? await this.loader.fallback?.(m.backend) : null;
    if (!to) return;
    this.hooks.notice({ code: 'gpuLost', message: 'The graphics chip stopped working, so I switched to the processor. Your count is kept; it may be a little slower.' });
    this.hooks.send({ type: 'model-loading', model, load: ++this.loads });
    if (await this.load(model, to)) this.hooks.resumed();
  }

  private stopWatching(): void {
    this.unwatchGpu?.();
    this.unwatchGpu = null;
  }
}
