import { describe, expect, it } from 'vitest';
import type { RepCounterSpec, SignalSample } from '../../src/core/check/exercise';
import { finishReps, initialRepState, SPARSE_GAP_MS, stepReps, type RepEvent } from '../../src/core/check/rep-counter';
import { initialHoldState, stepHold, finishHold, type HoldEvent } from '../../src/core/check/hold-timer';
import { exercises } from '../../src/exercises';
import { repProfile, times } from './synthetic';

const spec: RepCounterSpec = { kind: 'reps', up: 20, down: 10, minUpMs: 150, minDownMs: 150, minRepMs: 500, faults: [] };

function run(s: RepCounterSpec, samples: [number, number | null][]): RepEvent[] {
  let st = initialRepState();
  const all: RepEvent[] = [];
  for (const [tMs, value] of samples) {
    const sample: SignalSample = { tMs, value, side: 'both', aux: {} };
    const [ns, ev] = stepReps(s, st, sample);
    st = ns;
    all.push(...ev);
  }
  return all;
}

const reps = (ev: RepEvent[]) => ev.filter((e) => e.type === 'rep');

/** A signal over time sampled at fps. */
function sampled(fps: number, durationS: number, f: (tS: number) => number | null): [number, number | null][] {
  return times(fps, durationS).map((t) => [t, f(t / 1000)]);
}

describe('rep counter', () => {
  it('one odd frame at the top of a rep (a pose glitch) does not teach a range the next reps cannot reach', () => {
    // The sit-up's kind of spec: the top line is over half the person's own range. Crunches of
    // 20°, the second with a single frame read at 80°: the crunches after it must still count.
    const s: RepCounterSpec = { kind: 'reps', minUpMs: 150, minDownMs: 200, minRepMs: 1000, faults: [], adaptive: { minRise: 10, expectedRise: 20, upFraction: 0.55, downFraction: 0.3 } };
    const cycle = { restS: 1, riseS: 0.6, topS: 0.6, lowerS: 0.6 };
    const samples = sampled(15, 16, (t) => 20 * repProfile(t, cycle));
    // The second rep's top (cycle 2.8 s: its top at about 4.4-5.0 s): one frame at 80°.
    const i = samples.findIndex(([tMs]) => tMs >= 4600);
    samples[i] = [samples[i]![0], 80];
    expect(reps(run(s, samples))).toHaveLength(5);
  });

  it('a set that may only start lying down: a seated wobble then lying back is no rep; the sit-ups after it count', () => {
    // The sit-up's spec. Seated for 3 s, read at 73° for a second and then at 86° (a live record: another
    // model's reading of the same seated trunk), then lying back to 0°, then two 60° sit-ups.
    // startable: only while the trunk is under the 45° "upright" line.
    const s: RepCounterSpec = { kind: 'reps', minUpMs: 150, minDownMs: 200, minRepMs: 500, faults: [], adaptive: { minRise: 10, expectedRise: 20, upFraction: 0.55, downFraction: 0.3 } };
    const seated = sampled(15, 3, (t) => (t < 1 ? 73 : 86));
    const lieBack = sampled(15, 1, (t) => 80 * (1 - t)).map(([t, v]): [number, number | null] => [t + 3000, v]);
    const situps = sampled(15, 6, (t) => 60 * repProfile(t % 3, { restS: 0.8, riseS: 0.6, topS: 0.6, lowerS: 0.8 })).map(([t, v]): [number, number | null] => [t + 4000, v]);
    const all = [...seated, ...lieBack, ...situps];
    const step = (startable: (v: number | null) => boolean | undefined) => {
      let st = initialRepState();
      const ev: RepEvent[] = [];
      for (const [tMs, value] of all) {
        const st0 = startable(value);
        const [ns, e] = stepReps(s, st, { tMs, value, side: 'both', aux: {}, ...(st0 === undefined ? {} : { startable: st0 }) });
        st = ns;
        ev.push(...e);
      }
      return reps(ev).length;
    };
    expect(step((v) => v !== null && v < 45)).toBe(2);
    // Without the rule the seated wobble and the lie-back make one more.
    expect(step(() => undefined)).toBe(3);
  });

  it('a sudden drop (a glitch, a pose lost and found) does not teach a huge range', () => {
    // The back-muscle bridge's kind of spec: the top line is over half the person's own range.
    // A glitch start at +30..+53 then the real lying level at -65: the lifts to -40 (a 25° rise)
    // must still count. Measured from the level after the drop, the glitch read as a 118° range
    // and put the top line out of reach for the whole set (a real oblique bridge clip counted 0).
    const s: RepCounterSpec = { kind: 'reps', minUpMs: 150, minDownMs: 150, minRepMs: 500, faults: [], adaptive: { minRise: 18, expectedRise: 18, upFraction: 0.55, downFraction: 0.4 } };
    const glitch: [number, number | null][] = [[0, 30], [67, 45], [133, 53], [200, -65]];
    const lifts = sampled(15, 9, (t) => -65 + 25 * repProfile(t % 3, { restS: 0.8, riseS: 0.6, topS: 0.8, lowerS: 0.8 })).map(([t, v]): [number, number | null] => [t + 267, v]);
    expect(reps(run(s, [...glitch, ...lifts]))).toHaveLength(3);
  });

  it('counts full reps and not partial ones', () => {
    // Three reps: full (30°), partial (16°), full (30°).
    const peaks = [30, 16, 30];
    const ev = run(spec, sampled(30, 9, (t) => (peaks[Math.floor(t / 3)] ?? 0) * repProfile(t % 3, { restS: 0.5, riseS: 0.7, topS: 0.6, lowerS: 0.7 })));
    expect(reps(ev)).toHaveLength(2);
    expect(ev.filter((e) => e.type === 'partial')).toHaveLength(1);
  });

  it('says when an attempt was sampled too sparsely to see its top (a busy computer)', () => {
    // One full rep at 15 fps; then a lift seen rising to 17 (the top line is 20), 0.9 s with no
    // frame, and the signal seen again already back down: not counted, and the event carries the gap.
    const first = sampled(15, 3, (t) => 30 * repProfile(t, { restS: 0.5, riseS: 0.7, topS: 0.6, lowerS: 0.7 }));
    const second: [number, number][] = [[3000, 0], [3400, 0], [3500, 5], [3600, 12], [3700, 17], [4600, 8], [4700, 3], [4800, 0], [5200, 0]];
    const ev = run(spec, [...first, ...second]);
    expect(reps(ev)).toHaveLength(1);
    const partial = ev.find((e) => e.type === 'partial');
    expect(partial?.type === 'partial' ? partial.gapMs : 0).toBe(900);
    expect(900).toBeGreaterThan(SPARSE_GAP_MS);
    // The first rep, seen throughout, had no gap longer than a frame.
    const dense = run(spec, [...first, ...second.slice(0, 5)]);
    expect(dense.find((e) => e.type === 'partial')).toBeUndefined();
  });

  it('gives a reason for a clear lift that falls short, measured from the person\'s own rest', () => {
    const adaptive: RepCounterSpec = { ...spec, up: 30, down: undefined, adaptive: { minRise: 10, expectedRise: 20, upFraction: 0, downFraction: 0.4 } };
    // Rest at 0; a lift to 14 (above minRise, under half-way between the lines): not counted, and said.
    const ev = run(adaptive, sampled(15, 3, (t) => 14 * repProfile(t, { restS: 1, riseS: 0.7, topS: 0.6, lowerS: 0.7 })));
    expect(reps(ev)).toHaveLength(0);
    expect(ev.filter((e) => e.type === 'partial')).toHaveLength(1);
    // A wobble of 5 is not an attempt.
    const wob = run(adaptive, sampled(15, 3, (t) => 5 * repProfile(t, { restS: 1, riseS: 0.7, topS: 0.6, lowerS: 0.7 })));
    expect(wob.filter((e) => e.type === 'partial')).toHaveLength(0);
  });

  it('does not count jitter at the bottom threshold as extra reps', () => {
    const ev = run(
      spec,
      sampled(30, 8, (t) => {
        if (t < 0.5) return 0;
        if (t < 1.5) return 30;
        if (t < 5) return 10 + (Math.round(t * 30) % 2 ? 2.5 : -2.5); // hovering at `down`
        return 0;
      }),
    );
    expect(reps(ev)).toHaveLength(1);
  });

  it('does not count jitter at the top threshold more than once', () => {
    const ev = run(spec, sampled(30, 6, (t) => (t < 0.5 || t > 5 ? 0 : 20 + (Math.round(t * 30) % 2 ? 1.5 : -1.5))));
    expect(reps(ev).length).toBeLessThanOrEqual(1);
  });

  it('bridges a short dropout mid-rep and abandons the rep after a long one', () => {
    const profile = (t: number) => 30 * repProfile(t, { restS: 0.5, riseS: 0.7, topS: 2, lowerS: 0.7 });
    const short = run(spec, sampled(15, 4.5, (t) => (t > 1.6 && t < 2.1 ? null : profile(t))));
    expect(reps(short)).toHaveLength(1);
    const long = run(spec, sampled(15, 4.5, (t) => (t > 1.4 && t < 3.0 ? null : profile(t))));
    expect(reps(long)).toHaveLength(0);
    expect(long.some((e) => e.type === 'rep-aborted')).toBe(true);
  });

  it('gives the same counts and times at 10 fps and 30 fps', () => {
    const f = (t: number) => 30 * repProfile(t, { restS: 0.6, riseS: 0.8, topS: 1.0, lowerS: 1.2 }) + 0.8 * Math.sin(t * 17);
    const a = reps(run(spec, sampled(10, 18, f)));
    const b = reps(run(spec, sampled(30, 18, f)));
    expect(a).toHaveLength(5);
    expect(b).toHaveLength(5);
    a.forEach((e, i) => {
      const r = (b[i] as typeof e).rep;
      if (e.type !== 'rep') return;
      expect(Math.abs(e.rep.endS - r.endS)).toBeLessThanOrEqual(0.15);
      expect(Math.abs(e.rep.holdS - r.holdS)).toBeLessThanOrEqual(0.2);
    });
  });

  it('counts a quick top that a slow computer (4 fps) saw in a single frame', () => {
    // The bridge on a slow laptop: reps of 2 s with a 0.4 s top. At 4 fps the top is often one
    // sample, the samples either side well below the line; timed between samples it lasted
    // longer than minUpMs. (Before: a "partial" for every such rep.)
    const f = (t: number) => 30 * repProfile(t, { restS: 0.6, riseS: 0.5, topS: 0.4, lowerS: 0.5 });
    for (const phaseMs of [0, 60, 125, 190]) {
      const samples = sampled(4, 10, f).map(([t]) => [t + phaseMs, f((t + phaseMs) / 1000)] as [number, number]);
      const ev = run(spec, samples);
      expect(reps(ev), `phase ${phaseMs} ms`).toHaveLength(5);
      expect(ev.filter((e) => e.type === 'partial'), `phase ${phaseMs} ms`).toHaveLength(0);
    }
  });

  it('still ignores a one-frame spike over the line at 30 fps, and a 0.1 s bump at 4 fps', () => {
    const spike = run(spec, times(30, 4).map((t) => [t, t >= 2000 && t < 2034 ? 35 : 0]));
    expect(reps(spike)).toHaveLength(0);
    // 4 fps: one sample at 25 between samples at 0, but the crossings (interpolated) are only
    // ~50 ms apart: shorter than minUpMs, so not a top.
    const bump = run(spec, times(4, 4).map((t) => [t, t === 2000 ? 25 : 0]));
    expect(reps(bump)).toHaveLength(0);
  });

  it('measures a hold at the top through frames that never came, but not through a real dip', () => {
    const bridge = exercises.bridge.check(exercises.bridge.defaults);
    if (bridge.kind !== 'reps') throw new Error('bridge counts reps');
    // A 4-s hold at the top; the computer delivers no frame for 0.7 s in the middle of it.
    const f = (t: number) => -45 + 45 * repProfile(t, { restS: 0.5, riseS: 1, topS: 4, lowerS: 1.5 });
    const gap = sampled(15, 8, f).filter(([t]) => t < 3000 || t > 3700);
    const withGap = reps(run(bridge, gap));
    expect(withGap).toHaveLength(1);
    expect(withGap[0]?.type === 'rep' && withGap[0].rep.holdS).toBeGreaterThan(3.5);
    // The same hold with a 0.7-s dip of 25° in the middle: two shorter holds, the longer counts.
    const dip = sampled(15, 8, (t) => f(t) - (t > 3 && t < 3.7 ? 25 : 0));
    const withDip = reps(run(bridge, dip));
    expect(withDip[0]?.type === 'rep' && withDip[0].rep.holdS).toBeLessThan(3);
  });

  it('counts at Finish a last rep already back down whose confirming frames never came', () => {
    const bridge = exercises.bridge.check(exercises.bridge.defaults);
    if (bridge.kind !== 'reps') throw new Error('bridge counts reps');
    const f = (t: number) => -45 + 45 * repProfile(t, { restS: 0.5, riseS: 1, topS: 1, lowerS: 1 });
    // The stream stops on the first frame with the hips back down (under the line in force): no
    // dwell yet.
    let st = initialRepState();
    let n = 0;
    for (const [tMs, value] of sampled(15, 5, f)) {
      const [ns, ev] = stepReps(bridge, st, { tMs, value, side: 'both', aux: {} });
      st = ns;
      n += reps(ev).length;
      if (st.phase === 'lowering' && st.sinceMs !== null) break;
    }
    expect(n).toBe(0);
    expect(reps(finishReps(bridge, st))).toHaveLength(1);
    // Still at the top at Finish: not a rep.
    let top = initialRepState();
    for (const [tMs, value] of sampled(15, 2.8, f)) top = stepReps(bridge, top, { tMs, value, side: 'both', aux: {} })[0];
    expect(reps(finishReps(bridge, top))).toHaveLength(0);
  });

  it('adapts to a small range (crunches) but ignores noise', () => {
    const adaptive: RepCounterSpec = {
      kind: 'reps',
      adaptive: { minRise: 10, expectedRise: 20, upFraction: 0.55, downFraction: 0.3 },
      minUpMs: 150,
      minDownMs: 200,
      minRepMs: 1000,
      faults: [],
    };
    // Rest at 5°, tops at 5 + 16° (a crunch in 2D), plus noise of ±1.5°.
    const f = (t: number) => 5 + 16 * repProfile(t, { restS: 1, riseS: 0.8, topS: 0.5, lowerS: 0.8 }) + 1.5 * Math.sin(t * 23);
    expect(reps(run(adaptive, sampled(15, 31, f)))).toHaveLength(10);
    const noise = (t: number) => 5 + 3 * Math.sin(t * 5);
    expect(reps(run(adaptive, sampled(15, 30, noise)))).toHaveLength(0);
  });

  it('flags lowering too fast and a short hold on the bridge', () => {
    const bridge = exercises.bridge.check(exercises.bridge.defaults);
    if (bridge.kind !== 'reps') throw new Error('bridge counts reps');
    // hip extension: −45° lying, 0° at the top; held 3.5 s; lowered in 0.1 s vs 2 s.
    const rep = (lowerS: number, topS: number) => (t: number) => -45 + 45 * repProfile(t, { restS: 0.5, riseS: 1, topS, lowerS });
    const fast = reps(run(bridge, sampled(15, 6, rep(0.1, 3.5))));
    const slow = reps(run(bridge, sampled(15, 8, rep(2, 3.5))));
    const short = reps(run(bridge, sampled(15, 5, rep(2, 0.5))));
    expect(fast[0]?.type === 'rep' && fast[0].rep.faults).toContain('lowered-too-fast');
    expect(slow[0]?.type === 'rep' && slow[0].rep.faults).toEqual([]);
    expect(slow[0]?.type === 'rep' && slow[0].rep.score).toBe(100);
    expect(short[0]?.type === 'rep' && short[0].rep.faults).toContain('hold-too-short');
  });
});

describe('hold timer', () => {
  const hold = { kind: 'hold' as const, targetS: 15, graceMs: 1000, minS: 2 };
  function runHold(samples: [number, number | null][]): HoldEvent[] {
    let st = initialHoldState();
    const all: HoldEvent[] = [];
    for (const [tMs, value] of samples) {
      const [ns, ev] = stepHold(hold, st, { tMs, value, side: 'left', aux: {} });
      st = ns;
      all.push(...ev);
    }
    all.push(...finishHold(hold, st, samples[samples.length - 1]![0]));
    return all;
  }
  const holds = (ev: HoldEvent[]) => ev.flatMap((e) => (e.type === 'hold' ? [e.hold] : []));

  it('keeps running through a short wobble', () => {
    const ev = runHold(times(15, 17).map((t) => [t, t > 6000 && t < 6500 ? 0 : 1]));
    expect(holds(ev)).toHaveLength(1);
    expect(holds(ev)[0]!.seconds).toBeCloseTo(17, 0);
    expect(holds(ev)[0]!.met).toBe(true);
  });

  it('ends on a real break and starts again when resumed', () => {
    const ev = runHold(times(15, 20).map((t) => [t, t > 6000 && t < 9000 ? 0 : 1]));
    const hs = holds(ev);
    expect(hs).toHaveLength(2);
    expect(hs[0]!.seconds).toBeCloseTo(6, 0);
    expect(hs[0]!.met).toBe(false);
    expect(hs[1]!.seconds).toBeCloseTo(11, 0);
    expect(ev.some((e) => e.type === 'hold-broken')).toBe(true);
  });

  it('does not run while the joints are not seen', () => {
    const ev = runHold(times(15, 10).map((t) => [t, t < 3000 ? 1 : null]));
    expect(holds(ev)[0]!.seconds).toBeCloseTo(3, 0);
  });
});

describe('a dip between two tops (VALLEY_FRACTION)', () => {
  // The bridge's shape: the top line at -20°, back down 40 % of the way up from the person's rest.
  const bridgeLike: RepCounterSpec = { kind: 'reps', up: -20, minUpMs: 150, minDownMs: 150, minRepMs: 800, faults: [], adaptive: { minRise: 12, expectedRise: 25, upFraction: 0, downFraction: 0.4 } };
  /** Piecewise-linear signal through [tS, value] points, sampled at fps. */
  const path = (fps: number, pts: [number, number | null][]) =>
    sampled(fps, pts[pts.length - 1]![0], (t) => {
      const i = pts.findIndex(([ts]) => ts > t);
      if (i <= 0) return pts[pts.length - 1]![1];
      const [t0, v0] = pts[i - 1]!;
      const [t1, v1] = pts[i]!;
      if (v0 === null || v1 === null) return null;
      return v0 + ((t - t0) / (t1 - t0)) * (v1 - v0);
    });

  it('counts three lifts whose dips stay above the back-down line set by a lower start (a single-leg bridge)', () => {
    // Rest at -60 (both knees bent), then three lifts to -8 with dips to -33 / -30 between them,
    // above the -39° line that -60 sets; then back to -60.
    const ev = run(bridgeLike, path(15, [[0, -60], [2, -60], [3, -8], [3.6, -8], [4.2, -33], [5, -33], [5.8, -8], [6.4, -8], [7, -30], [7.8, -30], [8.6, -8], [9.2, -8], [10, -60], [11, -60]]));
    expect(reps(ev)).toHaveLength(3);
    // Each rep ends at the lowest point of its dip and the next starts there: lowering is timed over the descent.
    expect(reps(ev).map((e) => e.type === 'rep' && e.rep.lowerS)).toEqual([expect.any(Number), expect.any(Number), expect.any(Number)]);
  });

  it('keeps two big sit-ups apart when the bottom between them is seen only briefly', () => {
    // The sit-up's spec: before any rep the top line assumes a 20° curl (over half of it), so a
    // 90° sit-up's top starts at 11°, far under the dip line. Lying down, the trunk is lost from
    // sight for two frames out of three: the bottom is seen for under the back-down dwell. Two
    // sit-ups must not run together into one (the partner clip with its scores × 0.8 counted 0 of 6).
    const situp: RepCounterSpec = { kind: 'reps', minUpMs: 150, minDownMs: 200, minRepMs: 500, faults: [], adaptive: { minRise: 10, expectedRise: 20, upFraction: 0.55, downFraction: 0.3 } };
    const pts: [number, number | null][] = [[0, 0], [1, 0], [2, 85], [2.6, 85], [3.3, 0], [3.34, null], [3.6, null], [3.7, 25], [4.3, 85], [5, 85], [6, 0], [7.5, 0]];
    const samples = path(15, pts).map(([t, v]): [number, number | null] => (t > 3300 && t < 3650 ? [t, null] : [t, v]));
    expect(reps(run(situp, samples))).toHaveLength(2);
  });

  it('does not split a hold on a wobble smaller than the smallest lift', () => {
    // One lift held 4 s with a 9° sag in the middle.
    const ev = run(bridgeLike, path(15, [[0, -60], [2, -60], [3, -8], [4.5, -8], [5, -17], [5.5, -8], [7, -8], [8, -60], [9, -60]]));
    expect(reps(ev)).toHaveLength(1);
  });

  it('does not split on one glitch frame, nor on a dip too short to be a lowering', () => {
    // A single low frame in the middle of the top (a model glitch next to a lost frame).
    const glitch = path(15, [[0, -60], [2, -60], [3, -8], [6, -8], [7, -60], [8, -60]]).map(([t, v]): [number, number | null] => (Math.abs(t - 4500) < 34 ? [t, -33] : Math.abs(t - 4567) < 34 ? [t, null] : [t, v]));
    expect(reps(run(bridgeLike, glitch))).toHaveLength(1);
    // A dip of 0.1 s (under the 150 ms back-down dwell).
    const brief = path(30, [[0, -60], [2, -60], [3, -8], [4.45, -8], [4.5, -33], [4.6, -33], [4.65, -8], [6, -8], [7, -60], [8, -60]]);
    expect(reps(run(bridgeLike, brief))).toHaveLength(1);
  });
});

describe('why an attempt was not counted', () => {
  it('a peak that touched the top line for less than the top dwell is "too short", one under it "top too low"', async () => {
    const { CHECKERS } = await import('../../src/core/check/checkers');
    const checker = CHECKERS.reps;
    const reasons = (peak: number) => {
      let st = checker.init();
      const out: string[] = [];
      // Rest at 0, one frame at `peak` (67 ms: under minUpMs 150), back to 0.
      const samples: [number, number][] = [[0, 0], [67, 0], [133, 0], [200, 0], [267, 16], [333, peak], [400, 16], [467, 0], [533, 0], [600, 0]];
      for (const [tMs, value] of samples) {
        const [ns, ev] = checker.step(spec, st, { tMs, value, side: 'both', aux: {} });
        st = ns;
        for (const e of ev) if (e.type === 'not-counted') out.push(e.reason);
      }
      return out;
    };
    expect(reasons(24)).toEqual(['too-short']);
    expect(reasons(18)).toEqual(['top-too-low']);
  });
});
