// The straight-leg raise measured from the bed (the other leg), not only from the trunk line
// (clinical-basis.md#straight-leg-raise): a shoulder point that sits on someone else, or a hip
// point placed high on the trunk, tilts the trunk line and hides a real raise.
import { describe, expect, it } from 'vitest';
import { legsApart } from '../../src/core/check/signals';
import { analyse, newBodyMemory } from '../../src/core/features/body';
import { createSession } from '../../src/core/pipeline';
import type { Joint, PoseFrame, WorldPoint } from '../../src/core/pose';
import { exercises } from '../../src/exercises';
import { repProfile, slrFrame, times } from './synthetic';

/** Lower both shoulder points by `deg` about the hip (the legs then read hyperextended at rest): the trunk line tilts, the legs do not move. */
function tiltTrunk(f: PoseFrame, deg: number): PoseFrame {
  const joints = { ...f.joints };
  for (const s of ['leftShoulder', 'rightShoulder'] as const) {
    const hip = joints[s === 'leftShoulder' ? 'leftHip' : 'rightHip'];
    const dx = joints[s].x - hip.x;
    joints[s] = { ...joints[s], y: hip.y - dx * Math.tan((deg * Math.PI) / 180) };
  }
  return { ...f, joints };
}

const features = (f: PoseFrame) => analyse(f, newBodyMemory())[0];

describe('legs apart', () => {
  it('reads the raised leg against the other leg, whatever the trunk line does', () => {
    expect(legsApart(features(slrFrame(0, 35))) ?? NaN).toBeCloseTo(35, 0);
    expect(legsApart(features(tiltTrunk(slrFrame(0, 35), 20))) ?? NaN).toBeCloseTo(35, 0);
    expect(legsApart(features(slrFrame(0, 40, 40))) ?? NaN).toBeCloseTo(0, 0);
  });

  it('the other knee bent with its foot flat is still "down": its hip and ankle are on the bed; unseen ankles give no reading', () => {
    const f = slrFrame(0, 0);
    // The left leg: knee up, foot flat on the bed (hook lying); the right leg straight on the bed.
    const hip = f.joints.leftHip;
    const joints = { ...f.joints, leftKnee: { ...f.joints.leftKnee, x: hip.x + 110, y: hip.y - 90 }, leftAnkle: { ...f.joints.leftAnkle, x: hip.x + 220, y: hip.y } };
    expect(legsApart(features({ ...f, joints })) ?? NaN).toBeLessThan(3);
    const noAnkle = { ...joints, leftAnkle: { ...joints.leftAnkle, score: 0 } };
    expect(legsApart(features({ ...f, joints: noAnkle }))).toBeNull();
  });

  it('in 3D, leaves out the legs spreading sideways (abduction is not a raise)', () => {
    const f = slrFrame(0, 0);
    const world = {} as Record<Joint, WorldPoint>;
    for (const [j, k] of Object.entries(f.joints) as [Joint, { x: number; y: number }][]) {
      world[j] = { x: (k.x - 260) / 300, y: (k.y - 250) / 300, z: j.startsWith('left') ? 0.1 : -0.1 };
    }
    // The left leg swung 30° out to the side (along z), still flat on the bed.
    for (const part of ['Knee', 'Ankle'] as const) {
      const j = `left${part}` as Joint;
      const along = world[j].x - world.leftHip.x;
      world[j] = { ...world[j], x: world.leftHip.x + along * Math.cos(Math.PI / 6), z: world.leftHip.z + along * Math.sin(Math.PI / 6) };
    }
    expect(legsApart(features({ ...f, world })) ?? NaN).toBeLessThan(3);
  });

  it('counts straight-leg raises when the trunk line is tilted 20° by a wrong shoulder point', () => {
    const ts = times(15, 16);
    const p = { restS: 1, riseS: 1, topS: 5, lowerS: 1 };
    const s = createSession(exercises['straight-leg-raise']);
    for (const t of ts) s.push(tiltTrunk(slrFrame(t, 35 * repProfile(t / 1000, p)), 20), t);
    s.end();
    const reps = s.events.flatMap((e) => (e.type === 'rep' ? [e.rep] : []));
    expect(reps).toHaveLength(2);
    for (const r of reps) expect(r.peak).toBeGreaterThan(30);
  });
});
