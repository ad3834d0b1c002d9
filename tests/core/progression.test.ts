// Progression the physio sets: when a step up is due, the cap, "Not now", and going back a
// step when pain spreads down the leg. Facts come from a real recorded bridge replayed through
// the core (its reps and scores), and from small hand-made sessions.
import { describe, expect, it } from 'vitest';
import type { Prescription, RepDetail } from '../../src/core/check/exercise';
import { factsFromRecord, type SessionFacts } from '../../src/core/progress';
import {
  decideProgression,
  describeRule,
  logAnswer,
  logProposed,
  nextDose,
  peripheralised,
  previousDose,
  sessionQuality,
  withDose,
  type ProgressionInput,
  type ProgressionLogEntry,
  type ProgressionRule,
} from '../../src/core/progress/progression';
import { replay, type SessionRecord } from '../../src/core/session';
import { exercises } from '../../src/exercises';
import { makeProgramme, parseProgramme, serializeProgramme } from '../../src/storage/programme-file';
import { answerProposal, importPrescriptions, noteProposal, progressionLog, prescriptionFor, savePrescriptions } from '../../src/storage/prescriptions';
import { fixtures } from '../fixtures';

const BRIDGE = { kind: 'reps' as const, perSide: false };
const RX: Prescription = { sets: 1, reps: 4, holdS: 3, sides: ['both'], timesPerDay: 2 };
const RULE: ProgressionRule = { minScore: 80, sessions: 3, step: 'reps', by: 2, upTo: 8 };

function rep(score: number, index = 1): RepDetail {
  return { index, side: 'both', startS: 0, peakS: 1, endS: 2, holdS: 3, score, faults: [], peak: -5, lowerS: 1 };
}

/** A bridge session on day `day` of November 2026 with these rep scores. */
function session(day: number, scores: number[], over: Partial<SessionFacts> = {}): SessionFacts {
  return {
    id: `s${day}`,
    exercise: 'bridge',
    startedAt: `2026-11-${String(day).padStart(2, '0')}T09:00:00.000Z`,
    complete: true,
    prescription: RX,
    reps: scores.map((s, i) => rep(s, i + 1)),
    holds: [],
    pain: [],
    durationS: 60,
    ...over,
  };
}

const input = (facts: SessionFacts[], over: Partial<ProgressionInput> = {}): ProgressionInput => ({
  exercise: 'bridge',
  kind: BRIDGE,
  current: RX,
  rule: RULE,
  facts,
  log: [],
  ...over,
});

const good = (day: number) => session(day, [90, 85, 80, 95]);

describe('a step up is due', () => {
  it('after three good sessions in a row: 4 → 6 reps', () => {
    const p = decideProgression(input([good(1), good(2), good(3)]));
    expect(p?.kind).toBe('progress');
    expect(p?.from).toEqual({ reps: 4, holdS: 3 });
    expect(p?.to).toEqual({ reps: 6, holdS: 3 });
    expect(p?.sessionId).toBe('s3');
  });

  it('not after two', () => {
    expect(decideProgression(input([good(1), good(2)]))).toBeNull();
  });

  it('a bad session in between breaks the run', () => {
    const bad = session(2, [90, 79, 85, 90]); // one rep under 80
    expect(sessionQuality(bad, BRIDGE, RULE, RX)).toBe('bad');
    expect(decideProgression(input([good(1), bad, good(3), good(4)]))).toBeNull();
    // … and three good ones after it make a run again.
    expect(decideProgression(input([good(1), bad, good(3), good(4), good(5)]))?.sessionId).toBe('s5');
  });

  it('a set cut short is not a good session; one opened and closed does not count at all', () => {
    const short = session(2, [95, 95, 95]); // 3 of the 4 prescribed
    const empty = session(3, []);
    expect(sessionQuality(short, BRIDGE, RULE, RX)).toBe('bad');
    expect(sessionQuality(empty, BRIDGE, RULE, RX)).toBe('none');
    expect(decideProgression(input([good(1), short, good(4), good(5)]))).toBeNull();
    expect(decideProgression(input([good(1), good(2), empty, good(4)]))?.sessionId).toBe('s4');
  });

  it('sessions done at a lower dose than the one in force do not count', () => {
    const now: Prescription = { ...RX, reps: 6 };
    expect(decideProgression(input([good(1), good(2), good(3)], { current: now }))).toBeNull();
  });

  it('start times with a UTC offset are ordered as instants', () => {
    // s3 at 09:30+02:00 is 07:30Z: before s2 (08:00Z), so the last session is the bad one
    // (as text, "09:30" would sort after "08:00" and a one-session rule would step up).
    const one = { ...RULE, sessions: 1 };
    const offset = { ...good(3), startedAt: '2026-11-02T09:30:00.000+02:00' };
    const lateBad = session(2, [50, 90, 90, 90], { startedAt: '2026-11-02T08:00:00.000Z' });
    expect(decideProgression(input([good(1), offset, lateBad], { rule: one }))).toBeNull();
    const lateGood = { ...lateBad, reps: good(2).reps };
    expect(decideProgression(input([good(1), lateGood, { ...offset, reps: lateBad.reps }], { rule: one }))?.sessionId).toBe('s2');
  });

  it('other exercises and exercises without a rule are left alone', () => {
    const slr = [good(1), good(2), good(3)].map((f) => ({ ...f, exercise: 'straight-leg-raise' }));
    expect(decideProgression(input(slr))).toBeNull();
    expect(decideProgression(input([good(1), good(2), good(3)], { rule: undefined }))).toBeNull();
  });

  it('the cap is respected: 7 → 8, and nothing at 8', () => {
    const at7: Prescription = { ...RX, reps: 7 };
    const s7 = [1, 2, 3].map((d) => ({ ...good(d), prescription: at7, reps: [95, 95, 95, 95, 95, 95, 95].map((x, i) => rep(x, i + 1)) }));
    expect(decideProgression(input(s7, { current: at7 }))?.to).toEqual({ reps: 8, holdS: 3 });
    const at8: Prescription = { ...RX, reps: 8 };
    const s8 = s7.map((f) => ({ ...f, prescription: at8, reps: [...f.reps, rep(95, 8)] }));
    expect(decideProgression(input(s8, { current: at8 }))).toBeNull();
    expect(nextDose(at8, RULE)).toBeNull();
    // Hold steps: 3 s + 2 s, capped at 4 s.
    expect(nextDose(RX, { ...RULE, step: 'hold', by: 2, upTo: 4 })).toEqual({ holdS: 4 });
  });

  it('hold exercises: every hold must meet its time', () => {
    const hold = { kind: 'hold' as const, perSide: true };
    const rx: Prescription = { sets: 1, reps: 1, holdS: 20, sides: ['left', 'right'] };
    const h = (met: boolean) => ({ side: 'left' as const, startS: 0, endS: 20, seconds: met ? 21 : 12, targetS: 20, met, angle: 30 });
    const f = (day: number, met: boolean) => session(day, [], { exercise: 'glute-stretch', prescription: rx, holds: [h(true), { ...h(met), side: 'right' }] });
    const rule: ProgressionRule = { minScore: 0, sessions: 3, step: 'hold', by: 5, upTo: 40 };
    const base = { exercise: 'glute-stretch', kind: hold, current: rx, rule };
    expect(decideProgression(input([f(1, true), f(2, true), f(3, true)], base))?.to).toEqual({ reps: 1, holdS: 25 });
    expect(decideProgression(input([f(1, true), f(2, false), f(3, true)], base))).toBeNull();
  });
});

describe('the patient answers', () => {
  const three = [good(1), good(2), good(3)];

  it('"Not now" is not asked again until the next qualifying session', () => {
    const p = decideProgression(input(three))!;
    const log = logAnswer([], p, 'declined', '2026-11-03T10:00:00.000Z');
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ answer: 'declined', kind: 'progress', sessionId: 's3', to: { reps: 6, holdS: 3 } });
    expect(decideProgression(input(three, { log }))).toBeNull();
    // A bad session next: still nothing.
    expect(decideProgression(input([...three, session(4, [50, 90, 90, 90])], { log }))).toBeNull();
    // A good session next: asked again.
    const again = decideProgression(input([...three, good(4)], { log }));
    expect(again?.sessionId).toBe('s4');
    expect(again?.to).toEqual({ reps: 6, holdS: 3 });
  });

  it('a proposal only shown stays pending and is asked again', () => {
    const p = decideProgression(input(three))!;
    const log = logProposed([], p, '2026-11-03T10:00:00.000Z');
    expect(log[0]?.answer).toBe('pending');
    expect(logProposed(log, p, '2026-11-03T11:00:00.000Z')).toHaveLength(1);
    expect(decideProgression(input(three, { log }))?.id).toBe(p.id);
  });

  it('accepted: the dose changes and the run starts again from the new dose', () => {
    const p = decideProgression(input(three))!;
    const log = logAnswer([], p, 'accepted', '2026-11-03T10:00:00.000Z');
    const now = withDose(RX, p.to!);
    expect(now.reps).toBe(6);
    expect(decideProgression(input(three, { current: now, log }))).toBeNull();
    const at6 = (d: number) => ({ ...good(d), prescription: now, reps: [90, 90, 90, 90, 90, 90].map((x, i) => rep(x, i + 1)) });
    expect(decideProgression(input([...three, at6(4), at6(5)], { current: now, log }))).toBeNull();
    expect(decideProgression(input([...three, at6(4), at6(5), at6(6)], { current: now, log }))?.to).toEqual({ reps: 8, holdS: 3 });
  });
});

describe('regression when pain spreads down the leg', () => {
  const spread = (day: number) =>
    session(day, [90, 90, 90, 90], {
      pain: [
        { when: 'before', back: 3, leg: 2, reach: 'buttock' },
        { when: 'after', back: 3, leg: 4, reach: 'calf' },
      ],
    });

  it('peripheralisation is reach further down after than before', () => {
    expect(peripheralised(spread(1))).toBe(true);
    const central = session(1, [], { pain: [{ when: 'before', back: 3, leg: 5, reach: 'calf' }, { when: 'after', back: 4, leg: 2, reach: 'thigh' }] });
    expect(peripheralised(central)).toBe(false);
  });

  it('after an accepted step, proposes going back to the previous dose, and logs it', () => {
    const p = decideProgression(input([good(1), good(2), good(3)]))!;
    let log: ProgressionLogEntry[] = logAnswer([], p, 'accepted', '2026-11-03T10:00:00.000Z');
    const now = withDose(RX, p.to!);
    const r = decideProgression(input([good(1), good(2), good(3), { ...spread(4), prescription: now }], { current: now, log }));
    expect(r?.kind).toBe('regress');
    expect(r?.from).toEqual({ reps: 6, holdS: 3 });
    expect(r?.to).toEqual({ reps: 4, holdS: 3 });
    log = logAnswer(log, r!, 'accepted', '2026-11-04T10:00:00.000Z');
    expect(log.map((e) => `${e.kind}:${e.answer}`)).toEqual(['progress:accepted', 'regress:accepted']);
  });

  it('outranks a step up, and is not asked twice for the same session', () => {
    const facts = [good(1), good(2), good(3), spread(4)];
    const r = decideProgression(input(facts))!;
    // Already at the physio's starting dose: told, nothing lower to go to.
    expect(r.kind).toBe('regress');
    expect(r.to).toBeNull();
    const log = logAnswer([], r, 'seen', '2026-11-04T10:00:00.000Z');
    expect(decideProgression(input(facts, { log }))).toBeNull();
  });

  it('without a logged step, one rule step down, never below the starting dose', () => {
    const at7: Prescription = { ...RX, reps: 7 };
    expect(previousDose({ exercise: 'bridge', current: at7, rule: RULE, log: [] })).toBeNull(); // 7 is the start here
    const first = logAnswer([], { id: 'progress:bridge:x', kind: 'progress', exercise: 'bridge', sessionId: 'x', from: { reps: 4 }, to: { reps: 6 }, reason: 'r' }, 'accepted', '2026-11-01T00:00:00.000Z');
    expect(previousDose({ exercise: 'bridge', current: at7, rule: RULE, log: first })).toEqual({ reps: 5, holdS: 3 });
    expect(previousDose({ exercise: 'bridge', current: { ...RX, reps: 5 }, rule: RULE, log: first })).toEqual({ reps: 4, holdS: 3 });
  });
});

describe('a real recorded bridge', () => {
  const fx = fixtures('bridge', { negatives: false }).find((f) => f.clip.startsWith('fitbod'));
  it.skipIf(!fx)('its replayed scores decide: three sessions at a threshold its reps reach step up, at 80 they do not', () => {
    const header = { ...fx!.record.header, prescription: { ...exercises.bridge.defaults, reps: 4, sets: 1 } };
    const out = replay(exercises.bridge, { ...fx!.record, header });
    const scores = out.repDetails.map((r) => r.score);
    expect(scores.length).toBeGreaterThanOrEqual(4); // the whole prescribed set
    const facts = [1, 2, 3].map((d) => {
      const rec: SessionRecord = { ...fx!.record, header: { ...header, startedAt: `2026-11-0${d}T09:00:00.000Z` }, events: out.events as SessionRecord['events'] };
      return factsFromRecord(`r${d}`, rec, true);
    });
    const current = facts[0]!.prescription;
    const low = Math.min(...scores);
    expect(decideProgression(input(facts, { current, rule: { ...RULE, minScore: low } }))?.to).toMatchObject({ reps: 6 });
    expect(decideProgression(input(facts, { current, rule: { ...RULE, minScore: low + 1 } }))).toBeNull();
    expect(describeRule(RULE, BRIDGE)).toBe('When every rep scores 80 or more for 3 sessions in a row, add 2 reps, up to 8.');
  });
});

describe('kept with the prescription, and in the programme file', () => {
  function memoryStore(): Storage {
    const m = new Map<string, string>();
    return {
      get length() {
        return m.size;
      },
      clear: () => m.clear(),
      getItem: (k) => m.get(k) ?? null,
      key: (i) => [...m.keys()][i] ?? null,
      removeItem: (k) => void m.delete(k),
      setItem: (k, v) => void m.set(k, String(v)),
    };
  }

  it('accepting changes the stored prescription; the log survives export and import', () => {
    const store = memoryStore();
    const prog = makeProgramme([{ exercise: 'bridge', prescription: RX, progression: RULE }], '2026-11-01T08:00:00.000Z', { author: 'A. Physio' });
    expect(savePrescriptions(prog, store).ok).toBe(true);
    const p = decideProgression(input([good(1), good(2), good(3)]))!;
    expect(noteProposal(p, '2026-11-03T10:00:00.000Z', store).ok).toBe(true);
    expect(progressionLog(store)[0]?.answer).toBe('pending');
    expect(answerProposal(p, 'accepted', '2026-11-03T10:01:00.000Z', store).ok).toBe(true);
    expect(prescriptionFor('bridge', store)?.reps).toBe(6);
    const file = parseProgramme(serializeProgramme(JSON.parse(store.getItem('rootwell.programme.v1')!)));
    expect(file.ok && file.programme.progressionLog?.[0]).toMatchObject({ answer: 'accepted', from: { reps: 4 }, to: { reps: 6, holdS: 3 } });
    expect(file.ok && file.programme.exercises[0]?.progression).toEqual(RULE);
    // The physio's next file, without the log: the device keeps its log.
    const next = makeProgramme([{ exercise: 'bridge', prescription: { ...RX, reps: 8 }, progression: RULE }], '2026-11-10T08:00:00.000Z');
    expect(importPrescriptions(serializeProgramme(next), store).ok).toBe(true);
    expect(progressionLog(store).map((e) => e.answer)).toEqual(['accepted']);
  });

  it('a damaged rule or log is refused with a clear message', () => {
    const bad = makeProgramme([{ exercise: 'bridge', prescription: RX, progression: { ...RULE, minScore: 180 } }], '2026-11-01T08:00:00.000Z');
    const r = parseProgramme(serializeProgramme(bad));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message).toMatch(/exercises\.0\.progression\.minScore/);
    const badLog = { ...makeProgramme([], '2026-11-01T08:00:00.000Z'), progressionLog: [{ id: 'x' }] };
    expect(parseProgramme(JSON.stringify(badLog)).ok).toBe(false);
  });
});
