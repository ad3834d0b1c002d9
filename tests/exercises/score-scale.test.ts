/**
 * Every real recording replayed with its keypoint scores × 0.8 (scripts/lib/score-scale.ts) must
 * give its hand count: the count must not depend on where a model's confidence happens to sit
 * against the "seen" line. Found this way: the partner sit-up clip (MoveNet's pose, scores 0.6-0.8
 * for clearly seen joints) counted 0 of 6, because lying down its shoulders dropped under the
 * line for a frame or two at the bottom of each sit-up and two sit-ups ran together; a dip under
 * the rep's own dip line now ends a rep wherever the top line sits (src/core/check/rep-counter.ts).
 * Known failures (known-failures.ts) are left out.
 */
import { describe, expect, it } from 'vitest';
import { replay } from '../../src/core/session/record';
import { EXERCISE_IDS, exercises } from '../../src/exercises';
import { compareWithExpected } from '../../scripts/lib/reproject-eval';
import { scaledScoresRecord, SCORE_SCALE } from '../../scripts/lib/score-scale';
import { fixtures } from '../fixtures';
import { KNOWN_FAILURES } from './known-failures';

/** Clips that fail with lower scores, with the reason (`<exerciseId>:<folder>/<clip>`): they run as it.fails. */
const KNOWN_SCORE_FAILURES: Record<string, string> = {
  'straight-leg-raise:straight-leg-raise/istock_double_leg_raise_side_3reps':
    'counts 3 of 3, but one rep reads "right" instead of "both" (two at × 0.7): "both" uses the 3D estimate of a leg whose knee is hidden, and which knee counts as seen changes with the scores (not traced further)',
};

for (const id of EXERCISE_IDS) {
  const list = fixtures(id).filter((fx) => !KNOWN_FAILURES[`${id}:${fx.name}`]);
  describe(`${id} with keypoint scores × ${SCORE_SCALE}`, () => {
    for (const fx of list) {
      const known = KNOWN_SCORE_FAILURES[`${id}:${fx.name}`];
      (known ? it.fails : it)(`${fx.name}${known ? ` (known failure: ${known})` : ''}`, () => {
        expect(compareWithExpected(fx.expected, replay(exercises[id], scaledScoresRecord(fx.record))), fx.expected.note).toBeNull();
      });
    }
  });
}
