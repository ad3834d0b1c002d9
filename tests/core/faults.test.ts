/**
 * Faults at the core level (pure, frame time only): two people in view (identity lock), the
 * person walking out of view mid-hold, and a long gap in frames (tab hidden, camera stalled).
 * Synthetic streams for the two-person case, the real knee-to-chest record (blazepose-full,
 * tests/fixtures) for holds, and the real two-person records reported as they are.
 */
import { describe, expect, it } from 'vitest';
import { createSession, type SessionOutput } from '../../src/core/pipeline';
import { bodySignature, initialIdentityState, RELOCK_MS, stepIdentity } from '../../src/core/check/identity';
import { recordFrames, replay } from '../../src/core/session/record';
import type { PoseFrame } from '../../src/core/pose';
import { exercises } from '../../src/exercises';
import { fixtures } from '../fixtures';
import { bridgeFrame, repProfile, times, W } from './synthetic';

/** Another, smaller person at the right edge of the picture doing the same movement. */
function otherPerson(f: PoseFrame): PoseFrame {
  const joints = { ...f.joints };
  for (const [j, k] of Object.entries(joints) as [keyof typeof joints, (typeof joints)[keyof typeof joints]][]) {
    joints[j] = { ...k, x: W - 120 + (k.x - 58) * 0.25, y: 120 + k.y * 0.4 };
  }
  return { ...f, joints };
}

const P = { restS: 1.5, riseS: 1, topS: 2, lowerS: 1.5 };
const reps = (events: ReturnType<typeof createSession>['events']) => events.filter((e) => e.type === 'rep').length;

describe('two people in view: identity lock', () => {
  it('the model jumping to a second person (who does a rep) adds no rep and says why', () => {
    const ts = times(15, 30);
    // The patient does bridges; from 12 to 15.5 s the model follows the other person, who does a full bridge.
    const frames = ts.map((t) => {
      const s = t / 1000;
      if (s >= 12 && s < 15.5) return otherPerson(bridgeFrame(t, repProfile(s - 12, { restS: 0, riseS: 1, topS: 1, lowerS: 1 })));
      return bridgeFrame(t, s >= 11 && s < 16 ? 0 : repProfile(s, P));
    });
    const alone = createSession(exercises.bridge);
    ts.forEach((t) => alone.push(bridgeFrame(t, t / 1000 >= 11 && t / 1000 < 16 ? 0 : repProfile(t / 1000, P)), t));
    const s = createSession(exercises.bridge);
    const outs: SessionOutput[] = frames.map((f, i) => s.push(f, ts[i]!));
    expect(reps(alone.events)).toBeGreaterThanOrEqual(3);
    expect(reps(s.events)).toBe(reps(alone.events));
    const during = outs.filter((o) => o.tMs >= 12_600 && o.tMs < 15_500);
    expect(during.every((o) => o.visibility.problem?.kind === 'other-person')).toBe(true);
    expect(during.some((o) => o.phase === 'paused')).toBe(true);
    expect(during.some((o) => /Someone else/.test(o.cue?.text ?? ''))).toBe(true);
    // Counting carries on once the patient is back.
    expect(outs.at(-1)!.visibility.ok).toBe(true);
  });

  it('the patient moving (a rep, a shift on the mat) never trips the lock', () => {
    const ts = times(15, 20);
    let st = initialIdentityState();
    for (const t of ts) {
      const f = bridgeFrame(t, repProfile(t / 1000, P));
      // Slide along the mat by 60 px over the session.
      for (const k of Object.values(f.joints)) k.x += (t / 20_000) * 60;
      const [ns, r] = stepIdentity(st, f, t);
      st = ns;
      expect(r.ok).toBe(true);
    }
  });

  it('when only the other person stays, the lock moves to them after RELOCK_MS and says so', () => {
    const s = createSession(exercises.bridge);
    const ts = times(15, 12);
    for (const t of ts) s.push(t < 3000 ? bridgeFrame(t, 0) : otherPerson(bridgeFrame(t, 0)), t);
    const relock = s.events.find((e) => e.type === 'cue' && e.id === 'relocked');
    expect(relock?.tMs).toBeGreaterThanOrEqual(3000 + RELOCK_MS - 100);
  });

  it('a repeated picture (stop-motion, a low-rate camera) allows the move the person made meanwhile', () => {
    /** The lying body moved up by `dy` torso lengths (a body cannot do that in one 15-fps frame). */
    const moved = (t: number, dy: number): PoseFrame => {
      const f = bridgeFrame(t, 0);
      const torso = bodySignature(f)!.torso;
      for (const k of Object.values(f.joints)) k.y -= dy * torso;
      return f;
    };
    // Fresh pictures every frame: a 1.2-torso jump between two of them is someone else.
    let st = initialIdentityState();
    for (const t of [0, 67, 133, 200]) [st] = stepIdentity(st, moved(t, 0.01 * t), t);
    expect(stepIdentity(st, moved(267, 1.2), 267)[1].ok).toBe(false);
    // The same picture shown for 333 ms (5 frames), then the new pose: the person moved all that time.
    st = initialIdentityState();
    const still = moved(0, 0);
    for (const t of [0, 67, 133, 200, 267]) [st] = stepIdentity(st, { ...still, tMs: t }, t);
    expect(stepIdentity(st, moved(333, 1.2), 333)[1].ok).toBe(true);
  });

  /** The upper body (shoulders, head, arms) turned up about the hips by `deg`: a sit-up; the hips stay; the legs hidden (by a partner holding the feet). */
  const sitUp = (f: PoseFrame, deg: number): PoseFrame => {
    const j = { ...f.joints };
    const hx = (j.leftHip.x + j.rightHip.x) / 2;
    const hy = (j.leftHip.y + j.rightHip.y) / 2;
    const [c, s] = [Math.cos((deg * Math.PI) / 180), Math.sin((deg * Math.PI) / 180)];
    const upper = ['nose', 'leftEye', 'rightEye', 'leftEar', 'rightEar', 'leftShoulder', 'rightShoulder', 'leftElbow', 'rightElbow', 'leftWrist', 'rightWrist'] as const;
    // The head lies toward −x of the hips in these frames: turning it up is a rotation toward −y.
    for (const n of upper) {
      const dx = j[n].x - hx;
      const dy = j[n].y - hy;
      j[n] = { ...j[n], x: hx + c * dx - s * dy, y: hy + s * dx + c * dy };
    }
    for (const n of ['leftKnee', 'rightKnee', 'leftAnkle', 'rightAnkle'] as const) j[n] = { ...j[n], score: 0.1 };
    return { ...f, joints: j };
  };

  it('the patient is known again by the hips after someone else was in view, however far the trunk moved meanwhile', () => {
    // Live, the partner sit-up clip: the model was on the partner for two frames while the patient
    // sat up, then gave no pose for 0.6 s, then found the patient lying back down. The trunk centre
    // had moved a whole torso; the hips, on the floor, had not. Read by the trunk centre the
    // patient was "someone else" until she sat up again, and that rep was lost.
    let st = initialIdentityState();
    // Sat up past the vertical (the trunk leaning over the knees).
    for (const t of [0, 67, 133]) [st] = stepIdentity(st, sitUp(bridgeFrame(t, 0), 100), t);
    const [s1, r1] = stepIdentity(st, otherPerson(bridgeFrame(200, 0)), 200);
    expect(r1.switched).toBe(true);
    [st] = [s1];
    for (const t of [267, 333, 400, 467]) [st] = stepIdentity(st, null, t);
    expect(stepIdentity(st, bridgeFrame(533, 0), 533)[1].ok).toBe(true);
  });

  it('one frame of the model inside the patient\'s outline on someone else does not move the lock to them', () => {
    // Live, the partner sit-up clip: for one frame the model's body lay on the partner kneeling at
    // the patient's feet, inside the patient's outline. The lock took that body as the patient,
    // and the patient herself was "someone else" for the next 4 s.
    const torso = bodySignature(bridgeFrame(0, 0))!.torso;
    const glitch = (t: number): PoseFrame => {
      const f = bridgeFrame(t, 0.02 + t / 100_000);
      // The whole body shifted 1.2 torso lengths toward the feet: its centre still inside the outline.
      for (const k of Object.values(f.joints)) k.x += 1.2 * torso;
      return f;
    };
    // A live picture changes a little every frame (an unchanged one is a repeated picture, which allows more).
    const patient = (t: number) => bridgeFrame(t, 0.02 + t / 100_000);
    let st = initialIdentityState();
    for (const t of [0, 67, 133]) [st] = stepIdentity(st, patient(t), t);
    [st] = stepIdentity(st, glitch(200), 200);
    for (const t of [267, 333, 400]) {
      const [ns, r] = stepIdentity(st, patient(t), t);
      expect(r.ok, `patient at ${t} ms`).toBe(true);
      st = ns;
    }
    // A move that stays (a zoom, a cut) is followed once the next frame confirms it.
    [st] = stepIdentity(st, glitch(467), 467);
    const [, r] = stepIdentity(st, glitch(533), 533);
    expect(r.ok).toBe(true);
    expect(stepIdentity(st, glitch(600), 600)[1].ok).toBe(true);
  });

  it('walking out and someone else walking in after a gap is not flagged (nobody to compare)', () => {
    let st = initialIdentityState();
    [st] = stepIdentity(st, bridgeFrame(0, 0), 0);
    [st] = stepIdentity(st, null, 1000);
    const [, r] = stepIdentity(st, otherPerson(bridgeFrame(3000, 0)), 3000);
    expect(r.ok).toBe(true);
  });

  it('real records with two people in frame (reported, see the comments)', () => {
    // Both are known replay failures (tests/exercises/known-failures.ts). Both records are made with
    // the MoveNet cross-check (src/estimate/cross-check.ts), which outputs the patient's pose when
    // BlazePose is on the other person, so the lock starts on the right body. Partner sit-ups: one
    // jump is flagged (9.1 s, MoveNet's pose slipping toward the partner while the exerciser lies
    // flat) and never relocked to the partner. Nursing-bed SLR: the split screen (28.4 s) is
    // flagged. What the lock guarantees here: never more than the hand count, never a relock to
    // the partner.
    const rows: Record<string, { switches: number; relocks: number; reps: number }> = {};
    for (const ex of ['sit-up', 'straight-leg-raise'] as const) {
      for (const fx of fixtures(ex, { negatives: false })) {
        if (!/two_women|nursing/.test(fx.clip)) continue;
        let st = initialIdentityState();
        let switches = 0;
        let relocks = 0;
        for (const { tMs, frame } of recordFrames(fx.record)) {
          const [ns, r] = stepIdentity(st, frame, tMs);
          st = ns;
          if (r.switched) switches++;
          if (r.relocked) relocks++;
        }
        rows[fx.clip] = { switches, relocks, reps: replay(exercises[ex], fx.record).reps };
      }
    }
    expect(rows.istock_situp_two_women_partner_7reps?.relocks).toBe(0);
    expect(rows.cn_nursing_bed_slr_side_3reps_holds?.switches).toBeGreaterThanOrEqual(1);
    expect(rows.cn_nursing_bed_slr_side_3reps_holds?.reps).toBeLessThanOrEqual(3);
    expect(rows.istock_situp_two_women_partner_7reps?.reps).toBeLessThanOrEqual(6);
    console.log('identity lock on real two-person records:', JSON.stringify(rows));
  });

  it('a body signature needs shoulders and hips', () => {
    const f = bridgeFrame(0, 0, { drop: ['leftHip', 'rightHip'] });
    expect(bodySignature(f)).toBeNull();
  });
});

describe('holds: walking out of view, and gaps in frames', () => {
  const fx = fixtures('knee-to-chest', { negatives: false })[0]!;
  const all = recordFrames(fx.record);
  const ex = exercises['knee-to-chest'];
  // The first hold the core finds in the real record (≈10 s, MANIFEST 1.5).
  const first = replay(ex, fx.record).holds[0]!;
  const mid = (first.startS + first.endS) / 2;

  it('walking out mid-hold: the timer stops while nobody is seen, the set pauses, a hold runs again when back', () => {
    const outFrom = mid * 1000 - 1500;
    const outTo = outFrom + 3000;
    const s = createSession(ex);
    const outs = all.map(({ tMs, frame }) => s.push(tMs >= outFrom && tMs < outTo ? null : frame, tMs));
    const before = outs.filter((o) => o.tMs < outFrom).at(-1)!;
    const gone = outs.filter((o) => o.tMs >= outFrom && o.tMs < outTo);
    expect(before.hold?.running).toBe(true);
    // No time added while out of view: the shown elapsed never exceeds what was held before.
    expect(Math.max(...gone.map((o) => o.hold?.elapsedS ?? 0))).toBeLessThanOrEqual(before.hold!.elapsedS + 0.1);
    expect(gone.some((o) => o.phase === 'paused' && o.visibility.problem?.kind === 'no-person')).toBe(true);
    const back = outs.filter((o) => o.tMs >= outTo && o.tMs < first.endS * 1000);
    expect(back.some((o) => o.hold?.running)).toBe(true);
    expect(back.at(-1)!.phase).not.toBe('paused');
  });

  it('a long gap with no frames at all (tab hidden) adds no phantom hold time', () => {
    const gapFrom = mid * 1000 - 2000;
    const gapMs = 4000;
    // Frames stop for 4 s in the middle of the real hold, then carry on (the person still holding).
    const s = createSession(ex);
    const outs: SessionOutput[] = [];
    for (const { tMs, frame } of all) {
      if (tMs >= gapFrom && tMs < gapFrom + gapMs) continue;
      outs.push(s.push(frame, tMs));
    }
    s.end();
    // No reported hold spans the gap: time nobody saw is never counted as held.
    const holds = s.events.flatMap((e) => (e.type === 'hold' ? [e.hold] : []));
    expect(holds.length).toBeGreaterThanOrEqual(2);
    for (const h of holds) expect(h.startS * 1000 < gapFrom && h.endS * 1000 > gapFrom + gapMs).toBe(false);
    const before = outs.filter((o) => o.tMs < gapFrom).at(-1)!;
    expect(before.hold?.running).toBe(true);
    const after = outs.find((o) => o.tMs >= gapFrom + gapMs)!;
    expect(after.hold?.elapsedS ?? 0).toBeLessThan(1);
  });
});
