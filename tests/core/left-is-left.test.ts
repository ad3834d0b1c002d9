// The model's left/right labels against the person's own sides, from the 3D body (left = superior ×
// anterior, the face giving the front): from any camera, whether the model swapped the labels or not.
import { describe, expect, it } from 'vitest';
import { worldMeasures } from '../../src/core/features/world';
import { JOINTS, type Joint, type WorldPoint } from '../../src/core/pose';

/** A person lying on the back, head toward -x, face up (-y), seen by a camera at the person's right (their right side at -z, nearer). */
function supine(swapLabels: boolean, turnDeg = 0): Record<Joint, WorldPoint> {
  const pts: Partial<Record<Joint, [number, number, number]>> = {
    nose: [-0.65, -0.12, 0], leftEar: [-0.6, 0, 0.07], rightEar: [-0.6, 0, -0.07],
    leftShoulder: [-0.45, 0, 0.18], rightShoulder: [-0.45, 0, -0.18], leftHip: [0, 0, 0.1], rightHip: [0, 0, -0.1],
    leftKnee: [0.45, 0, 0.1], rightKnee: [0.45, 0, -0.1], leftAnkle: [0.9, 0, 0.1], rightAnkle: [0.9, 0, -0.1],
  };
  const a = (turnDeg * Math.PI) / 180;
  const out = {} as Record<Joint, WorldPoint>;
  for (const j of JOINTS) {
    const src = (swapLabels ? (j.startsWith('left') ? j.replace('left', 'right') : j.replace('right', 'left')) : j) as Joint;
    const [x, y, z] = pts[src] ?? [0, 0, 0];
    // The camera turned about the vertical (y) by turnDeg.
    out[j] = { x: x * Math.cos(a) + z * Math.sin(a), y, z: -x * Math.sin(a) + z * Math.cos(a) };
  }
  return out;
}
const all = Object.fromEntries(JOINTS.map((j) => [j, true])) as Record<Joint, boolean>;

describe('leftIsLeft (3D)', () => {
  for (const turn of [0, 45, 90, -60]) {
    it(`labels as the person's sides, camera turned ${turn}°`, () => {
      expect(worldMeasures(supine(false, turn), all, ['right', 'left']).leftIsLeft).toBe(true);
    });
    it(`labels swapped by the model, camera turned ${turn}°`, () => {
      expect(worldMeasures(supine(true, turn), all, ['right', 'left']).leftIsLeft).toBe(false);
    });
  }
  it('no answer without the face', () => {
    expect(worldMeasures(supine(false), { ...all, nose: false }, ['right', 'left']).leftIsLeft).toBeNull();
  });
});
