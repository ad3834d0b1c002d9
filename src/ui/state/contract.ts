/**
 * The one place the UI touches the core API (TEAM.md contract). Components import types and
 * functions from here only, so a difference between the contract and what core built is
 * absorbed in this file.
 */
import type { Joint, PoseFrame } from '../../core/pose';

export type { Joint, PoseFrame };
export type Side = 'left' | 'right' | 'both';
export type ExerciseId =
  | 'bridge'
  | 'bridge-back-muscle'
  | 'straight-leg-raise'
  | 'hamstring-stretch'
  | 'glute-stretch'
  | 'sit-up'
  | 'waist-twist'
  | 'press-up'
  | 'knee-to-chest';

export interface Prescription {
  sets: number;
  reps?: number;
  holdS?: number;
  sides: Side[];
  timesPerDay?: number;
}

export interface Exercise {
  id: ExerciseId | string;
  title: string;
  camera: 'side' | 'front';
  position: 'supine' | 'prone' | 'standing' | 'sitting';
  kind: 'reps' | 'hold';
  perSide: boolean;
  howTo: string[];
  caution?: string;
  defaults: Prescription;
}

export type Phase = 'setup' | 'ready' | 'active' | 'paused' | 'done';

export interface RepDetail {
  index: number;
  side: Side;
  startS?: number;
  peakS?: number;
  endS?: number;
  holdS?: number;
  score: number;
  faults: string[];
}

export interface VisibilityProblem {
  kind: 'no-person' | 'not-visible' | 'wrong-view' | 'too-close' | 'too-far';
  joints?: Joint[];
  message: string;
}

export interface SessionOutput {
  tMs: number;
  phase: Phase;
  reps: { left: number; right: number; both: number; total: number };
  hold: { side: Side; elapsedS: number; targetS: number; running: boolean } | null;
  setProgress: { set: number; sets: number; target: number };
  cue: { id: string; text: string; priority: number; isNew: boolean } | null;
  visibility: { ok: boolean; problem?: VisibilityProblem };
  watchingSide: Side | null;
  angles: Record<string, number | null>;
  lastRep: RepDetail | null;
  smoothed: PoseFrame | null;
}

export interface CoachSession {
  push(frame: PoseFrame | null, tMs: number): SessionOutput;
}
