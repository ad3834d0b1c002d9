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
 *   nurse like BlazePose — or both moved, or the primary jumped) → 'following-checker': the checker's
 *   body is the patient's, because MoveNet is the model measured to stay on the exerciser.
 * - While following, both run every frame and the primary is shown only the followed body's part
 *   of the frame (./region.ts: its box and a margin, moved as the body moves). BlazePose's detector
 *   finds a face first, so on the whole frame the nurse's upright face wins every time; shown the
 *   patient's part, it finds the patient, with 3D points MoveNet does not give. Its pose is output
 *   where the checker vouches for it (their trunks agree), otherwise the checker's. The followed
 *   body and the region move with the checker's pose only: a primary that agrees for a while can
 *   still slide onto the other person where the two come close (a partner face to face at the top
 *   of a sit-up), and must not take the region with it.
 * - The checker must stay on the body it was followed on: a body cannot move more
 *   than `continuityTorso` between frames. If the checker's pose jumps (its crop tracking lost a
 *   patient lying flat and locked onto the other person, as measured on the partner sit-up clip),
 *   the checker is reset and run again on the same frame, which makes it look at the whole frame;
 *   if that pose is not the followed body either, the frame is output as null (nobody we can
 *   vouch for). After `continuityMs` without the followed body, any body is accepted again, and the
 *   primary sees the whole frame again.
 * - Once every `lookEveryMs` the primary also looks at the whole frame: when it agrees with the
 *   checker there, the other person has gone and `otherPersonLikely` turns false (and that pose is
 *   output); otherwise the region is looked at too, so every output frame comes from the same view. The following
 *   itself lasts until reset() (a new source or set): with someone else known to be about, every
 *   frame stays checked. (Returning to sparse checks after a second of agreement, as before, let
 *   BlazePose slide onto the partner within one check interval on the partner sit-up clip.)
 * - 'keeping-primary' returns to 'agree' after `releaseChecks` agreeing checks spanning `releaseMs`.
 *
 * The wrapper only reads PoseFrames: it works with any two PoseEstimators (fakes in tests). Its
 * states, counts and tuned numbers are in ./cross-check-options.ts, the trunk comparison in
 * ./trunk-distance.ts.
 */
import type { PoseFrame } from '../core/pose';
import type { BackendInfo, PoseEstimator, Region } from './estimator';
import {
  CROSS_CHECK_DEFAULTS,
  type CrossCheckCounts,
  type CrossCheckOptions,
  type CrossCheckState,
  type CrossCheckStatus,
} from './cross-check-options';
import { trunkDistance } from './trunk-distance';
import { regionAround, regionStale } from './region';

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
    regionFrames: 0,
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
  /** While following: the part of the frame the primary is shown (the followed body's), and when the checker last gave a pose. */
  let region: Region | null = null;
  let checkerSeenMs = -Infinity;
  /** What the primary's own tracking last looked at (null: the whole frame), and when it last saw the whole frame while following. */
  let primaryView: Region | null = null;
  let lastWholeMs: number | null = null;
  /** The primary's last look at the whole frame while following found the followed body (the other person has gone). */
  let wholeAgrees = false;
  /** Whose pose the last frame output while following. */
  let lastOutput: 'primary' | 'checker' = 'checker';

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
    region = null;
    lastWholeMs = null;
    wholeAgrees = false;
    if (next === 'following-checker' || next === 'keeping-primary') counts.confirmedDisagreements++;
    if (next === 'following-checker') counts.switchesToChecker++;
  }

  /** The two have agreed on one body for as long as it takes to return to agreement. */
  function established(): boolean {
    return agreeRun !== null && agreeRun.n >= o.releaseChecks && (lastAgreed?.tMs ?? -Infinity) - agreeRun.firstMs >= o.releaseMs;
  }

  /**
   * Who jumped? Neither, when both trunks are still within `continuityTorso` of where they last
   * agreed (however long ago; a body does not move further between two checks, a jump to another
   * body does): they are on the one body they agreed on and read it apart, so nothing changes.
   * Measured live on the ball-squeeze bridges filmed from the feet: BlazePose's hips rose with the
   * lift (0.75 torso in 0.2 s) while MoveNet's stayed, and the coach followed MoveNet's wrong hips
   * for the rest of the set (1 of 3 counted). Keep the primary if the checker left that body and
   * the primary did not. Otherwise follow the checker.
   */
  function decide(first: Seen): CrossCheckState {
    if (!lastAgreed || !established()) return 'following-checker';
    const movedP = lastAgreed.primary && first.primary ? trunkDistance(first.primary, lastAgreed.primary, o.minScore) : null;
    const movedC = lastAgreed.checker && first.checker ? trunkDistance(first.checker, lastAgreed.checker, o.minScore) : null;
    if (movedP !== null && movedC !== null && movedP <= o.continuityTorso && movedC <= o.continuityTorso) return 'agree';
    if (first.tMs - lastAgreed.tMs > o.continuityMs) return 'following-checker';
    if (movedP !== null && movedP <= o.continuityTorso && (movedC === null || movedC > o.continuityTorso)) return 'keeping-primary';
    return 'following-checker';
  }

  /** Compare the two poses of a check: counted, remembered, and the verdict. */
  function check(p: PoseFrame | null, c: PoseFrame | null, tMs: number): Verdict {
    counts.checks++;
    lastCheckMs = tMs;
    const d = p && c ? trunkDistance(p, c, o.minScore) : null;
    const verdict: Verdict = d === null ? 'inconclusive' : d <= o.agreeTorso ? 'agree' : 'disagree';
    if (d !== null) lastDistance = d;
    if (verdict === 'agree') counts.agreeingChecks++;
    else if (verdict === 'disagree') counts.disagreeingChecks++;
    else counts.inconclusiveChecks++;
    return verdict;
  }

  /**
   * Following the checker's body (the primary was on someone else): both models run on every frame,
   * the primary shown only the followed body's part of the frame (./region.ts). The primary's pose
   * (with its 3D points) is output where the checker vouches for it (their trunks agree); otherwise
   * the checker's pose.
   */
  async function follow(input: unknown, tMs: number): Promise<PoseFrame | null> {
    const c = await stayOnFollowed(input, tMs, await callChecker(input, tMs));
    let p: PoseFrame | null = null;
    let verdict: Verdict = 'inconclusive';
    // Once per lookEveryMs the whole frame: is the other person still in view? (With no region, every frame.)
    const look = !region || lastWholeMs === null || tMs < lastWholeMs || tMs - lastWholeMs >= o.lookEveryMs;
    if (look) {
      lastWholeMs = tMs;
      p = await runPrimary(input, tMs, null);
      verdict = check(p, c, tMs);
      wholeAgrees = verdict === 'agree';
    }
    if (region && !(look && wholeAgrees)) {
      counts.regionFrames++;
      p = await runPrimary(input, tMs, region);
      verdict = check(p, c, tMs);
    }
    const vouched = verdict === 'agree';
    const out = vouched ? p : c;
    lastOutput = vouched ? 'primary' : 'checker';
    if (!vouched) counts.followingFrames++;
    keepFollowing(c, vouched ? p : null, tMs);
    return out;
  }

  /** Run the primary on `view` (null: the whole frame); its tracking starts afresh whenever what it looks at changes. */
  async function runPrimary(input: unknown, tMs: number, view: Region | null): Promise<PoseFrame | null> {
    if (view !== primaryView) {
      primary.reset();
      primaryView = view;
    }
    return view ? primary.estimate(input, tMs, view) : primary.estimate(input, tMs);
  }

  /**
   * The followed body moves on with the checker's pose on it (never with the primary's alone, which
   * would let the two slide together onto someone else); the region with it and the primary's pose
   * where the checker vouched for it. Nobody for continuityMs → the whole frame again.
   */
  function keepFollowing(c: PoseFrame | null, vouchedP: PoseFrame | null, tMs: number) {
    const ref = followedRef(tMs);
    if (c && trunkDistance(c, ref ?? c, o.minScore) !== null) followed = { tMs, pose: c };
    if (c) {
      checkerSeenMs = tMs;
      const both = vouchedP ? [vouchedP] : [];
      const next = !region || regionStale(region, c, ...both) ? regionAround(c, ...both) : null;
      if (next) region = next;
    } else if (region && (tMs - checkerSeenMs > o.continuityMs || tMs < checkerSeenMs)) region = null;
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
            const next = decide(run.first);
            enter(next, t);
            // One body read apart: the agreement stands.
            if (next !== 'agree') agreeRun = null;
          }
        } else {
          // Agreement or an inconclusive check breaks the run: a disagreement must be seen on consecutive checks.
          enter('agree', t);
        }
        break;
      // 'following-checker' never comes here: follow() keeps it until reset() (see the file comment).
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
        otherPersonLikely: (state === 'following-checker' && !wholeAgrees) || state === 'keeping-primary',
        output: state === 'following-checker' ? lastOutput : 'primary',
        primary: primary.model,
        checker: checker.model,
        sinceMs,
        lastDistance,
        region,
        counts: { ...counts },
      };
    },
    async estimate(input: unknown, tMs: number): Promise<PoseFrame | null> {
      counts.frames++;
      sinceMs ??= tMs;
      if (state === 'following-checker') return follow(input, tMs);
      const p = await runPrimary(input, tMs, null);
      if (!checkDue(tMs)) return p;
      const c = await callChecker(input, tMs);
      const verdict = check(p, c, tMs);
      step({ tMs, primary: p, checker: c }, verdict);
      if ((state as CrossCheckState) === 'following-checker') {
        // Switched: the checker's pose now, and the primary shown only this body's part of the frame from the next frame on.
        counts.followingFrames++;
        lastOutput = 'checker';
        keepFollowing(c, null, tMs);
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
      region = null;
      checkerSeenMs = -Infinity;
      lastOutput = 'checker';
      primaryView = null;
      lastWholeMs = null;
      wholeAgrees = false;
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
