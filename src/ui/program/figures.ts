/**
 * Drawing the exercises' stick figures: each exercise declares its figure (keyframes, in
 * src/exercises/); this finds it and interpolates between keyframes. The component animates.
 */
import { getExercise } from '../../exercises';
import type { Figure, FigurePose, Keyframe, Pt } from '../../core/check';

export type { Figure, FigurePose, Keyframe, Pt };

/** Figures by exercise id, read live from the registry (a newly registered exercise has its figure). */
export const FIGURES: Readonly<Record<string, Figure | undefined>> = new Proxy({}, {
  get: (_t, id) => (typeof id === 'string' ? getExercise(id)?.figure : undefined),
  has: (_t, id) => typeof id === 'string' && getExercise(id) !== undefined,
});

/** The figure of an exercise; unknown ids fall back to the bridge. */
export function figureFor(id: string): Figure {
  return getExercise(id)?.figure ?? getExercise('bridge')!.figure;
}

const lerp = (a: Pt, b: Pt, t: number): Pt => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
const ease = (t: number): number => (t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) ** 2 / 2);

function mix(a: FigurePose, b: FigurePose, t: number): FigurePose {
  const out: Record<string, unknown> = { towel: t < 0.5 ? a.towel : b.towel };
  for (const key of Object.keys(a) as (keyof FigurePose)[]) {
    if (key === 'towel') continue;
    const pa = a[key] as Pt | undefined;
    const pb = (b[key] as Pt | undefined) ?? pa;
    if (pa && pb) out[key] = lerp(pa, pb, t);
  }
  return out as unknown as FigurePose;
}

/** The pose at time `ms` into the looping animation, and the label of the current keyframe. */
export function poseAt(fig: Figure, ms: number): { pose: FigurePose; label: string | undefined } {
  const frames = fig.keyframes;
  const total = frames.reduce((s, f) => s + f.holdMs + f.moveMs, 0);
  let t = ((ms % total) + total) % total;
  for (let i = 0; i < frames.length; i++) {
    const f = frames[i]!;
    const next = frames[(i + 1) % frames.length]!;
    if (t < f.holdMs) return { pose: f.pose, label: f.label };
    t -= f.holdMs;
    if (t < f.moveMs) return { pose: mix(f.pose, next.pose, ease(t / f.moveMs)), label: f.label };
    t -= f.moveMs;
  }
  return { pose: frames[0]!.pose, label: frames[0]!.label };
}
