// The clinic view's numbers (issue 10): a set's summary from a real recorded record, and the
// flags and adherence from summaries (pure: now and the time zone are given).
import { describe, expect, it } from 'vitest';
import { patientFlags, patientOverview, summaryOf, weekSoFar, parseSummary, type SetSummary } from '../../src/core/clinic';
import { replay, type SessionRecord } from '../../src/core/session';
import { exercises } from '../../src/exercises';
import { fixtures } from '../fixtures';

/** A real recorded bridge, with the events the coach gives it (the fixture keeps frames only). */
const bridge: SessionRecord = (() => {
  const r = structuredClone(fixtures('bridge', { negatives: false })[0]!.record);
  r.events = replay(exercises.bridge, r).events as SessionRecord['events'];
  return r;
})();

function sum(over: Partial<SetSummary> & { startedAt: string }): SetSummary {
  return {
    v: 1,
    id: over.id ?? `r-${over.startedAt}`,
    exercise: 'bridge',
    complete: true,
    durationS: 60,
    prescription: { sets: 1, reps: 10, sides: ['both'] },
    reps: 10,
    holds: 0,
    holdsMet: 0,
    setsDone: 1,
    meanScore: 90,
    rom: 40,
    painBefore: null,
    painAfter: null,
    painChange: null,
    safety: null,
    ...over,
  };
}

describe('set summary', () => {
  it('is derived from the record: reps, mean score, range of motion, pain, sets done; small, and valid', () => {
    const record = structuredClone(bridge);
    record.pain = [
      { when: 'before', back: 4, leg: 3, reach: 'thigh' },
      { when: 'after', back: 3, leg: 5, reach: 'calf' },
    ];
    const s = summaryOf('abc', record, true, { kind: 'reps', perSide: false }, { result: 'clear', at: '2026-11-01T08:00:00.000Z' });
    const reps = record.events.flatMap((e) => (e.type === 'rep' ? [e.rep] : []));
    expect(reps.length).toBeGreaterThan(0);
    expect(s.reps).toBe(reps.length);
    expect(s.meanScore).toBeCloseTo(reps.reduce((a, r) => a + r.score, 0) / reps.length, 0);
    expect(s.rom).toBeCloseTo(Math.max(...reps.map((r) => r.peak)), 0);
    expect(s.painChange).toBe('peripheralised');
    expect(s.painAfter?.leg).toBe(5);
    expect(s.exercise).toBe('bridge');
    expect(s.setsDone).not.toBeNull();
    expect(parseSummary(JSON.parse(JSON.stringify(s)))).toEqual(s);
    expect(JSON.stringify(s).length).toBeLessThan(1500);
    expect(parseSummary({ ...s, reps: -1 })).toBeNull();
    expect(parseSummary({ ...s, exercise: '<script>' })).toBeNull();
  });
});

describe('clinic flags', () => {
  const NOW = '2026-11-12T18:00:00.000Z'; // a Thursday
  it('none for a patient exercising every day without trouble', () => {
    const xs = [8, 9, 10, 11, 12].map((d) => sum({ startedAt: `2026-11-${String(d).padStart(2, '0')}T09:00:00.000Z` }));
    expect(patientFlags(xs, null, NOW)).toEqual([]);
  });
  it('red flag: the latest safety screen answered yes (from the status, or a summary)', () => {
    const xs = [sum({ startedAt: '2026-11-12T09:00:00.000Z', safety: { result: 'clear', at: '2026-11-12T08:00:00.000Z' } })];
    expect(patientFlags(xs, { v: 1, safety: { result: 'stop', at: '2026-11-12T10:00:00.000Z' }, updatedAt: NOW }, NOW).map((f) => f.kind)).toEqual(['red-flag']);
    // A later "all no" clears it.
    expect(patientFlags(xs, { v: 1, safety: { result: 'clear', at: '2026-11-12T11:00:00.000Z' }, updatedAt: NOW }, NOW)).toEqual([]);
  });
  it('pain spreading down the leg in the last 7 days, with its session', () => {
    const xs = [sum({ id: 'p', startedAt: '2026-11-10T09:00:00.000Z', painChange: 'peripheralised' }), sum({ startedAt: '2026-11-12T09:00:00.000Z' })];
    expect(patientFlags(xs, null, NOW)).toEqual([{ kind: 'peripheralised', sessionId: 'p', exercise: 'bridge' }]);
    expect(patientFlags(xs, null, '2026-11-20T09:00:00.000Z').map((f) => f.kind)).toEqual(['missed-days']);
  });
  it('three days missed', () => {
    const xs = [sum({ startedAt: '2026-11-09T09:00:00.000Z' })];
    expect(patientFlags(xs, null, NOW)).toEqual([{ kind: 'missed-days', days: 3 }]);
    expect(patientFlags(xs, null, '2026-11-11T20:00:00.000Z')).toEqual([]);
    // An empty session (opened, nothing done) does not count as exercising.
    expect(patientFlags([...xs, sum({ startedAt: '2026-11-12T09:00:00.000Z', reps: 0 })], null, NOW).map((f) => f.kind)).toEqual(['missed-days']);
  });
  it('form score falling: the last sessions 10 points under the ones before', () => {
    const scores = [90, 88, 91, 75, 72, 70];
    const xs = scores.map((s, i) => sum({ startedAt: `2026-11-${String(7 + i).padStart(2, '0')}T09:00:00.000Z`, meanScore: s }));
    expect(patientFlags(xs, null, NOW)).toEqual([{ kind: 'form-falling', exercise: 'bridge', from: 90, to: 72 }]);
    const steady = scores.map((_, i) => sum({ startedAt: `2026-11-${String(7 + i).padStart(2, '0')}T09:00:00.000Z`, meanScore: 85 - i }));
    expect(patientFlags(steady, null, NOW)).toEqual([]);
  });
  it('adherence this week so far against the prescription, and the overview', () => {
    const xs = [
      sum({ startedAt: '2026-11-06T09:00:00.000Z' }), // last week
      sum({ startedAt: '2026-11-09T09:00:00.000Z' }),
      sum({ startedAt: '2026-11-09T18:00:00.000Z' }),
      sum({ startedAt: '2026-11-11T09:00:00.000Z', setsDone: 0 }),
    ];
    const programme = [{ exercise: 'bridge', sets: 1, timesPerDay: 2 }];
    expect(weekSoFar(xs, programme, NOW)).toEqual({ week: '2026-11-09', daysExercised: 2, setsDone: 2, setsPrescribed: 8 });
    expect(weekSoFar(xs, null, NOW).setsPrescribed).toBeNull();
    const o = patientOverview(xs, null, programme, NOW);
    expect(o.sessions).toBe(4);
    expect(o.last?.startedAt).toBe('2026-11-11T09:00:00.000Z');
    expect(o.rom).toEqual({ exercise: 'bridge', values: [40, 40, 40, 40] });
  });
});
