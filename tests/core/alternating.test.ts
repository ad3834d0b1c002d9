/**
 * The alternating counter (waist twist): a turn counts when the signal stays past `reach` long
 * enough, and re-arms at the middle or the other side. A turn already at its side when counting
 * starts is not counted: its start was not seen.
 */
import { describe, expect, it } from 'vitest';
import { initialAlternatingState, stepAlternating } from '../../src/core/check/alternating';
import type { AlternatingSpec } from '../../src/core/check/exercise';

const spec = { kind: 'alternating', reach: 30, rearm: 12, minReachMs: 150, faults: [] } as unknown as AlternatingSpec;

function count(values: number[], fps = 15): number {
  let s = initialAlternatingState();
  let n = 0;
  values.forEach((v, i) => {
    const [ns, ev] = stepAlternating(spec, s, { tMs: (i * 1000) / fps, value: v, side: 'both', aux: {} });
    s = ns;
    n += ev.length;
  });
  return n;
}

/** Twists left and right, 2 s each, starting at `phase` of a twist (0: facing front). */
const twists = (n: number, phase = 0) => Array.from({ length: n * 30 }, (_, i) => 60 * Math.sin((2 * Math.PI * (i / 30 + phase)) / 2));

describe('alternating counter', () => {
  it('counts every turn from facing front', () => {
    expect(count(twists(6))).toBe(6);
  });

  it('does not count a turn already under way when counting starts', () => {
    // Starting at the top of a turn to the left: 10 s hold the peaks L (already there), R, L, R, L, R.
    // The first was under way before counting started; the five after it count.
    expect(count(twists(6, 0.5).slice(0, 150))).toBe(5);
    // A glitch to the middle for one frame at the very start is enough to have seen the start.
    expect(count([0, ...twists(6, 0.5).slice(0, 150)])).toBe(6);
  });
});
