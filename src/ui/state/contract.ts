/**
 * The one place the UI takes core's types from (TEAM.md contract). Components import types
 * from here, so a difference between the contract and what core built is absorbed here.
 */
export type { Joint, PoseFrame } from '../../core/pose';
export type { Exercise, ExerciseId, Prescription, RepDetail, RepSide as Side, HoldDetail } from '../../core/check/exercise';
export type { VisibilityProblem } from '../../core/check/visibility';
export type { CoachSession, Phase, SessionOutput, SessionEvent } from '../../core/pipeline';
