/**
 * One headless live run: a FrameSource → the pose model (ModelManager) → the core session → a
 * recorder, emitting every output to its subscribers. The app (through the Coach's runes) and the
 * CLI (through the ffmpeg source) run the same loop. No DOM and no Svelte here: drawing, voice and
 * the picture are the subscribers' business.
 */
import { createSession, type CoachSession, type SessionEvent, type SessionOutput } from '../core/pipeline';
import type { Exercise, Prescription } from '../core/check/exercise';
import type { PoseFrame } from '../core/pose';
import type { BackendChoice, ModelId, PoseEstimator } from '../estimate/estimator';
import { FpsMeter, type FrameMeta } from '../source/frame-loop';
import type { FrameSource, SourceEnd, SourceKind } from '../source/source';
import { analysing, autoSwitchDue, INITIAL, sourceKind, step, watchingSlow, type LifeEvent, type Lifecycle } from './lifecycle';
import { ModelManager, type LiveNotice, type ModelLoader } from './models';

/** Where the raw frames of a set go (the browser's SetRecorder, the CLI's RecordBuilder). */
export interface FrameRecorder {
  add(frame: PoseFrame | null, tMs: number, events: readonly SessionEvent[]): void;
  finish?(events: readonly SessionEvent[]): unknown;
}

/** Per-frame timing of the live path (ui/state/perf.ts in the browser). */
export interface FrameTimer {
  estimated(): void;
  /** The rest of the frame starts (after the next frame went to the model, when deferred). */
  resumed?(): void;
  cored(): void;
  drawn(pose: boolean): void;
  applied(out: { phase: string; reps: { total: number }; cue: { isNew: boolean } | null }): void;
}

export interface LiveFrame<I> {
  input: I;
  /** The model's raw pose (null: nobody in view) and what the core made of it. */
  frame: PoseFrame | null;
  out: SessionOutput;
  /** Session time (ms): source time with paused and hidden time taken out. */
  t: number;
  live: boolean;
  timer: FrameTimer | null;
}

export type LiveEvent<I> =
  | { type: 'state'; state: Lifecycle }
  | ({ type: 'frame' } & LiveFrame<I>)
  /** Source time of the latest frame (also while paused). */
  | { type: 'time'; tMs: number }
  /** About twice a second while frames are analysed: the measured rate and the loop's counts. */
  | { type: 'tick'; fps: number; nowMs: number; live: boolean; stats: { processed: number; dropped: number } | null; otherPerson: boolean }
  | { type: 'notice'; notice: LiveNotice }
  | { type: 'installed'; estimator: PoseEstimator }
  /** A lighter model took over (`auto`: by itself, nobody answered the offer). */
  | { type: 'switched'; from: ModelId; to: ModelId; auto: boolean }
  /** The set ended (by the core, the person or the end of a file); `events` is the whole set. */
  | { type: 'ended'; events: readonly SessionEvent[] };

/** When the computer is too slow for the model: offer a lighter one, and take it after `autoSwitchMs`. */
export interface SlowPolicy {
  /** Fed the frame rate of a live source; true once it has been too low for long enough. */
  watch: { update(fps: number, nowMs: number): boolean; reset(): void };
  lighter(model: ModelId): ModelId | null;
  autoSwitchMs: number;
}

export interface LiveRunOptions {
  exercise: Exercise;
  prescription?: Partial<Prescription>;
  loader: ModelLoader;
  /** Made at the set's first analysed frame (the model in use, and its cross-check model, are known then). */
  recorder: (ctx: { model: ModelId | null; checker: ModelId | null; source: SourceKind | null }) => FrameRecorder;
  /** Start timing a live frame (null: not timed). */
  timer?: (meta: FrameMeta | undefined) => FrameTimer | null;
  slow?: SlowPolicy;
  /** Wall clock (ms) for the frame rate; performance.now by default. */
  now?: () => number;
  /**
   * How a live frame's work after the model (core, recorder, subscribers: drawing and the page)
   * is run. Default: at once, before the source may send the next frame. The browser passes a
   * "next task" here: the frame loop then hands the next picture to the model (a worker) first,
   * and this frame is counted and drawn while the model works on the next one, so the model never
   * waits for the page (bench/results.md). Deferred work runs in order, one frame at a time.
   */
  defer?: (work: () => void) => void;
}

/** Session time assumed between the last frame before a pause and the first after it (15 fps). */
const RESUME_GAP_MS = 1000 / 15;
/** How often (ms) the frame rate and counts are reported. */
const TICK_MS = 500;

export class LiveRun<I = unknown> {
  readonly models: ModelManager;
  private life: Lifecycle = INITIAL;
  private readonly listeners = new Set<(e: LiveEvent<I>) => void>();
  private session: CoachSession;
  private source: FrameSource<I> | null = null;
  private recorder: FrameRecorder | null = null;
  private pauseOffsetMs = 0;
  private lastCoreT = 0;
  private resync = false;
  private readonly meter = new FpsMeter();
  private lastTick = 0;
  private readonly now: () => number;

  constructor(private readonly opts: LiveRunOptions) {
    this.session = createSession(opts.exercise, opts.prescription);
    this.now = opts.now ?? (() => performance.now());
    this.models = new ModelManager(opts.loader, {
      get: () => this.life,
      send: (e) => this.send(e),
      installed: (estimator) => {
        opts.slow?.watch.reset();
        this.emit({ type: 'installed', estimator });
      },
      notice: (notice) => this.emit({ type: 'notice', notice }),
      resumed: () => void (this.resync = true),
    });
  }

  get state(): Lifecycle {
    return this.life;
  }

  /** The picture of the live source in use, for a consented video of the set. */
  get stream(): MediaStream | null {
    return this.source?.stream ?? null;
  }

  get ended(): boolean {
    return this.life.set === 'ended';
  }

  get events(): readonly SessionEvent[] {
    return this.session.events;
  }

  subscribe(fn: (e: LiveEvent<I>) => void): () => void {
    this.listeners.add(fn);
    return () => void this.listeners.delete(fn);
  }

  /** Apply a lifecycle event and tell the subscribers when it changed something. */
  send(e: LifeEvent): void {
    const next = step(this.life, e);
    if (next === this.life) return;
    this.life = next;
    this.emit({ type: 'state', state: next });
  }

  loadModel(model: ModelId, backend: BackendChoice): Promise<boolean> {
    return this.models.load(model, backend);
  }

  /** Take the lighter model offered, loaded beside the one in use (the count is kept); false when it could not. */
  async switchLighter(auto = false): Promise<boolean> {
    this.send({ type: 'switch-start' });
    const s = this.life.slow;
    if (s.state !== 'switching') return false;
    let ok = false;
    try {
      ok = await this.models.loadBeside(s.to);
    } finally {
      this.send({ type: 'switch-end' });
    }
    const m = this.life.model;
    if (ok) this.emit({ type: 'switched', from: s.from, to: s.to, auto });
    else if (m.state === 'ready' && m.model === s.from) {
      this.emit({
        type: 'notice',
        notice: { code: 'lighterFailed', params: { model: s.from }, message: `The lighter model could not be loaded, so I kept ${s.from}. Counting goes on.` },
      });
    }
    return ok;
  }

  /** Stop the source in use and start `source`; resolves once it runs (false when it could not start). */
  async start(source: FrameSource<I>): Promise<boolean> {
    this.stopSource();
    this.source = source;
    this.send({ type: 'source-starting', kind: source.kind });
    this.models.estimator?.reset();
    // A new source's clock starts at 0; after a reconnect the session's time must carry on.
    if (source.live && this.lastCoreT > 0) this.resync = true;
    const r = await source.start((input, tMs, meta) => this.handle(source, input, tMs, meta));
    if (this.source !== source) return false;
    if (!r.ok) {
      this.send({ type: 'source-failed', error: r.error });
      return false;
    }
    this.send({ type: 'source-running', kind: source.kind, label: source.label });
    void source.ended.then((end) => this.sourceEnded(source, end)).catch(() => undefined);
    return true;
  }

  togglePause(): void {
    this.send({ type: 'toggle-pause' });
    if (this.life.set === 'counting') this.resync = true;
  }

  setHidden(hidden: boolean): void {
    this.send({ type: 'hidden', hidden });
    // Time spent hidden is hidden from the core too: no phantom hold, no jump on return.
    if (!hidden) this.resync = true;
  }

  /** End the set now; the recorder is told, and the source keeps its last picture. */
  end(): void {
    if (this.life.set === 'ended') return;
    this.session.end();
    const events = this.session.events;
    void this.recorder?.finish?.(events);
    this.recorder = null;
    this.send({ type: 'end' });
    this.stopSource(true);
    this.emit({ type: 'ended', events });
  }

  /** Start another set with the same exercise, model and source. */
  newSet(): void {
    this.session = createSession(this.opts.exercise, this.opts.prescription);
    this.recorder = null;
    this.pauseOffsetMs = 0;
    this.lastCoreT = 0;
    this.models.estimator?.reset();
    this.send({ type: 'new-set' });
  }

  stopSource(keepPicture = false): void {
    this.source?.stop(keepPicture);
    if (!keepPicture) this.source = null;
  }

  dispose(): void {
    this.stopSource();
    this.models.dispose();
    this.listeners.clear();
  }

  private emit(e: LiveEvent<I>): void {
    for (const fn of this.listeners) fn(e);
  }

  private sourceEnded(source: FrameSource<I>, end: SourceEnd): void {
    if (this.source !== source || end.state === 'stopped') return;
    if (end.state === 'error') this.send({ type: 'source-failed', error: end.error });
    else {
      this.send({ type: 'source-finished' });
      this.end();
    }
  }

  /** A frame from the source. A live source's failures are counted (GPU fallback); a paced one's are thrown. */
  private async handle(source: FrameSource<I>, input: I, tMs: number, meta?: FrameMeta): Promise<void> {
    if (!source.live) {
      while (this.life.set === 'paused' && this.source === source) await new Promise((res) => setTimeout(res, 100));
      return this.frame(input, tMs, false);
    }
    try {
      await this.frame(input, tMs, true, meta);
    } catch (e) {
      console.error('frame failed', e);
      this.models.frameFailed();
    }
  }

  private async frame(input: I, tMs: number, live: boolean, meta?: FrameMeta): Promise<void> {
    const est = this.models.estimator;
    if (!est || this.ended) return;
    const timer = live ? (this.opts.timer?.(meta) ?? null) : null;
    this.emit({ type: 'time', tMs });
    if (live && !analysing(this.life)) return;
    if (live && this.resync) {
      // Hide paused or disconnected time from the core so a hold does not jump on resume.
      this.pauseOffsetMs = tMs - (this.lastCoreT + RESUME_GAP_MS);
      this.resync = false;
    }
    const t = tMs - this.pauseOffsetMs;
    const frame = await this.models.estimate(est, input, t);
    timer?.estimated();
    // The set may have ended while the model ran.
    if (this.ended) return;
    this.lastCoreT = t;
    if (!live || !this.opts.defer) return this.afterModel(input, frame, t, live, timer, est);
    const session = this.session;
    this.opts.defer(() => {
      // The set may have ended, or another begun, before this ran.
      if (this.ended || session !== this.session) return;
      try {
        this.afterModel(input, frame, t, live, timer, est);
      } catch (e) {
        console.error('frame failed', e);
        this.models.frameFailed();
      }
    });
  }

  /** A frame's work once the model has seen it: core, recorder, subscribers, the rate. */
  private afterModel(input: I, frame: PoseFrame | null, t: number, live: boolean, timer: FrameTimer | null, est: PoseEstimator): void {
    timer?.resumed?.();
    const out = this.session.push(frame, t);
    timer?.cored();
    if (!this.recorder) {
      const m = this.life.model;
      this.recorder = this.opts.recorder({ model: m.state === 'ready' ? m.model : null, checker: est.crossCheck?.checker ?? null, source: sourceKind(this.life) });
    }
    this.recorder.add(frame, t, this.session.events);
    this.emit({ type: 'frame', input, frame, out, t, live, timer });
    const now = this.now();
    this.meter.tick(now);
    if (now - this.lastTick > TICK_MS) {
      this.lastTick = now;
      const stats = this.source?.stats;
      // The cross-check's status is a fresh object per read: read it on this tick, not every frame.
      const fps = this.meter.fps;
      this.emit({ type: 'tick', fps, nowMs: now, live, stats: stats ? { ...stats } : null, otherPerson: est.crossCheck?.otherPersonLikely ?? false });
      if (live) this.checkSlow(fps, now);
    }
  }

  private checkSlow(fps: number, now: number): void {
    const policy = this.opts.slow;
    const m = this.life.model;
    if (!policy || m.state !== 'ready') return;
    if (watchingSlow(this.life) && policy.watch.update(fps, now)) {
      const lighter = policy.lighter(m.model);
      if (lighter) this.send({ type: 'slow', fps, lighter, nowMs: now });
    } else if (autoSwitchDue(this.life, now, policy.autoSwitchMs)) void this.switchLighter(true);
  }
}
