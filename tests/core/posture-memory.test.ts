// Lying stays lying against legs that merely look steep (clinical-basis.md#engineering "lying stays
// lying"): a bridge's bent legs, or a hand-held camera rolled by 15°, can put the hip well above the
// ankle while the person lies; getting up from the floor raises the trunk first.
import { describe, expect, it } from 'vitest';
import { analyse, newBodyMemory, type BodyMemory } from '../../src/core/features/body';
import { JOINTS, type Joint, type Keypoint, type PoseFrame, type WorldPoint } from '../../src/core/pose';

type Pts = Partial<Record<Joint, [number, number]>>;

/** A side view in metres (x along the body, y down); the far label 0.2 m deeper. 2D = world × 200 px. */
function frame(tMs: number, pts: Pts, unseen: Joint[] = []): PoseFrame {
  const joints = {} as Record<Joint, Keypoint>;
  const world = {} as Record<Joint, WorldPoint>;
  for (const j of JOINTS) {
    const base = j.replace(/^(left|right)/, '');
    const key = (`right${base}` in pts ? `right${base}` : j) as Joint;
    const p = pts[key] ?? pts[j];
    const [x, y] = p ?? [0, 0];
    const z = j.startsWith('left') ? 0.1 : j.startsWith('right') ? -0.1 : 0;
    world[j] = { x, y, z };
    joints[j] = { x: 320 + x * 200, y: 240 + y * 200, score: p && !unseen.some((u) => u.endsWith(base)) ? 0.9 : 0 };
  }
  return { tMs, width: 640, height: 480, joints, world };
}

const TRUNK: Pts = { nose: [-0.7, -0.05], rightEar: [-0.65, 0], rightShoulder: [-0.5, 0], rightHip: [0, 0] };
/** Knees bent, feet on the floor: the hip is level with the ankles. */
const LEGS_DOWN: Pts = { rightKnee: [0.3, -0.3], rightAnkle: [0.6, 0] };
/** The hip seen well above the ankles (a bridge's legs under a rolled camera): 56° from hip to ankle. */
const LEGS_STEEP: Pts = { rightKnee: [0.35, 0.1], rightAnkle: [0.4, 0.6] };

function run(frames: PoseFrame[]): string[] {
  let mem: BodyMemory = newBodyMemory();
  return frames.map((f) => {
    const [features, m] = analyse(f, mem);
    mem = m;
    return features.posture ?? 'none';
  });
}

const at = (n: number, t0 = 0) => Array.from({ length: n }, (_, i) => t0 + i * 67);

describe('posture memory', () => {
  it('legs that look steep from the start: standing (someone bent over, legs under them)', () => {
    const postures = run(at(30).map((t) => frame(t, { ...TRUNK, ...LEGS_STEEP })));
    expect(postures.at(-1)).toBe('standing');
  });

  it('after lying with the legs seen along the floor for over a second, steep-looking legs do not make a standing person', () => {
    const lying = at(20).map((t) => frame(t, { ...TRUNK, ...LEGS_DOWN }));
    const steep = at(20, 20 * 67).map((t) => frame(t, { ...TRUNK, ...LEGS_STEEP }));
    const postures = run([...lying, ...steep]);
    expect(postures.slice(0, 20).every((p) => p === 'lying')).toBe(true);
    expect(postures.slice(20).every((p) => p === 'lying')).toBe(true);
  });

  it('lying for less than a second is not enough', () => {
    const lying = at(8).map((t) => frame(t, { ...TRUNK, ...LEGS_DOWN }));
    const steep = at(10, 8 * 67).map((t) => frame(t, { ...TRUNK, ...LEGS_STEEP }));
    expect(run([...lying, ...steep]).at(-1)).toBe('standing');
  });

  it('a level trunk with the legs out of view is no evidence of lying', () => {
    const unseen = at(20).map((t) => frame(t, { ...TRUNK, ...LEGS_DOWN }, ['rightKnee', 'rightAnkle']));
    const steep = at(10, 20 * 67).map((t) => frame(t, { ...TRUNK, ...LEGS_STEEP }));
    expect(run([...unseen, ...steep]).at(-1)).toBe('standing');
  });

  it('a body out of view for over 2 s starts afresh', () => {
    const lying = at(20).map((t) => frame(t, { ...TRUNK, ...LEGS_DOWN }));
    const steep = at(10, 20 * 67 + 2500).map((t) => frame(t, { ...TRUNK, ...LEGS_STEEP }));
    expect(run([...lying, ...steep]).at(-1)).toBe('standing');
  });
});
