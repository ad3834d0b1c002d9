/**
 * The Kinect v2 → PoseFrame converter of scripts/lib/kinect.ts, on made-up rows (no data
 * needed): joint mapping, image and world axes, scores by tracking state, NaN rows.
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CAMERA,
  KINECT_JOINTS,
  armElevation,
  kinectToPoseFrames,
  lateralTilt,
  parseKeraalKinect,
  parseKimoreCsv,
  shoulderYaw,
  squatDepth,
  type KinectJoint,
} from '../../scripts/lib/kinect';
import { analyse, newBodyMemory } from '../../src/core/features/body';
import { shoulderHipRotation3D } from '../../src/core/features/angles';

type P = [number, number, number];

/** The first converted frame of some rows. */
function first(kin: Parameters<typeof kinectToPoseFrames>[0]) {
  const [f] = kinectToPoseFrames(kin);
  if (!f) throw new Error('no frame');
  return f;
}

/**
 * A person standing 2.5 m in front of the sensor, facing it, in Kinect camera space (x toward
 * the sensor's left = the person's right, y up, z away from the sensor). `turn` rotates the
 * shoulders and arms about the vertical axis (deg, + = toward the person's left).
 */
function standing(turn = 0, hipTurn = 0): Record<KinectJoint, P> {
  const Z = 2.5;
  const rot = (p: P, deg: number): P => {
    // Rotation about the vertical axis through (0, ·, Z). A turn to the person's left brings the
    // right shoulder (x > 0) toward the sensor (z smaller) and the left shoulder away.
    const a = (deg * Math.PI) / 180;
    const dx = p[0];
    const dz = p[2] - Z;
    return [dx * Math.cos(a) + dz * Math.sin(a), p[1], Z - dx * Math.sin(a) + dz * Math.cos(a)];
  };
  const upper = (p: P) => rot(p, turn);
  const lower = (p: P) => rot(p, hipTurn);
  const j: Partial<Record<KinectJoint, P>> = {
    SpineBase: lower([0, -0.3, Z]),
    SpineMid: upper([0, 0, Z]),
    Neck: upper([0, 0.25, Z]),
    Head: upper([0, 0.4, Z]),
    SpineShoulder: upper([0, 0.2, Z]),
    ShoulderLeft: upper([-0.18, 0.2, Z]),
    ShoulderRight: upper([0.18, 0.2, Z]),
    ElbowLeft: upper([-0.2, -0.08, Z]),
    ElbowRight: upper([0.2, -0.08, Z]),
    WristLeft: upper([-0.21, -0.33, Z]),
    WristRight: upper([0.21, -0.33, Z]),
    HipLeft: lower([-0.1, -0.3, Z]),
    HipRight: lower([0.1, -0.3, Z]),
    KneeLeft: [-0.1, -0.72, Z],
    KneeRight: [0.1, -0.72, Z],
    AnkleLeft: [-0.1, -1.12, Z],
    AnkleRight: [0.1, -1.12, Z],
    FootLeft: [-0.1, -1.17, Z - 0.12],
    FootRight: [0.1, -1.17, Z - 0.12],
  };
  for (const n of KINECT_JOINTS) j[n] ??= upper([0, 0, Z]);
  return j as Record<KinectJoint, P>;
}

/** One KIMORE CSV row: x, y, z, state per joint and the trailing empty field. */
function kimoreRow(p: Record<KinectJoint, P>, state: (n: KinectJoint) => number = () => 2): string {
  return KINECT_JOINTS.map((n) => [...p[n], state(n)].join(',')).join(',') + ',';
}
/** One KERAAL row: x, y, z and a quaternion per joint, space-separated. */
function keraalRow(p: Record<KinectJoint, P>): string {
  return KINECT_JOINTS.map((n) => [...p[n], 0, 0, 0, 1].map((v) => v.toFixed(6)).join(' ')).join(' ');
}

describe('Kinect v2 → PoseFrame', () => {
  it('maps the joints by the person\'s own side: their left shoulder is image-right when they face the sensor', () => {
    const { frame } = first(parseKimoreCsv(kimoreRow(standing())));
    expect(frame).not.toBeNull();
    const j = frame!.joints;
    expect(frame!.width).toBe(640);
    expect(frame!.height).toBe(480);
    expect(j.leftShoulder.x).toBeGreaterThan(320);
    expect(j.rightShoulder.x).toBeLessThan(320);
    expect(j.leftHip.x).toBeGreaterThan(j.rightHip.x);
    expect(j.leftAnkle.x).toBeGreaterThan(j.rightAnkle.x);
    // y down: head above shoulders above hips above knees above ankles.
    expect(j.nose.y).toBeLessThan(j.leftShoulder.y);
    expect(j.leftShoulder.y).toBeLessThan(j.leftHip.y);
    expect(j.leftHip.y).toBeLessThan(j.leftKnee.y);
    expect(j.leftKnee.y).toBeLessThan(j.leftAnkle.y);
    // The pinhole projection: u = cx − f·x/z, v = cy − f·y/z.
    const f = DEFAULT_CAMERA.focalPx;
    expect(j.rightShoulder.x).toBeCloseTo(320 - (f * 0.18) / 2.5, 6);
    expect(j.rightShoulder.y).toBeCloseTo(240 - (f * 0.2) / 2.5, 6);
    // Kinect has no eyes, ears or heels: missing, not made up. Its foot point stands for the foot tip.
    for (const n of ['leftEye', 'rightEye', 'leftEar', 'rightEar', 'leftHeel', 'rightHeel'] as const) expect(j[n].score).toBe(0);
    expect(j.leftFootIndex.score).toBe(0.9);
    // The head centre stands in for the nose.
    expect(j.nose.x).toBeCloseTo(320, 6);
    // A standing adult at 2.5 m is a realistic size: 1.5 m of body over 40-70 % of the frame height.
    const tall = (j.leftAnkle.y - j.nose.y) / 480;
    expect(tall).toBeGreaterThan(0.4);
    expect(tall).toBeLessThan(0.7);
  });

  it('world points: hip-centred metres with x right, y down, z away from the camera (BlazePose axes)', () => {
    const { frame } = first(parseKimoreCsv(kimoreRow(standing())));
    const w = frame!.world!;
    expect((w.leftHip.x + w.rightHip.x) / 2).toBeCloseTo(0, 9);
    expect((w.leftHip.y + w.rightHip.y) / 2).toBeCloseTo(0, 9);
    expect((w.leftHip.z + w.rightHip.z) / 2).toBeCloseTo(0, 9);
    expect(w.leftShoulder.x).toBeCloseTo(0.18, 9); // the person's left is image-right
    expect(w.leftShoulder.y).toBeCloseTo(-0.5, 9); // 0.5 m above the hips, y down
    expect(w.leftAnkle.y).toBeCloseTo(0.82, 9);
    expect(w.leftFootIndex.z).toBeCloseTo(-0.12, 9); // toes nearer the camera: z smaller
    expect(w.leftEar).toEqual({ x: 0, y: 0, z: 0 }); // a joint Kinect lacks sits at the hip centre
  });

  it("a turn to the person's left is positive for the core's rotation and for shoulderYaw", () => {
    const frames = kinectToPoseFrames(parseKimoreCsv([kimoreRow(standing(40, 0)), kimoreRow(standing(-40, 0)), kimoreRow(standing(40, 40))].join('\n')));
    const rot = (i: number) => {
      const w = frames[i]!.frame!.world!;
      return shoulderHipRotation3D(w.leftShoulder, w.rightShoulder, w.leftHip, w.rightHip)!;
    };
    expect(rot(0)).toBeCloseTo(40, 6);
    expect(rot(1)).toBeCloseTo(-40, 6);
    expect(rot(2)).toBeCloseTo(0, 6); // hips turned with the shoulders: no rotation between them
    expect(shoulderYaw(frames[0]!.frame!)).toBeCloseTo(40, 6);
    expect(shoulderYaw(frames[2]!.frame!)).toBeCloseTo(40, 6); // against the camera, not the hips
    // Turned to the left, the left shoulder is farther from the camera and the right one nearer.
    expect(frames[0]!.frame!.world!.leftShoulder.z).toBeGreaterThan(0);
  });

  it('the core reads the converted person as standing, in a front view, with every main joint seen', () => {
    const { frame } = first(parseKimoreCsv(kimoreRow(standing())));
    const [f] = analyse(frame!, newBodyMemory());
    expect(f.posture).toBe('standing');
    expect(f.view).toBe('front');
    for (const n of ['leftShoulder', 'rightShoulder', 'leftHip', 'rightHip', 'leftKnee', 'rightKnee', 'leftAnkle', 'rightAnkle', 'leftWrist', 'rightWrist', 'nose'] as const) {
      expect(f.visible[n], n).toBe(true);
    }
  });

  it('scores by tracking state: tracked 0.9, inferred 0.6, not tracked missing; filtered states are rounded', () => {
    const state = (n: KinectJoint) => (n === 'WristLeft' ? 1 : n === 'ElbowLeft' ? 0.95 : n === 'WristRight' ? 0 : n === 'KneeLeft' ? 1.8 : 2);
    const { frame } = first(parseKimoreCsv(kimoreRow(standing(), state)));
    const j = frame!.joints;
    expect(j.leftShoulder.score).toBe(0.9);
    expect(j.leftWrist.score).toBe(0.6);
    expect(j.leftElbow.score).toBe(0.6);
    expect(j.leftKnee.score).toBe(0.9);
    expect(j.rightWrist.score).toBe(0);
  });

  it('NaN rows are frames with nobody in view; times follow the row index at 30 Hz', () => {
    const nanRow = Array.from({ length: 100 }, () => 'NaN').join(',') + ',';
    const csv = [kimoreRow(standing()), nanRow, '', kimoreRow(standing())].join('\r\n');
    const kin = parseKimoreCsv(csv);
    expect(kin).toHaveLength(3); // the blank line is not a frame
    expect(kin[1]).toBeNull();
    const frames = kinectToPoseFrames(kin);
    expect(frames.map((f) => f.tMs)).toEqual([0, 33, 67]);
    expect(frames[1]!.frame).toBeNull();
    expect(frames[2]!.frame).not.toBeNull();
  });

  it('a joint given as NaN or as zeros is missing, and without both hips there are no world points', () => {
    const p = standing();
    const row = kimoreRow(p).split(',');
    const hipR = KINECT_JOINTS.indexOf('HipRight') * 4;
    row[hipR] = row[hipR + 1] = row[hipR + 2] = 'NaN';
    const { frame } = first(parseKimoreCsv(row.join(',')));
    expect(frame!.joints.rightHip.score).toBe(0);
    expect(frame!.joints.leftHip.score).toBe(0.9);
    expect(frame!.world).toBeUndefined();
    p.WristLeft = [0, 0, 0];
    const { frame: g } = first(parseKeraalKinect(keraalRow(p)));
    expect(g!.joints.leftWrist.score).toBe(0);
    expect(g!.joints.rightWrist.score).toBe(0.9);
  });

  it('KERAAL rows (position + quaternion, space-separated) give the same frame as the KIMORE layout', () => {
    const p = standing(25);
    const { frame: a } = first(parseKeraalKinect(keraalRow(p)));
    const { frame: b } = first(parseKimoreCsv(kimoreRow(p)));
    for (const n of ['leftShoulder', 'rightWrist', 'leftAnkle', 'nose'] as const) {
      expect(a!.joints[n].x).toBeCloseTo(b!.joints[n].x, 3);
      expect(a!.joints[n].y).toBeCloseTo(b!.joints[n].y, 3);
      expect(a!.world![n].z).toBeCloseTo(b!.world![n].z, 5);
    }
  });

  it('the plain signals: arms by the sides ≈0°, overhead ≈180°; tilt signed to the person\'s left; squat depth 0 standing', () => {
    const p = standing();
    const { frame: rest } = first(parseKimoreCsv(kimoreRow(p)));
    expect(armElevation(rest!)!).toBeLessThan(10);
    expect(squatDepth(rest!)!).toBeCloseTo(0, 0);
    expect(lateralTilt(rest!)!).toBeCloseTo(0, 6);
    const up = standing();
    up.WristLeft = [-0.18, 0.75, 2.5];
    up.WristRight = [0.18, 0.75, 2.5];
    const { frame: raised } = first(parseKimoreCsv(kimoreRow(up)));
    expect(armElevation(raised!)!).toBeGreaterThan(170);
    // Shoulders shifted toward the person's left (sensor x negative): a tilt to the left.
    const tilt = standing();
    for (const n of ['ShoulderLeft', 'ShoulderRight'] as const) tilt[n] = [tilt[n][0] - 0.1, tilt[n][1], tilt[n][2]];
    const { frame: tilted } = first(parseKimoreCsv(kimoreRow(tilt)));
    expect(lateralTilt(tilted!)!).toBeCloseTo((Math.atan2(0.1, 0.5) * 180) / Math.PI, 6);
  });
});
