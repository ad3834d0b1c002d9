/**
 * Thin adapter over core's createSession and exercises (TEAM.md contract), typed with the UI's
 * view of the contract in ./contract. If core's shapes drift, fix it here, not in components.
 *
 * TEMPORARY: core lands in parallel; until src/core/pipeline.ts and src/exercises exist the
 * globs below are empty and a placeholder (one exercise, a session that never counts) is used.
 */
import type { CoachSession, Exercise, Prescription, SessionOutput } from './contract';

const pipelineMods = import.meta.glob('../../core/pipeline.ts', { eager: true }) as Record<string, { createSession?: unknown }>;
const exerciseMods = import.meta.glob('../../exercises/index.ts', { eager: true }) as Record<string, { exercises?: unknown }>;
const pipeline = Object.values(pipelineMods)[0];
const exMod = Object.values(exerciseMods)[0];

const PLACEHOLDER: Record<string, Exercise> = {
  bridge: {
    id: 'bridge',
    title: 'Bridge (five-point support)',
    camera: 'side',
    position: 'supine',
    kind: 'reps',
    perSide: false,
    howTo: ['Lie on your back, knees bent.', 'Lift your hips, hold 3-5 s.', 'Lower slowly.'],
    defaults: { sets: 1, reps: 10, holdS: 3, sides: ['both'], timesPerDay: 2 },
  },
};

/** Programme order: as in EXERCISES.md. */
const ORDER = ['bridge', 'bridge-back-muscle', 'straight-leg-raise', 'hamstring-stretch', 'glute-stretch', 'knee-to-chest', 'sit-up', 'waist-twist', 'press-up'];

export const exercises: Record<string, Exercise> = (exMod?.exercises as Record<string, Exercise> | undefined) ?? PLACEHOLDER;

/** Every exercise in programme order (unknown ids at the end). */
export function programme(): Exercise[] {
  const rank = (id: string): number => {
    const i = ORDER.indexOf(id);
    return i < 0 ? ORDER.length : i;
  };
  return Object.values(exercises).sort((a, b) => rank(String(a.id)) - rank(String(b.id)));
}

export function createSession(exercise: Exercise, prescription?: Partial<Prescription>): CoachSession {
  const create = pipeline?.createSession as ((e: unknown, p?: unknown) => CoachSession) | undefined;
  if (create) return create(exercise, prescription);
  const p = { ...exercise.defaults, ...prescription };
  return {
    push(frame, tMs): SessionOutput {
      return {
        tMs,
        phase: 'setup',
        reps: { left: 0, right: 0, both: 0, total: 0 },
        hold: null,
        setProgress: { set: 1, sets: p.sets, target: p.reps ?? 10 },
        cue: null,
        visibility: frame ? { ok: true } : { ok: false, problem: { kind: 'no-person', message: 'I cannot see anyone. Step into the picture.' } },
        watchingSide: null,
        angles: {},
        lastRep: null,
        smoothed: frame,
      };
    },
  };
}
