/**
 * Conformance with Google's golden outputs (../shared/data/reference, from pose-detection's own
 * test suite). Same configuration as those tests: default model config (built-in smoothing ON
 * for the video tests, OFF for the still), frames fed with timestamps 33.3333 ms apart, and
 * their tolerances (README there): MoveNet Lightning 60 px; BlazePose full (tfjs) 28 px / 0.19 m
 * on video, 15 px / 0.21 m on the still. Real models from models/, real frames decoded by ffmpeg.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PoseFrame } from '../../src/core/pose';
import { decodeAll, decodeImage, type VideoFrame } from '../../src/cli/decode-video';
import type { ModelId, PoseEstimator } from '../../src/estimate/estimator';
import { createNodeEstimator } from '../../src/estimate/node';
import { BLAZEPOSE_JOINTS, COCO_JOINTS, compare, fmt } from './reference-compare';

const REF = join(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'reference');
// source: pose-detection blazepose_test.ts / movenet_test.ts (simulated 30 fps input)
const SIMULATED_INTERVAL_MS = 33.3333;
// source: ../shared/data/reference/README.md (the reference tests' tolerances)
const TOL = { movenetPx: 60, videoPx: 28, videoM: 0.19, imagePx: 15, imageM: 0.21 } as const;

function readJson<T>(name: string): T {
  return JSON.parse(readFileSync(join(REF, name), 'utf8')) as T;
}

async function runClip(model: ModelId, frames: VideoFrame[], smoothing: boolean): Promise<PoseFrame[]> {
  const est: PoseEstimator = await createNodeEstimator({ model, backend: 'wasm', smoothing });
  const out: (PoseFrame | null)[] = [];
  try {
    for (const [i, f] of frames.entries()) out.push(await est.estimate(f, i * SIMULATED_INTERVAL_MS));
  } finally {
    est.dispose();
  }
  if (out.some((f) => f === null)) throw new Error(`${model}: no pose on ${out.filter((f) => !f).length} frames`);
  return out as PoseFrame[];
}

describe('MoveNet Lightning on pose_1.mp4 (reference: movenet_test.ts)', () => {
  let frames: VideoFrame[];
  beforeAll(async () => {
    frames = await decodeAll(join(REF, 'pose_1.mp4'));
  });

  it('every keypoint within 60 px of the golden output', async () => {
    const named = readJson<Record<string, { x: number; y: number }>[]>('pose_1.json');
    const names = ['nose', 'left_eye', 'right_eye', 'left_ear', 'right_ear', 'left_shoulder', 'right_shoulder',
      'left_elbow', 'right_elbow', 'left_wrist', 'right_wrist', 'left_hip', 'right_hip', 'left_knee', 'right_knee',
      'left_ankle', 'right_ankle'];
    const expected = named.map((f) => names.map((n) => [f[n]!.x, f[n]!.y]));
    const got = await runClip('movenet-lightning', frames, true);
    const s = compare(got, expected, COCO_JOINTS, '2d');
    console.info(`[conformance] MoveNet Lightning pose_1: ${fmt(s, 'px')}`);
    expect(s.maxAbs).toBeLessThanOrEqual(TOL.movenetPx);
  });
});

describe('BlazePose full (tfjs) on pose_squats.mp4 (reference: blazepose_test.ts video)', () => {
  let got: PoseFrame[];
  beforeAll(async () => {
    got = await runClip('blazepose-full', await decodeAll(join(REF, 'pose_squats.mp4')), true);
  });

  it('2D keypoints within 28 px', () => {
    const s = compare(got, readJson<number[][][]>('pose_squats.full.json'), BLAZEPOSE_JOINTS, '2d');
    console.info(`[conformance] BlazePose full pose_squats 2D: ${fmt(s, 'px')}`);
    expect(s.maxAbs).toBeLessThanOrEqual(TOL.videoPx);
  });

  it('3D world keypoints within 0.19 m', () => {
    const s = compare(got, readJson<number[][][]>('pose_squats_3d.full.json'), BLAZEPOSE_JOINTS, '3d');
    console.info(`[conformance] BlazePose full pose_squats 3D: ${fmt(s, 'm', 3)}`);
    expect(s.maxAbs).toBeLessThanOrEqual(TOL.videoM);
  });
});

describe('BlazePose full (tfjs) on pose.jpg (reference: blazepose_test.ts static image)', () => {
  let got: PoseFrame;
  let expected: { landmarks_xy: number[][]; world_landmarks_xyz: number[][] };
  beforeAll(async () => {
    expected = readJson('pose.blazepose.expected.json');
    const [f] = await runClip('blazepose-full', [await decodeImage(join(REF, 'pose.jpg'))], false);
    got = f!;
  });

  it('is the 1000×667 still the reference loads', () => {
    expect([got.width, got.height]).toEqual([1000, 667]);
  });

  it('2D landmarks within 15 px', () => {
    const s = compare([got], [expected.landmarks_xy], BLAZEPOSE_JOINTS, '2d');
    console.info(`[conformance] BlazePose full pose.jpg 2D: ${fmt(s, 'px')}`);
    expect(s.maxAbs).toBeLessThanOrEqual(TOL.imagePx);
  });

  it('3D world landmarks within 0.21 m', () => {
    const s = compare([got], [expected.world_landmarks_xyz], BLAZEPOSE_JOINTS, '3d');
    console.info(`[conformance] BlazePose full pose.jpg 3D: ${fmt(s, 'm', 3)}`);
    expect(s.maxAbs).toBeLessThanOrEqual(TOL.imageM);
  });
});

// The reference suite runs the same still through lite and heavy with the same expected output.
describe.each(['blazepose-lite', 'blazepose-heavy'] as const)('%s (tfjs) on pose.jpg (reference: static image, same golden)', (model) => {
  let got: PoseFrame;
  let expected: { landmarks_xy: number[][]; world_landmarks_xyz: number[][] };
  beforeAll(async () => {
    expected = readJson('pose.blazepose.expected.json');
    const [f] = await runClip(model, [await decodeImage(join(REF, 'pose.jpg'))], false);
    got = f!;
  });
  it('2D within 15 px, 3D within 0.21 m', () => {
    const s2 = compare([got], [expected.landmarks_xy], BLAZEPOSE_JOINTS, '2d');
    const s3 = compare([got], [expected.world_landmarks_xyz], BLAZEPOSE_JOINTS, '3d');
    console.info(`[conformance] ${model} pose.jpg 2D: ${fmt(s2, 'px')}; 3D: ${fmt(s3, 'm', 3)}`);
    expect(s2.maxAbs).toBeLessThanOrEqual(TOL.imagePx);
    expect(s3.maxAbs).toBeLessThanOrEqual(TOL.imageM);
  });
});

describe('no tensor leaks', () => {
  it.each(['movenet-lightning', 'blazepose-full'] as const)('%s keeps tf.memory().numTensors flat', async (model) => {
    const frame = await decodeImage(join(REF, 'pose.jpg'));
    const before = tf.memory().numTensors;
    const est = await createNodeEstimator({ model, backend: 'wasm' });
    await est.estimate(frame, 0);
    const afterFirst = tf.memory().numTensors;
    for (let i = 1; i <= 3; i++) await est.estimate(frame, i * SIMULATED_INTERVAL_MS);
    expect(tf.memory().numTensors).toBe(afterFirst);
    est.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
