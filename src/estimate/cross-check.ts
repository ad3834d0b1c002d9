/**
 * withCrossCheck(primary, checker): a second, cheaper model checks that the primary model is on
 * the patient's body.
 *
 * Why: BlazePose (the default) follows or merges with a second person who is in view from the
 * first frame (a nurse behind the bed, a partner holding the feet), with high scores, while
 * MoveNet Lightning stays on the exerciser (docs/clinical-basis.md#pose-measurements). core's identity lock
 * catches a jump to another body mid-session, but not a model that is on the wrong body from the
 * start. Two models that put the trunk in the same place are very likely on the same body; when
 * they do not, one of them is on someone else.
 *
 * How:
 * - The primary runs every frame. While the two agree, the checker runs only every
 *   `checkEveryMs` of frame time (tMs; no clock is read), so it adds little on average.
 * - Agreement: the mid-shoulder and mid-hip of the two poses (only shoulders/hips scored
 *   ≥ `minScore` by both, left/right labels allowed to be swapped) lie within `agreeTorso` of the
 *   checker's torso length. No shared shoulder or hip → the check is inconclusive (counts neither way).
 * - One disagreeing check → 'suspect': the checker runs every frame; a disagreement confirmed on
 *   `confirmChecks` consecutive checks spanning `confirmMs` is acted on (hysteresis). While suspect,
 *   the primary's pose is output if the two had an established agreement (below) — a glitch of
 *   either model changes nothing — and otherwise null: at the start nobody can be vouched for yet,
 *   and showing core the wrong body first would make its identity lock treat the patient as the
 *   other person (it pauses 4 s before following a new body).
 * - Who is the patient: if the two had agreed for a while (an established agreement: as many checks
 *   and as long as it takes to return to agreement, `releaseChecks` over `releaseMs`), up to shortly
 *   before (`continuityMs`), and only the checker's body moved away from where both were (more than
 *   `continuityTorso`) while the primary's stayed, the checker jumped → 'keeping-primary' (output the
 *   primary). Otherwise (no established agreement — wrong from frame one; a single agreeing check at
 *   the start is not enough: on the nursing-bed clip MoveNet's first, whole-frame look merged with the
 *   nurse like BlazePose — or both moved, or the primary jumped) → 'following-checker': output the
 *   checker's pose, because that is the model measured to stay on the exerciser.
 * - While following, the checker must stay on the body it was followed on: a body cannot move more
 *   than `continuityTorso` between frames. If the checker's pose jumps (its crop tracking lost a
 *   patient lying flat and locked onto the other person, as measured on the partner sit-up clip),
 *   the checker is reset and run again on the same frame, which makes it look at the whole frame;
 *   if that pose is not the followed body either, the frame is output as null (nobody we can
 *   vouch for). After `continuityMs` without the followed body, any body is accepted again.
 * - While disagreeing, both run every frame; after `releaseChecks` agreeing checks spanning
 *   `releaseMs` the wrapper returns to 'agree' and the primary's pose.
 *
 * The wrapper only reads PoseFrames: it works with any two PoseEstimators (fakes in tests). Its
 * states, counts and tuned numbers are in ./cross-check-options.ts, the trunk comparison in
 * ./trunk-distance.ts.
 */
import type { PoseFrame } from '../core/pose';
import type { BackendInfo, PoseEstimator } from './estimator';
import {
  CROSS_CHECK_DEFAULTS,
  type CrossCheckCounts,
  type CrossCheckOptions,
  type CrossCheckState,
  type CrossCheckStatus,
} from './cross-check-options';
import { trunkDistance } from './trunk-distance';

export { CROSS_CHECK_DEFAULTS, trunkDistance };
export type { CrossCheckCounts, CrossCheckOptions, CrossCheckState, CrossCheckStatus };

/** A pose estimator wrapped by withCrossCheck: the same interface plus its current status. */
export interface CrossCheckedEstimator extends PoseEstimator {
  readonly crossCheck: CrossCheckStatus;
}

type Verdict = 'agree' | 'disagree' | 'inconclusive';

interface Seen {
  tMs: number;
  primary: PoseFrame | null;
  checker: PoseFrame | null;
}

/**
 * Wrap `primary` so that `checker` keeps it on the patient (see the file comment). The result is a
 * PoseEstimator (model and backend are the primary's) with a `crossCheck` status. reset() resets
 * both models and the state; dispose() disposes both.
 */
export function withCrossCheck(primary: PoseEstimator, checker: PoseEstimator, options: CrossCheckOptions = {}): CrossCheckedEstimator {
  const o: Required<CrossCheckOptions> = { ...CROSS_CHECK_DEFAULTS, ...stripUndefined(options) };
  const counts: CrossCheckCounts = {
    frames: 0,
    checks: 0,
    checkerCalls: 0,
    checkerResets: 0,
    rejectedFrames: 0,
    agreeingChecks: 0,
    disagreeingChecks: 0,
    inconclusiveChecks: 0,
    followingFrames: 0,
    confirmedDisagreements: 0,
    switchesToChecker: 0,
  };
  let state: CrossCheckState = 'agree';
  let sinceMs: number | null = null;
  let lastCheckMs: number | null = null;
  let lastDistance: number | null = null;
  /** The last check where both agreed, and since when they have agreed without a disagreeing check between. */
  let lastAgreed: Seen | null = null;
  let agreeRun: { firstMs: number; n: number } | null = null;
  /** The current run of consecutive disagreeing (suspect) or agreeing (while disagreeing) checks. */
  let run: { first: Seen; n: number } | null = null;
  /** While following the checker: its last pose on the followed body. */
  let followed: { tMs: number; pose: PoseFrame } | null = null;

  async function callChecker(input: unknown, tMs: number): Promise<PoseFrame | null> {
    counts.checkerCalls++;
    return checker.estimate(input, tMs);
  }

  /** The followed body, if seen recently enough to compare with. */
  function followedRef(tMs: number): PoseFrame | null {
    return followed && tMs >= followed.tMs && tMs - followed.tMs <= o.continuityMs ? followed.pose : null;
  }

  /** Keep the checker on the followed body: reset and re-run it when its pose jumps; null if still elsewhere. */
  async function stayOnFollowed(input: unknown, tMs: number, c: PoseFrame | null): Promise<PoseFrame | null> {
    const ref = followedRef(tMs);
    if (!ref || !c) return c;
    const moved = trunkDistance(c, ref, o.minScore);
    if (moved === null || moved <= o.continuityTorso) return c;
    counts.checkerResets++;
    checker.reset();
    const fresh = await callChecker(input, tMs);
    const movedFresh = fresh ? trunkDistance(fresh, ref, o.minScore) : null;
    if (fresh && movedFresh !== null && movedFresh <= o.continuityTorso) return fresh;
    counts.rejectedFrames++;
    return null;
  }

  function enter(next: CrossCheckState, tMs: number) {
    if (next === state) return;
    state = next;
    sinceMs = tMs;
    run = null;
    followed = null;
    if (next === 'following-checker' || next === 'keeping-primary') counts.confirmedDisagreements++;
    if (next === 'following-checker') counts.switchesToChecker++;
  }

  /** The two have agreed on one body for as long as it takes to return to agreement. */
  function established(): boolean {
    return agreeRun !== null && agreeRun.n >= o.releaseChecks && (lastAgreed?.tMs ?? -Infinity) - agreeRun.firstMs >= o.releaseMs;
  }

  /** Who jumped? Keep the primary only if the checker left the body both agreed on and the primary did not. */
  function decide(first: Seen): 'following-checker' | 'keeping-primary' {
    if (lastAgreed && established() && first.tMs - lastAgreed.tMs <= o.continuityMs) {
      const movedP = lastAgreed.primary && first.primary ? trunkDistance(first.primary, lastAgreed.primary, o.minScore) : null;
      const movedC = lastAgreed.checker && first.checker ? trunkDistance(first.checker, lastAgreed.checker, o.minScore) : null;
      if (movedP !== null && movedP <= o.continuityTorso && (movedC === null || movedC > o.continuityTorso)) return 'keeping-primary';
    }
    return 'following-checker';
  }

  function checkDue(tMs: number): boolean {
    if (state !== 'agree') return true;
    // A first frame, a frame-time step backwards (a seek without reset), or the interval elapsed.
    return lastCheckMs === null || tMs < lastCheckMs || tMs - lastCheckMs >= o.checkEveryMs;
  }

  function step(seen: Seen, verdict: Verdict) {
    const t = seen.tMs;
    if (verdict === 'agree') {
      lastAgreed = seen;
      agreeRun = agreeRun ? { firstMs: agreeRun.firstMs, n: agreeRun.n + 1 } : { firstMs: t, n: 1 };
    }
    switch (state) {
      case 'agree':
        if (verdict === 'disagree') {
          enter('suspect', t);
          run = { first: seen, n: 1 };
        }
        break;
      case 'suspect':
        if (verdict === 'disagree' && run) {
          run.n++;
          if (run.n >= o.confirmChecks && t - run.first.tMs >= o.confirmMs) {
            enter(decide(run.first), t);
            agreeRun = null;
          }
        } else {
          // Agreement or an inconclusive check breaks the run: a disagreement must be seen on consecutive checks.
          enter('agree', t);
        }
        break;
      case 'following-checker':
      case 'keeping-primary':
        if (verdict === 'agree') {
          if (run) run.n++;
          else run = { first: seen, n: 1 };
          if (run.n >= o.releaseChecks && t - run.first.tMs >= o.releaseMs) {
            // The agreement that ended the disagreement is established by the same measure.
            agreeRun = { firstMs: run.first.tMs, n: run.n };
            enter('agree', t);
          }
        } else {
          run = null;
        }
        break;
    }
  }

  const wrapped: CrossCheckedEstimator = {
    model: primary.model,
    get backend(): BackendInfo {
      return primary.backend;
    },
    get crossCheck(): CrossCheckStatus {
      return {
        state,
        otherPersonLikely: state === 'following-checker' || state === 'keeping-primary',
        output: state === 'following-checker' ? 'checker' : 'primary',
        primary: primary.model,
        checker: checker.model,
        sinceMs,
        lastDistance,
        counts: { ...counts },
      };
    },
    async estimate(input: unknown, tMs: number): Promise<PoseFrame | null> {
      counts.frames++;
      sinceMs ??= tMs;
      const p = await primary.estimate(input, tMs);
      if (!checkDue(tMs)) return p;
      const raw = await callChecker(input, tMs);
      const c = state === 'following-checker' ? await stayOnFollowed(input, tMs, raw) : raw;
      counts.checks++;
      lastCheckMs = tMs;
      const d = p && c ? trunkDistance(p, c, o.minScore) : null;
      const verdict: Verdict = d === null ? 'inconclusive' : d <= o.agreeTorso ? 'agree' : 'disagree';
      if (d !== null) lastDistance = d;
      if (verdict === 'agree') counts.agreeingChecks++;
      else if (verdict === 'disagree') counts.disagreeingChecks++;
      else counts.inconclusiveChecks++;
      step({ tMs, primary: p, checker: c }, verdict);
      if (state === 'following-checker') {
        counts.followingFrames++;
        // The followed body moves on with every pose that is comparable with it (or starts here).
        const ref = followedRef(tMs);
        if (c && trunkDistance(c, ref ?? c, o.minScore) !== null) followed = { tMs, pose: c };
        return c;
      }
      if (state === 'suspect' && !established()) {
        counts.rejectedFrames++;
        return null;
      }
      return p;
    },
    reset() {
      primary.reset();
      checker.reset();
      state = 'agree';
      sinceMs = null;
      lastCheckMs = null;
      lastDistance = null;
      lastAgreed = null;
      agreeRun = null;
      run = null;
      followed = null;
    },
    dispose() {
      primary.dispose();
      checker.dispose();
    },
  };
  return wrapped;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
