/** Pure UI logic: the safety screen, pain trend, voice gate, dose words, settings, figures, sources. */
import { describe, expect, it } from 'vitest';
import { cameraErrorHelp, toCameraError, type CameraErrorKind } from '../../src/source/camera';
import { FpsMeter } from '../../src/source/frame-loop';
import { frameTimes } from '../../src/source/video-file';
import { exercises } from '../../src/exercises';
import { FIGURES, figureFor, poseAt } from '../../src/ui/program/figures';
import { CueGate } from '../../src/ui/state/cue-gate';
import { doseParts, setTarget, sidesText } from '../../src/ui/state/programme';
import { painTrend, parseSafety, RED_FLAGS, screenResult, type RedFlagAnswers } from '../../src/ui/state/safety';
import { watchingText } from '../../src/ui/state/words';

const allNo = (): RedFlagAnswers => Object.fromEntries(RED_FLAGS.map((q) => [q.id, 'no'])) as RedFlagAnswers;

describe('red-flag screen', () => {
  it('asks every question EXERCISES.md lists', () => {
    const text = RED_FLAGS.map((q) => q.question).join(' ').toLowerCase();
    for (const word of ['bladder', 'bowel', 'saddle', 'weakness', 'both legs', 'fever', 'weight']) expect(text).toContain(word);
  });
  it('is clear only when every answer is no', () => {
    expect(screenResult({})).toBe('incomplete');
    expect(screenResult(allNo())).toBe('clear');
    const partial = allNo();
    delete partial['fever-weight'];
    expect(screenResult(partial)).toBe('incomplete');
  });
  it.each(RED_FLAGS.map((q) => q.id))('a yes to %s stops, even with others unanswered', (id) => {
    expect(screenResult({ [id]: 'yes' })).toBe('stop');
    expect(screenResult({ ...allNo(), [id]: 'yes' })).toBe('stop');
  });
  it('a damaged stored record counts as never answered', () => {
    expect(parseSafety('{nope')).toBeNull();
    expect(parseSafety(JSON.stringify({ result: 'maybe', at: 'x' }))).toBeNull();
    expect(parseSafety(JSON.stringify({ result: 'stop', at: '2026-01-01' }))?.result).toBe('stop');
  });
});

describe('pain trend', () => {
  it('pain moving up from the leg toward the back is centralisation, even if the back hurts more', () => {
    expect(painTrend({ back: 3, leg: 6, reach: 'calf' }, { back: 5, leg: 4, reach: 'thigh' }).trend).toBe('centralised');
  });
  it('pain reaching further down the leg is a reason to stop and tell the physio', () => {
    const t = painTrend({ back: 3, leg: 3, reach: 'thigh' }, { back: 3, leg: 3, reach: 'foot' });
    expect(t.trend).toBe('spread');
    expect(t.message).toMatch(/stop/i);
  });
  it('same reach: compares the leg score', () => {
    expect(painTrend({ back: 3, leg: 3, reach: 'thigh' }, { back: 3, leg: 6, reach: 'thigh' }).trend).toBe('more');
    expect(painTrend({ back: 3, leg: 6, reach: 'thigh' }, { back: 3, leg: 3, reach: 'thigh' }).trend).toBe('less');
    expect(painTrend({ back: 3, leg: 3, reach: 'none' }, { back: 4, leg: 3, reach: 'none' }).trend).toBe('same');
  });
});

describe('cue gate: one cue at a time, never chattering', () => {
  it('keeps a quiet gap between cues and does not repeat a cue too soon', () => {
    const g = new CueGate({ minGapMs: 3000, repeatMs: 10000 });
    expect(g.offer('a', 0)).toBe(true);
    expect(g.offer('b', 1000)).toBe(false);
    expect(g.offer('b', 3000)).toBe(true);
    expect(g.offer('a', 6500)).toBe(false);
    expect(g.offer('a', 10000)).toBe(true);
  });
  it('never starts while the voice is still speaking', () => {
    const g = new CueGate();
    expect(g.offer('a', 0, true)).toBe(false);
    expect(g.offer('a', 0, false)).toBe(true);
  });
});

describe('programme words from the real exercises', () => {
  it('every exercise has a dose, a how-to and a stick figure', () => {
    for (const ex of Object.values(exercises)) {
      const parts = doseParts(ex, ex.defaults);
      expect(parts.length, ex.id).toBeGreaterThan(0);
      expect(ex.howTo.length, ex.id).toBeGreaterThan(0);
      expect(FIGURES[ex.id], ex.id).toBeDefined();
      expect(setTarget(ex, ex.defaults), ex.id).toBeGreaterThan(0);
    }
  });
  it('says the numbers of the prescription', () => {
    const b = exercises.bridge;
    const text = doseParts(b, b.defaults).join(' ');
    expect(text).toContain(String(b.defaults.reps));
    expect(text).toContain(`hold ${b.defaults.holdS} s`);
    const h = exercises['hamstring-stretch'];
    expect(doseParts(h, h.defaults).join(' ')).toContain(`hold ${h.defaults.holdS} s`);
  });
  it('names the sides', () => {
    expect(sidesText({ perSide: false }, { sides: ['both'] })).toBeNull();
    expect(sidesText({ perSide: true }, { sides: ['left', 'right'] })).toBe('each side');
    expect(sidesText({ perSide: true }, { sides: ['left'] })).toBe('left side');
    expect(doseParts({ kind: 'reps', perSide: false }, { sets: 3, reps: 10, sides: ['both'], timesPerDay: 3 })).toEqual([
      '3 sets of 10',
      '3 times a day',
    ]);
  });
  it('tells which side it watches in the patient\u2019s own terms', () => {
    expect(watchingText('left', 'side')).toMatch(/left/);
    expect(watchingText('right', 'side')).toMatch(/right/);
    expect(watchingText(null, 'front')).toMatch(/front/);
  });
});

describe('stick figures', () => {
  it('loop through their keyframes and move between them', () => {
    const fig = figureFor('bridge');
    const total = fig.keyframes.reduce((s, k) => s + k.holdMs + k.moveMs, 0);
    const a = poseAt(fig, 0).pose;
    const mid = poseAt(fig, fig.keyframes[0]!.holdMs + fig.keyframes[0]!.moveMs / 2).pose;
    expect(poseAt(fig, total).pose).toEqual(a);
    expect(mid.hip).not.toEqual(a.hip);
    expect(figureFor('no-such-exercise')).toBe(FIGURES.bridge);
  });
});

describe('sources', () => {
  it('maps getUserMedia failures to the typed camera errors', () => {
    const err = (name: string) => Object.assign(new Error(name), { name });
    expect(toCameraError(err('NotAllowedError')).kind).toBe('denied');
    expect(toCameraError(err('NotFoundError')).kind).toBe('no-camera');
    expect(toCameraError(err('NotReadableError')).kind).toBe('in-use');
    expect(toCameraError(err('Weird')).kind).toBe('unknown');
    expect(toCameraError('string').kind).toBe('unknown');
  });
  it('every camera error has a plain message and a way forward', () => {
    const kinds: CameraErrorKind[] = ['denied', 'no-camera', 'in-use', 'ended', 'insecure-context', 'unknown'];
    for (const k of kinds) {
      const h = cameraErrorHelp(k);
      expect(h.title.length, k).toBeGreaterThan(5);
      expect(h.message.length, k).toBeGreaterThan(10);
      expect(h.action.length, k).toBeGreaterThan(10);
    }
  });
  it('a file is visited at a fixed rate, the same frames every run', () => {
    expect(frameTimes(1, 15)).toHaveLength(15);
    expect(frameTimes(9.68, 15)).toHaveLength(145);
    expect(frameTimes(0, 15)).toEqual([]);
    expect(frameTimes(1, 4)).toEqual([0, 0.25, 0.5, 0.75]);
  });
  it('fps over a sliding window', () => {
    const m = new FpsMeter(1000);
    expect(m.fps).toBe(0);
    for (let t = 0; t <= 1000; t += 100) m.tick(t);
    expect(m.fps).toBeCloseTo(10, 5);
    m.tick(3000);
    expect(m.fps).toBe(0);
  });
});
