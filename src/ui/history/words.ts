/** Plain words for what the records show (faults, sides, statuses, chart labels), in the current language. */
import type { RepSide } from '../../core/check/exercise';
import { exerciseList, getExercise } from '../../exercises';
import { exerciseTexts, faultText as exerciseFault } from '../i18n/exercise';
import { t } from '../i18n/index.svelte';
import { review as english } from '../i18n/en/review';

/**
 * A fault in plain words, as the exercise that reports it declares them (`exercise`: that one;
 * else the first exercise that has the fault), in the current language; an unknown id as it is.
 */
export function faultText(fault: string, exercise?: string | null): string {
  const own = exercise ? getExercise(exercise) : undefined;
  const ex = own && Object.hasOwn(own.faults, fault) ? own : exerciseList().find((e) => Object.hasOwn(e.faults, fault));
  return ex ? exerciseFault(ex, fault) : fault;
}

export function faultsText(faults: readonly string[], exercise?: string | null): string {
  return faults.length ? faults.map((f) => faultText(f, exercise)).join(t('review.table.separator')) : t('review.table.goodForm');
}

/** "Left", "Right", "Both" (a getter per side: read while rendering, it follows the language). */
export const SIDE_WORDS: Readonly<Record<RepSide, string>> = {
  get left() {
    return t('review.side.left');
  },
  get right() {
    return t('review.side.right');
  },
  get both() {
    return t('review.side.both');
  },
};

/** What the counted signal is, per exercise, for chart labels (the exercise's `signalLabel`, in the current language). */
export function signalName(exercise: string): string | undefined {
  const ex = getExercise(exercise);
  return ex ? exerciseTexts(ex).signalLabel : undefined;
}

/** A label without its bracketed note: "Hip flexion (counted)" → "Hip flexion" (also full-width brackets). */
const bare = (label: string) => label.replace(/\s*[(（].*$/, '');

/** "Peak hip extension": the label of a rep's peak column for an exercise. */
export function peakLabelFor(exercise: string | null | undefined): string {
  const name = exercise ? signalName(exercise) : undefined;
  if (!name) return t('review.peakAngle');
  return t('review.peakOf', { signal: bare(name).toLowerCase() });
}

/** "Hip flexion": the range-of-motion label of an exercise's progress chart. */
export function romLabelFor(exercise: string | null | undefined): string {
  return exercise ? bare(signalName(exercise) ?? t('review.angles.angle')) : '';
}

const hasAngleWords = (name: string): name is keyof typeof english.angles => Object.hasOwn(english.angles, name);

/** An angle's name in words: "kneeFlexion" → "Knee flexion"; "signal": the exercise's counted signal. */
export function angleLabel(name: string, exercise: string): string {
  if (name === 'signal') return signalName(exercise) ?? t('review.angles.counted');
  if (hasAngleWords(name)) return t(`review.angles.${name}`);
  const s = name.replace(/([A-Z])/g, ' $1').toLowerCase();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Okabe-Ito palette for chart lines. */
export const PALETTE = ['#56B4E9', '#E69F00', '#009E73', '#CC79A7', '#F0E442', '#0072B2', '#D55E00'];
