import { describe, expect, it } from 'vitest';
import { JOINTS } from '../../src/core/pose';
import { MODEL_NAME_TO_JOINT, toPoseFrame, type ModelKeypoint } from '../../src/estimate/to-pose-frame';

// pose-detection's keypoint names (constants.ts COCO_KEYPOINTS / BLAZEPOSE_KEYPOINTS).
const COCO = ['nose', 'left_eye', 'right_eye', 'left_ear', 'right_ear', 'left_shoulder', 'right_shoulder', 'left_elbow',
  'right_elbow', 'left_wrist', 'right_wrist', 'left_hip', 'right_hip', 'left_knee', 'right_knee', 'left_ankle', 'right_ankle'];
const BLAZEPOSE = ['nose', 'left_eye_inner', 'left_eye', 'left_eye_outer', 'right_eye_inner', 'right_eye', 'right_eye_outer',
  'left_ear', 'right_ear', 'mouth_left', 'mouth_right', 'left_shoulder', 'right_shoulder', 'left_elbow', 'right_elbow',
  'left_wrist', 'right_wrist', 'left_pinky', 'right_pinky', 'left_index', 'right_index', 'left_thumb', 'right_thumb',
  'left_hip', 'right_hip', 'left_knee', 'right_knee', 'left_ankle', 'right_ankle', 'left_heel', 'right_heel',
  'left_foot_index', 'right_foot_index'];

const kps = (names: string[]): ModelKeypoint[] => names.map((name, i) => ({ name, x: 10 + i, y: 100 + i, z: i / 10, score: 0.5 + i / 100 }));

describe('toPoseFrame', () => {
  it('maps every COCO name to our camelCase joint, heels and feet stay missing', () => {
    const f = toPoseFrame({ keypoints: kps(COCO) }, { tMs: 40, width: 640, height: 480 });
    expect(f.joints.leftKnee).toEqual({ x: 10 + 13, y: 100 + 13, score: 0.5 + 13 / 100 });
    expect(f.joints.rightAnkle.x).toBe(10 + 16);
    expect(f.joints.leftHeel.score).toBe(0);
    expect(f.world).toBeUndefined();
    expect([f.tMs, f.width, f.height]).toEqual([40, 640, 480]);
  });

  it('covers every joint of ours from BlazePose, dropping face and hand points', () => {
    expect(Object.keys(MODEL_NAME_TO_JOINT).sort()).toEqual(BLAZEPOSE.filter((n) => n in MODEL_NAME_TO_JOINT).sort());
    expect(Object.values(MODEL_NAME_TO_JOINT).sort()).toEqual([...JOINTS].sort());
    const f = toPoseFrame({ keypoints: kps(BLAZEPOSE), keypoints3D: kps(BLAZEPOSE) }, { tMs: 0, width: 100, height: 100 });
    expect(f.joints.leftFootIndex.x).toBe(10 + 31);
    expect(f.joints.rightHeel.y).toBe(100 + 30);
    expect(f.joints.leftEye.x).toBe(10 + 2); // not left_eye_inner
    expect(f.world?.leftHip).toEqual({ x: 10 + 23, y: 100 + 23, z: 2.3 });
  });

  it("keeps the model's left as the subject's left for an unmirrored frame", () => {
    const f = toPoseFrame({ keypoints: [{ name: 'left_knee', x: 500, y: 300, score: 0.9 }] }, { tMs: 0, width: 640, height: 480 });
    expect(f.joints.leftKnee.x).toBe(500);
    expect(f.joints.rightKnee.score).toBe(0);
  });

  it('for a mirrored frame swaps sides and flips x (and world x) back', () => {
    const f = toPoseFrame(
      { keypoints: [{ name: 'left_knee', x: 500, y: 300, score: 0.9 }, { name: 'nose', x: 100, y: 50, score: 1 }],
        keypoints3D: [{ name: 'left_knee', x: 0.2, y: 0.4, z: -0.1 }] },
      { tMs: 0, width: 640, height: 480, mirrored: true },
    );
    expect(f.joints.rightKnee).toEqual({ x: 139, y: 300, score: 0.9 });
    expect(f.joints.leftKnee.score).toBe(0);
    expect(f.joints.nose.x).toBe(539);
    expect(f.world?.rightKnee).toEqual({ x: -0.2, y: 0.4, z: -0.1 });
  });

  it('a model shown only part of the frame: its points are shifted back into the whole frame (then mirrored)', () => {
    const kp = { keypoints: [{ name: 'left_knee', x: 50, y: 30, score: 0.9 }] };
    const f = toPoseFrame(kp, { tMs: 0, width: 640, height: 480, offset: { x: 200, y: 100 } });
    expect(f.joints.leftKnee).toEqual({ x: 250, y: 130, score: 0.9 });
    expect([f.width, f.height]).toEqual([640, 480]);
    const m = toPoseFrame(kp, { tMs: 0, width: 640, height: 480, offset: { x: 200, y: 100 }, mirrored: true });
    expect(m.joints.rightKnee).toEqual({ x: 389, y: 130, score: 0.9 });
  });

  it('clamps scores, defaults a missing score to 0 and skips non-finite points', () => {
    const f = toPoseFrame(
      { keypoints: [{ name: 'nose', x: 1, y: 1, score: 1.3 }, { name: 'left_hip', x: 1, y: 1 }, { name: 'right_hip', x: NaN, y: 1, score: 1 }] },
      { tMs: 0, width: 10, height: 10 },
    );
    expect(f.joints.nose.score).toBe(1);
    expect(f.joints.leftHip.score).toBe(0);
    expect(f.joints.rightHip).toEqual({ x: 0, y: 0, score: 0 });
  });
});
