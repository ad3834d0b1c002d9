/**
 * What an exercise is: clinical data (title, camera, position, how-to, caution, default
 * prescription) plus a small checker definition over the body features. Exercises are
 * declared in src/exercises/ with `defineExercise`; thresholds come from the prescription
 * with defaults whose cited sources are in docs/clinical-basis.md.
 */
import type { BodyFeatures, Posture, Side } from '../features/body';
import type { Figure } from '../figure';
import type { Joint } from '../pose';

export type { Side } from '../features/body';
export type { Figure, FigurePose, Keyframe, Pt } from '../figure';

/** An exercise's id (kebab-case). The ids are the registry's (src/exercises/index.ts); core keeps no list. */
export type ExerciseId = string;

/** Which side a rep or hold belongs to: a leg, or both / not sided. */
export type RepSide = Side | 'both';

/** A physio's prescription; every field overrides the exercise default. */
export interface Prescription {
  sets: number;
  /** Reps per set (rep exercises) or holds per side per set (hold exercises). */
  reps?: number;
  /** Seconds to hold (at the top of a rep, or the stretch). */
  holdS?: number;
  sides: ('left' | 'right' | 'both')[];
  timesPerDay?: number;
  /** Named numeric targets (deg, s, cm) that an exercise's checker reads, e.g. liftDeg. */
  targets?: Record<string, number>;
}

/** A named form fault found in a rep or a hold (kebab-case); each exercise declares its own, with words. */
export type FaultId = string;

/** One completed rep, as reported (times in seconds from the start of the stream). */
export interface RepDetail {
  index: number;
  side: RepSide;
  startS: number;
  peakS: number;
  endS: number;
  holdS: number;
  /** 0-100: 100 minus the weight of each fault. */
  score: number;
  faults: FaultId[];
  /** Peak of the counted signal (deg), e.g. the peak hip flexion of a straight-leg raise. */
  peak: number;
  /** Time from the end of the top (last moment within the hold tolerance of the peak) to back down (s). */
  lowerS: number;
}

/** One hold (a stretch, or the top of a rep that reports holds). */
export interface HoldDetail {
  side: RepSide;
  startS: number;
  endS: number;
  seconds: number;
  targetS: number;
  met: boolean;
  /** Mean of the hold's signal while held (deg), e.g. the hip-flexion angle held. */
  angle: number | null;
}

/** One sample of a checker's signal; value null = the joints it needs are not seen. */
export interface SignalSample {
  tMs: number;
  value: number | null;
  side: RepSide | null;
  /** Seen, but not in the exercise's position (ends a rep at its top; nothing can start). */
  outOfPosition?: boolean;
  /**
   * false: the exercise's start position cannot be taken here (a sit-up starts lying down, not
   * seated), so no rep can begin from it; a rep already under way goes on.
   */
  startable?: boolean;
  /** Extra named values watched for faults (deg), null where unseen. */
  aux: Record<string, number | null>;
}

/** What a fault check sees about a finished rep. */
export interface RepSummary {
  peak: number;
  holdS: number;
  lowerS: number;
  durationS: number;
  /** Max and min of each aux value over the rep. */
  auxMax: Record<string, number>;
  auxMin: Record<string, number>;
}

export interface FaultRule {
  id: FaultId;
  /** Points off the rep score. */
  weight: number;
  test: (rep: RepSummary) => boolean;
}

/** A counted movement: up and down through thresholds on one signal. */
export interface RepCounterSpec {
  kind: 'reps';
  /**
   * Absolute thresholds (deg) on the signal; the rep reaches the top at `up` and is back down
   * at `down` (hysteresis: down < up). Either may be omitted when `adaptive` is set.
   */
  up?: number;
  down?: number;
  /**
   * Thresholds relative to the person's own rest level and typical peak, for signals whose
   * range varies between people and views (crunches move the trunk 12-19° in 2D).
   */
  adaptive?: {
    /** Minimum rise above rest (deg) for the top; the clinical floor. */
    minRise: number;
    /** Expected rise (deg) before any rep has been seen. */
    expectedRise: number;
    /** Top at rest + upFraction × typical rise; bottom at rest + downFraction × typical rise. */
    upFraction: number;
    downFraction: number;
  };
  /** Dwell (ms) above `up` before the top counts, and below `down` before the rep ends. */
  minUpMs: number;
  minDownMs: number;
  /** A whole rep shorter than this (ms) is noise. */
  minRepMs: number;
  /** The hold is the time within this many degrees of the rep's peak (default 10). */
  holdTolDeg?: number;
  /** Target top hold (s); `hold-too-short` when shorter. */
  holdTopS?: number;
  /** Report each rep's top as a hold (press-up pauses, leg-raise holds). */
  reportTopAsHold?: boolean;
  faults: FaultRule[];
}

/** An alternating movement counted at each side's extreme (waist twist). */
export interface AlternatingSpec {
  kind: 'alternating';
  /** |signal| at or beyond this (deg) counts a turn to that side (sign: + = left). */
  reach: number;
  /** |signal| back under this (deg) re-arms. */
  rearm: number;
  minReachMs: number;
  faults: FaultRule[];
}

/** A timed position (stretches): held while `ok`, with a short grace for wobble. */
export interface HoldSpec {
  kind: 'hold';
  targetS: number;
  /** A break shorter than this (ms) does not end the hold. */
  graceMs: number;
  /** Holds shorter than this (s) are not reported (noise). */
  minS: number;
}

export type CheckSpec = RepCounterSpec | AlternatingSpec | HoldSpec;

/** The timed hold shared by the lying stretches: the prescription's seconds, with one grace and minimum. */
export function stretchHold(p: Prescription, defaultS: number): HoldSpec {
  return {
    kind: 'hold',
    targetS: p.holdS ?? defaultS,
    graceMs: 1000, // source: starting point (a wobble or a breath is not a break)
    minS: 1.5, // source: clinical-basis.md#engineering "hold minimum" (starting point, chosen once over every held clip)
  };
}

/**
 * The shortest whole rep (ms, from leaving the bottom line to being back under it) that is not
 * noise, for the exercises done as plain reps: two reps a second is faster than anyone lifts the
 * hips, a leg or the trunk. A longer floor (0.8-1 s, as before) threw away real reps done at a
 * brisk tempo: the sit-up clips replayed 1.5 times faster counted 0 of 5 and 4 of 6. Dwell
 * (`minUpMs`, `minDownMs`) is what keeps single frames of jitter out.
 * source: clinical-basis.md#dwell-times "whole rep" (chosen once across all clips, views and tempos)
 */
export const MIN_REP_MS = 500;

/** Dwell times of a bridge rep (ms), shared by the bridge and its back-muscle variant. */
export const BRIDGE_DWELL = {
  minUpMs: 150, // source: starting point (jitter, not a rep)
  minDownMs: 150, // source: starting point
  minRepMs: MIN_REP_MS,
} as const;

/** One cue an exercise can give. `on`: a fault id, or one of the engine's moments. */
export interface CueSpec {
  id: string;
  on: FaultId | 'rep-missed-top' | 'hold-broken' | 'hold-target-reached' | 'start' | 'live';
  say: string;
  priority: number;
  /** For `live` cues: when this is true of the current frame the cue is due. */
  when?: (f: BodyFeatures, s: SignalSample) => boolean;
  /** Cues on the same axis with opposite directions are never given close together. */
  axis?: { name: string; dir: 1 | -1 };
}

/** A plain-language message for a group of joints that must be seen. */
export interface JointNeed {
  joints: Joint[] | ((f: BodyFeatures) => Joint[]);
  /** Enough when any one of the joints is seen (e.g. either knee). */
  any?: boolean;
  message: string;
}

export interface ExerciseDefinition {
  id: ExerciseId;
  title: string;
  /** Place in the programme (1 first); the programme lists exercises by it. */
  order: number;
  /** What the counted signal is, for chart labels ("Hip flexion (counted)"). */
  signalLabel: string;
  /** Every fault this exercise can report (its checker's fault ids), with the plain words shown for it. */
  faults: Readonly<Record<FaultId, string>>;
  /** How the exercise looks: the stick figure on the programme. */
  figure: Figure;
  camera: 'side' | 'front';
  position: 'supine' | 'prone' | 'standing' | 'sitting';
  kind: 'reps' | 'hold';
  perSide: boolean;
  howTo: string[];
  caution?: string;
  defaults: Prescription;
  /** Postures in which the checker runs (the start and the movement). */
  postures: Posture[];
  /** Joints that must be seen, grouped with what to tell the person. */
  needs: JointNeed[];
  /** The counted signal and aux values for this frame (deg). */
  signal: (f: BodyFeatures, p: Prescription) => SignalSample;
  /** Angles shown in the UI traces. */
  angleNames: string[];
  check: (p: Prescription) => CheckSpec;
  cues: CueSpec[];
  /**
   * The exercise's words in other languages, by language id ('zh-CN'), kept in the exercise's
   * own file so that an exercise stays one file. Core never reads them; the UI's i18n layer does
   * (src/ui/i18n/exercise.ts), and a test requires every language to be complete.
   */
  translations?: Readonly<Record<string, ExerciseTexts>>;
}

/** Everything an exercise says to a person, in one language. */
export interface ExerciseTexts {
  title: string;
  signalLabel: string;
  faults: Readonly<Record<FaultId, string>>;
  howTo: string[];
  caution?: string;
  /** Spoken and shown cues, by cue id. */
  cues: Readonly<Record<string, string>>;
  /** The stick figure's keyframe labels, in order. */
  figure: string[];
}

/** An exercise ready for createSession. */
export type Exercise = ExerciseDefinition;

/** Declare an exercise (identity, with type checking). */
export function defineExercise(def: ExerciseDefinition): Exercise {
  return def;
}

/** Merge a partial prescription over an exercise's defaults. */
export function resolvePrescription(ex: Exercise, p?: Partial<Prescription>): Prescription {
  return {
    ...ex.defaults,
    ...(p ?? {}),
    targets: { ...(ex.defaults.targets ?? {}), ...(p?.targets ?? {}) },
  };
}

/** Read a numeric target from the prescription, falling back to the default given. */
export function target(p: Prescription, name: string, fallback: number): number {
  const v = p.targets?.[name];
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}
