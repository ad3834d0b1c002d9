/**
 * The real recordings replayed as the same reps done faster or slower (scripts/lib/tempo.ts):
 * 0.67× (slower), 1.5× (faster) and 2× (twice as fast, every 2nd frame). The count must not depend
 * on how briskly the person moves. Exercises counted as reps (and the waist twist) only: a hold
 * done faster is a shorter hold, so holds are not compared.
 *
 * Found this way: the whole-rep floor of 0.8-1 s threw away real reps done at a brisk tempo (the
 * sit-up clips at 1.5× counted 0 of 5 and 4 of 6, the five-rep bridge 1 of 5). It is now 500 ms
 * (MIN_REP_MS, clinical-basis.md#dwell-times); each of those cases fails with the old floor.
 *
 * The clips in known-failures.ts are left out (they do not pass at the recorded tempo).
 */
import { describe, expect, it } from 'vitest';
import { replay } from '../../src/core/session/record';
import { EXERCISE_IDS, exercises } from '../../src/exercises';
import { tempoRecord, TEMPOS } from '../../scripts/lib/tempo';
import { fixtures } from '../fixtures';
import { KNOWN_FAILURES } from './known-failures';

/**
 * Tempo trials that fail, with the reason (`<exerciseId>:<folder>/<clip>@<speed>`). They run as
 * it.fails: one that starts passing fails the test, and its entry must go.
 */
const KNOWN_TEMPO_FAILURES: Record<string, string> = {
  'waist-twist:waist-twist/istock_standing_torso_twist_front_outdoor@0.67':
    'counts 6 of 5: at the second right-hand extreme (13.8 s recorded) he has turned 120-135° with his back to the camera and the 3D rotation dips under the re-arm line for about 150 ms; slowed down, that dip outlasts the re-arm dwell and the same extreme counts twice',
};


for (const id of EXERCISE_IDS.filter((x) => exercises[x].kind !== 'hold')) {
  const list = fixtures(id).filter((fx) => !KNOWN_FAILURES[`${id}:${fx.name}`]);
  describe(`${id} done faster or slower`, () => {
    for (const fx of list) {
      for (const tempo of TEMPOS) {
        const key = `${id}:${fx.name}@${Number(tempo.speed.toFixed(2))}`;
        const known = KNOWN_TEMPO_FAILURES[key];
        (known ? it.fails : it)(`${fx.name} at ${tempo.name}${known ? ` (known failure: ${known})` : ''}`, () => {
          const reps = replay(exercises[id], tempoRecord(fx.record, tempo)).reps;
          const e = fx.expected;
          if (e.reps !== undefined) expect(reps, 'reps').toBe(e.reps);
          if (e.repsAtMost !== undefined) expect(reps, 'reps').toBeLessThanOrEqual(e.repsAtMost);
        });
      }
    }
  });
}
