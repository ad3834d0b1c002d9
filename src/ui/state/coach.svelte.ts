/**
 * The live view's runes over one LiveRun (src/live): the run owns the source, the model, the
 * session and the lifecycle; the coach mirrors its state, draws the skeleton, speaks, keeps the
 * consented video and saves the set. `latest` is replaced (never mutated) every frame.
 */
import type { BackendChoice, ModelId } from '../../estimate/estimator';
import { appLoader, nextTask } from '../../live/browser';
import { INITIAL, sourceKind, type Lifecycle, type ModelPhase, type SourcePhase } from '../../live/lifecycle';
import { LiveRun, type LiveEvent, type LiveFrame } from '../../live/live-run';
import { cameraSource, listCameras, type CameraDevice } from '../../source/camera';
import { screenSource } from '../../source/screen';
import type { SourceKind } from '../../source/source';
import { fileSource } from '../../source/video-file';
import type { StorageError } from '../../storage/store';
import type { EndReason } from '../../core/session';
import type { Said } from '../../core/said';
import type { LiveNotice } from '../../live/models';
import { t } from '../i18n/index.svelte';
import { SetVideo, type ClipStatus } from './clip-keeper';
import { cueWords } from './coach-words';
import type { Exercise, HoldDetail, NotCountedEvent, Prescription, RepDetail, SessionEvent, SessionOutput } from './contract';
import { perfFrame, perfInstalled } from './perf';
import { recorderForRun, type RunContext, type SetRecorder } from './recorder';
import { LiveOverlay } from './overlay';
import { freshRep, installDevHooks, publishLatest, setOutcome, steppedTime, watchHidden } from './live-page';
import { AUTO_SWITCH_MS, lighterModel, SlowWatch } from './slow-machine';
import type { Voice } from './voice';

export type { SourceKind };
export type ModelStatus = ModelPhase;
export type SourceStatus = SourcePhase;

/** Frames per second a video file is analysed at: the same rate as the fake/live camera. */
export const FILE_FPS = 15;

/** After a set, ask the browser to keep this site's storage (never mid-set: Firefox may ask). */
async function askToKeepStorage(): Promise<void> {
  try {
    const s = globalThis.navigator?.storage;
    if (s?.persist && s.persisted && !(await s.persisted())) await s.persist();
  } catch {
    /* not granted: History shows the usage and suggests exporting */
  }
}

export class Coach {
  /** The run's lifecycle (model, source, set, slow-machine offer, hidden tab); the getters below read it. */
  life = $state.raw<Lifecycle>(INITIAL);
  latest = $state.raw<SessionOutput | null>(null);
  reps = $state.raw<RepDetail[]>([]);
  /** Holds reported by the core, filled at the end of a set. */
  holds = $state.raw<HoldDetail[]>([]);
  /** Rep attempts the core saw but did not count, with its reason, filled at the end of a set. */
  missed = $state.raw<NotCountedEvent[]>([]);
  fps = $state(0);
  /** 0-1 while a video file is analysed. */
  fileProgress = $state(0);
  cameras = $state.raw<CameraDevice[]>([]);
  /** Time of the latest frame since the source started (ms, in quarter-second steps: see steppedTime), for the tests. */
  sourceTMs = $state(0);
  frameStats = $state.raw({ processed: 0, dropped: 0 });
  /** The coach switched to a lighter model by itself (the screen keeps the choice in the settings). */
  autoSwitched = $state.raw<{ from: ModelId; to: ModelId } | null>(null);
  /** Something went wrong and was handled (e.g. the GPU was lost); shown until the next one. */
  notice = $state.raw<LiveNotice | Said<'autoSwitched'> | null>(null);
  /** "Keep a video of this set": off every time the screen opens (consent is asked each time). */
  keepVideo = $state(false);
  clip = $state.raw<ClipStatus>({ state: 'off' });
  /** The cross-check found the pose model on someone else in view; the coach follows the patient. */
  otherPerson = $state(false);
  /** Saving the set on this device failed (full, private window): shown live; the summary offers a download. */
  saveError = $state.raw<StorageError | null>(null);
  /** Why the person finished this set early (their one tap), null until they say; kept in the record. */
  endReason = $state<EndReason | null>(null);

  private readonly run: LiveRun<HTMLVideoElement>;
  private video: HTMLVideoElement | null = null;
  /** The skeleton drawn over the picture (a canvas; see overlay.ts for why it is drawn as it is). */
  private overlay: LiveOverlay | null = null;
  private lastRepKey = '';
  /** This set's recorder (kept after the set for "download this set"). */
  private recorder: SetRecorder | null = null;
  private readonly setVideo = new SetVideo((s) => (this.clip = s));
  /** Hidden tab: the count and the voice pause (removed on dispose). */
  private readonly unwatch = watchHidden((hidden) => this.setHidden(hidden));

  constructor(
    readonly exercise: Exercise,
    readonly prescription: Prescription,
    private readonly voice: Voice,
  ) {
    const slow = { watch: new SlowWatch(), lighter: lighterModel, autoSwitchMs: AUTO_SWITCH_MS };
    this.run = new LiveRun<HTMLVideoElement>({ exercise, prescription, loader: appLoader(), defer: nextTask, slow, timer: perfFrame, recorder: (ctx) => this.newRecorder(ctx) });
    this.run.subscribe((e) => this.on(e));
    installDevHooks(this.run); // development builds: the e2e tests crash the worker through it
  }

  get model(): ModelStatus { return this.life.model; }
  get source(): SourceStatus { return this.life.source; }
  get paused(): boolean { return this.life.set === 'paused'; }
  /** The set has ended (by the core or by the person); the summary is shown. */
  get ended(): boolean { return this.life.set === 'ended'; }
  get hidden(): boolean { return this.life.hidden; }
  /** The computer is too slow for this model: a lighter one is offered (see SlowPhase). */
  get slow(): Extract<Lifecycle['slow'], { state: 'offered' }> | null { return this.life.slow.state === 'offered' ? this.life.slow : null; }
  get sourceKind(): SourceKind | null { return sourceKind(this.life); }
  /** The camera display is mirrored (like a mirror); files and shared screens are not. */
  get mirrored(): boolean { return this.sourceKind === 'camera'; }

  attach(video: HTMLVideoElement, canvas: HTMLCanvasElement): void {
    this.video = video;
    this.overlay?.dispose();
    this.overlay = new LiveOverlay(canvas);
  }

  /** Load (or switch) the pose model. Resolves true when ready. */
  loadModel(model: ModelId, backend: BackendChoice): Promise<boolean> { return this.run.loadModel(model, backend); }

  /** Take the lighter model offered (pressed, or by itself when nobody answered); the count is kept. */
  switchLighter(auto: boolean): Promise<boolean> { return this.run.switchLighter(auto); }

  /** "Keep this model": do not offer a lighter one again for this screen. */
  dismissSlow(): void { this.run.send({ type: 'dismiss-slow' }); }

  async refreshCameras(): Promise<void> {
    this.cameras = await listCameras();
  }

  async startCamera(deviceId?: string | null): Promise<boolean> {
    if (!this.video) return false;
    const ok = await this.run.start(cameraSource(this.video, deviceId));
    if (ok) void this.refreshCameras();
    return ok;
  }

  async startScreen(): Promise<boolean> {
    return this.video ? this.run.start(screenSource(this.video)) : false;
  }

  /** Analyse a recorded video frame by frame; the report is the same as for the live view. */
  async startFile(file: File): Promise<boolean> {
    if (!this.video || !this.run.models.estimator) return false;
    this.fileProgress = 0;
    const src = fileSource(this.video, file, { fps: FILE_FPS, onProgress: (f) => (this.fileProgress = f) });
    if (!(await this.run.start(src))) return false;
    return (await src.ended).state === 'finished';
  }

  togglePause(): void {
    if (this.ended) return;
    this.run.togglePause();
    this.hush(this.paused);
  }

  /** End the set now (the person pressed "Finish"); the summary shows what was counted. */
  end(): void { this.run.end(); }

  /** Start another set with the same exercise and model; `clearSource`: back to the set-up screen. */
  newSet(clearSource = false): void {
    this.run.newSet();
    if (clearSource) this.run.send({ type: 'source-cleared' });
    Object.assign(this, { ...setOutcome([]), latest: null, lastRepKey: '', recorder: null, saveError: null, endReason: null });
    this.setVideo.reset();
  }

  dispose(): void {
    this.unwatch();
    this.overlay?.dispose();
    void this.setVideo.stop();
    this.run.dispose();
    this.voice.stop();
  }

  /** Keep why this set ended early (a second tap replaces the first). */
  async setEndReason(reason: EndReason): Promise<void> {
    this.endReason = reason;
    await this.recorder?.setEndReason(reason);
  }

  /** The set as a record file, for a download when it could not be saved on this device. */
  unsavedSetText(): string | null { return this.recorder?.text(this.run.events) ?? null; }

  private on(e: LiveEvent<HTMLVideoElement>): void {
    if (e.type === 'state') this.life = e.state;
    else if (e.type === 'time') this.sourceTMs = steppedTime(this.sourceTMs, e.tMs);
    else if (e.type === 'frame') this.onFrame(e);
    else if (e.type === 'tick') {
      [this.fps, this.frameStats] = [e.fps, e.stats ?? this.frameStats];
      if (e.otherPerson !== this.otherPerson) this.otherPerson = e.otherPerson;
    }
    else if (e.type === 'notice') this.notice = e.notice;
    else if (e.type === 'ended') this.onEnded(e.events);
    else if (e.type === 'switched' && e.auto) {
      this.autoSwitched = { from: e.from, to: e.to };
      this.notice = { code: 'autoSwitched', message: t('coach.autoSwitched', { lng: 'en' }) };
      this.voice.announce(t('coach.sayAutoSwitched'));
    } else if (e.type === 'installed') perfInstalled(this.run.models);
  }

  private setHidden(hidden: boolean): void {
    this.run.setHidden(hidden);
    if (hidden || !this.paused) this.hush(hidden);
  }

  /** Paused or hidden: no voice, and the video of the set pauses with the count. */
  private hush(on: boolean): void {
    if (!on) return this.setVideo.resume();
    this.voice.stop();
    this.setVideo.pause();
  }

  private newRecorder(ctx: RunContext): SetRecorder {
    this.recorder = recorderForRun(this.exercise, this.prescription, ctx);
    this.recorder.onstatus = (st) => (this.saveError = st.state === 'error' ? st.error : null);
    return this.recorder;
  }

  private onFrame(f: LiveFrame<HTMLVideoElement>): void {
    if (f.live && this.keepVideo && this.recorder) this.setVideo.start(this.recorder.id, this.run.stream, f.t);
    this.overlay?.draw(f.out.smoothed ?? f.frame, f.input.videoWidth, f.input.videoHeight, { mirror: this.mirrored, watching: f.out.watchingSide });
    f.timer?.drawn((f.out.smoothed ?? f.frame) !== null);
    this.apply(f.out, f.live);
    f.timer?.applied(f.out);
  }

  private onEnded(events: readonly SessionEvent[]): void {
    void this.setVideo.stop();
    void askToKeepStorage();
    ({ reps: this.reps, holds: this.holds, missed: this.missed } = setOutcome(events));
  }

  private apply(out: SessionOutput, live: boolean): void {
    this.latest = out;
    publishLatest(out, this.run.events);
    const rep = freshRep(out, this.lastRepKey);
    if (rep) [this.lastRepKey, this.reps] = [rep.key, [...this.reps, rep.rep]];
    if (rep && live) this.voice.beep();
    if (live && out.cue && out.phase !== 'done') this.voice.say(out.cue.id, cueWords(this.exercise, out.cue));
    if (out.phase === 'done' && live) {
      this.voice.announce(t('coach.saySetComplete'));
      this.end();
    }
  }
}
