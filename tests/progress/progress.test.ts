// Progress across sessions: facts from real recorded sessions (fixtures replayed through the
// core), then adherence, range of motion, holds and pain computed from them.
import { describe, expect, it } from 'vitest';
import type { HoldDetail, RepDetail } from '../../src/core/check/exercise';
import {
  alignSeries,
  factsFromRecord,
  holdTimes,
  localDay,
  painOverTime,
  rangeOfMotion,
  setsCompleted,
  weekStart,
  weeklyAdherence,
  type SessionFacts,
} from '../../src/core/progress';
import { replay, type SessionRecord } from '../../src/core/session';
import { exercises } from '../../src/exercises';
import { fixtures } from '../fixtures';

const kinds = Object.fromEntries(Object.values(exercises).map((e) => [e.id, { kind: e.kind, perSide: e.perSide }]));

function rep(side: RepDetail['side'], peak: number, holdS = 2, index = 1): RepDetail {
  return { index, side, startS: 0, peakS: 1, endS: 2, holdS, score: 80, faults: [], peak, lowerS: 1 };
}

function facts(over: Partial<SessionFacts> & Pick<SessionFacts, 'id' | 'startedAt'>): SessionFacts {
  return {
    exercise: 'straight-leg-raise',
    complete: true,
    prescription: { sets: 1, reps: 2, sides: ['left', 'right'] },
    reps: [],
    holds: [],
    pain: [],
    durationS: 60,
    ...over,
  };
}

describe('facts from real recorded sessions', () => {
  const slr = fixtures('straight-leg-raise', { negatives: false }).find((f) => f.clip.startsWith('cn_nursing'));
  it.skipIf(!slr)('a straight-leg-raise record gives the reps and holds its replay counted', () => {
    const record = slr!.record;
    const out = replay(exercises['straight-leg-raise'], record);
    // A record as the coach stores it: the events of the live run.
    const stored: SessionRecord = { ...record, events: out.events as SessionRecord['events'] };
    const f = factsFromRecord('x', stored, true);
    expect(f.reps.map((r) => r.peak)).toEqual(out.repDetails.map((r) => r.peak));
    expect(f.holds.length).toBe(out.holds.length);
    expect(f.durationS).toBeCloseTo(out.durationS, 0);
    const rom = rangeOfMotion([f], 'straight-leg-raise');
    const best = Math.max(...out.repDetails.map((r) => r.peak));
    const side = out.repDetails[0]?.side ?? 'left';
    expect(rom[side]?.[0]?.value).toBeCloseTo(best, 1);
  });
});

describe('adherence', () => {
  it('local days follow the time-zone offset', () => {
    // 23:30 UTC on a Sunday is already Monday in UTC+1 (offset -60).
    expect(localDay('2026-11-22T23:30:00.000Z', 0)).toBe('2026-11-22');
    expect(localDay('2026-11-22T23:30:00.000Z', -60)).toBe('2026-11-23');
    expect(weekStart('2026-11-22')).toBe('2026-11-16'); // Sunday → its Monday
    expect(weekStart('2026-11-23')).toBe('2026-11-23');
  });

  it('counts distinct days, completed sets and fills empty weeks', () => {
    const twoPerSide = [rep('left', 40), rep('left', 41), rep('right', 38), rep('right', 39)];
    const list = [
      facts({ id: 'a', startedAt: '2026-11-02T09:00:00.000Z', reps: twoPerSide }),
      facts({ id: 'b', startedAt: '2026-11-02T18:00:00.000Z', reps: twoPerSide.slice(0, 3) }), // 3 of 4: not a set
      facts({ id: 'c', startedAt: '2026-11-04T09:00:00.000Z', reps: twoPerSide }),
      facts({ id: 'd', startedAt: '2026-11-05T09:00:00.000Z', reps: [] }), // opened, nothing done
      facts({ id: 'e', startedAt: '2026-11-17T09:00:00.000Z', reps: twoPerSide }),
    ];
    expect(setsCompleted(list[0]!, kinds['straight-leg-raise']!)).toBe(1);
    expect(setsCompleted(list[1]!, kinds['straight-leg-raise']!)).toBe(0);
    const w = weeklyAdherence(list, kinds, [{ exercise: 'straight-leg-raise', sets: 1, timesPerDay: 2 }]);
    expect(w.map((x) => [x.week, x.daysExercised, x.setsDone, x.sessions])).toEqual([
      ['2026-11-02', 2, 2, 4],
      ['2026-11-09', 0, 0, 0],
      ['2026-11-16', 1, 1, 1],
    ]);
    expect(w[0]!.setsPrescribed).toBe(14);
    expect(weeklyAdherence(list, kinds, null)[0]!.setsPrescribed).toBeNull();
    expect(weeklyAdherence([], kinds, null)).toEqual([]);
  });

  it('hold exercises count holds toward sets', () => {
    const hold = (side: HoldDetail['side']): HoldDetail => ({ side, startS: 0, endS: 15, seconds: 15, targetS: 15, met: true, angle: 90 });
    const f = facts({ id: 'h', startedAt: '2026-11-02T09:00:00.000Z', exercise: 'glute-stretch', prescription: { sets: 2, reps: 1, sides: ['left', 'right'] }, holds: [hold('left'), hold('right'), hold('left')] });
    expect(setsCompleted(f, kinds['glute-stretch']!)).toBe(1);
  });
});

describe('range of motion, holds, pain', () => {
  const list = [
    facts({ id: 'b', startedAt: '2026-11-09T09:00:00.000Z', reps: [rep('left', 45, 4), rep('left', 50, 6), rep('right', 35, 3)] }),
    facts({ id: 'a', startedAt: '2026-11-02T09:00:00.000Z', reps: [rep('left', 30, 2)] }),
    facts({ id: 'z', startedAt: '2026-11-03T09:00:00.000Z', exercise: 'bridge', reps: [rep('both', 5)] }),
  ];

  it('best peak per session and side, oldest first, one exercise only', () => {
    const rom = rangeOfMotion(list, 'straight-leg-raise');
    expect(rom.left?.map((p) => [p.sessionId, p.value])).toEqual([
      ['a', 30],
      ['b', 50],
    ]);
    expect(rom.right?.map((p) => p.value)).toEqual([35]);
    expect(rom.both).toBeUndefined();
  });

  it('mean hold per session and side', () => {
    expect(holdTimes(list, 'straight-leg-raise').left?.map((p) => p.value)).toEqual([2, 5]);
  });

  it('centralisation: pain moving up the leg, spreading down, or no check-in', () => {
    const p = (when: 'before' | 'after', reach: 'none' | 'buttock' | 'thigh' | 'calf' | 'foot', leg = 5) => ({ when, back: 3, leg, reach });
    const withPain = [
      facts({ id: '1', startedAt: '2026-11-01T09:00:00.000Z', pain: [p('before', 'calf'), p('after', 'thigh')] }),
      facts({ id: '2', startedAt: '2026-11-02T09:00:00.000Z', pain: [p('before', 'thigh'), p('after', 'foot')] }),
      facts({ id: '3', startedAt: '2026-11-03T09:00:00.000Z', pain: [p('before', 'buttock'), p('after', 'buttock')] }),
      facts({ id: '4', startedAt: '2026-11-04T09:00:00.000Z', pain: [p('before', 'thigh')] }),
      facts({ id: '5', startedAt: '2026-11-05T09:00:00.000Z' }),
    ];
    expect(painOverTime(withPain).map((x) => [x.sessionId, x.change])).toEqual([
      ['1', 'centralised'],
      ['2', 'peripheralised'],
      ['3', 'same'],
      ['4', null],
    ]);
  });

  it('aligns series on one x axis with gaps', () => {
    const { x, ys } = alignSeries([
      [{ t: 1, value: 10 }, { t: 3, value: 30 }],
      [{ t: 2, value: 20 }],
    ]);
    expect(x).toEqual([1, 2, 3]);
    expect(ys).toEqual([
      [10, null, 30],
      [null, 20, null],
    ]);
  });
});
