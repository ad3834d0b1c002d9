/**
 * A generic rep state machine: pure `stepReps(spec, state, sample) → [state, events]`.
 * Hysteresis (a rep is up at `up`, back down at `down`), minimum dwell times in ms of frame
 * time (so 10 fps and 30 fps give the same result), optional adaptive thresholds relative to
 * the person's own rest level and typical peak, and a dropout rule: a short loss of sight is
 * bridged, a long one abandons the rep in progress.
 *
 * Threshold crossings are timed between samples (linear interpolation), not at the first sample
 * past the line, so the dwell times mean the same at 4 fps as at 30: on a slow computer a top
 * seen in one frame, with the frames either side well below it, still lasted long enough.
 */
import type { HoldDetail, RepCounterSpec, RepDetail, RepSide, RepSummary, SignalSample } from './exercise';
import { majority, newRep, r1, scoreRep, topHold, topHoldSpan, topSamples, type RepInProgress } from './rep-top';


/** Longest loss of sight (ms) bridged inside a rep. source: starting point */
export const MAX_DROPOUT_MS = 1000;
/** Time constant (ms) with which the rest level follows the signal upward. source: starting point */
const REST_RISE_TAU_MS = 4000;
/**
 * A rep attempt with a longer stretch (ms) than this between two usable frames was sampled too
 * sparsely to be sure of its top: a not-counted attempt says so (`gapMs`). source: starting point,
 * chosen once for all exercises: four frames at the slowest rate the coach accepts (8 fps, ui/state/slow-machine.ts)
 */
export const SPARSE_GAP_MS = 500;
/** The top is reached below this fraction of the way to `up` counts as a partial rep. */
const PARTIAL_FRACTION = 0.5;
/**
 * Two tops with a real dip between them are two reps, even when the dip stays above `down`
 * (a person whose resting level changed during the set: a single-leg bridge lowered onto a
 * planted foot rests higher than the both-knees-bent start). A dip is real when it falls this
 * fraction of the rep's own rise from its peak, and at least the exercise's clinical `minRise`,
 * lasts `minDownMs` over at least two usable frames (one glitch frame is not a dip), and the
 * person then rises from it by `minRise` again to the top line.
 * source: clinical-basis.md#engineering "dip between two tops" (chosen once across all clips and views)
 */
export const VALLEY_FRACTION = 0.4;

export type RepPhase = 'idle' | 'down' | 'rising' | 'up' | 'lowering';

export interface RepState {
  phase: RepPhase;
  rest: number | null;
  /** Typical rise above rest (deg), learned from completed reps. */
  typicalRise: number | null;
  lastMs: number | null;
  lastSeenMs: number | null;
  /** The signal at `lastSeenMs` (to time threshold crossings between samples). */
  lastValue: number | null;
  /** Since when the current threshold condition has held (dwell timers). */
  sinceMs: number | null;
  /** Last time the signal was at or below `down` (the rep starts when it leaves). */
  lastDownMs: number | null;
  firstDownMs: number | null;
  rep: RepInProgress | null;
  count: number;
  /** A dip inside the rep in progress (see VALLEY_FRACTION): when it started, its frames and lowest value. */
  valley: { fromMs: number; lastMs: number; n: number; low: number; lowMs: number } | null;
}

export type RepEvent =
  | { type: 'start-position'; tMs: number }
  | { type: 'top'; tMs: number; side: RepSide }
  | { type: 'rep'; tMs: number; rep: RepDetail; hold: HoldDetail | null }
  | { type: 'partial'; tMs: number; side: RepSide; peak: number; needed: number; gapMs: number }
  | { type: 'too-short'; tMs: number; side: RepSide; peak: number; gapMs: number }
  | { type: 'rep-aborted'; tMs: number; reason: 'lost-sight' }
  | { type: 'ended-at-top'; tMs: number; side: RepSide; peak: number }
  | { type: 'hold'; tMs: number; hold: HoldDetail };

export function initialRepState(): RepState {
  return {
    phase: 'idle',
    rest: null,
    typicalRise: null,
    lastMs: null,
    lastSeenMs: null,
    lastValue: null,
    sinceMs: null,
    lastDownMs: null,
    firstDownMs: null,
    rep: null,
    count: 0,
    valley: null,
  };
}

/** The thresholds in force for the current state (deg). */
export function thresholds(spec: RepCounterSpec, s: RepState): { up: number; down: number } {
  let up = spec.up ?? -Infinity;
  let down = spec.down ?? Infinity;
  if (spec.adaptive && s.rest !== null) {
    const a = spec.adaptive;
    const rise = Math.max(a.minRise, s.typicalRise ?? a.expectedRise);
    up = Math.max(up, s.rest + Math.max(a.minRise, a.upFraction * rise));
    // Back down is measured against this rep's own rise once it has reached its top: a person
    // whose lift is larger than the typical one (or the expected one, before any rep) has lowered
    // when they are most of the way back, not only when back under a line set for a smaller lift.
    const thisRise = s.rep && s.rep.topStartMs !== null ? Math.max(a.minRise, s.rep.peak - s.rest) : rise;
    down = Math.min(down, s.rest + a.downFraction * thisRise);
  }
  if (!Number.isFinite(up)) up = down + 10;
  if (!Number.isFinite(down)) down = up - 10;
  return { up, down: Math.min(down, up - 1) };
}

/** The peak the person's range is learned from: the held one (one odd frame cannot raise it). */
const learnedPeak = (rep: RepInProgress): number => (Number.isFinite(rep.heldPeak) ? rep.heldPeak : rep.peak);

function finishRep(spec: RepCounterSpec, s: RepState, endMs: number): [RepState, RepEvent] {
  const rep = s.rep!;
  // Lowering is timed from the end of the top (the last sample within holdTolDeg of the peak)
  // to back down, so it spans most of the descent. Timing it from the first dip under `up`
  // measured only the last few degrees before `down` and flagged nearly every real rep as fast.
  const level = rep.peak - (spec.holdTolDeg ?? 10);
  let topEnd = rep.leftTopMs ?? endMs;
  for (const [t, v] of topSamples(rep)) if (v >= level && t <= endMs) topEnd = t;
  const summary: RepSummary = {
    peak: rep.peak,
    holdS: topHoldSpan(spec, rep)[0],
    lowerS: Math.max(0, endMs - topEnd) / 1000,
    durationS: (endMs - rep.startMs) / 1000,
    auxMax: rep.auxMax,
    auxMin: rep.auxMin,
  };
  const { score, faults } = scoreRep(spec.faults, summary);
  const count = s.count + 1;
  const side = majority(rep.votes);
  const detail: RepDetail = {
    index: count,
    side,
    startS: r1(rep.startMs),
    peakS: r1(rep.peakMs),
    endS: r1(endMs),
    holdS: Math.round(summary.holdS * 10) / 10,
    score,
    faults,
    peak: Math.round(rep.peak * 10) / 10,
    lowerS: Math.round(summary.lowerS * 10) / 10,
  };
  const hold = spec.reportTopAsHold ? topHold(spec, rep, side) : null;
  const rise = s.rest !== null ? learnedPeak(rep) - s.rest : null;
  const typicalRise =
    rise === null ? s.typicalRise : s.typicalRise === null ? rise : s.typicalRise + 0.5 * (rise - s.typicalRise);
  return [
    { ...s, count, rep: null, phase: 'down', typicalRise, valley: null },
    { type: 'rep', tMs: endMs, rep: detail, hold },
  ];
}

/** One step of the rep state machine. */
export function stepReps(spec: RepCounterSpec, state: RepState, sample: SignalSample): [RepState, RepEvent[]] {
  const t = sample.tMs;
  const events: RepEvent[] = [];
  let s: RepState = { ...state };
  const dt = s.lastMs === null ? 0 : Math.max(0, t - s.lastMs);
  s.lastMs = t;

  if (sample.value === null) {
    // Not seen: bridge a short dropout, abandon the rep after a long one.
    if (s.rep && s.lastSeenMs !== null && t - s.lastSeenMs > MAX_DROPOUT_MS) {
      events.push({ type: 'rep-aborted', tMs: t, reason: 'lost-sight' });
      s = { ...s, rep: null, phase: 'idle', sinceMs: null };
    } else if (!s.rep && s.lastSeenMs !== null && t - s.lastSeenMs > MAX_DROPOUT_MS && s.phase !== 'idle') {
      s = { ...s, phase: 'idle', sinceMs: null };
    }
    return [s, events];
  }
  const prevT = s.lastSeenMs;
  const prevV = s.lastValue;
  s.lastSeenMs = t;
  s.lastValue = sample.value;
  /**
   * When the signal crossed `level` between the previous sample and this one (linear
   * interpolation); this sample's time when there is no previous one on the other side.
   */
  const crossAt = (level: number): number => {
    if (prevT === null || prevV === null || t - prevT > MAX_DROPOUT_MS) return t;
    const v = sample.value!;
    if ((prevV < level) === (v < level) || v === prevV) return t;
    const f = (level - prevV) / (v - prevV);
    return prevT + Math.min(1, Math.max(0, f)) * (t - prevT);
  };
  if (sample.outOfPosition) {
    // Not in the exercise's position (e.g. hips up in a plank): a rep at its top ends here and
    // counts; nothing can start until the person is back in the start position.
    if ((s.phase === 'up' || s.phase === 'lowering') && s.rep && t - s.rep.startMs >= spec.minRepMs) {
      const [ns, ev] = finishRep(spec, s, t);
      events.push(ev);
      return [{ ...ns, phase: 'idle', sinceMs: null }, events];
    }
    return [{ ...s, phase: 'idle', rep: null, sinceMs: null }, events];
  }
  const v = sample.value;

  // Rest level: follows the signal down at once, up slowly, and only away from the top.
  if (spec.adaptive && (s.phase === 'idle' || s.phase === 'down' || s.phase === 'rising')) {
    if (s.rest === null || v < s.rest) s.rest = v;
    else s.rest = s.rest + (1 - Math.exp(-dt / REST_RISE_TAU_MS)) * (v - s.rest);
  }
  const th = thresholds(spec, s);

  const track = (rep: RepInProgress) => {
    if (v > rep.peak) {
      rep.peak = v;
      rep.peakMs = t;
    }
    if (prevV !== null) rep.heldPeak = Math.max(rep.heldPeak, Math.min(v, prevV));
    if (prevT !== null) rep.maxGapMs = Math.max(rep.maxGapMs, t - prevT);
    if (sample.side) rep.votes[sample.side] += 1;
    for (const [k, a] of Object.entries(sample.aux)) {
      if (a === null) continue;
      rep.auxMax[k] = Math.max(rep.auxMax[k] ?? -Infinity, a);
      rep.auxMin[k] = Math.min(rep.auxMin[k] ?? Infinity, a);
    }
  };

  switch (s.phase) {
    case 'idle': {
      // One sample in the start position is enough: a person seen lying down who starts to
      // lift at once must not lose that rep.
      if (v <= th.down && sample.startable !== false) {
        s = { ...s, phase: 'down', sinceMs: null, lastDownMs: t };
        events.push({ type: 'start-position', tMs: t });
      }
      break;
    }
    case 'down': {
      if (v <= th.down) {
        s.lastDownMs = t;
      } else {
        const rep = newRep(s.lastDownMs ?? t);
        track(rep);
        s = { ...s, phase: 'rising', rep, sinceMs: null, valley: null };
        if (v >= th.up) s.sinceMs = crossAt(th.up);
      }
      break;
    }
    case 'rising': {
      const rep = { ...s.rep!, votes: { ...s.rep!.votes }, auxMax: { ...s.rep!.auxMax }, auxMin: { ...s.rep!.auxMin } };
      track(rep);
      s.rep = rep;
      if (v >= th.up) {
        s.sinceMs ??= crossAt(th.up);
        if (t - s.sinceMs >= spec.minUpMs) {
          rep.topStartMs = s.sinceMs;
          rep.top = { t, v, prev: null };
          rep.lastTopMs = t;
          rep.topMs = t - s.sinceMs;
          s = { ...s, phase: 'up', sinceMs: null };
          events.push({ type: 'top', tMs: t, side: majority(rep.votes) });
        }
      } else if (s.sinceMs !== null && prevT !== null && prevV !== null && crossAt(th.up) - s.sinceMs >= spec.minUpMs) {
        // Above the line long enough, but only one sample (or a few close ones) saw it: a slow
        // frame rate. The top was reached; the rep goes on lowering from where it left the top.
        const left = crossAt(th.up);
        rep.topStartMs = s.sinceMs;
        rep.top = { t: prevT, v: prevV, prev: null };
        rep.top = { t, v, prev: rep.top };
        rep.topSum += prevV;
        rep.topN += 1;
        rep.topMs = left - s.sinceMs;
        rep.lastTopMs = null;
        rep.leftTopMs = left;
        events.push({ type: 'top', tMs: t, side: majority(rep.votes) });
        s = { ...s, phase: 'lowering', sinceMs: null };
        if (v <= th.down) s.sinceMs = crossAt(th.down);
      } else if (v <= th.down) {
        s.sinceMs = null;
        const partialAt = th.down + PARTIAL_FRACTION * (th.up - th.down);
        // A clear lift that fell short: past half-way to the top line, or (adaptive) a rise from
        // the person's rest as large as the smallest real rep. Either way it gets a reason.
        const rose = s.rest !== null && spec.adaptive !== undefined && rep.peak - s.rest >= spec.adaptive.minRise;
        if (rep.peak >= partialAt || rose) events.push({ type: 'partial', tMs: t, side: majority(rep.votes), peak: rep.peak, needed: th.up, gapMs: rep.maxGapMs });
        // Learn the person's range from clear excursions that fell short of the top too, so
        // adaptive thresholds converge on someone whose movement is smaller than expected. The
        // rise is from the level before this sample: a sudden drop (a glitch, a pose lost and
        // found) has already pulled the rest down to it, and must not read as a huge range.
        const from = state.rest ?? s.rest;
        const rise = from !== null ? learnedPeak(rep) - from : null;
        const typicalRise =
          spec.adaptive && rise !== null && rise >= spec.adaptive.minRise
            ? s.typicalRise === null
              ? rise
              : s.typicalRise + 0.5 * (rise - s.typicalRise)
            : s.typicalRise;
        s = { ...s, phase: 'down', rep: null, lastDownMs: t, typicalRise };
      } else s.sinceMs = null;
      break;
    }
    case 'up':
    case 'lowering': {
      const dip = s.valley;
      if (v >= th.up && dip && spec.adaptive && dip.lastMs - dip.fromMs >= spec.minDownMs && dip.n >= 2 && v - dip.low >= spec.adaptive.minRise && dip.lowMs - s.rep!.startMs >= spec.minRepMs) {
        // Back at the top after a real dip: the rep in progress ended in the dip, and a new one
        // rose from its lowest point.
        const [ns, ev] = finishRep(spec, s, dip.lowMs);
        events.push(ev);
        const rep = newRep(dip.lowMs);
        track(rep);
        s = { ...ns, phase: 'rising', rep, lastDownMs: dip.lowMs, sinceMs: crossAt(th.up), rest: Math.max(ns.rest ?? dip.low, dip.low) };
        break;
      }
      const rep = { ...s.rep!, votes: { ...s.rep!.votes }, auxMax: { ...s.rep!.auxMax }, auxMin: { ...s.rep!.auxMin } };
      track(rep);
      rep.top = { t, v, prev: rep.top };
      s.rep = rep;
      // The dip line: this far under the rep's own peak is a dip (VALLEY_FRACTION).
      const line = spec.adaptive && s.rest !== null ? rep.peak - Math.max(spec.adaptive.minRise, VALLEY_FRACTION * (rep.peak - s.rest)) : null;
      if (line !== null && v <= line) {
        // Under the dip line, wherever the top and bottom lines are: a first rep much larger than
        // expected puts the top line under the dip line, and a bottom seen for too short a time
        // (the trunk lost from sight lying down) must not run two reps together.
        const d = s.valley;
        s.valley = d ? { ...d, lastMs: t, n: d.n + 1, ...(v < d.low ? { low: v, lowMs: t } : {}) } : { fromMs: crossAt(line), lastMs: t, n: 1, low: v, lowMs: t };
      } else if (v >= th.up) s.valley = null;
      if (v >= th.up) {
        // At the top (or back up after a wobble): the hold clock runs.
        if (rep.lastTopMs !== null) rep.topMs += t - rep.lastTopMs;
        rep.lastTopMs = t;
        rep.leftTopMs = null;
        rep.topSum += v;
        rep.topN += 1;
        s.phase = 'up';
        s.sinceMs = null;
      } else {
        if (rep.leftTopMs === null) {
          rep.leftTopMs = crossAt(th.up);
          if (rep.lastTopMs !== null) rep.topMs += Math.max(0, rep.leftTopMs - rep.lastTopMs);
          rep.lastTopMs = null;
        }
        s.phase = 'lowering';
        if (v <= th.down) {
          s.sinceMs ??= crossAt(th.down);
          if (t - s.sinceMs >= spec.minDownMs) {
            const endMs = s.sinceMs;
            if (endMs - rep.startMs >= spec.minRepMs) {
              const [ns, ev] = finishRep(spec, s, endMs);
              // The rest level starts again from where this rep came down (then follows the signal
              // down at once): the person's own level now, not the lowest ever seen (a set-up
              // position, a camera cut), which left later reps unable to get "back down".
              s = { ...ns, lastDownMs: t, sinceMs: null, rest: spec.adaptive ? Math.max(ns.rest ?? v, v) : ns.rest };
              events.push(ev);
            } else {
              events.push({ type: 'too-short', tMs: t, side: majority(rep.votes), peak: rep.peak, gapMs: rep.maxGapMs });
              s = { ...s, phase: 'down', rep: null, lastDownMs: t, sinceMs: null };
            }
          }
        } else s.sinceMs = null;
      }
      break;
    }
  }
  return [s, events];
}

/**
 * When a rep in progress was last seen back down (under `down`, the dwell not yet over) and is
 * long enough, the time it got there; otherwise null. Used when the stream ends (Finish, the end
 * of a file): the frames that would have confirmed it never came, as happens on a slow computer
 * when the set ends right after the last rep. Not on a loss of sight mid-stream: someone walking
 * out of view moves their legs like a rep (a no-exercise clip counted a straight-leg raise).
 */
function backDown(spec: RepCounterSpec, s: RepState): number | null {
  if (!s.rep || s.phase !== 'lowering' || s.sinceMs === null) return null;
  return s.sinceMs - s.rep.startMs >= spec.minRepMs ? s.sinceMs : null;
}

/**
 * At the end of a stream: a rep already back down counts (see backDown); a rep still at its top
 * is not counted, but its hold is reported.
 */
export function finishReps(spec: RepCounterSpec, s: RepState): RepEvent[] {
  const done = backDown(spec, s);
  if (done !== null) return [finishRep(spec, s, done)[1]];
  if (!s.rep || (s.phase !== 'up' && s.phase !== 'lowering')) return [];
  const rep = s.rep;
  const tMs = s.lastMs ?? 0;
  const ended: RepEvent = { type: 'ended-at-top', tMs, side: majority(rep.votes), peak: rep.peak };
  const hold = spec.reportTopAsHold ? topHold(spec, rep, majority(rep.votes)) : null;
  return hold ? [ended, { type: 'hold', tMs, hold }] : [ended];
}
