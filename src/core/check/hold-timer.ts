/**
 * A hold timer: pure `stepHold(spec, state, sample) → [state, events]`. The clock runs only
 * while the position is right (`sample.value` ≥ 1 means right, 0 wrong, null unseen); a break
 * shorter than the grace does not end the hold (wobble), a longer one ends it at the last
 * good moment.
 */
import type { HoldDetail, HoldSpec, RepSide, SignalSample } from './exercise';

export interface HoldState {
  running: boolean;
  startMs: number | null;
  lastOkMs: number | null;
  side: RepSide | null;
  votes: Record<RepSide, number>;
  angleSum: number;
  angleN: number;
  reachedTarget: boolean;
}

export type HoldEvent =
  | { type: 'hold-start'; tMs: number; side: RepSide }
  | { type: 'hold-target-reached'; tMs: number; side: RepSide }
  | { type: 'hold-broken'; tMs: number; side: RepSide; seconds: number }
  | { type: 'hold'; tMs: number; hold: HoldDetail };

export function initialHoldState(): HoldState {
  return { running: false, startMs: null, lastOkMs: null, side: null, votes: { left: 0, right: 0, both: 0 }, angleSum: 0, angleN: 0, reachedTarget: false };
}

function majority(v: Record<RepSide, number>, fallback: RepSide): RepSide {
  let best = fallback;
  let n = 0;
  for (const k of ['left', 'right', 'both'] as const) if (v[k] > n) (best = k), (n = v[k]);
  return best;
}

/** Elapsed seconds of the running hold at time tMs (0 when not running). */
export function holdElapsedS(s: HoldState, tMs: number): number {
  if (!s.running || s.startMs === null) return 0;
  return Math.max(0, ((s.lastOkMs ?? tMs) - s.startMs) / 1000);
}

function close(spec: HoldSpec, s: HoldState, tMs: number): [HoldState, HoldEvent[]] {
  const events: HoldEvent[] = [];
  if (s.running && s.startMs !== null && s.lastOkMs !== null) {
    const seconds = (s.lastOkMs - s.startMs) / 1000;
    const side = majority(s.votes, s.side ?? 'both');
    if (seconds >= spec.minS) {
      const hold: HoldDetail = {
        side,
        startS: Math.round(s.startMs / 100) / 10,
        endS: Math.round(s.lastOkMs / 100) / 10,
        seconds: Math.round(seconds * 10) / 10,
        targetS: spec.targetS,
        met: seconds >= spec.targetS,
        angle: s.angleN > 0 ? Math.round((s.angleSum / s.angleN) * 10) / 10 : null,
      };
      if (!hold.met) events.push({ type: 'hold-broken', tMs, side, seconds: hold.seconds });
      events.push({ type: 'hold', tMs, hold });
    }
  }
  return [initialHoldState(), events];
}

export function stepHold(spec: HoldSpec, state: HoldState, sample: SignalSample & { angle?: number | null }): [HoldState, HoldEvent[]] {
  const t = sample.tMs;
  const ok = sample.value !== null && sample.value >= 1;
  let s: HoldState = { ...state, votes: { ...state.votes } };
  const events: HoldEvent[] = [];

  // A hold ends only when the position is let go: left/right labels can swap mid-hold in a
  // side view, so the side is the majority over the hold, never a reason to split it.
  // No frames at all for longer than the grace (tab hidden, camera stalled): a break, not time
  // held. Without this the next good frame would add the whole gap (a phantom hold).
  if (ok && s.running && s.lastOkMs !== null && t - s.lastOkMs > spec.graceMs) {
    const [ns, ev] = close(spec, s, s.lastOkMs);
    s = ns;
    events.push(...ev);
  }
  if (ok) {
    if (!s.running) {
      s = { ...initialHoldState(), running: true, startMs: t, lastOkMs: t, side: sample.side ?? 'both' };
      events.push({ type: 'hold-start', tMs: t, side: s.side! });
    }
    s.lastOkMs = t;
    if (sample.side) s.votes[sample.side] += 1;
    if (typeof sample.angle === 'number') {
      s.angleSum += sample.angle;
      s.angleN += 1;
    }
    if (!s.reachedTarget && s.startMs !== null && (t - s.startMs) / 1000 >= spec.targetS) {
      s.reachedTarget = true;
      events.push({ type: 'hold-target-reached', tMs: t, side: majority(s.votes, 'both') });
    }
  } else if (s.running && s.lastOkMs !== null && t - s.lastOkMs > spec.graceMs) {
    const [ns, ev] = close(spec, s, t);
    s = ns;
    events.push(...ev);
  }
  return [s, events];
}

/** At the end of a stream: report a hold still running. */
export function finishHold(spec: HoldSpec, s: HoldState, tMs: number): HoldEvent[] {
  return close(spec, s, tMs)[1].filter((e) => e.type === 'hold');
}
