/** Why a set ended early (issue 12 item 2), in the patient's words and in the physio's, in the current language. */
import { END_REASONS, type EndReason } from '../../core/session';
import { t } from '../i18n/index.svelte';

export { END_REASONS, type EndReason };

/** Words by reason, read when shown (getters: they follow the current language). */
function byReason(words: (r: EndReason) => string): Readonly<Record<EndReason, string>> {
  return Object.defineProperties({} as Record<EndReason, string>, Object.fromEntries(END_REASONS.map((r) => [r, { get: () => words(r), enumerable: true }])));
}

/** On the big buttons after a short set. */
export const END_REASON_BUTTON = byReason((r) => t(`coach.endReason.button.${r}`));

/** For the physio (history, review, reports): what the patient said. */
export const END_REASON_TEXT = byReason((r) => t(`coach.endReason.text.${r}`));

/** A set ended before the prescribed reps/holds (what the set summary counts against its target). */
export function endedEarly(done: number, target: number): boolean {
  return target > 0 && done < target;
}
