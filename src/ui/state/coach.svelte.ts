/**
 * One coaching run: a source (camera, video file or shared screen) → estimator → core session,
 * held as rune state for the live view. `latest` is replaced (never mutated) every frame; the
 * skeleton is drawn straight onto the canvas from the frame loop.
 */
import type { BackendChoice, ModelId, PoseEstimator } from '../../estimate/estimator';
import type { StorageError } from '../../storage/store';
import { listCameras, openCamera, type CameraDevice, type CameraError, type OpenCamera } from '../../source/camera';
import { FpsMeter, startFrameLoop, type FrameLoop, type FrameMeta } from '../../source/frame-loop';
import { openScreen, type ScreenError } from '../../source/screen';
import { loadVideoFile, stepThrough, type VideoFileError } from '../../source/video-file';
import { createSession } from './core-api';
import type { CoachSession, Exercise, HoldDetail, Prescription, RepDetail, SessionOutput } from './contract';
import { perfCrossCheck, perfFrame, perfMark } from './perf';
import { AUTO_SWITCH_MS, lighterModel, SlowWatch } from './slow-machine';
import { SetRecorder } from './recorder';
import { ClipKeeper, type ClipStatus } from './clip-keeper';
import { drawSkeleton } from './skeleton';
import type { Voice } from './voice';

export type SourceKind = 'camera' | 'file' | 'screen';

export type ModelStatus =
  | { state: 'idle' }
  | { state: 'loading'; model: ModelId }
  | { state: 'ready'; model: ModelId; backend: string; software: boolean }
  | { state: 'error'; model: ModelId; message: string; detail: string };

export type SourceStatus =
  | { state: 'idle' }
  | { state: 'starting'; kind: SourceKind }
  | { state: 'running'; kind: SourceKind; label: string }
  | { state: 'finished'; kind: SourceKind }
  | { state: 'camera-error'; error: CameraError }
  | { state: 'screen-error'; error: ScreenError }
  | { state: 'file-error'; error: VideoFileError };

/** Frames per second a video file is analysed at: the same rate as the fake/live camera. */
export const FILE_FPS = 15;

/**
 * After a set, ask the browser to keep this site's storage under disk pressure (best-effort
 * storage can be evicted). Chrome decides without asking; Firefox may ask, so never mid-set.
 */
async function askToKeepStorage(): Promise<void> {
  try {
    const s = globalThis.navigator?.storage;
    if (s?.persist && s.persisted && !(await s.persisted())) await s.persist();
  } catch {
    /* not granted: History shows the usage and suggests exporting */
  }
}

export class Coach {
  latest = $state.raw<SessionOutput | null>(null);
  reps = $state.raw<RepDetail[]>([]);
  /** Holds reported by the core (hold exercises, and holds at the top of a rep), filled at the end of a set. */
  holds = $state.raw<HoldDetail[]>([]);
  model = $state.raw<ModelStatus>({ state: 'idle' });
  source = $state.raw<SourceStatus>({ state: 'idle' });
  paused = $state(false);
  fps = $state(0);
  /** 0-1 while a video file is analysed. */
  fileProgress = $state(0);
  cameras = $state.raw<CameraDevice[]>([]);
  /** Time of the latest frame since the source started (ms), for the status line and tests. */
  sourceTMs = $state(0);
  /** Frames processed / dropped by the live loop. */
  frameStats = $state.raw({ processed: 0, dropped: 0 });
  /** The set has ended (by the core or by the person); the summary is shown. */
  ended = $state(false);
  /** The page is in a background tab: frames are not analysed, timers do not run. */
  hidden = $state(false);
  /** The computer is too slow for this model: a lighter one is offered, and taken by itself after AUTO_SWITCH_MS. */
  slow = $state.raw<{ fps: number; lighter: ModelId; sinceMs: number } | null>(null);
  /** The coach switched to a lighter model by itself (the screen keeps the choice in the settings). */
  autoSwitched = $state.raw<{ from: ModelId; to: ModelId } | null>(null);
  /** Something went wrong and was handled (e.g. the GPU was lost); shown until the next one. */
  notice = $state<string | null>(null);
  /**
   * The person ticked "keep a video of this set" (issue 5 item 7). Off every time the screen
   * opens: consent is asked for each time, never assumed from last time.
   */
  keepVideo = $state(false);
  clip = $state.raw<ClipStatus>({ state: 'off' });
  /**
   * The cross-check found the pose model on a different body from the checker (someone else is in
   * view); the coach follows the patient and says so.
   */
  otherPerson = $state(false);
  /** Saving the set on this device failed (full, private window): shown live; the summary offers a download. */
  saveError = $state.raw<StorageError | null>(null);

  private estimator: PoseEstimator | null = null;
  private session: CoachSession;
  private video: HTMLVideoElement | null = null;
  private canvas: HTMLCanvasElement | null = null;
  private loop: FrameLoop | null = null;
  private camera: OpenCamera | null = null;
  private stopScreen: (() => void) | null = null;
  private releaseFile: (() => void) | null = null;
  private fileAbort: AbortController | null = null;
  private meter = new FpsMeter();
  private pauseOffsetMs = 0;
  private lastCoreT = 0;
  private resync = false;
  /** The estimator whose estimate() is running, and one to free once that frame is done. */
  private inFlight: PoseEstimator | null = null;
  private retireAfterFrame: PoseEstimator | null = null;
  /** A lighter model is loading beside the one in use: no new slow-machine offer meanwhile. */
  private switching = false;
  private lastRepKey = '';
  private lastUiUpdate = 0;
  private slowWatch = new SlowWatch();
  private slowDismissed = false;
  private backendChoice: BackendChoice = 'auto';
  private unwatchGpu: (() => void) | null = null;
  private frameFailures = 0;
  private readonly onVisibility = (): void => {
    this.hidden = document.hidden;
    if (document.hidden) {
      this.voice.stop();
      this.keeper?.pause();
    } else {
      // Time spent hidden is hidden from the core too (and from the video): no phantom hold, no jump on return.
      this.resync = true;
      if (!this.paused) this.keeper?.resume();
    }
  };
  private generation = 0;
  /** Saves the set to the SessionStore while it runs (records/history helper). */
  private recorder: SetRecorder | null = null;
  /** The set shown in the summary (for "download this set" when it could not be saved). */
  private lastRecorder: SetRecorder | null = null;
  private liveStream: MediaStream | null = null;
  /** The video of this set (only with consent); null before it starts and after the set. */
  private keeper: ClipKeeper | null = null;
  /** The keeper whose status `clip` shows: this set's, also after it ended (for the summary). */
  private clipOwner: ClipKeeper | null = null;
  private clipTried = false;

  constructor(
    readonly exercise: Exercise,
    readonly prescription: Prescription,
    private readonly voice: Voice,
  ) {
    this.session = createSession(exercise, prescription);
    if (typeof document !== 'undefined') document.addEventListener('visibilitychange', this.onVisibility);
  }

  get sourceKind(): SourceKind | null {
    const s = this.source;
    return s.state === 'starting' || s.state === 'running' || s.state === 'finished' ? s.kind : null;
  }

  /** The camera display is mirrored (like a mirror); files and shared screens are not. */
  get mirrored(): boolean {
    return this.sourceKind === 'camera';
  }

  attach(video: HTMLVideoElement, canvas: HTMLCanvasElement): void {
    this.video = video;
    this.canvas = canvas;
  }

  /** Load (or switch) the pose model. Resolves true when ready. */
  async loadModel(model: ModelId, backend: BackendChoice): Promise<boolean> {
    if (this.model.state === 'ready' && this.model.model === model && this.estimator) return true;
    this.backendChoice = backend;
    const gen = ++this.generation;
    this.unwatchGpu?.();
    this.unwatchGpu = null;
    try {
      this.estimator?.dispose();
    } catch {
      /* a lost GPU context cannot free its textures; nothing to do */
    }
    this.estimator = null;
    this.model = { state: 'loading', model };
    const r = await this.createWarm(model, backend);
    if (gen !== this.generation) {
      if (r.ok) r.estimator.dispose();
      return false;
    }
    if (!r.ok) {
      this.model = { state: 'error', model, message: r.error.message, detail: r.error.detail };
      return false;
    }
    await this.install(model, r.estimator);
    return true;
  }

  /** A model loaded and warmed up, not yet in use. */
  private async createWarm(model: ModelId, backend: BackendChoice) {
    const { tryCreateEstimator } = await import('../../estimate/create-estimator');
    const r = await tryCreateEstimator({ model, backend, modelBase: '/models' });
    if (!r.ok) return r;
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
  }

  /** Put a loaded model to work (the previous one, if any, is already out of the way). */
  private async install(model: ModelId, estimator: PoseEstimator): Promise<void> {
    this.estimator = estimator;
    perfMark('model-ready');
    perfCrossCheck(() => this.estimator?.crossCheck?.counts ?? null);
    this.slowWatch.reset();
    this.slow = null;
    this.frameFailures = 0;
    const { watchGpuContext } = await import('../../estimate/backend');
    this.unwatchGpu = watchGpuContext(() => void this.gpuFailed(model));
    this.model = { state: 'ready', model, backend: estimator.backend.name, software: estimator.backend.software };
  }

  /**
   * Load `model` while the current one goes on counting, then swap between two frames: no
   * frame of the set goes unanalysed (a reload first would lose every movement made while the
   * new model loads, seconds on a slow computer, and with it a rep). The model in use is freed
   * once its last frame is done. False (and the current model kept) when it cannot load.
   */
  private async loadBeside(model: ModelId, backend: BackendChoice): Promise<boolean> {
    const gen = this.generation;
    const r = await this.createWarm(model, backend);
    if (!r.ok || gen !== this.generation || this.model.state !== 'ready') {
      if (r.ok) r.estimator.dispose();
      return false;
    }
    const old = this.estimator;
    this.unwatchGpu?.();
    this.unwatchGpu = null;
    this.backendChoice = backend;
    await this.install(model, r.estimator);
    if (old) {
      if (this.inFlight === old) this.retireAfterFrame = old;
      else old.dispose();
    }
    return true;
  }

  /** The GPU went away mid-session: carry on with the same model on wasm; the count is kept. */
  private async gpuFailed(model: ModelId): Promise<void> {
    const { fallbackBackend } = await import('../../estimate/backend');
    const to = this.model.state === 'ready' ? fallbackBackend(this.model.backend) : null;
    if (!to) return;
    this.notice = 'The graphics chip stopped working, so I switched to the processor. Your count is kept; it may be a little slower.';
    this.model = { state: 'loading', model };
    const ok = await this.loadModel(model, to);
    // Hide the reload time from the core (no hold jump, no false break).
    if (ok) this.resync = true;
  }

  /** Take the lighter model offered (pressed, or by itself when nobody answered); the count is kept. */
  async switchLighter(auto: boolean): Promise<boolean> {
    const slow = this.slow;
    if (!slow || this.model.state !== 'ready') return false;
    const from = this.model.model;
    this.slow = null;
    // The current model goes on counting while the lighter one loads (loadBeside).
    this.switching = true;
    let ok = false;
    try {
      ok = await this.loadBeside(slow.lighter, this.backendChoice);
    } finally {
      this.switching = false;
    }
    if (ok && auto) {
      this.autoSwitched = { from, to: slow.lighter };
      this.notice = 'This computer was too slow for the detailed model, so I switched to a lighter one. Your count is kept.';
      this.voice.announce('I switched to a lighter model so I can keep up. Your count is kept.');
    }
    if (!ok && this.model.state === 'ready' && this.model.model === from) {
      this.notice = `The lighter model could not be loaded, so I kept ${from}. Counting goes on.`;
    }
    return ok;
  }

  /** "Keep this model": do not offer a lighter one again for this screen. */
  dismissSlow(): void {
    this.slow = null;
    this.slowDismissed = true;
  }

  async refreshCameras(): Promise<void> {
    this.cameras = await listCameras();
  }

  async startCamera(deviceId?: string | null): Promise<boolean> {
    this.stopSource();
    this.source = { state: 'starting', kind: 'camera' };
    const r = await openCamera(deviceId ? { deviceId } : {});
    if (!r.ok) {
      this.source = { state: 'camera-error', error: r.error };
      return false;
    }
    this.camera = r.camera;
    this.liveStream = r.camera.stream;
    r.camera.onEnded((error) => {
      this.loop?.stop();
      this.loop = null;
      this.camera = null;
      this.source = { state: 'camera-error', error };
    });
    void this.refreshCameras();
    await this.playStream(r.camera.stream);
    this.source = { state: 'running', kind: 'camera', label: r.camera.label };
    this.startLive();
    return true;
  }

  async startScreen(): Promise<boolean> {
    this.stopSource();
    this.source = { state: 'starting', kind: 'screen' };
    const r = await openScreen();
    if (!r.ok) {
      this.source = { state: 'screen-error', error: r.error };
      return false;
    }
    this.stopScreen = r.stop;
    this.liveStream = r.stream;
    r.onEnded(() => {
      this.loop?.stop();
      this.loop = null;
      this.source = { state: 'screen-error', error: { kind: 'ended' } };
    });
    await this.playStream(r.stream);
    this.source = { state: 'running', kind: 'screen', label: r.track.label || 'Shared window' };
    this.startLive();
    return true;
  }

  /** Analyse a recorded video frame by frame; the report is the same as for the live view. */
  async startFile(file: File): Promise<boolean> {
    this.stopSource();
    const video = this.video;
    const est = this.estimator;
    if (!video || !est) return false;
    this.source = { state: 'starting', kind: 'file' };
    this.fileProgress = 0;
    const r = await loadVideoFile(video, file);
    if (!r.ok) {
      this.source = { state: 'file-error', error: r.error };
      return false;
    }
    this.releaseFile = r.release;
    this.source = { state: 'running', kind: 'file', label: file.name };
    est.reset();
    this.fileAbort = new AbortController();
    const signal = this.fileAbort.signal;
    const out = await stepThrough(
      video,
      r.durationS,
      async (tMs) => {
        while (this.paused && !signal.aborted) await new Promise((res) => setTimeout(res, 100));
        await this.processFrame(video, tMs, false);
      },
      { fps: FILE_FPS, signal, onProgress: (f) => (this.fileProgress = f) },
    );
    if (signal.aborted) return false;
    if ('error' in out) {
      this.source = { state: 'file-error', error: out.error };
      return false;
    }
    this.source = { state: 'finished', kind: 'file' };
    this.end();
    return true;
  }

  togglePause(): void {
    if (this.ended) return;
    this.paused = !this.paused;
    if (!this.paused) {
      this.resync = true;
      this.keeper?.resume();
    } else {
      this.voice.stop();
      this.keeper?.pause();
    }
  }

  /** End the set now (the person pressed "Finish"); the summary shows what was counted. */
  end(): void {
    if (this.ended) return;
    this.session.end();
    const ev = this.session.events;
    void this.recorder?.finish(ev);
    this.recorder = null;
    void this.stopClip();
    void askToKeepStorage();
    this.reps = ev.flatMap((e) => (e.type === 'rep' ? [e.rep] : []));
    this.holds = ev.flatMap((e) => (e.type === 'hold' ? [e.hold] : []));
    this.ended = true;
    this.paused = false;
    this.stopSource(true);
  }

  /** Start another set with the same exercise, model and source kind. */
  newSet(): void {
    this.session = createSession(this.exercise, this.prescription);
    this.reps = [];
    this.holds = [];
    this.latest = null;
    this.ended = false;
    this.lastRepKey = '';
    this.pauseOffsetMs = 0;
    this.lastCoreT = 0;
    this.estimator?.reset();
    this.lastRecorder = null;
    this.saveError = null;
    this.clipTried = false;
    this.clipOwner = null;
    this.clip = { state: 'off' };
  }

  dispose(): void {
    this.generation++;
    if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', this.onVisibility);
    this.unwatchGpu?.();
    this.unwatchGpu = null;
    void this.stopClip();
    this.stopSource();
    this.estimator?.dispose();
    this.estimator = null;
    this.retireAfterFrame?.dispose();
    this.retireAfterFrame = null;
    this.voice.stop();
  }

  private async playStream(stream: MediaStream): Promise<void> {
    const video = this.video;
    if (!video) return;
    video.removeAttribute('src');
    video.srcObject = stream;
    video.muted = true;
    video.playsInline = true;
    await video.play().catch(() => undefined);
    if (video.readyState < 2) {
      await new Promise<void>((res) => video.addEventListener('loadeddata', () => res(), { once: true }));
    }
  }

  private startLive(): void {
    const video = this.video;
    if (!video) return;
    this.estimator?.reset();
    // A new loop's clock starts at 0; after a reconnect the session's time must carry on.
    if (this.lastCoreT > 0) this.resync = true;
    this.loop = startFrameLoop(video, (tMs, meta) => this.processFrame(video, tMs, true, meta), {
      clock: 'elapsed',
      onError: (e) => {
        console.error('frame failed', e);
        // Repeated failures on the GPU (no context-lost event seen): fall back the same way.
        if (++this.frameFailures >= 3 && this.model.state === 'ready') void this.gpuFailed(this.model.model);
      },
    });
  }

  private stopSource(keepPicture = false): void {
    this.loop?.stop();
    this.loop = null;
    this.fileAbort?.abort();
    this.fileAbort = null;
    this.camera?.stop();
    this.camera = null;
    this.stopScreen?.();
    this.stopScreen = null;
    this.liveStream = null;
    if (!keepPicture) {
      this.releaseFile?.();
      this.releaseFile = null;
      if (this.video) this.video.srcObject = null;
    }
  }

  private async processFrame(video: HTMLVideoElement, tMs: number, live: boolean, meta?: FrameMeta): Promise<void> {
    const est = this.estimator;
    if (!est || this.ended) return;
    const timer = live ? perfFrame(meta) : null;
    this.sourceTMs = tMs;
    if (live && (this.paused || this.hidden)) return;
    if (live && this.resync) {
      // Hide paused or disconnected time from the core so a hold does not jump on resume.
      this.pauseOffsetMs = tMs - (this.lastCoreT + 1000 / 15);
      this.resync = false;
    }
    const t = tMs - this.pauseOffsetMs;
    this.inFlight = est;
    let frame: Awaited<ReturnType<typeof est.estimate>>;
    try {
      frame = await est.estimate(video, t);
    } finally {
      this.inFlight = null;
      // Swapped for another model while this frame ran: free it now that it is done.
      if (this.retireAfterFrame === est) {
        this.retireAfterFrame = null;
        est.dispose();
      }
    }
    this.frameFailures = 0;
    timer?.estimated();
    if (this.ended) return;
    const out = this.session.push(frame, t);
    timer?.cored();
    if (!this.recorder) {
      const checker = est.crossCheck?.checker;
      const rec = new SetRecorder(this.exercise, this.prescription, {
        // The record says which models made its keypoints (some frames may be the checker's).
        model: this.model.state === 'ready' ? `${this.model.model}${checker ? `, cross-checked by ${checker}` : ''}` : 'unknown',
        ...(this.sourceKind ? { source: this.sourceKind } : {}),
      });
      rec.onstatus = (st) => (this.saveError = st.state === 'error' ? st.error : null);
      this.recorder = rec;
      this.lastRecorder = rec;
    }
    if (live && this.keepVideo && !this.clipTried) {
      // The video starts with the set's first frame: video time = session time − t.
      this.clipTried = true;
      // A problem with the video must never stop the counting: it becomes a message.
      if (this.liveStream) {
        try {
          const keeper: ClipKeeper = new ClipKeeper(this.recorder.id, this.liveStream, t, (st) => {
            if (this.clipOwner === keeper) this.clip = st;
          });
          this.keeper = keeper;
          this.clipOwner = keeper;
          this.clip = keeper.status;
        } catch (e) {
          this.clip = { state: 'error', message: `The video could not be started (${e instanceof Error ? e.message : String(e)}). Counting works as usual.` };
        }
      }
    }
    this.recorder.add(frame, t, this.session.events);
    this.lastCoreT = t;
    const canvas = this.canvas;
    const ctx = canvas?.getContext('2d');
    if (canvas && ctx) {
      const w = video.videoWidth || canvas.width;
      const h = video.videoHeight || canvas.height;
      if (canvas.width !== w || canvas.height !== h) {
        canvas.width = w;
        canvas.height = h;
      }
      drawSkeleton(ctx, out.smoothed ?? frame, { mirror: this.mirrored, watching: out.watchingSide });
    }
    timer?.drawn((out.smoothed ?? frame) !== null);
    this.apply(out, live);
    timer?.applied(out);
    const now = performance.now();
    this.meter.tick(now);
    if (now - this.lastUiUpdate > 500) {
      this.lastUiUpdate = now;
      this.fps = this.meter.fps;
      if (this.loop) this.frameStats = { ...this.loop.stats };
      // The cross-check's status is a fresh object per read: read it on this tick, not every frame.
      const other = est.crossCheck?.otherPersonLikely ?? false;
      if (other !== this.otherPerson) this.otherPerson = other;
      if (live && !this.slow && !this.slowDismissed && !this.switching && this.model.state === 'ready' && this.slowWatch.update(this.fps, now)) {
        const lighter = lighterModel(this.model.model);
        if (lighter) this.slow = { fps: this.fps, lighter, sinceMs: now };
      } else if (live && this.slow && !this.slowDismissed && now - this.slow.sinceMs >= AUTO_SWITCH_MS && this.model.state === 'ready') {
        void this.switchLighter(true);
      }
    }
  }

  /** The set as a record file, for a download when it could not be saved on this device. */
  unsavedSetText(): string | null {
    return this.lastRecorder?.text(this.session.events) ?? null;
  }

  private async stopClip(): Promise<void> {
    const keeper = this.keeper;
    this.keeper = null;
    await keeper?.stop();
  }

  private apply(out: SessionOutput, live: boolean): void {
    this.latest = out;
    if (import.meta.env.DEV) {
      const g = globalThis as { __rootwellLatest?: unknown; __rootwellEvents?: unknown };
      g.__rootwellLatest = out;
      g.__rootwellEvents = this.session.events;
    }
    if (out.lastRep) {
      const key = `${out.lastRep.index}:${out.lastRep.side}`;
      if (key !== this.lastRepKey) {
        this.lastRepKey = key;
        this.reps = [...this.reps, out.lastRep];
        if (live) this.voice.beep();
      }
    }
    if (live && out.cue && out.phase !== 'done') this.voice.say(out.cue.id, out.cue.text);
    if (out.phase === 'done' && live) {
      this.voice.announce('Set complete. Well done.');
      this.end();
    }
  }
}
