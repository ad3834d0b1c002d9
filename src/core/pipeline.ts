/**
 * The coaching pipeline: identity → smooth → features → gates → checker → cues, one frame at a
 * time. `createSession(exercise, prescription).push(frame, tMs)` returns what the UI shows.
 *
 * Everything after smoothing is one pure step, `stepSession(ctx, state, input) → [state, output,
 * events]`; the smoother (a bank of One-Euro filters) is the only stateful stage and lives in
 * `createSession`. Clock-free: time is the frame's tMs, so a recorded session replays exactly.
 * Every frame's output says whether its signal was used and, if not, which gate held it back
 * (`gate`), so a physio and a developer can both see why a rep was or was not counted.
 */
import { CHECKERS, type CheckEvent, type Checker, type NotCountedReason } from './check/checkers';
import {
  resolvePrescription,
  type CheckSpec,
  type Exercise,
  type HoldDetail,
  type Prescription,
  type RepDetail,
  type RepSide,
  type SignalSample,
} from './check/exercise';
import { initialIdentityState, stepIdentity, type IdentityState } from './check/identity';
import { gateFrame, NO_PERSON, OTHER_PERSON, type Gate, type GateResult, type Visibility } from './check/visibility';
import { DEFAULT_CUE_OPTIONS, initialCueState, stepCues, type CueRequest, type CueState } from './cues/scheduler';
import { analyse, newBodyMemory, type BodyFeatures, type BodyMemory, type Side, type View } from './features/body';
import type { Joint, PoseFrame } from './pose';
import { PoseSmoother } from './smooth/pose-smoother';

export type { Gate, GateKind } from './check/visibility';
export type { NotCountedReason } from './check/checkers';

export type Phase = 'setup' | 'ready' | 'active' | 'paused' | 'done';

export interface SessionOutput {
  tMs: number;
  phase: Phase;
  reps: { left: number; right: number; both: number; total: number };
  hold: { side: RepSide; elapsedS: number; targetS: number; running: boolean } | null;
  setProgress: { set: number; sets: number; target: number };
  cue: { id: string; text: string; priority: number; isNew: boolean } | null;
  visibility: Visibility;
  /** Why this frame's signal was not used (null: it was). */
  gate: Gate | null;
  /** Whether the angles came from the model's 3D points (view-independent) or the 2D image. */
  measure: '3d' | '2d' | null;
  watchingSide: Side | null;
  angles: Record<string, number | null>;
  lastRep: RepDetail | null;
  smoothed: PoseFrame | null;
}

/** What happened in a session, in order (stored in the session record). */
export type SessionEvent =
  | { type: 'phase'; tMs: number; phase: Phase }
  | { type: 'rep'; tMs: number; rep: RepDetail }
  | { type: 'hold'; tMs: number; hold: HoldDetail }
  | { type: 'partial'; tMs: number; side: RepSide; peak: number }
  | { type: 'not-counted'; tMs: number; side: RepSide; reason: NotCountedReason; peak?: number; needed?: number; gapS?: number }
  | { type: 'cue'; tMs: number; id: string; text: string }
  | { type: 'pause'; tMs: number; kind: string; message: string; joints?: Joint[] }
  | { type: 'resume'; tMs: number };

export interface CoachSession {
  readonly exercise: Exercise;
  readonly prescription: Prescription;
  push(frame: PoseFrame | null, tMs: number): SessionOutput;
  /** Close the stream: report a hold still running. Returns the events it added. */
  end(): SessionEvent[];
  readonly events: SessionEvent[];
}

/** Framing must be right this long (ms) before counting starts. source: clinical-basis.md#engineering "framing dwell" */
const FRAMING_DWELL_MS = 200;
/** A different view must persist this long (ms) before we believe it. source: clinical-basis.md#engineering "view hysteresis" */
const VIEW_SWITCH_MS = 1500;
/** Loss of sight shorter than this (ms) is not shown as a pause. source: clinical-basis.md#engineering "pause after" */
const PAUSE_AFTER_MS = 400;

/** What does not change during a session. */
export interface SessionContext {
  exercise: Exercise;
  prescription: Prescription;
  spec: CheckSpec;
  checker: Checker<CheckSpec, unknown>;
  /** The set's target in counted units (reps × sides, or holds × sides). */
  perSet: number;
}

/** Everything a session remembers between frames (apart from the smoother's filters). */
export interface SessionState {
  memory: BodyMemory;
  identity: IdentityState;
  view: View | null;
  viewCandidate: { view: View; sinceMs: number } | null;
  framingSinceMs: number | null;
  framingPassed: boolean;
  started: boolean;
  phase: Phase;
  badSinceMs: number | null;
  paused: boolean;
  checker: unknown;
  cues: CueState;
  reps: { left: number; right: number; both: number; total: number };
  done: number;
  lastTMs: number;
}

export function sessionContext(exercise: Exercise, prescription?: Partial<Prescription>): SessionContext {
  const p = resolvePrescription(exercise, prescription);
  const spec = exercise.check(p);
  const sides = exercise.perSide ? Math.max(1, p.sides.filter((s) => s !== 'both').length || 2) : 1;
  return { exercise, prescription: p, spec, checker: CHECKERS[spec.kind] as unknown as Checker<CheckSpec, unknown>, perSet: (p.reps ?? 1) * sides };
}

export function initialSessionState(ctx: SessionContext): SessionState {
  return {
    memory: newBodyMemory(),
    identity: initialIdentityState(),
    view: null,
    viewCandidate: null,
    framingSinceMs: null,
    framingPassed: false,
    started: false,
    phase: 'setup',
    badSinceMs: null,
    paused: false,
    checker: ctx.checker.init(),
    cues: initialCueState(),
    reps: { left: 0, right: 0, both: 0, total: 0 },
    done: 0,
    lastTMs: 0,
  };
}

/** Settle the view with hysteresis: one odd frame (a twist, a turn) does not flip it. */
function settleView(s: SessionState, seen: View | null, tMs: number): Pick<SessionState, 'view' | 'viewCandidate'> {
  if (!seen) return { view: s.view, viewCandidate: s.viewCandidate };
  if (s.view === null || seen === s.view) return { view: s.view ?? seen, viewCandidate: null };
  if (!s.viewCandidate || s.viewCandidate.view !== seen) return { view: s.view, viewCandidate: { view: seen, sinceMs: tMs } };
  if (tMs - s.viewCandidate.sinceMs >= VIEW_SWITCH_MS) return { view: seen, viewCandidate: null };
  return { view: s.view, viewCandidate: s.viewCandidate };
}

function req(c: { id: string; say: string; priority: number; axis?: { name: string; dir: 1 | -1 } }): CueRequest {
  return { id: c.id, text: c.say, priority: c.priority, ...(c.axis ? { axis: c.axis } : {}) };
}

/** Record events and cue requests for what the checker reported. */
function applyCheckEvents(ctx: SessionContext, s: SessionState, evs: readonly CheckEvent[], out: SessionEvent[], cues: CueRequest[]): RepDetail | null {
  const ex = ctx.exercise;
  const cuesOn = (on: string) => {
    for (const c of ex.cues) if (c.on === on) cues.push(req(c));
  };
  let lastRep: RepDetail | null = null;
  for (const e of evs) {
    if (e.type === 'start-position') {
      if (!s.started) cuesOn('start');
    } else if (e.type === 'rep') {
      s.reps = { ...s.reps, [e.rep.side]: s.reps[e.rep.side] + 1, total: s.reps.total + 1 };
      lastRep = e.rep;
      out.push({ type: 'rep', tMs: e.tMs, rep: e.rep });
      if (e.hold) out.push({ type: 'hold', tMs: e.tMs, hold: e.hold });
      for (const fault of e.rep.faults) cuesOn(fault);
    } else if (e.type === 'hold') {
      out.push({ type: 'hold', tMs: e.tMs, hold: e.hold });
      if (ctx.spec.kind === 'hold' && !e.hold.met) cuesOn('hold-broken');
    } else if (e.type === 'not-counted') {
      if (e.reason === 'top-too-low') {
        out.push({ type: 'partial', tMs: e.tMs, side: e.side, peak: e.peak ?? 0 });
        cuesOn('rep-missed-top');
      }
      out.push({ type: 'not-counted', tMs: e.tMs, side: e.side, reason: e.reason, ...(e.peak !== null ? { peak: e.peak } : {}), ...(e.needed !== null ? { needed: e.needed } : {}), ...(e.gapS !== null ? { gapS: e.gapS } : {}) });
    } else if (e.type === 'moment' && e.on === 'hold-target-reached') cuesOn(e.on);
  }
  s.done += ctx.checker.done(evs);
  return lastRep;
}

export interface StepInput {
  tMs: number;
  /** The identity lock's verdict on the raw frame. */
  identityOk: boolean;
  /** The smoothed frame (null: nobody, or someone else). */
  smoothed: PoseFrame | null;
}

/** One pure step of a session after smoothing. `s` is not modified. */
export function stepSession(ctx: SessionContext, state: SessionState, input: StepInput): [SessionState, SessionOutput, SessionEvent[]] {
  const { tMs, smoothed: sm } = input;
  const ex = ctx.exercise;
  const s: SessionState = { ...state, lastTMs: tMs };
  const events: SessionEvent[] = [];
  let f: BodyFeatures | null = null;
  if (sm) [f, s.memory] = analyse(sm, s.memory);
  Object.assign(s, settleView(s, f?.view ?? null, tMs));

  const g = !input.identityOk ? OTHER_PERSON_GATE : f ? gateFrame(ex, f, s.view) : NO_PERSON_GATE;
  const { visibility } = g;
  const cues: CueRequest[] = [];

  // Framing check before anything is counted.
  if (visibility.ok) {
    s.framingSinceMs ??= tMs;
    if (!s.framingPassed && tMs - s.framingSinceMs >= FRAMING_DWELL_MS) s.framingPassed = true;
    s.badSinceMs = null;
    if (s.paused) {
      s.paused = false;
      events.push({ type: 'resume', tMs });
    }
  } else {
    s.framingSinceMs = null;
    s.badSinceMs ??= tMs;
    if (s.started && !s.paused && tMs - s.badSinceMs >= PAUSE_AFTER_MS && visibility.problem) {
      s.paused = true;
      const pr = visibility.problem;
      events.push({ type: 'pause', tMs, kind: pr.kind, message: pr.message, ...(pr.joints ? { joints: pr.joints } : {}) });
    }
  }

  // The checker's sample; never built from joints we can't see, nor from a posture the exercise
  // is not done in (a hold is then 'not held'; a rep signal is not used).
  let sample: SignalSample = { tMs, value: null, side: null, aux: {} };
  if (f && visibility.ok) {
    const raw = ex.signal(f, ctx.prescription);
    sample = g.gate === null ? raw : ctx.spec.kind === 'hold' ? { ...raw, value: 0 } : { ...raw, value: null };
  }

  // The checker runs on every frame whose framing is right (so a rep already starting as the
  // person settles is not lost); the phase shows 'setup' until the framing has held a moment.
  let lastRep: RepDetail | null = null;
  if (s.framingSinceMs !== null || sample.value === null) {
    const [cs, evs] = ctx.checker.step(ctx.spec, s.checker, sample);
    s.checker = cs;
    lastRep = applyCheckEvents(ctx, s, evs, events, cues);
    if (ctx.checker.starts(sample, evs)) s.started = true;
  }

  // Live cues (form during the movement), only on what we can see; a view the exercise is best
  // filmed in is advice, not a gate, when the measure does not depend on it.
  if (f && visibility.ok) {
    for (const c of ex.cues) if (c.on === 'live' && c.when?.(f, sample)) cues.push(req(c));
    if (g.advice) cues.push({ id: 'view-advice', text: g.advice, priority: 5 });
  }
  if (!visibility.ok && visibility.problem && (s.badSinceMs === null || tMs - s.badSinceMs >= PAUSE_AFTER_MS)) {
    cues.push({ id: `see-${visibility.problem.kind}`, text: visibility.problem.message, priority: 100 });
  }
  const [cueState, cue] = stepCues(DEFAULT_CUE_OPTIONS, s.cues, tMs, cues);
  s.cues = cueState;
  if (cue?.isNew) events.push({ type: 'cue', tMs, id: cue.id, text: cue.text });

  const phase: Phase = !s.framingPassed ? 'setup' : s.paused ? 'paused' : !s.started ? 'ready' : s.done >= ctx.prescription.sets * ctx.perSet ? 'done' : 'active';
  if (phase !== s.phase) events.push({ type: 'phase', tMs, phase });
  s.phase = phase;

  const shown = ctx.checker.display(ctx.spec, s.checker, tMs);
  const angles: Record<string, number | null> = {};
  for (const n of ex.angleNames) {
    const a = n === 'signal' ? sample.value : (sample.aux[n] ?? f?.angles[n] ?? null);
    angles[n] = a === null || a === undefined ? null : Math.round(a * 10) / 10;
  }
  if (shown.thresholds) {
    angles.upThreshold = shown.thresholds.up;
    angles.downThreshold = shown.thresholds.down;
  }
  const output: SessionOutput = {
    tMs,
    phase,
    reps: { ...s.reps },
    hold: shown.hold,
    setProgress: { set: Math.min(ctx.prescription.sets, Math.floor(s.done / ctx.perSet) + 1), sets: ctx.prescription.sets, target: ctx.prescription.reps ?? 1 },
    cue,
    visibility,
    gate: g.gate,
    measure: f ? f.measure : null,
    watchingSide: f?.nearSide ?? null,
    angles,
    lastRep,
    smoothed: sm,
  };
  return [s, output, events];
}

const OTHER_PERSON_GATE: GateResult = { visibility: OTHER_PERSON, gate: { kind: 'identity', detail: 'the model is on someone else' }, advice: null };
const NO_PERSON_GATE: GateResult = { visibility: NO_PERSON, gate: { kind: 'no-person', detail: 'nobody in view' }, advice: null };

/** Close a session's checker at the end of the stream. */
export function finishSession(ctx: SessionContext, state: SessionState): [SessionState, SessionEvent[]] {
  const s: SessionState = { ...state };
  const events: SessionEvent[] = [];
  const evs = ctx.checker.finish(ctx.spec, s.checker, s.lastTMs);
  s.checker = ctx.checker.init();
  applyCheckEvents(ctx, s, evs, events, []);
  return [s, events];
}

/** The frame without its 3D points. */
function withoutWorld(f: PoseFrame): PoseFrame {
  const { world: _world, ...rest } = f;
  return rest;
}

export function createSession(exercise: Exercise, prescription?: Partial<Prescription>): CoachSession {
  const ctx = sessionContext(exercise, prescription);
  const smoother = new PoseSmoother();
  let state = initialSessionState(ctx);
  const events: SessionEvent[] = [];
  /** A frame without 3D points has been seen in this set: the set is measured in the image from then on. */
  let imageOnly = false;

  function push(input: PoseFrame | null, tMs: number): SessionOutput {
    // One measure per set. Frames with and without 3D points (BlazePose's where the cross-check
    // vouches for it, MoveNet's elsewhere: someone else in view) read a trunk or a leg 10-15° apart
    // from an oblique camera, and switching between them every few frames made rises out of
    // nothing (a phantom sit-up while sitting still, live). Every frame has its 2D points.
    // source: clinical-basis.md#engineering "one measure per set"
    if (input && !input.world) imageOnly = true;
    const frame = imageOnly && input?.world ? withoutWorld(input) : input;
    // Identity lock: a frame of someone else is neither smoothed nor counted.
    const [ids, idr] = stepIdentity(state.identity, frame, tMs);
    state = { ...state, identity: ids };
    if (idr.relocked) events.push({ type: 'cue', tMs, id: 'relocked', text: 'Now following the person in view.' });
    const mine = idr.ok ? frame : null;
    const smoothed = smoother.push(mine ? { ...mine, tMs } : null);
    const [ns, out, ev] = stepSession(ctx, state, { tMs, identityOk: idr.ok, smoothed });
    state = ns;
    events.push(...ev);
    return out;
  }

  function end(): SessionEvent[] {
    const [ns, added] = finishSession(ctx, state);
    state = ns;
    events.push(...added);
    return added;
  }

  return { exercise, prescription: ctx.prescription, push, end, events };
}
