/**
 * The one place the UI takes core's types from (TEAM.md contract). Components import types
 * from here, so a difference between the contract and what core built is absorbed here.
 */
export type { Joint, PoseFrame } from '../../core/pose';
export type { Exercise, ExerciseId, Prescription, RepDetail, RepSide as Side, HoldDetail } from '../../core/check/exercise';
export type { VisibilityProblem } from '../../core/check/visibility';
export type { CoachSession, Phase, SessionOutput, SessionEvent } from '../../core/pipeline';
import type { SessionEvent } from '../../core/pipeline';
/** A rep attempt the core saw and did not count, with the reason. */
export type NotCountedEvent = Extract<SessionEvent, { type: 'not-counted' }>;
