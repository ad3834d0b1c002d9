/**
 * An alternating counter (waist twist): pure `stepAlternating`. A turn to a side counts when
 * the signed signal stays beyond `reach` for `minReachMs`; the counter re-arms once the
 * signal comes back under `rearm` (or reaches the other side). + = the person's left.
 * Nothing is armed until the signal has been seen near the middle (under `rearm`) once: a turn
 * already under way when counting starts is not counted, since its start was not seen (a person
 * who starts the set mid-twist, or a video that starts mid-twist).
 */
import type { AlternatingSpec, RepDetail, Side, SignalSample } from './exercise';
import { scoreRep } from './rep-top';

export interface AlternatingState {
  armed: Record<Side, boolean>;
  /** Since when the signal has been back under `rearm` (the re-arm needs the same dwell as a reach). */
  rearmSinceMs: number | null;
  sinceMs: number | null;
  sinceSide: Side | null;
  startMs: number | null;
  peak: number;
  peakMs: number;
  count: number;
  auxMax: Record<string, number>;
  auxMin: Record<string, number>;
  /** Whether the signal has been seen near the middle yet (until then nothing is armed). */
  centred: boolean;
}

export type AlternatingEvent = { type: 'rep'; tMs: number; rep: RepDetail };

export function initialAlternatingState(): AlternatingState {
  return { armed: { left: false, right: false }, rearmSinceMs: null, sinceMs: null, sinceSide: null, startMs: null, peak: 0, peakMs: 0, count: 0, auxMax: {}, auxMin: {}, centred: false };
}

export function stepAlternating(spec: AlternatingSpec, state: AlternatingState, sample: SignalSample): [AlternatingState, AlternatingEvent[]] {
  const v = sample.value;
  if (v === null) return [state, []];
  const t = sample.tMs;
  const s: AlternatingState = { ...state, armed: { ...state.armed }, auxMax: { ...state.auxMax }, auxMin: { ...state.auxMin } };
  const events: AlternatingEvent[] = [];
  const side: Side | null = v >= spec.reach ? 'left' : v <= -spec.reach ? 'right' : null;
  if (!s.centred && Math.abs(v) < spec.rearm) {
    s.centred = true;
    s.armed = { left: true, right: true };
    s.startMs = t;
  }
  // Back to the middle re-arms both sides once it has lasted as long as a reach must: the model's
  // rotation can dip for a frame or two at a true extreme (the back to the camera), which is
  // not a return to the middle.
  if (Math.abs(v) < spec.rearm) s.rearmSinceMs ??= t;
  else s.rearmSinceMs = null;
  if (s.rearmSinceMs !== null && t - s.rearmSinceMs >= spec.minReachMs) {
    s.armed = { left: true, right: true };
    s.startMs = t;
    s.auxMax = {};
    s.auxMin = {};
  }
  for (const [k, a] of Object.entries(sample.aux)) {
    if (a === null) continue;
    s.auxMax[k] = Math.max(s.auxMax[k] ?? -Infinity, a);
    s.auxMin[k] = Math.min(s.auxMin[k] ?? Infinity, a);
  }
  if (side && s.armed[side]) {
    if (s.sinceSide !== side) {
      s.sinceSide = side;
      s.sinceMs = t;
    }
    if (Math.abs(v) > Math.abs(s.peak)) (s.peak = v), (s.peakMs = t);
    if (t - (s.sinceMs ?? t) >= spec.minReachMs) {
      s.count += 1;
      s.armed[side] = false;
      // Reaching one side re-arms the other (a twist straight across counts both ways).
      s.armed[side === 'left' ? 'right' : 'left'] = true;
      const { score, faults } = scoreRep(spec.faults, {
        peak: Math.abs(s.peak),
        holdS: 0,
        lowerS: 0,
        durationS: (t - (s.startMs ?? t)) / 1000,
        auxMax: s.auxMax,
        auxMin: s.auxMin,
      });
      const r = (ms: number) => Math.round(ms / 100) / 10;
      events.push({
        type: 'rep',
        tMs: t,
        rep: {
          index: s.count,
          side,
          startS: r(s.startMs ?? s.sinceMs ?? t),
          peakS: r(s.peakMs),
          endS: r(t),
          holdS: 0,
          score,
          faults,
          peak: Math.round(Math.abs(s.peak) * 10) / 10,
          lowerS: 0,
        },
      });
      s.peak = 0;
      s.startMs = t;
      s.auxMax = {};
      s.auxMin = {};
    }
  } else if (!side) {
    s.sinceSide = null;
    s.sinceMs = null;
  }
  return [s, events];
}
