/**
 * A short-range crunch counts like a full sit-up, from the side and from any camera (issue 14:
 * a crunch filmed from an elevated oblique camera counted 0 of 7 on a clip kept aside). Every
 * real sit-up clip, with its trunk's rise scaled down to an 18° crunch in 2D and 3D
 * (scripts/lib/crunch-variant.ts; a clip already that small is kept as is), gives its hand count
 * as recorded and in every re-projected view (scripts/lib/reproject.ts, the views of
 * tests/exercises/reprojected.test.ts). The negatives are left out: they have no trunk rise to scale.
 */
import { describe, expect, it } from 'vitest';
import { replay } from '../../src/core/session/record';
import { exercises } from '../../src/exercises';
import { CRUNCH, crunchVariantRecord, trunkRise2D } from '../../scripts/lib/crunch-variant';
import { reprojectRecord } from '../../scripts/lib/reproject';
import { compareWithExpected, VIEWS } from '../../scripts/lib/reproject-eval';
import { fixtures } from '../fixtures';

/** Measured failures, with the reason (a test that starts passing must be moved out of here). */
const KNOWN: Record<string, string> = {
  'sit-up/istock_situp_two_women_partner_7reps':
    'counts 3 of 6 (4 of 6 when the record was all MoveNet 2D). The record now mixes BlazePose frames with 3D points (59 %: the patient\'s part of the frame, where MoveNet vouches for them) and MoveNet 2D frames; the variant scales each on its own lying reference and leaves some frames as recorded (a trunk turned past 120°: the partner), so the scaled crunch jumps between 18-30° and 60-80° readings and the later sit-ups split into "too quick" pieces. A limit of the variant on a mixed record: the recorded clip counts 6 of 6 (tests/exercises/replay.test.ts). Too few frames have 3D points for re-projected views',
};

const ex = exercises['sit-up'];

describe('crunch variants of the sit-up clips', () => {
  for (const fx of fixtures('sit-up', { negatives: false })) {
    const known = KNOWN[fx.name];
    (known ? it.fails : it)(`${fx.name}${known ? ` (known failure: ${known})` : ''}`, () => {
      const crunch = crunchVariantRecord(fx.record, CRUNCH);
      expect(compareWithExpected(fx.expected, replay(ex, crunch)), 'as recorded').toBeNull();
      for (const view of VIEWS) {
        const r = reprojectRecord(crunch, view);
        if (!r.ok) continue;
        expect(compareWithExpected(fx.expected, replay(ex, r.record)), view.id).toBeNull();
      }
    });
  }

  it('the variant really is a crunch: 18° of rise where the clip had more, the clip itself where it had less', () => {
    for (const fx of fixtures('sit-up', { negatives: false })) {
      const before = trunkRise2D(fx.record)!;
      const after = trunkRise2D(crunchVariantRecord(fx.record, CRUNCH))!;
      // Within 4°: the clip's own glitch frames (left as recorded) move the 95th percentile a little.
      if (before > CRUNCH.riseDeg) expect(Math.abs(after - CRUNCH.riseDeg), fx.name).toBeLessThan(4);
      else expect(after, fx.name).toBeCloseTo(before, 5);
    }
  });
});
