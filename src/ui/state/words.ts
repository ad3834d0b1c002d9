/** Short words the UI uses for core values, in the current language. */
import { fmt, t } from '../i18n/index.svelte';
import type { NotCountedEvent, Phase, Side } from './contract';

/** Which side the camera is watching, in the patient's own terms. */
export function watchingText(side: Side | null, camera: 'side' | 'front'): string {
  if (camera === 'front') return t('coach.watching.front');
  if (side === 'left') return t('coach.watching.left');
  if (side === 'right') return t('coach.watching.right');
  if (side === 'both') return t('coach.watching.both');
  return t('coach.watching.looking');
}

/** How to place the laptop for an exercise filmed from the side or the front. */
export function placementText(camera: 'side' | 'front', position: string): string {
  if (camera === 'side') return position === 'prone' ? t('coach.placement.sideProne') : t('coach.placement.sideSupine');
  return t('coach.placement.front');
}

export function phaseText(phase: Phase): string {
  return t(`coach.phase.${phase}`);
}

/** Score 0-100 to a word, so the summary is not only numbers. */
export function scoreWord(score: number): string {
  if (score >= 80) return t('coach.scoreWord.good');
  if (score >= 50) return t('coach.scoreWord.ok');
  return t('coach.scoreWord.needsWork');
}

/** Fault ids from core ("hold-too-short") to words ("Hold too short"), for a fault no exercise names. */
export function faultText(id: string): string {
  const s = id.replace(/[-_]+/g, ' ').trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** "3:07" from seconds. */
export function mmss(s: number): string {
  const t = Math.max(0, Math.round(s));
  return `${Math.floor(t / 60)}:${String(t % 60).padStart(2, '0')}`;
}

/** A rep attempt that was not counted, for the patient: when, and why, in plain words. */
export function missedText(e: NotCountedEvent): string {
  const at = mmss(e.tMs / 1000);
  const gap = e.gapS !== undefined ? t('coach.missed.gap', { n: fmt.number(e.gapS) }) : '';
  return t('coach.missed.line', { at, reason: t(`coach.missed.reason.${e.reason}`) }) + gap;
}
