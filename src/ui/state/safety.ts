/**
 * Red-flag screen and pain check-in: pure logic, no DOM. Nothing here diagnoses; a "yes" only
 * means "stop and get checked".
 */
import * as v from 'valibot';
import { parseStored } from '../../storage/local';

/** source: clinical-basis.md#safety-screen */
export const RED_FLAGS = [
  { id: 'bladder-bowel', question: 'Have you had new problems controlling your bladder or bowels (leaking, or not being able to go)?' },
  { id: 'saddle', question: 'Do you have new numbness or tingling around your bottom, genitals or inner thighs (where you would sit on a saddle)?' },
  { id: 'weakness', question: 'Is weakness in your leg or foot getting worse (for example your foot slaps or drags when you walk)?' },
  { id: 'both-legs', question: 'Do you now have pain, numbness or weakness in both legs?' },
  { id: 'fever-weight', question: 'Have you had a fever, or lost weight without trying?' },
] as const;

export type RedFlagId = (typeof RED_FLAGS)[number]['id'];
export type Answer = 'yes' | 'no' | null;
export type RedFlagAnswers = Partial<Record<RedFlagId, Answer>>;

/** 'stop' as soon as any answer is yes; 'clear' only when every question was answered no. */
export function screenResult(answers: RedFlagAnswers): 'stop' | 'clear' | 'incomplete' {
  if (RED_FLAGS.some((q) => answers[q.id] === 'yes')) return 'stop';
  if (RED_FLAGS.every((q) => answers[q.id] === 'no')) return 'clear';
  return 'incomplete';
}

/** What we remember in localStorage about the screen. */
export interface SafetyRecord {
  result: 'stop' | 'clear';
  /** ISO date-time the screen was answered. */
  at: string;
}

export const SAFETY_KEY = 'rootwell.safety.v1';

const SafetySchema = v.object({ result: v.picklist(['stop', 'clear']), at: v.string() }) satisfies v.GenericSchema<unknown, SafetyRecord>;

/** The stored screen; a missing or damaged record counts as never answered (null). */
export function parseSafety(raw: string | null): SafetyRecord | null {
  return parseStored(raw, SafetySchema);
}

/** How far down the leg the pain reaches, from the spine outwards. */
export const PAIN_REACH = ['none', 'buttock', 'thigh', 'calf', 'foot'] as const;
export type PainReach = (typeof PAIN_REACH)[number];

export const PAIN_REACH_LABEL: Record<PainReach, string> = {
  none: 'No leg pain',
  buttock: 'Buttock',
  thigh: 'Thigh',
  calf: 'Calf',
  foot: 'Foot',
};

export interface PainCheck {
  /** 0-10 */
  back: number;
  /** 0-10 */
  leg: number;
  reach: PainReach;
}

export type PainTrend = 'centralised' | 'spread' | 'same' | 'less' | 'more';

/**
 * Compare the check-in after the session with the one before.
 * source: clinical-basis.md#pain-check-in: pain moving toward the spine is a good sign
 * (centralisation); spreading down the leg is a reason to stop and tell the physio.
 */
export function painTrend(before: PainCheck, after: PainCheck): { trend: PainTrend; message: string } {
  const b = PAIN_REACH.indexOf(before.reach);
  const a = PAIN_REACH.indexOf(after.reach);
  if (a > b) {
    return {
      trend: 'spread',
      message:
        'The pain now reaches further down your leg than before. Stop these exercises for today and tell your physiotherapist or doctor.',
    };
  }
  if (a < b) {
    return {
      trend: 'centralised',
      message:
        'The leg pain has moved up toward your back. That is usually a good sign (it is called centralisation), even if your back feels a bit sore.',
    };
  }
  // Same reach: compare the leg score, which matters most for a nerve root. source: clinical-basis.md#pain-check-in (2 points: starting point)
  const d = after.leg - before.leg;
  if (d >= 2) return { trend: 'more', message: 'Your leg pain is higher than before. Take it easier next time, and tell your physiotherapist if it stays up.' };
  if (d <= -2) return { trend: 'less', message: 'Your leg pain is lower than before. Well done; keep going steadily.' };
  return { trend: 'same', message: 'About the same as before. Nerves recover slowly, so steady practice is what counts.' };
}
