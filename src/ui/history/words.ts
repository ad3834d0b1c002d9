/** Plain words for what the records show (faults, sides, statuses). */
import type { FaultId, RepSide } from '../../core/check/exercise';

export const FAULT_WORDS: Record<FaultId, string> = {
  'hold-too-short': 'hold too short',
  'lowered-too-fast': 'lowered too fast',
  'not-high-enough': 'not high enough',
  'knee-bent': 'knee bent',
  'over-arch': 'back over-arched',
  'hips-lifted': 'hips lifted off the floor',
  'other-leg-lifted': 'other leg lifted',
  'hand-not-overhead': 'hand not over the head',
  jerky: 'jerky movement',
};

export function faultsText(faults: readonly string[]): string {
  return faults.length ? faults.map((f) => FAULT_WORDS[f as FaultId] ?? f).join(', ') : 'good form';
}

export const SIDE_WORDS: Record<RepSide, string> = { left: 'Left', right: 'Right', both: 'Both' };

/** What the counted signal is, per exercise, for chart labels. */
export const SIGNAL_NAME: Record<string, string> = {
  bridge: 'Hip extension (counted)',
  'bridge-back-muscle': 'Hip extension (counted)',
  'straight-leg-raise': 'Hip flexion (counted)',
  'hamstring-stretch': 'Hip flexion (held)',
  'glute-stretch': 'Hip flexion (held)',
  'knee-to-chest': 'Hip flexion (held)',
  'sit-up': 'Trunk flexion (counted)',
  'waist-twist': 'Trunk rotation (counted)',
  'press-up': 'Trunk extension (counted)',
};

/** "kneeFlexion" → "Knee flexion". */
export function angleLabel(name: string, exercise: string): string {
  if (name === 'signal') return SIGNAL_NAME[exercise] ?? 'Counted angle';
  const s = name.replace(/([A-Z])/g, ' $1').toLowerCase();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Okabe-Ito palette for chart lines. */
export const PALETTE = ['#56B4E9', '#E69F00', '#009E73', '#CC79A7', '#F0E442', '#0072B2', '#D55E00'];
