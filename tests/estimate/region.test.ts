/** The part of the frame the cross-check shows the primary (src/estimate/region.ts). */
import { describe, expect, it } from 'vitest';
import { emptyJoints, type Joint, type PoseFrame } from '../../src/core/pose';
import { REGION_EDGE, REGION_MARGIN, regionAround, regionStale } from '../../src/estimate/region';

function pose(points: Partial<Record<Joint, [number, number, number?]>>, width = 640, height = 360): PoseFrame {
  const joints = emptyJoints();
  for (const [j, [x, y, score]] of Object.entries(points)) joints[j as Joint] = { x, y, score: score ?? 0.9 };
  return { tMs: 0, width, height, joints };
}

/** A body lying across 200-400 px, 200-250 px high. */
const LYING = pose({ nose: [200, 210], leftShoulder: [240, 220], leftHip: [320, 230], leftKnee: [360, 240], leftAnkle: [400, 250] });

describe('regionAround', () => {
  it('is the box of the seen points grown by REGION_MARGIN of its longer side', () => {
    const m = REGION_MARGIN * 200;
    expect(regionAround(LYING)).toEqual({ x: 200 - m, y: 210 - m, width: 200 + 2 * m, height: 40 + 2 * m });
  });

  it('leaves out points scored under 0.3, takes in a second model’s points, and stays inside the frame', () => {
    const lowAnkle = pose({ ...Object.fromEntries(Object.entries(LYING.joints).filter(([, k]) => k.score > 0).map(([j, k]) => [j, [k.x, k.y]])), rightAnkle: [600, 20, 0.2] });
    expect(regionAround(lowAnkle)).toEqual(regionAround(LYING));
    const raisedLeg = pose({ rightAnkle: [380, 120] });
    const both = regionAround(LYING, raisedLeg)!;
    expect(both.y).toBeLessThan(120);
    const edge = regionAround(pose({ nose: [5, 5], leftShoulder: [40, 20], leftHip: [120, 30], leftAnkle: [630, 350] }))!;
    expect(edge).toEqual({ x: 0, y: 0, width: 640, height: 360 });
  });

  it('is null without a trunk’s worth of seen points', () => {
    expect(regionAround(pose({ nose: [200, 210], leftShoulder: [240, 220], leftHip: [320, 230] }))).toBeNull();
  });
});

describe('regionStale', () => {
  const r = regionAround(LYING)!;
  it('keeps a region while the body stays well inside it', () => {
    expect(regionStale(r, LYING)).toBe(false);
  });

  it('moves it when a point nears an edge that is not the frame’s, or the body shrinks to under half of it', () => {
    const e = REGION_EDGE * Math.max(r.width, r.height);
    const legUp = pose({ ...Object.fromEntries(Object.entries(LYING.joints).filter(([, k]) => k.score > 0).map(([j, k]) => [j, [k.x, k.y]])), leftAnkle: [380, r.y + e / 2] });
    expect(regionStale(r, legUp)).toBe(true);
    const small = pose({ nose: [290, 225], leftShoulder: [295, 226], leftHip: [300, 228], leftAnkle: [310, 230] });
    expect(regionStale(r, small)).toBe(true);
  });
});
