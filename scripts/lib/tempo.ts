/**
 * Tempo variants of a recorded clip: the same movement done faster or slower. Every frame's time
 * is divided by `speed` (1.5 = one and a half times as fast), so the camera's frame rate changes
 * with it (15 fps recorded → 22.5 fps at 1.5×, 10 fps at 0.67×); `keepEvery` 2 then drops every
 * other frame (2× with every 2nd frame kept is twice as fast at the same 15 fps).
 *
 * Why: a count must not depend on how briskly the person moves. A fixed "whole rep" floor of a
 * second threw away sit-ups done one every two seconds; this is how that was found
 * (clinical-basis.md#dwell-times). Holds get shorter or longer with the tempo, so only the
 * number of reps is comparable; hold durations are not.
 */
import type { PoseFrame } from '../../src/core/pose';
import type { SessionRecord } from '../../src/core/session/record';
import { variantRecord } from './record-variant';

export interface Tempo {
  name: string;
  speed: number;
  keepEvery: number;
}

export const TEMPOS: readonly Tempo[] = [
  { name: '0.67× (slower, 10 fps)', speed: 2 / 3, keepEvery: 1 },
  { name: '1.5× (faster, 22.5 fps)', speed: 1.5, keepEvery: 1 },
  { name: '2× (twice as fast, every 2nd frame: 15 fps)', speed: 2, keepEvery: 2 },
];

/** The frames as the same movement done at `tempo`. */
function atTempo<F extends { tMs: number; frame: PoseFrame | null }>(frames: readonly F[], tempo: Tempo): { tMs: number; frame: PoseFrame | null }[] {
  return frames
    .filter((_, i) => i % tempo.keepEvery === 0)
    .map(({ tMs, frame }) => {
      const t = tMs / tempo.speed;
      return { tMs: t, frame: frame ? { ...frame, tMs: t } : null };
    });
}

/** The whole record as the same movement done at `tempo`. */
export function tempoRecord(record: SessionRecord, tempo: Tempo): SessionRecord {
  return variantRecord(record, `tempo ${tempo.name}`, (frames) => atTempo(frames, tempo));
}
