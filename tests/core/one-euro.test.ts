import { describe, expect, it } from 'vitest';
import { OneEuroFilter } from '../../src/core/smooth/one-euro';
import { PoseSmoother } from '../../src/core/smooth/pose-smoother';
import { GROUND_TRUTH } from './one-euro-ground-truth';
import { syntheticFrame } from './synthetic';

describe('OneEuroFilter', () => {
  it('reproduces the reference groundTruth.csv (casiez/OneEuroFilter)', () => {
    const f = new OneEuroFilter({ minCutoffHz: 1, beta: 0.1, dCutoffHz: 1 }, 120);
    for (const [t, noisy, filtered] of GROUND_TRUTH) {
      // The CSV keeps 6 significant digits.
      expect(f.filter(noisy, t)).toBeCloseTo(filtered, 5);
    }
  });

  it('passes the first sample after a reset through unfiltered', () => {
    const f = new OneEuroFilter({ minCutoffHz: 1, beta: 0, dCutoffHz: 1 });
    f.filter(0, 0);
    f.filter(0, 0.1);
    f.reset();
    expect(f.filter(100, 0.2)).toBe(100);
  });
});

describe('PoseSmoother', () => {
  it('never smooths across a person leaving the frame', () => {
    const s = new PoseSmoother();
    s.push(syntheticFrame(0, { hipX: 100 }));
    s.push(syntheticFrame(66, { hipX: 100 }));
    s.push(null);
    const back = s.push(syntheticFrame(133, { hipX: 400 }));
    expect(back?.joints.leftHip.x).toBe(400);
  });

  it('resets on a gap in time', () => {
    const s = new PoseSmoother();
    s.push(syntheticFrame(0, { hipX: 100 }));
    s.push(syntheticFrame(66, { hipX: 100 }));
    const late = s.push(syntheticFrame(2000, { hipX: 400 }));
    expect(late?.joints.leftHip.x).toBe(400);
  });

  it('smooths jitter while the person is present', () => {
    const s = new PoseSmoother();
    let last = 0;
    for (let i = 0; i < 30; i++) last = s.push(syntheticFrame(i * 66, { hipX: 100 + (i % 2 ? 4 : -4) }))?.joints.leftHip.x ?? 0;
    expect(Math.abs(last - 100)).toBeLessThan(3);
  });
});
