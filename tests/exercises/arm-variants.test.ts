/**
 * Arms in any position the texts allow (overhead, crossed on the chest, behind the head) change
 * no count of an exercise whose signal is the trunk or the legs: every real clip, with its arms
 * moved in 2D and 3D (scripts/lib/arm-variants.ts), gives its hand count (or, for a clip that
 * fails on its own, exactly what the clip gives). Issue 14: "a gate threw away a perfect signal"
 * on sit-ups with the arms overhead; this is the test that it cannot happen on our clips.
 * The waist twist is left out: an arm overhead is part of that exercise.
 */
import { describe, expect, it } from 'vitest';
import { replay } from '../../src/core/session/record';
import { EXERCISE_IDS, exercises } from '../../src/exercises';
import { ARM_VARIANTS, armVariantRecord } from '../../scripts/lib/arm-variants';
import { compareWithExpected } from '../../scripts/lib/reproject-eval';
import { fixtures } from '../fixtures';
import { KNOWN_FAILURES } from './known-failures';

const ARMS_ARE_THE_EXERCISE = new Set(['waist-twist']);

for (const id of EXERCISE_IDS.filter((e) => !ARMS_ARE_THE_EXERCISE.has(e))) {
  const list = fixtures(id);
  describe.skipIf(list.length === 0)(`arms moved: ${id}`, () => {
    for (const fx of list) {
      it(fx.name, () => {
        const ex = exercises[id];
        const own = replay(ex, fx.record);
        const known = KNOWN_FAILURES[`${id}:${fx.name}`];
        for (const kind of ARM_VARIANTS) {
          const out = replay(ex, armVariantRecord(fx.record, kind));
          if (known) {
            expect([out.reps, out.holds.length], `${kind} (the clip itself fails: ${known.slice(0, 60)}…)`).toEqual([own.reps, own.holds.length]);
          } else expect(compareWithExpected(fx.expected, out), `${kind}: ${fx.expected.note}`).toBeNull();
        }
      });
    }
  });
}

describe('the arm variants really move the arms', () => {
  it('wrists end up above the head (overhead), near the chest (crossed), at the head (behind-head)', () => {
    const fx = fixtures('sit-up')[0]!;
    const frames = (kind: (typeof ARM_VARIANTS)[number]) => replay(exercises['sit-up'], armVariantRecord(fx.record, kind), undefined, { keepOutputs: true });
    // Distance wrist-to-hip against shoulder-to-hip, in the first frame with a person (3D world points).
    const ratio = (kind: (typeof ARM_VARIANTS)[number]) => {
      const out = frames(kind).outputs!.find((o) => o.smoothed?.world);
      const w = out!.smoothed!.world!;
      const d = (a: { x: number; y: number; z: number }, b: { x: number; y: number; z: number }) => Math.hypot(a.x - b.x, a.y - b.y, a.z - b.z);
      return d(w.leftWrist, w.leftHip) / d(w.leftShoulder, w.leftHip);
    };
    expect(ratio('overhead')).toBeGreaterThan(1.5);
    expect(ratio('crossed')).toBeLessThan(1.2);
    expect(ratio('behind-head')).toBeGreaterThan(1.2);
  });
});
