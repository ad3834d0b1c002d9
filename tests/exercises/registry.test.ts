/**
 * Adding an exercise is one definition: a fake exercise registered here (no other file
 * changes) shows up in the programme, the coach's lookup, the prescription editor's list and
 * the programme file, the history's words, the review's and progress's labels, and the stick
 * figures; its records save and load with its own fault ids.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineExercise, resolvePrescription, type Exercise } from '../../src/core/check';
import { parseRecord, RecordBuilder, replay, serializeRecord } from '../../src/core/session/record';
import { exerciseIds, exerciseList, exercises, getExercise, registerExercise } from '../../src/exercises';
import { FLAT_BENT, keyframe } from '../../src/exercises/figure-poses';
import { programmeExercises } from '../../src/storage/prescriptions';
import { makeProgramme, parseProgramme, serializeProgramme } from '../../src/storage/programme-file';
import { angleLabel, faultsText, peakLabelFor, romLabelFor } from '../../src/ui/history/words';
import { figureFor, FIGURES } from '../../src/ui/program/figures';
import { exercises as coachExercises, createSession, programme } from '../../src/ui/state/core-api';
import { EXERCISE_TITLE } from '../../src/ui/state/history.svelte';
import { fixtures } from '../fixtures';

const bridge = exercises.bridge;

/** A test-only exercise: the bridge's checker under a new id, with its own faults, label and figure. */
const fake: Exercise = defineExercise({
  ...bridge,
  id: 'fake-hip-lift',
  title: 'Hip lift (a test-only exercise)',
  order: 2.5,
  signalLabel: 'Hip lift (counted)',
  faults: Object.fromEntries(Object.entries(bridge.faults).map(([id, words]) => [`fake-${id}`, `fake: ${words}`])),
  figure: { view: 'side', keyframes: [keyframe(FLAT_BENT, 500, 500, 'Lie down'), keyframe({ ...FLAT_BENT, hip: [84, 60] }, 500, 500, 'Lift')] },
  check: (p) => {
    const spec = bridge.check(p);
    return spec.kind === 'hold' ? spec : { ...spec, faults: spec.faults.map((f) => ({ ...f, id: `fake-${f.id}` })) };
  },
});

let unregister: () => void = () => undefined;
beforeAll(() => {
  unregister = registerExercise(fake);
});
afterAll(() => unregister());

describe('a registered exercise is seen everywhere', () => {
  it('in the registry, in its programme place', () => {
    expect(getExercise('fake-hip-lift')).toBe(fake);
    expect(exerciseIds().slice(0, 3)).toEqual(['bridge', 'bridge-back-muscle', 'fake-hip-lift']);
    expect(() => registerExercise(fake)).toThrow(/already/);
  });

  it('in Today’s programme and the coach’s lookup', () => {
    expect(programme().map((e) => e.id)).toContain('fake-hip-lift');
    expect(programme().indexOf(fake)).toBe(2);
    expect(programmeExercises(programme(), null)).toContain(fake);
    expect(coachExercises['fake-hip-lift']).toBe(fake);
    const session = createSession(fake, resolvePrescription(fake));
    session.push(null, 0);
    expect(session.end()).toBeDefined();
  });

  it('in the prescription editor’s list and the programme file', () => {
    expect(exerciseList()).toContain(fake);
    const p = makeProgramme([{ exercise: 'fake-hip-lift', prescription: fake.defaults }], '2026-11-20T10:00:00.000Z');
    const back = parseProgramme(serializeProgramme(p));
    expect(back.ok && back.programme.exercises[0]?.exercise).toBe('fake-hip-lift');
    expect(parseProgramme(serializeProgramme(p).replace('fake-hip-lift', 'no-such-exercise')).ok).toBe(false);
  });

  it('in its stick figure', () => {
    expect(figureFor('fake-hip-lift')).toBe(fake.figure);
    expect(FIGURES['fake-hip-lift']).toBe(fake.figure);
  });

  it('in the history’s and review’s words', () => {
    expect(EXERCISE_TITLE('fake-hip-lift')).toBe('Hip lift (a test-only exercise)');
    expect(faultsText(['fake-over-arch', 'fake-hold-too-short'])).toBe('fake: back over-arched, fake: hold too short');
    expect(angleLabel('signal', 'fake-hip-lift')).toBe('Hip lift (counted)');
    expect(peakLabelFor('fake-hip-lift')).toBe('Peak hip lift');
    expect(romLabelFor('fake-hip-lift')).toBe('Hip lift');
  });

  it('counts a real clip like the checker it reuses, and its record keeps its own faults', () => {
    const fx = fixtures('bridge')[0];
    if (!fx) throw new Error('no bridge fixture');
    const rx = fx.record.header.prescription;
    const mine = replay(fake, fx.record, rx);
    const theirs = replay(bridge, fx.record, rx);
    expect(mine.reps).toBe(theirs.reps);
    expect(mine.repDetails.map((r) => r.faults)).toEqual(theirs.repDetails.map((r) => r.faults.map((f) => `fake-${f}`)));

    const b = new RecordBuilder({ appVersion: '0.1.0', model: 'blazepose-full', exercise: fake.id, prescription: fake.defaults, startedAt: '2026-12-01T09:00:00.000Z' });
    b.add(null, 0);
    b.add(null, 100);
    const rep = { index: 1, side: 'both' as const, startS: 0, peakS: 0.05, endS: 0.1, holdS: 0, score: 70, faults: ['fake-hold-too-short'], peak: 0, lowerS: 0 };
    const parsed = parseRecord(serializeRecord(b.build([{ type: 'rep', tMs: 100, rep }])));
    expect(parsed.ok && parsed.record.header.exercise).toBe('fake-hip-lift');
    expect(parsed.ok && parsed.record.events[0]).toMatchObject({ type: 'rep', rep: { faults: ['fake-hold-too-short'] } });
  });

  it('and is gone again once removed', () => {
    unregister();
    expect(getExercise('fake-hip-lift')).toBeUndefined();
    expect(programme()).not.toContain(fake);
    expect(figureFor('fake-hip-lift')).toBe(bridge.figure);
    unregister = registerExercise(fake);
  });
});
