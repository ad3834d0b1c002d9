// The physio's programme file: round trip, every kind of bad file, and the stored programme
// that Today's programme reads.
import { describe, expect, it } from 'vitest';
import { EXERCISE_IDS, exercises } from '../../src/exercises';
import { importPrescriptions, loadPrescriptions, prescriptionFor, PROGRAMME_KEY, savePrescriptions } from '../../src/storage/prescriptions';
import { makeProgramme, parseProgramme, serializeProgramme } from '../../src/storage/programme-file';

class MemoryStorage implements Storage {
  private m = new Map<string, string>();
  failWrites = false;
  get length() {
    return this.m.size;
  }
  clear() {
    this.m.clear();
  }
  getItem(k: string) {
    return this.m.get(k) ?? null;
  }
  key(i: number) {
    return [...this.m.keys()][i] ?? null;
  }
  removeItem(k: string) {
    this.m.delete(k);
  }
  setItem(k: string, v: string) {
    if (this.failWrites) throw new DOMException('full', 'QuotaExceededError');
    this.m.set(k, v);
  }
}

const programme = makeProgramme(
  [
    { exercise: 'straight-leg-raise', prescription: { ...exercises['straight-leg-raise'].defaults, sets: 2, reps: 8, holdS: 3, sides: ['left'], timesPerDay: 2 }, note: 'Left leg only this week' },
    { exercise: 'glute-stretch', prescription: exercises['glute-stretch'].defaults },
  ],
  '2026-11-20T10:00:00.000Z',
  { author: 'A. Physio' },
);
const good = serializeProgramme(programme);

describe('programme file', () => {
  it('round-trips every exercise default and an edited prescription', () => {
    const all = makeProgramme(
      EXERCISE_IDS.map((id) => ({ exercise: id, prescription: exercises[id].defaults })),
      '2026-11-20T10:00:00.000Z',
    );
    const r = parseProgramme(serializeProgramme(all));
    expect(r.ok && r.programme).toEqual(all);
    const back = parseProgramme(good);
    expect(back.ok && back.programme).toEqual(programme);
  });

  const obj = JSON.parse(good) as Record<string, unknown>;
  it.each([
    ['truncated', good.slice(0, good.length - 30), 'not-json'],
    ['a newer version', JSON.stringify({ ...obj, rootwellProgramme: 2 }), 'wrong-version'],
    ['an older / unknown version', JSON.stringify({ ...obj, rootwellProgramme: 0 }), 'wrong-version'],
    ['script in the author', JSON.stringify({ ...obj, author: '<script>alert(1)</script>' }), 'invalid'],
    ['script in a note', good.replace('Left leg only this week', 'x <img src=x onerror=alert(1)>'), 'invalid'],
    ['an unknown exercise', good.replace('"glute-stretch"', '"cartwheel"'), 'invalid'],
    ['an exercise twice', good.replace('"glute-stretch"', '"straight-leg-raise"'), 'invalid'],
    ['negative sets', good.replace('"sets": 2', '"sets": -2'), 'invalid'],
    ['a side that does not exist', good.replace('"left"', '"middle"'), 'invalid'],
    ['a session record instead', JSON.stringify({ schemaVersion: 1, header: {} }), 'invalid'],
    ['a huge file', ' '.repeat(300_000), 'too-large'],
    ['binary junk', 'PK\u0003\u0004\u0000', 'not-json'],
  ])('%s is refused with a clear message', (_name, text, kind) => {
    const r = parseProgramme(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe(kind);
      expect(r.error.message.length).toBeGreaterThan(15);
    }
  });

  it('a session record gets pointed to the History page', () => {
    const r = parseProgramme(JSON.stringify({ schemaVersion: 1 }));
    expect(!r.ok && r.error.message).toMatch(/History/);
  });
});

describe('stored prescriptions (what Today’s programme reads)', () => {
  it('imports, then loadPrescriptions / prescriptionFor return it', () => {
    const s = new MemoryStorage();
    expect(loadPrescriptions(s)).toBeNull();
    expect(prescriptionFor('straight-leg-raise', s)).toBeUndefined();
    const r = importPrescriptions(good, s);
    expect(r.ok).toBe(true);
    expect(loadPrescriptions(s)).toEqual(programme);
    expect(prescriptionFor('straight-leg-raise', s)).toMatchObject({ sets: 2, reps: 8, holdS: 3, sides: ['left'], timesPerDay: 2 });
    expect(prescriptionFor('bridge', s)).toBeUndefined();
  });

  it('a bad import changes nothing stored', () => {
    const s = new MemoryStorage();
    importPrescriptions(good, s);
    const before = s.getItem(PROGRAMME_KEY);
    expect(importPrescriptions(good.replace('"sets": 2', '"sets": "lots"'), s).ok).toBe(false);
    expect(s.getItem(PROGRAMME_KEY)).toBe(before);
  });

  it('a damaged stored programme reads as none; a full storage is a message', () => {
    const s = new MemoryStorage();
    s.setItem(PROGRAMME_KEY, '{"rootwellProgramme":1,');
    expect(loadPrescriptions(s)).toBeNull();
    s.failWrites = true;
    const r = savePrescriptions(programme, s);
    expect(!r.ok && r.message).toMatch(/full/);
    expect(savePrescriptions(programme, null).ok).toBe(false);
  });
});
