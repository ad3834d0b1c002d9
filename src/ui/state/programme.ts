/** Turning an exercise's prescription into words for the programme list, in the current language. */
import type { Exercise, Prescription, Side } from './contract';
import { fmt, t } from '../i18n/index.svelte';

const SIDE_WORDS = {
  left: () => t('common.dose.sideLeft'),
  right: () => t('common.dose.sideRight'),
  both: () => t('common.dose.sideBoth'),
} satisfies Record<Side, () => string>;

/** "each side", "left side", "both legs together" … from the sides asked for (in the current language). */
export function sidesText(ex: Pick<Exercise, 'perSide'>, p: Pick<Prescription, 'sides'>): string | null {
  if (!ex.perSide) return null;
  const sides = p.sides ?? [];
  if (sides.length === 0 || (sides.includes('left') && sides.includes('right')) || (sides.length === 1 && sides[0] === 'both')) {
    return t('common.dose.eachSide');
  }
  return sides.map((s) => SIDE_WORDS[s]()).join(t('common.dose.and'));
}

function timesText(n: number | undefined): string | null {
  if (!n) return null;
  if (n === 1) return t('common.dose.oncePerDay');
  if (n === 2) return t('common.dose.twicePerDay');
  return t('common.dose.timesPerDay', { n: fmt.number(n) });
}

/** The dose in short phrases, e.g. ["3 sets of 10", "hold 5 s", "each side", "twice a day"] (in the current language). */
export function doseParts(ex: Pick<Exercise, 'kind' | 'perSide'>, p: Prescription): string[] {
  const parts: string[] = [];
  const n = (x: number) => fmt.number(x);
  if (ex.kind === 'reps') {
    const reps = p.reps ?? 10;
    parts.push(p.sets > 1 ? t('common.dose.setsOf', { sets: n(p.sets), reps: n(reps) }) : t('common.dose.times', { n: n(reps) }));
    if (p.holdS) parts.push(t('common.dose.holdAtTop', { s: n(p.holdS) }));
  } else {
    const holds = p.reps ?? p.sets;
    parts.push(t('common.dose.hold', { s: n(p.holdS ?? 15) }), holds > 1 ? t('common.dose.times', { n: n(holds) }) : t('common.dose.once'));
  }
  const s = sidesText(ex, p);
  if (s) parts.push(s);
  const tpd = timesText(p.timesPerDay);
  if (tpd) parts.push(tpd);
  return parts;
}

/** The number the big counter counts toward in one set (reps, or holds). */
export function setTarget(ex: Pick<Exercise, 'kind'>, p: Prescription): number {
  return ex.kind === 'reps' ? (p.reps ?? 10) : (p.reps ?? p.sets ?? 1);
}

const ADVICE_KEYS = ['gently', 'posture', 'rest', 'nerves', 'doctor'] as const;

/**
 * Advice shown with the programme, in the current language (read while rendering: it follows a
 * change of language). source: clinical-basis.md#advice
 */
export const ADVICE: readonly { readonly title: string; readonly text: string }[] = ADVICE_KEYS.map((k) => ({
  get title() {
    return t(`common.advice.${k}.title`);
  },
  get text() {
    return t(`common.advice.${k}.text`);
  },
}));
