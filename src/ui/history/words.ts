/** Plain words for what the records show (faults, sides, statuses, chart labels). */
import type { RepSide } from '../../core/check/exercise';
import { faultWords, getExercise } from '../../exercises';

/** A fault in plain words, as the exercise that reports it declares them (an unknown id as it is). */
export function faultText(fault: string): string {
  return faultWords(fault) ?? fault;
}

export function faultsText(faults: readonly string[]): string {
  return faults.length ? faults.map(faultText).join(', ') : 'good form';
}

export const SIDE_WORDS: Record<RepSide, string> = { left: 'Left', right: 'Right', both: 'Both' };

/** What the counted signal is, per exercise, for chart labels (the exercise's `signalLabel`). */
export function signalName(exercise: string): string | undefined {
  return getExercise(exercise)?.signalLabel;
}

/** "Peak hip extension": the label of a rep's peak column for an exercise. */
export function peakLabelFor(exercise: string | null | undefined): string {
  if (!exercise) return 'Peak angle';
  return `Peak ${(signalName(exercise) ?? 'angle').replace(/ \(.*\)/, '').toLowerCase()}`;
}

/** "Hip flexion": the range-of-motion label of an exercise's progress chart. */
export function romLabelFor(exercise: string | null | undefined): string {
  return exercise ? (signalName(exercise) ?? 'Angle').replace(/ \(.*\)/, '') : '';
}

/** "kneeFlexion" → "Knee flexion". */
export function angleLabel(name: string, exercise: string): string {
  if (name === 'signal') return signalName(exercise) ?? 'Counted angle';
  const s = name.replace(/([A-Z])/g, ' $1').toLowerCase();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Okabe-Ito palette for chart lines. */
export const PALETTE = ['#56B4E9', '#E69F00', '#009E73', '#CC79A7', '#F0E442', '#0072B2', '#D55E00'];
