/**
 * Every shipped exercise says everything in every language: title, signal label, each fault,
 * each how-to line, the caution, each cue by id and each stick-figure label (issue 12 item 5).
 * A registered exercise without translations (tests/exercises/registry.test.ts's fake) falls
 * back to its English, field by field.
 */
import { afterEach, describe, expect, it, beforeAll } from 'vitest';
import { defineExercise } from '../../src/core/check';
import { EXERCISE_IDS, exercises } from '../../src/exercises';
import { englishTexts, exerciseTexts, exerciseTitle, faultText } from '../../src/ui/i18n/exercise';
import { LANGUAGES, setLanguage, loadLanguage } from '../../src/ui/i18n/index.svelte';
import { SEE_MESSAGES } from '../../src/ui/state/coach-words';
import { englishLeft } from '../helpers/latin-words';

// Chinese strings load on first use in the app; here, once before the tests.
beforeAll(() => loadLanguage('zh-CN'));

const OTHER = LANGUAGES.filter((l) => l.id !== 'en').map((l) => l.id);

afterEach(() => setLanguage('en'));

describe('exercise translations', () => {
  for (const lang of OTHER) {
    for (const id of EXERCISE_IDS) {
      it(`${id} is complete in ${lang}`, () => {
        const ex = exercises[id];
        const en = englishTexts(ex);
        const tr = ex.translations?.[lang];
        expect(tr, `${id} has no ${lang} translation`).toBeDefined();
        if (!tr) return;
        expect(tr.title.trim()).not.toBe('');
        expect(tr.signalLabel.trim()).not.toBe('');
        expect(Object.keys(tr.faults).sort(), 'fault ids').toEqual(Object.keys(en.faults).sort());
        expect(Object.keys(tr.cues).sort(), 'cue ids').toEqual(ex.cues.map((c) => c.id).sort());
        expect(tr.howTo.length, 'how-to lines').toBe(en.howTo.length);
        expect(tr.figure.length, 'figure labels').toBe(ex.figure.keyframes.length);
        expect(Boolean(tr.caution), 'caution').toBe(Boolean(en.caution));
        const all = [tr.title, tr.signalLabel, ...Object.values(tr.faults), ...tr.howTo, ...(tr.caution ? [tr.caution] : []), ...Object.values(tr.cues), ...tr.figure];
        for (const text of all) {
          expect(text.trim(), `${id}: an empty text`).not.toBe('');
          expect(englishLeft(text), `${id}: English left in "${text}"`).toEqual([]);
        }
        // Labels differ between keyframes where the English ones do.
        expect(new Set(tr.figure).size).toBe(new Set(en.figure).size);
      });
    }
  }

  it('the words follow the current language', () => {
    const bridge = exercises.bridge;
    expect(exerciseTitle(bridge)).toBe(bridge.title);
    setLanguage('zh-CN');
    expect(exerciseTitle(bridge)).toBe('五点支撑臀桥');
    expect(faultText(bridge, 'over-arch')).toBe(bridge.translations?.['zh-CN']?.faults['over-arch']);
    expect(exerciseTexts(bridge).cues.start).toMatch(/臀部/);
    setLanguage('en');
    expect(faultText(bridge, 'over-arch')).toBe('back over-arched');
  });

  it('an exercise without a translation (a test-only one) keeps its English, field by field', () => {
    const { translations: _, ...plain } = exercises.bridge;
    const fake = defineExercise({ ...plain, id: 'fake-no-translation', title: 'Fake lift' });
    const partial = defineExercise({
      ...plain,
      id: 'fake-partial',
      translations: { 'zh-CN': { title: '假动作', signalLabel: '', faults: {}, howTo: ['只有一行'], cues: {}, figure: [] } },
    });
    setLanguage('zh-CN');
    expect(exerciseTexts(fake)).toEqual(englishTexts(fake));
    const p = exerciseTexts(partial);
    expect(p.title).toBe('假动作');
    expect(p.signalLabel).toBe(plain.signalLabel);
    expect(p.howTo).toEqual(plain.howTo); // a different number of lines: the English steps
    expect(p.faults['over-arch']).toBe(plain.faults['over-arch']);
  });

  it('every joint an exercise needs is asked for in a message the app can translate (SEE)', () => {
    const known = new Set(Object.values(SEE_MESSAGES));
    for (const id of EXERCISE_IDS) for (const need of exercises[id].needs) expect(known, `${id}: "${need.message}"`).toContain(need.message);
  });
});
