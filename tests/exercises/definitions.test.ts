import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolvePrescription } from '../../src/core/check';
import { EXERCISE_IDS, exercises } from '../../src/exercises';

describe('exercise definitions', () => {
  it.each(EXERCISE_IDS)('%s is complete', (id) => {
    const ex = exercises[id];
    expect(ex.id).toBe(id);
    expect(ex.title.length).toBeGreaterThan(3);
    expect(ex.howTo.length).toBeGreaterThanOrEqual(3);
    expect(ex.defaults.sets).toBeGreaterThanOrEqual(1);
    const spec = ex.check(resolvePrescription(ex));
    expect(spec.kind === 'hold' ? 'hold' : 'reps').toBe(ex.kind);
  });

  it('every number in an exercise file cites its source', () => {
    const dir = join(import.meta.dirname, '..', '..', 'src', 'exercises');
    const missing: string[] = [];
    for (const id of EXERCISE_IDS) {
      const lines = readFileSync(join(dir, `${id}.ts`), 'utf8').split('\n');
      lines.forEach((line, i) => {
        const code = line.replace(/\/\/.*$/, '');
        // A threshold: a named key given a number (up: 20, minUpMs: 150, liftDeg: 30, ...).
        if (!/\b(up|down|min[A-Z]\w*|max[A-Z]\w*|graceMs|expectedRise|upFraction|downFraction|reach|rearm|reps|holdS|sets|timesPerDay|\w+Deg|\w+S|crossDist|facingRatio)\s*:\s*[-(\w.]*\d/.test(code)) return;
        const context = lines.slice(Math.max(0, i - 3), i + 1).join('\n');
        if (!context.includes('source:')) missing.push(`${id}.ts:${i + 1}: ${line.trim()}`);
      });
    }
    expect(missing).toEqual([]);
  });

  it('every exercise describes itself: a programme place, a figure, a signal label and its faults', () => {
    const list = Object.values(exercises);
    expect(new Set(list.map((e) => e.order)).size, 'orders are unique').toBe(list.length);
    const words = new Map<string, string>();
    for (const ex of list) {
      expect(ex.signalLabel.length, ex.id).toBeGreaterThan(3);
      expect(ex.figure.keyframes.length, ex.id).toBeGreaterThanOrEqual(2);
      expect(ex.figure.view, ex.id).toBe(ex.camera);
      const spec = ex.check(resolvePrescription(ex));
      const reported = spec.kind === 'hold' ? [] : spec.faults.map((f) => f.id);
      expect(Object.keys(ex.faults).sort(), `${ex.id}: declared faults are the checker's`).toEqual([...new Set(reported)].sort());
      for (const c of ex.cues) if (!['rep-missed-top', 'hold-broken', 'hold-target-reached', 'start', 'live'].includes(c.on)) expect(ex.faults, `${ex.id} cue ${c.id}`).toHaveProperty([c.on]);
      for (const [id, w] of Object.entries(ex.faults)) {
        expect(words.get(id) ?? w, `${id} has the same words everywhere`).toBe(w);
        words.set(id, w);
      }
    }
  });

  it('prescriptions override the defaults', () => {
    const ex = exercises['hamstring-stretch'];
    const spec = ex.check(resolvePrescription(ex, { holdS: 30 }));
    expect(spec.kind === 'hold' && spec.targetS).toBe(30);
  });
});
