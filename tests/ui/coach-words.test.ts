/**
 * The coach's words in the chosen language. Core, the sources, the estimator and storage write
 * English; the UI recognises their messages and says them through the i18n layer. The English
 * tree repeats their English, so these tests keep the two the same (a changed sentence in core
 * would otherwise silently stop being translated), check each is said in Chinese, and check
 * English stays exactly as before.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, beforeAll } from 'vitest';
import { describeEstimatorError, type EstimatorErrorKind } from '../../src/estimate/errors';
import { modelRow } from '../../src/estimate/model-table';
import { exercises } from '../../src/exercises';
import { sourceErrorHelp, type SourceError } from '../../src/source/source';
import { storageError } from '../../src/storage/store';
import { en } from '../../src/ui/i18n/en';
import { setLanguage, loadLanguage } from '../../src/ui/i18n/index.svelte';
import { clipText, cueWords, modelErrorText, noticeText, saveErrorText, SEE_MESSAGES, seeText, sourceHelp } from '../../src/ui/state/coach-words';
import { END_REASON_BUTTON, END_REASON_TEXT, END_REASONS } from '../../src/ui/state/end-reason';
import { ADVICE, doseParts } from '../../src/ui/state/programme';
import { missedText, phaseText, placementText, scoreWord, watchingText } from '../../src/ui/state/words';
import { englishLeft } from '../helpers/latin-words';

// Chinese strings load on first use in the app; here, once before the tests.
beforeAll(() => loadLanguage('zh-CN'));

const root = join(import.meta.dirname, '..', '..');
const source = (p: string) => readFileSync(join(root, p), 'utf8');
const han = /[\u4e00-\u9fff]/;
/** Chinese: has Chinese characters and no English word left. */
const chinese = (s: string) => {
  expect(s, s).toMatch(han);
  expect(englishLeft(s), s).toEqual([]);
};

afterEach(() => setLanguage('en'));

describe('core and source messages', () => {
  it('the English tree says exactly what core, the sources and the estimator say', () => {
    expect(en.coach.see).toEqual(SEE_MESSAGES);
    for (const [kind, words] of Object.entries(en.coach.modelError)) {
      if (kind !== 'other') expect(words, kind).toBe(describeEstimatorError(kind as EstimatorErrorKind));
    }
    expect(source('src/live/models.ts')).toContain(en.coach.notice.gpuLost);
    expect(source('src/estimate/worker/worker-estimator.ts')).toContain(en.coach.notice.workerRestarted);
    expect(source('src/estimate/worker/worker-estimator.ts')).toContain('The pose model could not be restarted: ${');
    expect(source('src/live/live-run.ts')).toContain('The lighter model could not be loaded, so I kept ${s.from}. Counting goes on.');
    for (const k of ['unavailable', 'full', 'blocked'] as const) expect(source('src/storage/store.ts')).toContain(en.coach.saveError[k]);
    for (const [id, label] of Object.entries(en.coach.models)) expect(modelRow(id)?.label, id).toBe(label);
  });

  it('English is said as it came', () => {
    for (const m of Object.values(SEE_MESSAGES)) expect(seeText(m)).toBe(m);
    const denied: SourceError = { source: 'camera', kind: 'denied' };
    expect(sourceHelp(denied)).toEqual(sourceErrorHelp(denied));
    expect(modelErrorText({ code: 'bad-input', message: describeEstimatorError('bad-input') })).toBe(describeEstimatorError('bad-input'));
    expect(modelErrorText({ code: 'odd', message: 'Something odd' })).toBe('Something odd');
    expect(noticeText({ code: 'gpuLost', message: en.coach.notice.gpuLost })).toBe(en.coach.notice.gpuLost);
    expect(saveErrorText(storageError('failed', 'failed', 'Saving failed: disk on fire', { detail: 'disk on fire' }))).toBe('Saving failed: disk on fire');
    expect(clipText({ state: 'error', kind: 'stopped', message: 'The video is no longer being kept: x Counting goes on.' }, '')).toMatch(/no longer being kept: x/);
    const bridge = exercises.bridge;
    expect(cueWords(bridge, { id: 'start', text: 'Good. Lift your hips when you are ready.' })).toBe('Good. Lift your hips when you are ready.');
  });

  it('in Chinese: every visibility message, source error, model error, notice and save error', () => {
    setLanguage('zh-CN');
    for (const m of Object.values(SEE_MESSAGES)) chinese(seeText(m));
    for (const [src, kinds] of Object.entries(en.coach.sourceError)) {
      for (const kind of Object.keys(kinds)) {
        const h = sourceHelp({ source: src, kind } as SourceError);
        [h.title, h.message, h.action, ...(h.retryLabel ? [h.retryLabel] : [])].forEach(chinese);
      }
    }
    for (const kind of Object.keys(en.coach.modelError)) {
      if (kind !== 'other') chinese(modelErrorText({ code: kind, message: describeEstimatorError(kind as EstimatorErrorKind) }));
    }
    chinese(modelErrorText({ code: 'odd', message: 'TypeError: fetch failed' }));
    chinese(noticeText({ code: 'gpuLost', message: en.coach.notice.gpuLost }));
    chinese(noticeText({ code: 'workerRestarted', message: en.coach.notice.workerRestarted }));
    chinese(noticeText({ code: 'autoSwitched', message: en.coach.autoSwitched }));
    const kept = noticeText({ code: 'lighterFailed', params: { model: 'movenet-thunder' }, message: 'The lighter model could not be loaded, so I kept movenet-thunder. Counting goes on.' });
    expect(kept).toContain('movenet-thunder');
    expect(kept).toMatch(han);
    const why = { code: 'model-load-failed', message: describeEstimatorError('model-load-failed') };
    chinese(noticeText({ code: 'workerFailed', params: { message: why }, message: `The pose model could not be restarted: ${why.message}` }));
    // Said by its code: a reworded English message changes nothing.
    expect(noticeText({ code: 'gpuLost', message: 'reworded' })).toBe(noticeText({ code: 'gpuLost', message: en.coach.notice.gpuLost }));
    const unavailable = storageError('unavailable', 'unavailable', en.coach.saveError.unavailable);
    const blocked = storageError('unavailable', 'blocked', en.coach.saveError.blocked);
    chinese(saveErrorText(unavailable));
    chinese(saveErrorText(blocked));
    expect(saveErrorText(blocked)).not.toBe(saveErrorText(unavailable));
    chinese(saveErrorText(storageError('full', 'full', en.coach.saveError.full)));
    chinese(saveErrorText(storageError('failed', 'failed', 'Saving failed: x', { detail: 'x' })));
    for (const kind of ['stopped', 'not-started', 'not-finished'] as const) chinese(clipText({ state: 'error', kind, message: 'English' }, '') ?? '');
    chinese(clipText({ state: 'saved', id: 'x', bytes: 1e6 }, '1.0') ?? '');
  });

  it('in Chinese: the cue core chose, by the exercise cue id or as a visibility message', () => {
    setLanguage('zh-CN');
    for (const ex of Object.values(exercises)) for (const c of ex.cues) chinese(cueWords(ex, { id: c.id, text: c.say }));
    chinese(cueWords(exercises.bridge, { id: 'see-no-person', text: SEE_MESSAGES.noPerson }));
    chinese(cueWords(exercises.bridge, { id: 'view-advice', text: SEE_MESSAGES.tooFar }));
  });
});

describe('the coach words in Chinese', () => {
  it('watching, placement, phase, score, missed attempts, end reasons, dose and advice', () => {
    setLanguage('zh-CN');
    for (const side of ['left', 'right', 'both', null] as const) chinese(watchingText(side, 'side'));
    chinese(watchingText(null, 'front'));
    chinese(placementText('side', 'supine'));
    chinese(placementText('side', 'prone'));
    chinese(placementText('front', 'standing'));
    expect(placementText('side', 'prone')).not.toBe(placementText('side', 'supine'));
    for (const p of ['setup', 'ready', 'active', 'paused', 'done'] as const) chinese(phaseText(p));
    for (const s of [90, 60, 10]) chinese(scoreWord(s));
    const missed = missedText({ type: 'not-counted', tMs: 65_000, reason: 'lost-sight', gapS: 1.5 } as Parameters<typeof missedText>[0]);
    chinese(missed);
    expect(missed).toContain('1:05');
    expect(missed).toContain('1.5');
    for (const r of END_REASONS) {
      chinese(END_REASON_BUTTON[r]);
      chinese(END_REASON_TEXT[r]);
    }
    for (const ex of Object.values(exercises)) for (const part of doseParts(ex, ex.defaults)) chinese(part);
    for (const a of ADVICE) [a.title, a.text].forEach(chinese);
    setLanguage('en');
    expect(END_REASON_BUTTON.tired).toBe('Too tired');
    expect(ADVICE[0]?.title).toBe('Go gently');
  });
});
