/** Every exercise of the programme, by id. A new exercise is one file plus one line here. */
import type { Exercise, ExerciseId } from '../core/check';
import bridge from './bridge';
import bridgeBackMuscle from './bridge-back-muscle';
import gluteStretch from './glute-stretch';
import hamstringStretch from './hamstring-stretch';
import kneeToChest from './knee-to-chest';
import pressUp from './press-up';
import sitUp from './sit-up';
import straightLegRaise from './straight-leg-raise';
import waistTwist from './waist-twist';

export const exercises: Record<ExerciseId, Exercise> = {
  bridge,
  'bridge-back-muscle': bridgeBackMuscle,
  'straight-leg-raise': straightLegRaise,
  'hamstring-stretch': hamstringStretch,
  'glute-stretch': gluteStretch,
  'sit-up': sitUp,
  'waist-twist': waistTwist,
  'press-up': pressUp,
  'knee-to-chest': kneeToChest,
};

export type { Exercise, ExerciseId, Prescription } from '../core/check';
export { EXERCISE_IDS } from '../core/check';
