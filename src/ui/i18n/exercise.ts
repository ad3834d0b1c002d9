/**
 * An exercise's words in the current language: its own file's `translations[lang]`, field by
 * field, falling back to the English it declares. Every screen that shows an exercise's title,
 * faults, how-to, cues or figure labels reads them here.
 */
import type { Exercise, ExerciseTexts, FaultId } from '../../core/check';
import { language } from './index.svelte';

/** The English an exercise declares, in the shape of a translation. */
export function englishTexts(ex: Exercise): ExerciseTexts {
  return {
    title: ex.title,
    signalLabel: ex.signalLabel,
    faults: ex.faults,
    howTo: ex.howTo,
    ...(ex.caution ? { caution: ex.caution } : {}),
    cues: Object.fromEntries(ex.cues.map((c) => [c.id, c.say])),
    figure: ex.figure.keyframes.map((k) => k.label ?? ''),
  };
}

/** The merged words per exercise, for the language they were made in (screens and the live cue read them every frame). */
const cache = new WeakMap<Exercise, { lang: string; texts: ExerciseTexts }>();

/** The exercise's words in the current language (English where a translation lacks a field). */
export function exerciseTexts(ex: Exercise): ExerciseTexts {
  const lang = language(); // read first: a component or $derived calling this follows the language
  const hit = cache.get(ex);
  if (hit?.lang === lang) return hit.texts;
  const texts = mergedTexts(ex, lang);
  cache.set(ex, { lang, texts });
  return texts;
}

function mergedTexts(ex: Exercise, lang: string): ExerciseTexts {
  const en = englishTexts(ex);
  const tr = lang === 'en' ? undefined : ex.translations?.[lang];
  if (!tr) return en;
  return {
    title: tr.title || en.title,
    signalLabel: tr.signalLabel || en.signalLabel,
    faults: { ...en.faults, ...tr.faults },
    howTo: tr.howTo.length === en.howTo.length ? tr.howTo : en.howTo,
    ...(en.caution ? { caution: tr.caution || en.caution } : {}),
    cues: { ...en.cues, ...tr.cues },
    figure: tr.figure.length === en.figure.length ? tr.figure : en.figure,
  };
}

export const exerciseTitle = (ex: Exercise): string => exerciseTexts(ex).title;
export const faultText = (ex: Exercise, id: FaultId): string => exerciseTexts(ex).faults[id] ?? id;
export const cueText = (ex: Exercise, cueId: string, english: string): string => exerciseTexts(ex).cues[cueId] ?? english;
