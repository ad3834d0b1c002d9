/**
 * The exercise registry: every exercise of the programme, by id. An exercise file describes
 * itself (order, stick figure, signal label, faults, checker); a new exercise is that one file
 * plus one line in BUILT_IN. Everything that lists exercises (the programme, the coach, the
 * prescription editor, the programme file, history and review words) reads them from here.
 */
import type { Exercise } from '../core/check';
import bridge from './bridge';
import bridgeBackMuscle from './bridge-back-muscle';
import gluteStretch from './glute-stretch';
import hamstringStretch from './hamstring-stretch';
import kneeToChest from './knee-to-chest';
import pressUp from './press-up';
import sitUp from './sit-up';
import straightLegRaise from './straight-leg-raise';
import waistTwist from './waist-twist';

const BUILT_IN = {
  bridge,
  'bridge-back-muscle': bridgeBackMuscle,
  'straight-leg-raise': straightLegRaise,
  'hamstring-stretch': hamstringStretch,
  'glute-stretch': gluteStretch,
  'sit-up': sitUp,
  'waist-twist': waistTwist,
  'press-up': pressUp,
  'knee-to-chest': kneeToChest,
} satisfies Record<string, Exercise>;

/** The id of an exercise shipped with the app. Registered exercises are plain strings (core's ExerciseId). */
export type BuiltInExerciseId = keyof typeof BUILT_IN;

/**
 * Every registered exercise, by id: the built-in ones, plus any added with `registerExercise`
 * (the same object, so a lookup by id always sees the current registry).
 */
export const exercises: Readonly<Record<BuiltInExerciseId, Exercise>> = { ...BUILT_IN };

/** The built-in exercises' ids (for tests and scripts that iterate the shipped programme). */
export const EXERCISE_IDS = Object.keys(BUILT_IN) as BuiltInExerciseId[];

const registry = exercises as Record<string, Exercise>;

/** The exercise with this id, or undefined. */
export function getExercise(id: string): Exercise | undefined {
  return Object.hasOwn(registry, id) ? registry[id] : undefined;
}

/** Every registered exercise, in programme order (`order`, then id). */
export function exerciseList(): Exercise[] {
  return Object.values(registry).sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

/** Every registered id, in programme order. */
export function exerciseIds(): string[] {
  return exerciseList().map((e) => e.id);
}

/**
 * Add an exercise to the registry (a test's fake exercise, or one defined outside this folder).
 * Returns a function that removes it again. An id already taken is an error.
 */
export function registerExercise(ex: Exercise): () => void {
  if (Object.hasOwn(registry, ex.id)) throw new Error(`exercise "${ex.id}" is already registered`);
  registry[ex.id] = ex;
  return () => {
    if (registry[ex.id] === ex) delete registry[ex.id];
  };
}

/** The plain words for a fault, as the exercise that reports it declares them (null: unknown fault). */
export function faultWords(fault: string): string | null {
  for (const ex of Object.values(registry)) {
    const w = ex.faults[fault];
    if (w !== undefined && Object.hasOwn(ex.faults, fault)) return w;
  }
  return null;
}

export type { Exercise, ExerciseId, Prescription } from '../core/check';
