/**
 * Every real clip replayed through the one replay(): reps exact, holds within ±1 s. One
 * definition per exercise for all its clips; a clip that cannot pass stays here as it.fails
 * with the reason (tests/exercises/known-failures.ts).
 */
import { describe, expect, it } from 'vitest';
import { replay } from '../../src/core/session/record';
import { EXERCISE_IDS, exercises } from '../../src/exercises';
import { fixtures, type Fixture } from '../fixtures';
import { KNOWN_FAILURES } from './known-failures';

function check(exerciseId: (typeof EXERCISE_IDS)[number], fx: Fixture) {
  const out = replay(exercises[exerciseId], fx.record);
  const e = fx.expected;
  if (e.reps !== undefined) expect(out.reps, `reps (${e.note})`).toBe(e.reps);
  if (e.repsAtMost !== undefined) expect(out.reps).toBeLessThanOrEqual(e.repsAtMost);
  for (const [side, n] of Object.entries(e.repsBySide ?? {})) expect(out.repsBySide[side as 'left'], `reps ${side}`).toBe(n);
  if (e.holds) {
    expect(out.holds.map((h) => h.seconds), 'holds').toHaveLength(e.holds.length);
    e.holds.forEach((h, i) => expect(Math.abs(out.holds[i]!.seconds - h.seconds), `hold ${i + 1} seconds`).toBeLessThanOrEqual(1));
  }
}

for (const id of EXERCISE_IDS) {
  const list = fixtures(id);
  describe.skipIf(list.length === 0)(`replay ${id}`, () => {
    for (const fx of list) {
      const known = KNOWN_FAILURES[`${id}:${fx.name}`];
      if (known) it.fails(`${fx.name} (known failure: ${known})`, () => check(id, fx));
      else it(fx.name, () => check(id, fx));
    }
  });
}

describe('every clip within one of its hand count (known failures included)', () => {
  for (const id of EXERCISE_IDS) {
    for (const fx of fixtures(id)) {
      const e = fx.expected;
      const target = e.reps ?? e.holds?.length;
      if (target === undefined) continue;
      it(`${id}: ${fx.name}`, () => {
        const out = replay(exercises[id], fx.record);
        const got = e.reps !== undefined ? out.reps : out.holds.length;
        expect(Math.abs(got - target), `${got} against ${target} (${e.note})`).toBeLessThanOrEqual(1);
      });
    }
  }
});
