// Which of the model's label sets is nearer the camera (left/right labels swap in side views, so the
// coach decides from evidence): 3D points first, else trunk scores, never a raised leg's scores.
import { describe, expect, it } from 'vitest';
import { analyse, newBodyMemory } from '../../src/core/features/body';
import { JOINTS, type Joint, type PoseFrame, type WorldPoint } from '../../src/core/pose';
import { bridgeFrame } from './synthetic';

const near = 'right'; // bridgeFrame with the head at image-left: the right side faces the camera

function withScores(f: PoseFrame, scores: Partial<Record<Joint, number>>): PoseFrame {
  const joints = { ...f.joints };
  for (const [j, s] of Object.entries(scores) as [Joint, number][]) joints[j] = { ...joints[j], score: s };
  return { ...f, joints };
}

function withWorldNear(f: PoseFrame, side: 'left' | 'right'): PoseFrame {
  const world = {} as Record<Joint, WorldPoint>;
  for (const j of JOINTS) world[j] = { x: 0, y: 0, z: j.startsWith(side) ? -0.12 : j.startsWith(side === 'left' ? 'right' : 'left') ? 0.12 : 0 };
  return { ...f, world };
}

describe('near label', () => {
  it('a plain side view: the label set scored higher is the near one', () => {
    const [f] = analyse(bridgeFrame(0, 0.5), newBodyMemory());
    expect(f.nearLabel).toBe(near);
    expect(f.nearSide).toBe('right');
  });

  it('a knee pulled to the chest loses score on the near side: the trunk still decides', () => {
    const frame = withScores(bridgeFrame(0, 0.5), { rightKnee: 0.3, rightAnkle: 0.3 });
    const [f] = analyse(frame, newBodyMemory());
    expect(f.nearLabel).toBe(near);
  });

  it('3D points say which labels are nearer, whatever the scores', () => {
    const frame = withWorldNear(withScores(bridgeFrame(0, 0.5), { rightShoulder: 0.6, rightHip: 0.6, rightKnee: 0.6, rightAnkle: 0.6 }), 'right');
    const [f] = analyse(frame, newBodyMemory());
    expect(f.nearLabel).toBe('right');
    // And with the 3D points the other way round, the other label set.
    const [g] = analyse(withWorldNear(bridgeFrame(0, 0.5), 'left'), newBodyMemory());
    expect(g.nearLabel).toBe('left');
  });
});
