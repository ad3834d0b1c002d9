/**
 * One rep in progress and what is measured at its top (the hold near the peak, the score): the
 * parts of the rep state machine (rep-counter.ts) that look at a rep rather than step it. Pure.
 */
import type { FaultId, FaultRule, HoldDetail, RepCounterSpec, RepSide, RepSummary } from './exercise';

export interface RepInProgress {
  startMs: number;
  peak: number;
  peakMs: number;
  /**
   * The highest level seen on two samples in a row (the lower of each pair): what the person
   * reached and held, which one odd frame (a pose glitch) cannot raise. The person's range is
   * learned from it.
   */
  heldPeak: number;
  topStartMs: number | null;
  lastTopMs: number | null;
  /** Time spent at the top (ms), bridging short wobbles below it. */
  topMs: number;
  leftTopMs: number | null;
  votes: Record<RepSide, number>;
  auxMax: Record<string, number>;
  auxMin: Record<string, number>;
  topSum: number;
  topN: number;
  /** The longest time (ms) between two usable samples during this attempt (frames dropped or not seen). */
  maxGapMs: number;
  /**
   * Samples at the top, newest first, to measure the hold near the peak at the end. A linked
   * list so that adding one per frame stays O(1) and earlier states stay unchanged.
   */
  top: TopSample | null;
}

export interface TopSample {
  readonly t: number;
  readonly v: number;
  readonly prev: TopSample | null;
}

/** The samples at the top, oldest first, as [tMs, value]. */
export function topSamples(rep: RepInProgress): [number, number][] {
  const out: [number, number][] = [];
  for (let n = rep.top; n; n = n.prev) out.push([n.t, n.v]);
  return out.reverse();
}

export function newRep(startMs: number): RepInProgress {
  return {
    startMs,
    peak: -Infinity,
    peakMs: startMs,
    heldPeak: -Infinity,
    topStartMs: null,
    lastTopMs: null,
    topMs: 0,
    leftTopMs: null,
    votes: { left: 0, right: 0, both: 0 },
    auxMax: {},
    auxMin: {},
    topSum: 0,
    maxGapMs: 0,
    topN: 0,
    top: null,
  };
}

export function majority(v: Record<RepSide, number>): RepSide {
  let best: RepSide = 'both';
  let n = 0;
  for (const k of ['left', 'right', 'both'] as const) if (v[k] > n) (best = k), (n = v[k]);
  return best;
}

/** Score and faults of a finished rep. */
export function scoreRep(faultRules: FaultRule[], summary: RepSummary): { score: number; faults: FaultId[] } {
  const faults: FaultId[] = [];
  let score = 100;
  for (const r of faultRules) {
    if (r.test(summary)) {
      faults.push(r.id);
      score -= r.weight;
    }
  }
  return { score: Math.max(0, Math.min(100, score)), faults };
}

export const r1 = (ms: number) => Math.round(ms / 100) / 10;

/** Dips under the hold level shorter than this (ms) are bridged (wobble). source: starting point */
const HOLD_GAP_MS = 400;

/**
 * The hold at the top: the longest run of samples within `holdTolDeg` of the peak (and above
 * `up`), bridging short wobbles. Returns [seconds, startMs, endMs].
 */
export function topHoldSpan(spec: RepCounterSpec, rep: RepInProgress): [number, number, number] {
  const top = topSamples(rep);
  if (top.length === 0 || rep.topStartMs === null) return [0, rep.topStartMs ?? 0, rep.topStartMs ?? 0];
  const level = rep.peak - (spec.holdTolDeg ?? 10);
  let best: [number, number, number] = [0, top[0]![0], top[0]![0]];
  let start: number | null = null;
  let last: number | null = null;
  // The first sample below the level since the last one at it: a wobble lasts from there to the
  // next sample back at the level. Frames that never came (a slow computer) are not a wobble.
  let firstBelow: number | null = null;
  for (const [t, v] of top) {
    if (v < level) {
      if (last !== null) firstBelow ??= t;
      continue;
    }
    if (start === null || last === null || (firstBelow !== null && t - firstBelow > HOLD_GAP_MS)) start = t;
    firstBelow = null;
    last = t;
    if (last - start > best[0] * 1000) best = [(last - start) / 1000, start, last];
  }
  return best;
}

export function topHold(spec: RepCounterSpec, rep: RepInProgress, side: RepSide): HoldDetail | null {
  if (rep.topStartMs === null) return null;
  const [seconds, start, end] = topHoldSpan(spec, rep);
  const targetS = spec.holdTopS ?? 0;
  return {
    side,
    startS: r1(start),
    endS: r1(end),
    seconds: Math.round(seconds * 10) / 10,
    targetS,
    met: seconds >= targetS,
    angle: rep.topN > 0 ? Math.round((rep.topSum / rep.topN) * 10) / 10 : null,
  };
}
