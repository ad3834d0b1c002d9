/** Turning an exercise's prescription into words for the programme list. Pure. */
import type { Exercise, Prescription, Side } from './contract';

const SIDE_WORDS: Record<Side, string> = { left: 'left side', right: 'right side', both: 'both sides' };

/** "each side", "left side", "both legs together" … from the sides asked for. */
export function sidesText(ex: Pick<Exercise, 'perSide'>, p: Pick<Prescription, 'sides'>): string | null {
  if (!ex.perSide) return null;
  const sides = p.sides ?? [];
  if (sides.length === 0 || (sides.includes('left') && sides.includes('right')) || (sides.length === 1 && sides[0] === 'both')) {
    return 'each side';
  }
  return sides.map((s) => SIDE_WORDS[s]).join(' and ');
}

function timesText(n: number | undefined): string | null {
  if (!n) return null;
  if (n === 1) return 'once a day';
  if (n === 2) return 'twice a day';
  return `${n} times a day`;
}

/** The dose in short phrases, e.g. ["3 sets of 10", "hold 5 s", "each side", "twice a day"]. */
export function doseParts(ex: Pick<Exercise, 'kind' | 'perSide'>, p: Prescription): string[] {
  const parts: string[] = [];
  if (ex.kind === 'reps') {
    const reps = p.reps ?? 10;
    parts.push(p.sets > 1 ? `${p.sets} sets of ${reps}` : `${reps} times`);
    if (p.holdS) parts.push(`hold ${p.holdS} s at the top`);
  } else {
    const holds = p.reps ?? p.sets;
    parts.push(`hold ${p.holdS ?? 15} s`, holds > 1 ? `${holds} times` : 'once');
  }
  const s = sidesText(ex, p);
  if (s) parts.push(s);
  const t = timesText(p.timesPerDay);
  if (t) parts.push(t);
  return parts;
}

/** The number the big counter counts toward in one set (reps, or holds). */
export function setTarget(ex: Pick<Exercise, 'kind'>, p: Prescription): number {
  return ex.kind === 'reps' ? (p.reps ?? 10) : (p.reps ?? p.sets ?? 1);
}

/** Advice shown with the programme. source: clinical-basis.md#advice */
export const ADVICE: readonly { title: string; text: string }[] = [
  { title: 'Go gently', text: 'Move slowly and only as far as is comfortable. Numbness or burning down the leg means ease off.' },
  { title: 'Posture', text: 'Keep good posture when you sit, stand and lift. Protect your lower back from strain and from the cold.' },
  { title: 'Work and rest', text: 'Alternate work and rest, and don\u2019t overdo it. A little every day beats a lot once a week.' },
  {
    title: 'Nerves heal slowly',
    text: 'A nerve regrows about 1 to 3 mm a day, so recovery takes months, not weeks. Keeping at it is what matters.',
  },
  { title: 'Your doctor\u2019s plan', text: 'Follow your doctor\u2019s and physiotherapist\u2019s guidance. Swimming, massage or medicines are for them to advise on; the camera only coaches these exercises.' },
];
