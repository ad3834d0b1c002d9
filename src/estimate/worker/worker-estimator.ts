/**
 * A PoseEstimator whose model runs in a dedicated worker (./pose-worker.ts). The page hands it a
 * video (or canvas) per frame; it becomes an ImageBitmap transferred to the worker, and the pose
 * comes back as a plain object. One frame at a time: the live run awaits each estimate, so frames
 * that arrive meanwhile are not queued (latest wins) and latency stays one inference deep.
 *
 * If the worker dies (a crash, out of memory), the frame in flight fails, the worker is started
 * again with the same model, the next frames wait for it, and `onNotice` says so: the set's count
 * lives in the page and is kept.
 */
import type { PoseFrame } from '../../core/pose';
import type { CrossCheckStatus } from '../cross-check-options';
import { EstimatorError, type EstimatorErrorKind } from '../errors';
import type { BackendChoice, BackendInfo, EstimatorNotice, ModelId, PoseEstimator } from '../estimator';
import type { FromWorker, TfMemory, ToWorker } from './protocol';

export interface WorkerEstimatorConfig {
  model: ModelId;
  backend: BackendChoice;
  modelBase: string;
  /** The MoveNet cross-check; default: the model's own default (createEstimator). The bench turns it off to measure it. */
  crossCheck?: boolean;
}

export type WorkerLoad = { ok: true; estimator: WorkerEstimator } | { ok: false; error: { kind: EstimatorErrorKind; message: string; detail: string } };

type Pending = { resolve: (f: PoseFrame | null) => void; reject: (e: unknown) => void };

/** Where the worker comes from (tests may pass another). */
export type MakeWorker = () => Worker;

export const defaultWorker: MakeWorker = () => new Worker(new URL('./pose-worker.ts', import.meta.url), { type: 'module', name: 'rootwell-pose' });

/** Can this browser run the model in a worker (module workers, OffscreenCanvas, ImageBitmap)? */
export function workersSupported(): boolean {
  return typeof Worker !== 'undefined' && typeof OffscreenCanvas !== 'undefined' && typeof createImageBitmap === 'function';
}

/** Start a worker and load `config.model` in it. */
export async function loadInWorker(config: WorkerEstimatorConfig, make: MakeWorker = defaultWorker): Promise<WorkerLoad> {
  const est = new WorkerEstimator(config, make);
  const r = await est.start();
  if (!r.ok) {
    est.dispose();
    return r;
  }
  return { ok: true, estimator: est };
}

export class WorkerEstimator implements PoseEstimator {
  readonly model: ModelId;
  backend: BackendInfo = { name: 'worker', software: false };
  /** Told when the worker had to be restarted (the coach says it to the person). */
  onNotice?: (notice: EstimatorNotice) => void;
  /** Restarts so far (for the bench and the tests). */
  restarts = 0;
  /** Milliseconds the last frame took inside the worker (inference only). */
  lastWorkerMs = 0;
  private worker: Worker | null = null;
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private loading: ((m: Extract<FromWorker, { type: 'loaded' }>) => void) | null = null;
  private restarting: Promise<void> | null = null;
  private status: CrossCheckStatus | null = null;
  private gpuLost: (() => void) | null = null;
  private memoryAsked = new Map<number, (m: TfMemory | null) => void>();
  private disposed = false;

  constructor(
    private readonly config: WorkerEstimatorConfig,
    private readonly make: MakeWorker,
  ) {
    this.model = config.model;
  }

  get crossCheck(): CrossCheckStatus | undefined {
    return this.status ?? undefined;
  }

  /** Start the worker and load the model; resolves when it is ready (or says why not). */
  start(): Promise<WorkerLoad> {
    const w = this.make();
    this.worker = w;
    w.onmessage = (ev: MessageEvent<FromWorker>) => this.receive(ev.data);
    w.onerror = (ev) => {
      ev.preventDefault();
      this.crashed(w, ev.message || 'the pose worker stopped');
    };
    w.onmessageerror = () => this.crashed(w, 'a message from the pose worker could not be read');
    return new Promise<WorkerLoad>((resolve) => {
      this.loading = (m) => {
        if (m.ok) {
          this.backend = m.backend;
          this.status = m.crossCheck;
          resolve({ ok: true, estimator: this });
        } else resolve({ ok: false, error: { kind: m.kind, message: m.message, detail: m.detail } });
      };
      this.send({ type: 'load', model: this.config.model, backend: this.config.backend, modelBase: this.config.modelBase, ...(this.config.crossCheck === undefined ? {} : { crossCheck: this.config.crossCheck }) });
    });
  }

  async estimate(input: unknown, tMs: number): Promise<PoseFrame | null> {
    if (this.restarting) await this.restarting;
    if (this.disposed || !this.worker) throw new EstimatorError('estimate-failed', 'the pose worker was closed');
    let bitmap: ImageBitmap;
    try {
      bitmap = await createImageBitmap(input as ImageBitmapSource);
    } catch (e) {
      throw new EstimatorError('bad-input', e instanceof Error ? e.message : String(e));
    }
    const id = this.nextId++;
    return new Promise<PoseFrame | null>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.send({ type: 'estimate', id, bitmap, tMs }, [bitmap]);
    });
  }

  reset(): void {
    this.send({ type: 'reset' });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.send({ type: 'dispose' });
    const w = this.worker;
    this.worker = null;
    // Give the worker a moment to free its backend, then make sure it is gone.
    setTimeout(() => w?.terminate(), 1000);
    this.failAll('the pose worker was closed');
  }

  /** tfjs memory inside the worker (tensors, bytes): the bench's soak reads it. */
  memory(): Promise<TfMemory | null> {
    if (!this.worker) return Promise.resolve(null);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.memoryAsked.set(id, resolve);
      this.send({ type: 'memory', id });
    });
  }

  /** Call `onLost` when the worker's WebGL context is lost; returns how to stop. */
  watchGpu(onLost: () => void): () => void {
    this.gpuLost = onLost;
    if (import.meta.env?.DEV) (globalThis as { __rootwellLoseGpu?: () => void }).__rootwellLoseGpu = () => this.send({ type: 'lose-gpu-for-test' });
    return () => {
      if (this.gpuLost === onLost) this.gpuLost = null;
    };
  }

  /** Development builds: make the worker throw, as a crash would (the restart's e2e test). */
  crashForTest(): void {
    this.send({ type: 'crash-for-test' });
  }

  /** Frames in flight fail; memory questions get no answer (null) rather than waiting forever. */
  private failAll(why: string): void {
    for (const p of this.pending.values()) p.reject(new EstimatorError('estimate-failed', why));
    this.pending.clear();
    for (const r of this.memoryAsked.values()) r(null);
    this.memoryAsked.clear();
  }

  private send(m: ToWorker, transfer: Transferable[] = []): void {
    this.worker?.postMessage(m, transfer);
  }

  private receive(m: FromWorker): void {
    if (m.type === 'gpu-lost') {
      this.gpuLost?.();
      return;
    }
    if (m.type === 'memory') {
      this.memoryAsked.get(m.id)?.(m.memory);
      this.memoryAsked.delete(m.id);
      return;
    }
    if (m.type === 'loaded') {
      const l = this.loading;
      this.loading = null;
      l?.(m);
      return;
    }
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    if (m.type === 'pose') {
      this.status = m.crossCheck;
      this.lastWorkerMs = m.ms;
      p.resolve(m.frame);
    } else p.reject(new EstimatorError(m.kind as never, m.detail));
  }

  private crashed(w: Worker, why: string): void {
    if (this.disposed || w !== this.worker) return;
    w.terminate();
    this.worker = null;
    this.failAll(`pose worker crashed: ${why}`);
    if (this.loading) {
      // It died while loading: that load fails; nothing to restart.
      const l = this.loading;
      this.loading = null;
      l({ type: 'loaded', ok: false, kind: 'model-load-failed', message: 'The pose model stopped while it was loading.', detail: why });
      return;
    }
    this.restarts += 1;
    this.onNotice?.({ code: 'workerRestarted', message: 'The pose model stopped and was restarted. Your count is kept.' });
    this.restarting = this.start().then((r) => {
      this.restarting = null;
      if (!r.ok) {
        const why = { code: r.error.kind, message: r.error.message };
        this.onNotice?.({ code: 'workerFailed', params: { message: why }, message: `The pose model could not be restarted: ${why.message}` });
      }
    });
  }
}
