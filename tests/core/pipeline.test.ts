import { describe, expect, it } from 'vitest';
import { createSession, type SessionOutput } from '../../src/core/pipeline';
import { exercises } from '../../src/exercises';
import type { PoseFrame } from '../../src/core/pose';
import { bridgeFrame, repProfile, slrFrame, standingFrontFrame, times, type FrameOpts } from './synthetic';

function runFrames(ex: keyof typeof exercises, frames: (PoseFrame | null)[], tMs: number[]) {
  const s = createSession(exercises[ex]);
  const outs: SessionOutput[] = frames.map((f, i) => s.push(f, tMs[i]!));
  s.end();
  return { outs, events: s.events, last: outs[outs.length - 1]! };
}

const bridgeReps = (fps: number, opts: FrameOpts = {}) => {
  const ts = times(fps, 22);
  const p = { restS: 1, riseS: 1, topS: 3.5, lowerS: 1.5 };
  return runFrames('bridge', ts.map((t) => bridgeFrame(t, repProfile(t / 1000, p), opts)), ts);
};

describe('pipeline', () => {
  it('goes setup → ready/active and counts bridge reps from frames', () => {
    const { last, events, outs } = bridgeReps(15);
    expect(last.reps.both).toBe(3);
    expect(outs[0]!.phase).toBe('setup');
    const phases = events.filter((e) => e.type === 'phase').map((e) => (e.type === 'phase' ? e.phase : ''));
    expect(phases).toContain('active');
    const reps = events.flatMap((e) => (e.type === 'rep' ? [e.rep] : []));
    expect(reps.every((r) => r.faults.length === 0)).toBe(true);
  });

  it('gives the same counts at 10 fps and 30 fps', () => {
    const a = bridgeReps(10).events.flatMap((e) => (e.type === 'rep' ? [e.rep] : []));
    const b = bridgeReps(30).events.flatMap((e) => (e.type === 'rep' ? [e.rep] : []));
    expect(a.length).toBe(3);
    expect(b.length).toBe(3);
    a.forEach((r, i) => expect(Math.abs(r.endS - b[i]!.endS)).toBeLessThanOrEqual(0.2));
  });

  it('pauses with a plain message when it cannot see the hips, and never counts blind', () => {
    const ts = times(15, 20);
    const p = { restS: 1, riseS: 1, topS: 3.5, lowerS: 1.5 };
    const frames = ts.map((t) =>
      bridgeFrame(t, repProfile(t / 1000, p), t > 8000 ? { drop: ['leftHip', 'rightHip', 'leftKnee', 'rightKnee'] } : {}),
    );
    const { outs, events, last } = runFrames('bridge', frames, ts);
    expect(last.reps.both).toBe(1);
    expect(last.phase).toBe('paused');
    expect(last.visibility.ok).toBe(false);
    expect(last.visibility.problem?.kind).toBe('not-visible');
    expect(last.visibility.problem?.message).toMatch(/hips/i);
    expect(last.cue?.text).toBe(last.visibility.problem?.message);
    expect(events.some((e) => e.type === 'pause')).toBe(true);
    expect(outs.some((o) => o.phase === 'active')).toBe(true);
  });

  it('says nobody is there for null frames', () => {
    const { last } = runFrames('bridge', [null, null], [0, 66]);
    expect(last.phase).toBe('setup');
    expect(last.visibility.problem?.kind).toBe('no-person');
  });

  it('asks for a side view when a side-view exercise is filmed from the front', () => {
    // The view is advice, not a gate (a floor exercise filmed obliquely is still counted); a
    // person standing in front of the camera is held back by the posture gate.
    const ts = times(15, 3);
    const { last, events } = runFrames('bridge', ts.map((t) => standingFrontFrame(t)), ts);
    expect(events.some((e) => e.type === 'cue' && e.text === 'Turn so that your side faces the camera.')).toBe(true);
    expect(last.gate?.kind).toBe('posture');
    expect(last.gate?.detail).toBe('read as standing');
    expect(last.reps.total).toBe(0);
  });

  describe('which side faces the camera', () => {
    const slr = (opts: FrameOpts) => {
      const ts = times(15, 16);
      const p = { restS: 1, riseS: 1, topS: 5, lowerS: 1 };
      return runFrames('straight-leg-raise', ts.map((t) => slrFrame(t, 40 * repProfile(t / 1000, p), 0, opts)), ts);
    };
    it('head at image-left: the right side faces the camera, the far (left) leg is counted', () => {
      const { last } = slr({});
      expect(last.watchingSide).toBe('right');
      expect(last.reps.left).toBe(2);
      expect(last.reps.right).toBe(0);
    });
    it('the other way round: the left side faces the camera, the far (right) leg is counted', () => {
      const { last } = slr({ headAt: 'right' });
      expect(last.watchingSide).toBe('left');
      expect(last.reps.right).toBe(2);
    });
    it('the same answer when the model swaps its left/right labels', () => {
      const { last } = slr({ swapLabels: true });
      expect(last.watchingSide).toBe('right');
      expect(last.reps.left).toBe(2);
    });
    it('records the peak hip flexion of each rep and a hold per rep', () => {
      const { events } = slr({});
      const reps = events.flatMap((e) => (e.type === 'rep' ? [e.rep] : []));
      expect(reps[0]!.peak).toBeGreaterThan(35);
      expect(reps[0]!.peak).toBeLessThan(45);
      const holds = events.flatMap((e) => (e.type === 'hold' ? [e.hold] : []));
      expect(holds).toHaveLength(2);
      expect(holds[0]!.seconds).toBeGreaterThan(4.5);
    });
  });

  it('gives one cue at a time and never repeats it within the cooldown', () => {
    const ts = times(15, 40);
    // Fast rhythmic bridges: every rep has a short hold.
    const p = { restS: 0.5, riseS: 0.5, topS: 0.3, lowerS: 0.7 };
    const { events } = runFrames('bridge', ts.map((t) => bridgeFrame(t, repProfile(t / 1000, p))), ts);
    const cues = events.flatMap((e) => (e.type === 'cue' ? [e] : []));
    expect(cues.length).toBeGreaterThan(0);
    const byId = new Map<string, number[]>();
    for (const c of cues) byId.set(c.id, [...(byId.get(c.id) ?? []), c.tMs]);
    for (const ts2 of byId.values()) for (let i = 1; i < ts2.length; i++) expect(ts2[i]! - ts2[i - 1]!).toBeGreaterThanOrEqual(8000);
  });
});
