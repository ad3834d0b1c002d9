/**
 * Thin adapter over core's createSession and the exercise registry (TEAM.md contract). If
 * core's shapes drift, fix it here, not in components.
 */
import { createSession as coreCreateSession } from '../../core/pipeline';
import { exerciseList, exercises as registry } from '../../exercises';
import type { CoachSession, Exercise, Prescription } from './contract';

/** Every registered exercise by id (the registry itself: one registered later is found too). */
export const exercises: Record<string, Exercise> = registry;

/** Every exercise in programme order (each exercise's `order`). */
export function programme(): Exercise[] {
  return exerciseList();
}

export function createSession(exercise: Exercise, prescription?: Partial<Prescription>): CoachSession {
  return coreCreateSession(exercise, prescription);
}
