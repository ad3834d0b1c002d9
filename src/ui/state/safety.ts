/**
 * Red-flag screen and pain check-in: pure logic, no DOM. Nothing here diagnoses; a "yes" only
 * means "stop and get checked".
 */
import * as v from 'valibot';
import { parseStored } from '../../storage/local';
import { safety as english } from '../i18n/en/safety';

/**
 * The questions, in this order; their words are the i18n strings (safety.redFlags.<id>), and
 * `question` is the English (the wording clinical-basis.md cites).
 * source: clinical-basis.md#safety-screen
 */
const RED_FLAG_IDS = ['bladder-bowel', 'saddle', 'weakness', 'both-legs', 'fever-weight'] as const;
export type RedFlagId = (typeof RED_FLAG_IDS)[number];
export const RED_FLAGS: readonly { id: RedFlagId; question: string }[] = RED_FLAG_IDS.map((id) => ({ id, question: english.redFlags[id] }));
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

/** In English; screens show t(`safety.pain.reach.${reach}`). */
export const PAIN_REACH_LABEL: Record<PainReach, string> = english.pain.reach;

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
  const trend = painTrendOf(before, after);
  // The message in English; screens show t(`safety.pain.trend.${trend}`).
  return { trend, message: english.pain.trend[trend] };
}

function painTrendOf(before: PainCheck, after: PainCheck): PainTrend {
  const b = PAIN_REACH.indexOf(before.reach);
  const a = PAIN_REACH.indexOf(after.reach);
  if (a > b) return 'spread';
  if (a < b) return 'centralised';
  // Same reach: compare the leg score, which matters most for a nerve root. source: clinical-basis.md#pain-check-in (2 points: starting point)
  const d = after.leg - before.leg;
  if (d >= 2) return 'more';
  if (d <= -2) return 'less';
  return 'same';
}
