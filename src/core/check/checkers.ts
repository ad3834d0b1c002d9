/**
 * One checker interface for every kind of exercise (reps, alternating, hold), kept in a table
 * by kind. Each checker is pure: `step(spec, state, sample) → [state, events]`, `finish` at the
 * end of the stream, and `display` for what the UI shows now. The session (core/pipeline.ts)
 * drives whichever the exercise's spec names, without knowing which it is.
 */
import { initialAlternatingState, stepAlternating, type AlternatingState } from './alternating';
import type { AlternatingSpec, CheckSpec, HoldDetail, HoldSpec, RepCounterSpec, RepDetail, RepSide, SignalSample } from './exercise';
import { finishHold, holdElapsedS, initialHoldState, stepHold, type HoldState } from './hold-timer';
import { finishReps, initialRepState, SPARSE_GAP_MS, stepReps, thresholds, type RepState } from './rep-counter';

/**
 * Why a rep attempt was not counted:
 * - top-too-low: it rose clearly but never reached the top line;
 * - too-short: it reached the top and came back down faster than a real rep takes (or touched
 *   the top line for less than the time the top must be held);
 * - lost-sight: the person was out of sight too long in the middle of it;
 * - ended-at-top: the set ended (Finish, end of the video) before it came back down.
 */
export type NotCountedReason = 'top-too-low' | 'too-short' | 'lost-sight' | 'ended-at-top';

/** What any checker reports. */
export type CheckEvent =
  | { type: 'start-position'; tMs: number }
  | { type: 'rep'; tMs: number; rep: RepDetail; hold: HoldDetail | null }
  | { type: 'hold'; tMs: number; hold: HoldDetail }
  | {
      type: 'not-counted';
      tMs: number;
      side: RepSide;
      reason: NotCountedReason;
      peak: number | null;
      needed: number | null;
      /** Set when the attempt was sampled sparsely (a stretch longer than SPARSE_GAP_MS without a usable frame): seconds. */
      gapS: number | null;
    }
  | { type: 'moment'; tMs: number; on: 'hold-broken' | 'hold-target-reached' };

export interface CheckDisplay {
  /** The hold running now (a stretch, or the top of a rep that asks for a hold). */
  hold: { side: RepSide; elapsedS: number; targetS: number; running: boolean } | null;
  /** The lines in force (deg), for the traces. */
  thresholds: { up: number; down: number } | null;
}

export interface Checker<Spec extends CheckSpec, State> {
  init(): State;
  step(spec: Spec, state: State, sample: SignalSample): [State, CheckEvent[]];
  finish(spec: Spec, state: State, tMs: number): CheckEvent[];
  display(spec: Spec, state: State, tMs: number): CheckDisplay;
  /** Does the set start with this sample (the person seen in the start position)? */
  starts(sample: SignalSample, events: readonly CheckEvent[]): boolean;
  /** What counts toward the set's target: counted reps, or holds that met their target. */
  done(events: readonly CheckEvent[]): number;
}

const r1 = (v: number) => Math.round(v * 10) / 10;
/** The longest gap, in seconds, when it made the attempt too sparse to judge; null otherwise. */
const sparse = (gapMs: number) => (gapMs > SPARSE_GAP_MS ? r1(gapMs / 1000) : null);
const countReps = (events: readonly CheckEvent[]) => events.filter((e) => e.type === 'rep').length;

const reps: Checker<RepCounterSpec, RepState> = {
  init: initialRepState,
  step(spec, state, sample) {
    const [s, ev] = stepReps(spec, state, sample);
    const out: CheckEvent[] = [];
    for (const e of ev) {
      if (e.type === 'start-position' || e.type === 'rep' || e.type === 'hold') out.push(e);
      // A partial that touched the top line without staying there was at the top too briefly.
      else if (e.type === 'partial' && e.peak >= e.needed) out.push({ type: 'not-counted', tMs: e.tMs, side: e.side, reason: 'too-short', peak: r1(e.peak), needed: null, gapS: sparse(e.gapMs) });
      else if (e.type === 'partial') out.push({ type: 'not-counted', tMs: e.tMs, side: e.side, reason: 'top-too-low', peak: r1(e.peak), needed: r1(e.needed), gapS: sparse(e.gapMs) });
      else if (e.type === 'too-short') out.push({ type: 'not-counted', tMs: e.tMs, side: e.side, reason: 'too-short', peak: r1(e.peak), needed: null, gapS: sparse(e.gapMs) });
      else if (e.type === 'rep-aborted') out.push({ type: 'not-counted', tMs: e.tMs, side: 'both', reason: 'lost-sight', peak: null, needed: null, gapS: null });
    }
    return [s, out];
  },
  finish(spec, state) {
    const out: CheckEvent[] = [];
    for (const e of finishReps(spec, state)) {
      if (e.type === 'rep' || e.type === 'hold') out.push(e);
      else if (e.type === 'ended-at-top') out.push({ type: 'not-counted', tMs: e.tMs, side: e.side, reason: 'ended-at-top', peak: r1(e.peak), needed: null, gapS: null });
    }
    return out;
  },
  display(spec, s) {
    const hold =
      spec.holdTopS && s.rep?.topStartMs != null
        ? { side: 'both' as const, elapsedS: Math.round(s.rep.topMs / 100) / 10, targetS: spec.holdTopS, running: s.phase === 'up' }
        : null;
    if (s.rest === null) return { hold, thresholds: null };
    const th = thresholds(spec, s);
    return { hold, thresholds: { up: r1(th.up), down: r1(th.down) } };
  },
  starts: (_sample, events) => events.some((e) => e.type === 'start-position'),
  done: countReps,
};

const alternating: Checker<AlternatingSpec, AlternatingState> = {
  init: initialAlternatingState,
  step(spec, state, sample) {
    const [s, ev] = stepAlternating(spec, state, sample);
    return [s, ev.map((e) => ({ type: 'rep' as const, tMs: e.tMs, rep: e.rep, hold: null }))];
  },
  finish: () => [],
  display: () => ({ hold: null, thresholds: null }),
  starts: (sample) => sample.value !== null,
  done: countReps,
};

const hold: Checker<HoldSpec, HoldState> = {
  init: initialHoldState,
  step(spec, state, sample) {
    const [s, ev] = stepHold(spec, state, { ...sample, angle: sample.aux.angle ?? null });
    const out: CheckEvent[] = [];
    for (const e of ev) {
      if (e.type === 'hold') out.push(e);
      else if (e.type === 'hold-broken' || e.type === 'hold-target-reached') out.push({ type: 'moment', tMs: e.tMs, on: e.type });
    }
    return [s, out];
  },
  finish: (spec, state, tMs) => finishHold(spec, state, tMs).flatMap((e) => (e.type === 'hold' ? [e] : [])),
  display: (spec, s, tMs) => ({
    hold: { side: s.side ?? 'both', elapsedS: r1(holdElapsedS(s, tMs)), targetS: spec.targetS, running: s.running },
    thresholds: null,
  }),
  starts: (sample) => sample.value !== null,
  done: (events) => events.filter((e) => e.type === 'hold' && e.hold.met).length,
};

/** The checkers, by the kind of check an exercise declares. */
export const CHECKERS = { reps, alternating, hold } as const;
