/**
 * The coaching pipeline: smooth → features → visibility gate → checker → cues, one frame at a
 * time. `createSession(exercise, prescription).push(frame, tMs)` returns what the UI shows.
 * Pure and clock-free: time is the frame's tMs, so a recorded session replays exactly.
 */
import { initialAlternatingState, stepAlternating, type AlternatingState } from './check/alternating';
import {
  resolvePrescription,
  type Exercise,
  type HoldDetail,
  type Prescription,
  type RepDetail,
  type RepSide,
  type SignalSample,
} from './check/exercise';
import { finishHold, holdElapsedS, initialHoldState, stepHold, type HoldState } from './check/hold-timer';
import { finishReps, initialRepState, stepReps, thresholds, type RepState } from './check/rep-counter';
import { checkVisibility, NO_PERSON, type Visibility } from './check/visibility';
import { initialIdentityState, stepIdentity, type IdentityState } from './check/identity';
import { DEFAULT_CUE_OPTIONS, initialCueState, stepCues, type CueRequest, type CueState } from './cues/scheduler';
import { analyse, newBodyMemory, type BodyFeatures, type BodyMemory, type Side, type View } from './features/body';
import type { Joint, PoseFrame } from './pose';
import { PoseSmoother } from './smooth/pose-smoother';

export type Phase = 'setup' | 'ready' | 'active' | 'paused' | 'done';

export interface SessionOutput {
  tMs: number;
  phase: Phase;
  reps: { left: number; right: number; both: number; total: number };
  hold: { side: RepSide; elapsedS: number; targetS: number; running: boolean } | null;
  setProgress: { set: number; sets: number; target: number };
  cue: { id: string; text: string; priority: number; isNew: boolean } | null;
  visibility: Visibility;
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

/** Framing must be right this long (ms) before counting starts. source: starting point */
const FRAMING_DWELL_MS = 200;
/** A different view must persist this long (ms) before we believe it. source: starting point */
const VIEW_SWITCH_MS = 1500;
/** Loss of sight shorter than this (ms) is not shown as a pause. source: starting point */
const PAUSE_AFTER_MS = 400;
/** Shown while the pose model follows someone other than the patient (see check/identity.ts). */
const OTHER_PERSON: Visibility = {
  ok: false,
  problem: { kind: 'other-person', message: 'Someone else is in view. I only count you: counting waits until I can see just you again.' },
};

export function createSession(exercise: Exercise, prescription?: Partial<Prescription>): CoachSession {
  const p = resolvePrescription(exercise, prescription);
  const spec = exercise.check(p);
  const smoother = new PoseSmoother();
  let memory: BodyMemory = newBodyMemory();
  let identity: IdentityState = initialIdentityState();
  let view: View | null = null;
  let viewCandidate: { view: View; sinceMs: number } | null = null;
  let framingSinceMs: number | null = null;
  let framingPassed = false;
  let started = false;
  let phase: Phase = 'setup';
  let badSinceMs: number | null = null;
  let paused = false;
  let repState: RepState = initialRepState();
  let altState: AlternatingState = initialAlternatingState();
  let holdState: HoldState = initialHoldState();
  let cueState: CueState = initialCueState();
  const reps = { left: 0, right: 0, both: 0, total: 0 };
  const holdsDone: Record<RepSide, number> = { left: 0, right: 0, both: 0 };
  let lastTMs = 0;
  const events: SessionEvent[] = [];
  const target = p.reps ?? 1;
  const sidesCount = exercise.perSide ? Math.max(1, p.sides.filter((s) => s !== 'both').length || 2) : 1;

  const setPhase = (t: number, ph: Phase) => {
    if (ph !== phase) {
      phase = ph;
      events.push({ type: 'phase', tMs: t, phase: ph });
    }
  };

  const countRep = (rep: RepDetail) => {
    reps[rep.side] += 1;
    reps.total += 1;
  };

  const totalDone = () => (spec.kind === 'hold' ? holdsDone.left + holdsDone.right + holdsDone.both : reps.total);

  function push(frame: PoseFrame | null, tMs: number): SessionOutput {
    lastTMs = tMs;
    // Identity lock: a frame of someone else is neither smoothed nor counted.
    const [ids, idr] = stepIdentity(identity, frame, tMs);
    identity = ids;
    if (idr.relocked) events.push({ type: 'cue', tMs, id: 'relocked', text: 'Now following the person in view.' });
    const mine = idr.ok ? frame : null;
    const sm = smoother.push(mine ? { ...mine, tMs } : null);
    let f: BodyFeatures | null = null;
    if (sm) [f, memory] = analyse(sm, memory);

    // Settle the view with hysteresis: one odd frame (a twist, a turn) does not flip it.
    if (f?.view) {
      if (view === null) view = f.view;
      else if (f.view !== view) {
        if (!viewCandidate || viewCandidate.view !== f.view) viewCandidate = { view: f.view, sinceMs: tMs };
        else if (tMs - viewCandidate.sinceMs >= VIEW_SWITCH_MS) {
          view = f.view;
          viewCandidate = null;
        }
      } else viewCandidate = null;
    }

    const visibility: Visibility = !idr.ok ? OTHER_PERSON : f ? checkVisibility(exercise, f, view) : NO_PERSON;
    const postureOk = f !== null && f.posture !== null && exercise.postures.includes(f.posture);
    const cues: CueRequest[] = [];

    // Framing check before anything is counted.
    if (visibility.ok) {
      framingSinceMs ??= tMs;
      if (!framingPassed && tMs - framingSinceMs >= FRAMING_DWELL_MS) framingPassed = true;
      badSinceMs = null;
      if (paused) {
        paused = false;
        events.push({ type: 'resume', tMs });
      }
    } else {
      framingSinceMs = null;
      badSinceMs ??= tMs;
      if (started && !paused && tMs - badSinceMs >= PAUSE_AFTER_MS && visibility.problem) {
        paused = true;
        const pr = visibility.problem;
        events.push({ type: 'pause', tMs, kind: pr.kind, message: pr.message, ...(pr.joints ? { joints: pr.joints } : {}) });
      }
    }

    // The checker's sample; never built from joints we can't see.
    let sample: SignalSample = { tMs, value: null, side: null, aux: {} };
    if (f && visibility.ok) {
      const s = exercise.signal(f, p);
      sample = postureOk ? s : spec.kind === 'hold' ? { ...s, value: 0 } : { ...s, value: null };
    }

    let lastRep: RepDetail | null = null;
    // The checker runs on every frame whose framing is right (so a rep already starting as the
    // person settles is not lost); the phase shows 'setup' until the framing has held a moment.
    if (framingSinceMs !== null || sample.value === null) {
      if (spec.kind === 'reps') {
        const [ns, ev] = stepReps(spec, repState, sample);
        repState = ns;
        for (const e of ev) {
          if (e.type === 'start-position') {
            if (!started) for (const c of exercise.cues) if (c.on === 'start') cues.push(req(c));
            started = true;
          }
          else if (e.type === 'rep') {
            countRep(e.rep);
            lastRep = e.rep;
            events.push({ type: 'rep', tMs: e.tMs, rep: e.rep });
            if (e.hold) events.push({ type: 'hold', tMs: e.tMs, hold: e.hold });
            for (const fault of e.rep.faults) for (const c of exercise.cues) if (c.on === fault) cues.push(req(c));
          } else if (e.type === 'partial') {
            events.push({ type: 'partial', tMs: e.tMs, side: e.side, peak: Math.round(e.peak * 10) / 10 });
            for (const c of exercise.cues) if (c.on === 'rep-missed-top') cues.push(req(c));
          }
        }
      } else if (spec.kind === 'alternating') {
        if (sample.value !== null) started = true;
        const [ns, ev] = stepAlternating(spec, altState, sample);
        altState = ns;
        for (const e of ev) {
          countRep(e.rep);
          lastRep = e.rep;
          events.push({ type: 'rep', tMs: e.tMs, rep: e.rep });
          for (const fault of e.rep.faults) for (const c of exercise.cues) if (c.on === fault) cues.push(req(c));
        }
      } else {
        if (sample.value !== null) started = true;
        const [ns, ev] = stepHold(spec, holdState, { ...sample, angle: sample.aux.angle ?? null });
        holdState = ns;
        for (const e of ev) {
          if (e.type === 'hold') {
            events.push({ type: 'hold', tMs: e.tMs, hold: e.hold });
            if (e.hold.met) holdsDone[e.hold.side] += 1;
          }
          for (const c of exercise.cues) if (c.on === e.type) cues.push(req(c));
        }
      }
    }

    // Live cues (form during the movement), only on what we can see.
    if (f && visibility.ok) {
      for (const c of exercise.cues) if (c.on === 'live' && c.when?.(f, sample)) cues.push(req(c));
    }
    if (!visibility.ok && visibility.problem && (badSinceMs === null || tMs - badSinceMs >= PAUSE_AFTER_MS)) {
      cues.push({ id: `see-${visibility.problem.kind}`, text: visibility.problem.message, priority: 100 });
    }
    const [cs, cue] = stepCues(DEFAULT_CUE_OPTIONS, cueState, tMs, cues);
    cueState = cs;
    if (cue?.isNew) events.push({ type: 'cue', tMs, id: cue.id, text: cue.text });

    // Phase.
    if (!framingPassed) setPhase(tMs, 'setup');
    else if (paused) setPhase(tMs, 'paused');
    else if (!started) setPhase(tMs, 'ready');
    else if (totalDone() >= p.sets * target * sidesCount) setPhase(tMs, 'done');
    else setPhase(tMs, 'active');

    // Hold display.
    let hold: SessionOutput['hold'] = null;
    if (spec.kind === 'hold') {
      hold = {
        side: holdState.side ?? 'both',
        elapsedS: Math.round(holdElapsedS(holdState, tMs) * 10) / 10,
        targetS: spec.targetS,
        running: holdState.running,
      };
    } else if (spec.kind === 'reps' && spec.holdTopS && repState.rep?.topStartMs != null) {
      hold = {
        side: 'both',
        elapsedS: Math.round(repState.rep.topMs / 100) / 10,
        targetS: spec.holdTopS,
        running: repState.phase === 'up',
      };
    }

    const angles: Record<string, number | null> = {};
    for (const n of exercise.angleNames) {
      const a = n === 'signal' ? sample.value : (sample.aux[n] ?? f?.angles[n] ?? null);
      angles[n] = a === null || a === undefined ? null : Math.round(a * 10) / 10;
    }
    if (spec.kind === 'reps' && repState.rest !== null) {
      const th = thresholds(spec, repState);
      angles.upThreshold = Math.round(th.up * 10) / 10;
      angles.downThreshold = Math.round(th.down * 10) / 10;
    }

    const perSet = target * sidesCount;
    return {
      tMs,
      phase,
      reps: { ...reps },
      hold,
      setProgress: { set: Math.min(p.sets, Math.floor(totalDone() / perSet) + 1), sets: p.sets, target },
      cue,
      visibility,
      watchingSide: f?.nearSide ?? null,
      angles,
      lastRep,
      smoothed: sm,
    };
  }

  function end(): SessionEvent[] {
    const added: SessionEvent[] = [];
    if (spec.kind === 'reps') {
      for (const e of finishReps(spec, repState)) {
        if (e.type === 'hold') added.push({ type: 'hold', tMs: e.tMs, hold: e.hold });
        else if (e.type === 'rep') {
          countRep(e.rep);
          added.push({ type: 'rep', tMs: e.tMs, rep: e.rep });
          if (e.hold) added.push({ type: 'hold', tMs: e.tMs, hold: e.hold });
        }
      }
      repState = initialRepState();
    } else if (spec.kind === 'hold') {
      for (const e of finishHold(spec, holdState, lastTMs)) if (e.type === 'hold') added.push({ type: 'hold', tMs: e.tMs, hold: e.hold });
      holdState = initialHoldState();
    }
    events.push(...added);
    return added;
  }

  return { exercise, prescription: p, push, end, events };
}

function req(c: { id: string; say: string; priority: number; axis?: { name: string; dir: 1 | -1 } }): CueRequest {
  return { id: c.id, text: c.say, priority: c.priority, ...(c.axis ? { axis: c.axis } : {}) };
}
