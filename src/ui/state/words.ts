/** Short words the UI uses for core values. Pure. */
import { REASON_WORDS } from '../../core/session/explain';
import type { NotCountedEvent, Phase, Side } from './contract';

/** Which side the camera is watching, in the patient's own terms. */
export function watchingText(side: Side | null, camera: 'side' | 'front'): string {
  if (camera === 'front') return 'Watching you from the front';
  if (side === 'left') return 'Watching your left side';
  if (side === 'right') return 'Watching your right side';
  if (side === 'both') return 'Watching both sides';
  return 'Looking for you\u2026';
}

/** How to place the laptop for an exercise filmed from the side or the front. */
export function placementText(camera: 'side' | 'front', position: string): string {
  if (camera === 'side') {
    return `Put the laptop on the floor or a low chair 2 to 3 metres away, side-on to you, so I can see you from head to feet while you lie ${position === 'prone' ? 'face down' : 'on your back'}.`;
  }
  return 'Put the laptop at about waist height 2 to 3 metres in front of you, so I can see you from head to feet.';
}

export function phaseText(phase: Phase): string {
  switch (phase) {
    case 'setup':
      return 'Getting you in view';
    case 'ready':
      return 'Ready \u2014 start when you like';
    case 'active':
      return 'Counting';
    case 'paused':
      return 'Paused';
    case 'done':
      return 'Set complete';
  }
}

/** Score 0-100 to a word, so the summary is not only numbers. */
export function scoreWord(score: number): string {
  if (score >= 80) return 'Good';
  if (score >= 50) return 'OK';
  return 'Needs work';
}

/** Fault ids from core ("hold-too-short") to words ("Hold too short"). */
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
  const gap = e.gapS !== undefined ? ` (the camera picture stopped for ${e.gapS} s during it)` : '';
  return `${at} \u2014 ${REASON_WORDS[e.reason]}${gap}`;
}
