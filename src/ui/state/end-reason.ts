/** Why a set ended early (issue 12 item 2), in the patient's words and in the physio's. */
import { END_REASONS, type EndReason } from '../../core/session';

export { END_REASONS, type EndReason };

/** On the big buttons after a short set. */
export const END_REASON_BUTTON: Record<EndReason, string> = {
  pain: 'Pain',
  tired: 'Too tired',
  'no-time': 'No time',
  'not-counted': 'The camera did not count me',
  other: 'Something else',
};

/** For the physio (history, review, reports): what the patient said. */
export const END_REASON_TEXT: Record<EndReason, string> = {
  pain: 'stopped because of pain',
  tired: 'stopped: too tired',
  'no-time': 'stopped: no time',
  'not-counted': 'the camera did not count me',
  other: 'stopped for another reason',
};

/** A set ended before the prescribed reps/holds (what the set summary counts against its target). */
export function endedEarly(done: number, target: number): boolean {
  return target > 0 && done < target;
}
