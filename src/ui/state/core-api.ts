/**
 * Thin adapter over core's createSession and exercises (TEAM.md contract). If core's shapes
 * drift, fix it here, not in components.
 */
import { createSession as coreCreateSession } from '../../core/pipeline';
import { exercises as coreExercises } from '../../exercises';
import type { CoachSession, Exercise, Prescription } from './contract';

/** Programme order: as in EXERCISES.md. */
const ORDER = ['bridge', 'bridge-back-muscle', 'straight-leg-raise', 'hamstring-stretch', 'glute-stretch', 'knee-to-chest', 'sit-up', 'waist-twist', 'press-up'];

export const exercises: Record<string, Exercise> = coreExercises;

/** Every exercise in programme order (unknown ids at the end). */
export function programme(): Exercise[] {
  const rank = (id: string): number => {
    const i = ORDER.indexOf(id);
    return i < 0 ? ORDER.length : i;
  };
  return Object.values(exercises).sort((a, b) => rank(a.id) - rank(b.id));
}

export function createSession(exercise: Exercise, prescription?: Partial<Prescription>): CoachSession {
  return coreCreateSession(exercise, prescription);
}
