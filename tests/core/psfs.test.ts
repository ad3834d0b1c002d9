import { describe, expect, it } from 'vitest';
import {
  checkRound,
  mergeRounds,
  nextActivities,
  psfsChange,
  psfsDue,
  psfsMean,
  psfsTrend,
  PSFS_MCID,
  roundAt,
  type PsfsRound,
} from '../../src/core/outcome/psfs';
import { importRounds, loadRounds, PSFS_KEY, roundsFromExport, saveRound } from '../../src/storage/psfs';
import { exportHistory } from '../../src/storage/store';

const DAY = 86_400_000;
const round = (id: string, at: string, scores: [string, number][]): PsfsRound => ({
  id,
  at,
  items: scores.map(([a, s], i) => ({ id: `a${i}`, activity: a, score: s })),
});

/** A Storage in memory (localStorage's interface). */
function memoryStore(): Storage {
  const m = new Map<string, string>();
  return {
    get length() { return m.size; },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, String(v)),
  };
}

describe('PSFS scoring', () => {
  it('the score is the mean of the activity scores', () => {
    expect(psfsMean(round('r', '2026-01-05T10:00:00.000Z', [['sitting', 2], ['socks', 5], ['walking', 8]]))).toBeCloseTo(5);
    expect(psfsMean(round('r', '2026-01-05T10:00:00.000Z', [['sitting', 3], ['socks', 4]]))).toBeCloseTo(3.5);
  });

  it('a change of the mean of 2 or more is real, 1.67 is not; per activity 3 is real', () => {
    const a = round('a', '2026-01-05T10:00:00.000Z', [['sitting', 2], ['socks', 4], ['walking', 3]]);
    const b = round('b', '2026-01-12T10:00:00.000Z', [['sitting', 5], ['socks', 5], ['walking', 5]]); // +2.0
    const c = round('c', '2026-01-12T10:00:00.000Z', [['sitting', 4], ['socks', 5], ['walking', 5]]); // +1.67
    expect(PSFS_MCID).toEqual({ mean: 2, item: 3 });
    const ab = psfsChange(a, b);
    expect(ab.delta).toBeCloseTo(2);
    expect(ab.real).toBe(true);
    expect(ab.direction).toBe('better');
    expect(ab.items.map((i) => [i.activity, i.delta, i.real])).toEqual([['sitting', 3, true], ['socks', 1, false], ['walking', 2, false]]);
    const ac = psfsChange(a, c);
    expect(ac.real).toBe(false);
    expect(ac.direction).toBe('same');
    const ba = psfsChange(b, a);
    expect(ba.direction).toBe('worse');
  });

  it('an activity dropped or added is left out of the per-activity change, the mean uses each round whole', () => {
    const a = round('a', '2026-01-05T10:00:00.000Z', [['sitting', 2], ['socks', 4]]);
    const b: PsfsRound = { id: 'b', at: '2026-01-12T10:00:00.000Z', items: [{ id: 'a0', activity: 'sitting', score: 6 }, { id: 'n1', activity: 'stairs', score: 1 }] };
    const ch = psfsChange(a, b);
    expect(ch.items.map((i) => i.id)).toEqual(['a0']);
    expect(ch.from).toBeCloseTo(3);
    expect(ch.to).toBeCloseTo(3.5);
  });

  it('trend: each round against the first, oldest first whatever the input order', () => {
    const r1 = round('1', '2026-01-05T10:00:00.000Z', [['sitting', 2], ['socks', 2]]);
    const r2 = round('2', '2026-01-12T10:00:00.000Z', [['sitting', 3], ['socks', 2]]);
    const r3 = round('3', '2026-01-19T10:00:00.000Z', [['sitting', 5], ['socks', 4]]);
    const t = psfsTrend([r3, r1, r2]);
    expect(t.map((p) => p.round.id)).toEqual(['1', '2', '3']);
    expect(t.map((p) => p.sinceFirst)).toEqual([0, 0.5, 2.5]);
    expect(t.map((p) => p.real)).toEqual([false, false, true]);
    expect(roundAt([r1, r2, r3], Date.parse('2026-01-13T00:00:00Z'))?.id).toBe('2');
    expect(roundAt([r1], Date.parse('2026-01-01T00:00:00Z'))).toBeNull();
  });

  it('a round needs 1-5 named activities scored 0-10 (integers), no markup', () => {
    expect(checkRound(round('r', '2026-01-05T10:00:00.000Z', [['sitting 30 minutes', 3]])).ok).toBe(true);
    expect(checkRound(round('r', '2026-01-05T10:00:00.000Z', [])).ok).toBe(false);
    expect(checkRound(round('r', '2026-01-05T10:00:00.000Z', [['a', 1], ['b', 1], ['c', 1], ['d', 1], ['e', 1], ['f', 1]])).ok).toBe(false);
    expect(checkRound(round('r', '2026-01-05T10:00:00.000Z', [['sitting', 11]])).ok).toBe(false);
    expect(checkRound(round('r', '2026-01-05T10:00:00.000Z', [['sitting', 2.5]])).ok).toBe(false);
    expect(checkRound(round('r', '2026-01-05T10:00:00.000Z', [['<script>', 2]])).ok).toBe(false);
    expect(checkRound(round('r', '2026-01-05T10:00:00.000Z', [['   ', 2]])).ok).toBe(false);
    expect(checkRound(round('r', 'yesterday', [['sitting', 2]])).ok).toBe(false);
  });
});

describe('PSFS schedule', () => {
  const first = round('1', '2026-03-02T18:30:00.000Z', [['sitting', 3]]); // a Monday evening (UTC)

  it('is asked at the first session', () => {
    expect(psfsDue([], Date.parse('2026-03-02T18:00:00.000Z'))).toBe(true);
  });

  it('is not asked again the same day or 6 days later, and is asked 7 days later (even earlier in the day)', () => {
    const at = Date.parse(first.at);
    expect(psfsDue([first], at + 60_000)).toBe(false);
    expect(psfsDue([first], at + 6 * DAY)).toBe(false);
    expect(psfsDue([first], at + 6 * DAY + 5 * 3_600_000)).toBe(false); // still day 6 (23:30)
    expect(psfsDue([first], Date.parse('2026-03-09T08:00:00.000Z'))).toBe(true); // next Monday morning
    expect(psfsDue([first], at + 7 * DAY)).toBe(true);
    expect(psfsDue([first], at + 30 * DAY)).toBe(true);
  });

  it('counts local calendar days (time-zone offset passed in)', () => {
    // 23:30 UTC on Monday is already Tuesday 01:30 in UTC+2 (offset -120).
    const late = round('1', '2026-03-02T23:30:00.000Z', [['sitting', 3]]);
    const nextMondayMorningUtc = Date.parse('2026-03-09T08:00:00.000Z');
    expect(psfsDue([late], nextMondayMorningUtc, 0)).toBe(true);
    expect(psfsDue([late], nextMondayMorningUtc, -120)).toBe(false); // local: Tue 3rd → Mon 9th is 6 days
  });

  it('the next round asks about the latest round activities', () => {
    const r2 = round('2', '2026-03-09T18:30:00.000Z', [['sitting', 5], ['socks', 2]]);
    expect(nextActivities([r2, first]).map((a) => [a.activity, a.last])).toEqual([['sitting', 5], ['socks', 2]]);
    expect(nextActivities([])).toEqual([]);
  });
});

describe('PSFS storage', () => {
  it('saves, reloads, survives damage, merges an import without duplicates', () => {
    const store = memoryStore();
    expect(loadRounds(store)).toEqual([]);
    const a = round('a', '2026-03-02T18:30:00.000Z', [['sitting', 3]]);
    const b = round('b', '2026-03-09T18:30:00.000Z', [['sitting', 6]]);
    expect(saveRound(b, store)).toBe(true);
    expect(saveRound(a, store)).toBe(true);
    expect(loadRounds(store).map((r) => r.id)).toEqual(['a', 'b']);
    expect(importRounds([a, round('c', '2026-03-16T18:30:00.000Z', [['sitting', 7]])], store)).toBe(1);
    expect(loadRounds(store).map((r) => r.id)).toEqual(['a', 'b', 'c']);
    store.setItem(PSFS_KEY, '{"rounds": [{"id": 1}]');
    expect(loadRounds(store)).toEqual([]);
    expect(mergeRounds([a], [a, b]).map((r) => r.id)).toEqual(['a', 'b']);
  });

  it('travels in the history export and is read back; damaged rounds are a message', () => {
    const a = round('a', '2026-03-02T18:30:00.000Z', [['sitting', 3]]);
    const text = exportHistory([], [a]);
    const got = roundsFromExport(text);
    expect(got).toEqual({ ok: true, rounds: [a] });
    expect(roundsFromExport(exportHistory([]))).toEqual({ ok: true, rounds: [] });
    const bad = roundsFromExport(text.replace('"score":3', '"score":30'));
    expect(bad.ok).toBe(false);
  });
});
