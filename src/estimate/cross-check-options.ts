/**
 * The cross-check's states, counters, status and tuned numbers (see ./cross-check.ts for how the
 * check works): types and numbers only.
 */
import type { ModelId } from './model-table';
import type { Region } from './estimator';

/**
 * - 'agree': the two models put the trunk in the same place (or could not be compared); output = primary.
 * - 'suspect': one or more checks disagreed, not yet confirmed; output = primary, checker runs every frame.
 * - 'following-checker': confirmed disagreement, the checker's body is taken as the patient; output = checker.
 * - 'keeping-primary': confirmed disagreement, the checker jumped away from the body both agreed on; output = primary.
 */
export type CrossCheckState = 'agree' | 'suspect' | 'following-checker' | 'keeping-primary';

/** Running totals since the wrapper was made (reset() keeps them). */
export interface CrossCheckCounts {
  /** estimate() calls. */
  frames: number;
  /** Checks (one per frame the checker is run on). */
  checks: number;
  /** Checker calls (a check that re-runs the checker after a reset makes two). */
  checkerCalls: number;
  /** Times the followed checker pose jumped away from the followed body and the checker was reset. */
  checkerResets: number;
  /** Frames output as null: neither model on the followed body, or an unconfirmed disagreement with nothing established. */
  rejectedFrames: number;
  agreeingChecks: number;
  disagreeingChecks: number;
  /** Checks where the trunk could not be compared (no shoulder or no hip scored ≥ minScore by both, or a pose missing). */
  inconclusiveChecks: number;
  /** Frames whose output was the checker's pose. */
  followingFrames: number;
  /** Frames on which the primary was shown only the followed body's part of the frame (./region.ts). */
  regionFrames: number;
  /** Times a disagreement was confirmed (entered 'following-checker' or 'keeping-primary'). */
  confirmedDisagreements: number;
  /** Times the wrapper entered 'following-checker'. */
  switchesToChecker: number;
}

/** A snapshot of the cross-check, fresh object on every read (safe for $state.raw). */
export interface CrossCheckStatus {
  readonly state: CrossCheckState;
  /** The two models are on different bodies (a confirmed disagreement): someone else is probably in view. */
  readonly otherPersonLikely: boolean;
  /** Which model's pose is being output now. */
  readonly output: 'primary' | 'checker';
  readonly primary: ModelId;
  readonly checker: ModelId;
  /** tMs at which the current state began (null before the first frame). */
  readonly sinceMs: number | null;
  /** Trunk distance at the last conclusive check, in the checker's torso lengths (null: none yet). */
  readonly lastDistance: number | null;
  /** The part of the frame (px) the primary is shown while following; null: the whole frame. */
  readonly region: Readonly<Region> | null;
  readonly counts: Readonly<CrossCheckCounts>;
}

export interface CrossCheckOptions {
  /** While agreeing, run the checker once per this many ms of frame time. */
  checkEveryMs?: number;
  /** Trunks closer than this (checker torso lengths) agree. */
  agreeTorso?: number;
  /** Keypoint score needed (in both poses) to use a shoulder or hip. */
  minScore?: number;
  /** Consecutive disagreeing checks, and ms they must span, before acting on a disagreement. */
  confirmChecks?: number;
  confirmMs?: number;
  /** Consecutive agreeing checks, and ms they must span: an agreement that long is established, and ends 'keeping-primary'. */
  releaseChecks?: number;
  releaseMs?: number;
  /** The last agreement tells who jumped only if it is at most this old (ms) at the first disagreeing check (that neither moved, at any age). */
  continuityMs?: number;
  /** A model's trunk that moved more than this (its own torso lengths) since the last agreement has jumped. */
  continuityTorso?: number;
  /** While following: how often (ms of frame time) the primary also looks at the whole frame to see whether the other person has gone. */
  lookEveryMs?: number;
}

export const CROSS_CHECK_DEFAULTS: Readonly<Required<CrossCheckOptions>> = Object.freeze({
  // source: starting point. At 15-20 fps this is one checker call per 7-10 frames (≈ 3-4 ms a frame
  // on top of BlazePose full's 48 ms in wasm), and a second body walking in is seen within half a second.
  checkEveryMs: 500,
  // source: starting point, from geometry. Two models on one body differ by their joint definitions
  // (BlazePose's and COCO's hip points are a fraction of a torso apart), well under half a torso; a
  // second body's trunk (a nurse behind the bed, a partner at the feet) is a torso or more away, and
  // a pose merged from two bodies puts its shoulders or its hips on the other one.
  agreeTorso: 0.5,
  // source: clinical-basis.md#pose-measurements ("near lower body ≥ 0.5" is the visibility criterion used throughout).
  minScore: 0.5,
  // source: starting point. Two more frames of disagreement after the first (≈ 200 ms at 15 fps):
  // rules out a one-frame glitch of either model and costs at most a fifth of a second.
  confirmChecks: 3,
  confirmMs: 130,
  // source: starting point. Switching bodies is costly downstream (core's identity lock pauses on a
  // jump), so return only after a full second of agreement.
  releaseChecks: 5,
  releaseMs: 1000,
  // source: starting point: two check intervals, so the last agreement is at most this old when a
  // disagreement begins during regular checking.
  continuityMs: 1000,
  // source: starting point, from geometry: the fastest trunk movement of these exercises (a sit-up
  // swings the shoulders about 1.5 torso lengths a second) covers < 1 torso in one check interval;
  // a jump to another body covers more.
  continuityTorso: 1,
  // source: starting point. Each look costs a second primary call and two restarts of its tracking;
  // the "someone else is in view" note may stay up to 2 s after the other person has gone.
  lookEveryMs: 2000,
});
