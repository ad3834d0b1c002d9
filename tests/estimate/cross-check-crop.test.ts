/**
 * The "primary on the patient's crop" path of withCrossCheck (src/estimate/crop.ts, crop-input.ts),
 * with fake estimators that read real pixels: frames are RGB RawFrames with the patient's trunk painted
 * as a red bar; the fake primary, like BlazePose with a nurse in view, returns the other person on the
 * whole frame, and on any smaller image returns a lying body centred on the red bar it finds there.
 * So a pose comes back at the patient's whole-frame position only if the crop was cut from the right
 * pixels and mapped back by the right offset.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { emptyJoints, JOINTS, type Joint, type PoseFrame, type WorldPoint } from '../../src/core/pose';
import { cropBox, poseFromCrop, CROP_DEFAULTS } from '../../src/estimate/crop';
import { cropInput, cropRawFrame } from '../../src/estimate/crop-input';
import { withCrossCheck } from '../../src/estimate/cross-check';
import type { ModelId, PoseEstimator, RawFrame } from '../../src/estimate/estimator';

const W = 640;
const H = 360;
const TORSO = 100; // px
const FRAME_MS = 1000 / 15;

interface Body {
  cx: number;
  cy: number;
}
const PATIENT: Body = { cx: 300, cy: 250 };
/** A second person 1.5 torso lengths away (a nurse behind the bed). */
const OTHER: Body = { cx: 330, cy: 100 };

/** A lying body (mid-shoulder half a torso left of the centre, mid-hip half a torso right), in a w × h image. */
function lying(b: Body, tMs: number, w: number, h: number, extras = false): PoseFrame {
  const j = emptyJoints();
  j.leftShoulder = { x: b.cx - TORSO / 2, y: b.cy - 4, score: 0.9 };
  j.rightShoulder = { x: b.cx - TORSO / 2, y: b.cy + 4, score: 0.9 };
  j.leftHip = { x: b.cx + TORSO / 2, y: b.cy - 4, score: 0.9 };
  j.rightHip = { x: b.cx + TORSO / 2, y: b.cy + 4, score: 0.9 };
  const frame: PoseFrame = { tMs, width: w, height: h, joints: j };
  if (extras) {
    // What only BlazePose gives: a heel, and 3D world points.
    j.leftHeel = { x: b.cx + 2.2 * TORSO, y: b.cy, score: 0.8 };
    const world = {} as Record<Joint, WorldPoint>;
    JOINTS.forEach((name, i) => (world[name] = { x: i / 100, y: -i / 50, z: 0.1 }));
    frame.world = world;
  }
  return frame;
}

/** An RGB frame, black, with the patient's trunk painted red (x cx ± torso/2, y cy ± 4, inclusive). */
function frameWithPatient(b: Body = PATIENT): RawFrame {
  const data = new Uint8Array(W * H * 3);
  for (let y = b.cy - 4; y <= b.cy + 4; y++) for (let x = b.cx - TORSO / 2; x <= b.cx + TORSO / 2; x++) data[(y * W + x) * 3] = 255;
  return { data, width: W, height: H };
}

/** Centre of the red pixels in an RGB frame, or null. */
function redCentre(f: RawFrame): Body | null {
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (let y = 0; y < f.height; y++) {
    for (let x = 0; x < f.width; x++) {
      if (f.data[(y * f.width + x) * 3] === 255) {
        x0 = Math.min(x0, x);
        x1 = Math.max(x1, x);
        y0 = Math.min(y0, y);
        y1 = Math.max(y1, y);
      }
    }
  }
  return x0 === Infinity ? null : { cx: (x0 + x1) / 2, cy: (y0 + y1) / 2 };
}

interface FakeOptions {
  /** Where the fake puts the body it finds in a crop, relative to the red bar (px). Default on it. */
  offset?: { dx: number; dy: number };
}

/** Like BlazePose with a nurse in view: the other person on the whole frame, the red bar's body on a crop. */
function fakePrimary(model: ModelId, opts: FakeOptions = {}) {
  const calls: { tMs: number; w: number; h: number }[] = [];
  let resets = 0;
  const est: PoseEstimator = {
    model,
    backend: { name: 'fake', software: false },
    async estimate(input, tMs) {
      const f = input as RawFrame;
      calls.push({ tMs, w: f.width, h: f.height });
      if (f.width === W && f.height === H) return lying(OTHER, tMs, W, H, true);
      const c = redCentre(f);
      if (!c) return null;
      const d = opts.offset ?? { dx: 0, dy: 0 };
      return lying({ cx: c.cx + d.dx, cy: c.cy + d.dy }, tMs, f.width, f.height, true);
    },
    reset() {
      resets++;
    },
    dispose() {},
  };
  return { est, calls, resets: () => resets };
}

/** MoveNet: always on the patient, trunk only (no heels, no world points). */
function fakeChecker(body: (tMs: number) => Body = () => PATIENT) {
  const calls: number[] = [];
  const est: PoseEstimator = {
    model: 'movenet-lightning',
    backend: { name: 'fake', software: false },
    async estimate(_input, tMs) {
      calls.push(tMs);
      return lying(body(tMs), tMs, W, H);
    },
    reset() {},
    dispose() {},
  };
  return { est, calls };
}

function times(seconds: number): number[] {
  const out: number[] = [];
  for (let i = 0; i * FRAME_MS < seconds * 1000; i++) out.push(i * FRAME_MS);
  return out;
}

describe('cropBox', () => {
  it('is the confident keypoints’ box plus a torso on every side, the short side widened to minAspect, inside the frame', () => {
    const p = lying(PATIENT, 0, W, H);
    // Keypoints span x 250-350, y 246-254; torso 100 → margin 100.
    expect(cropBox(p)).toEqual({ x: 150, y: 146, width: 300, height: 208 });
    // A low-scored point does not widen it.
    p.joints.leftAnkle = { x: 620, y: 250, score: 0.3 };
    expect(cropBox(p)).toEqual({ x: 150, y: 146, width: 300, height: 208 });
    // A confident ankle does: x 150-720, y 146-354 (570 × 208); the height is widened to half the width
    // (285: y 107.5-392.5) and the box clipped to the 640 × 360 frame.
    p.joints.leftAnkle.score = 0.9;
    expect(CROP_DEFAULTS.minAspect).toBe(0.5);
    expect(cropBox(p)).toEqual({ x: 150, y: 107, width: 490, height: 253 });
  });

  it('also spans the confident keypoints of earlier poses of the body (a raised leg the checker lost), with the current torso as margin', () => {
    const now = lying(PATIENT, 0, W, H);
    const before = lying(PATIENT, 0, W, H);
    before.joints.leftAnkle = { x: 480, y: 150, score: 0.9 };
    before.joints.leftHip.score = 0.1; // its own trunk is not needed
    // x 250-480, y 150-254, margin 100 → x 150-580, y 50-354 (430 × 304).
    expect(cropBox(now, {}, [before])).toEqual({ x: 150, y: 50, width: 430, height: 304 });
    // Without the earlier pose the leg would be cut off.
    expect(cropBox(now)!.x + cropBox(now)!.width).toBeLessThan(480);
  });

  it('is null without a confident shoulder and hip', () => {
    const p = lying(PATIENT, 0, W, H);
    p.joints.leftHip.score = 0.2;
    p.joints.rightHip.score = 0.2;
    expect(cropBox(p)).toBeNull();
  });
});

describe('poseFromCrop', () => {
  it('shifts keypoints by the crop origin, sets the whole frame size, keeps scores and world points, leaves missing points missing', () => {
    const inCrop = lying({ cx: 150, cy: 104 }, 500, 300, 208, true);
    const out = poseFromCrop(inCrop, { x: 150, y: 146, width: 300, height: 208 }, W, H);
    expect(out).toMatchObject({ tMs: 500, width: W, height: H });
    expect(out.joints.leftShoulder).toEqual({ x: 250, y: 246, score: 0.9 });
    expect(out.joints.rightHip).toEqual({ x: 350, y: 254, score: 0.9 });
    expect(out.joints.leftHeel).toEqual({ x: 150 + 220 + 150, y: 104 + 146, score: 0.8 });
    expect(out.joints.nose).toEqual({ x: 0, y: 0, score: 0 });
    expect(out.world).toBe(inCrop.world);
  });
});

describe('cropInput', () => {
  it('copies the box’s pixels out of an RGB RawFrame', () => {
    const f: RawFrame = { data: new Uint8Array(5 * 4 * 3).map((_, i) => i), width: 5, height: 4 };
    const c = cropRawFrame(f, { x: 1, y: 2, width: 3, height: 2 });
    expect(c.width).toBe(3);
    expect(c.height).toBe(2);
    // Pixel (1,2) starts at byte (2·5 + 1)·3 = 33; row 2 of the crop at (3·5 + 1)·3 = 48.
    expect(Array.from(c.data)).toEqual([33, 34, 35, 36, 37, 38, 39, 40, 41, 48, 49, 50, 51, 52, 53, 54, 55, 56]);
  });

  it('keeps RGBA as RGBA and clips a box that leaves the frame', () => {
    const f: RawFrame = { data: new Uint8ClampedArray(4 * 2 * 4).map((_, i) => i), width: 4, height: 2 };
    const c = cropRawFrame(f, { x: 3, y: 1, width: 5, height: 5 });
    expect([c.width, c.height]).toEqual([1, 1]);
    expect(Array.from(c.data)).toEqual([28, 29, 30, 31]);
  });

  const saved = { OffscreenCanvas: globalThis.OffscreenCanvas, ImageBitmap: globalThis.ImageBitmap };
  afterEach(() => {
    Object.assign(globalThis, saved);
  });

  it('browser: draws the box of an ImageBitmap into an OffscreenCanvas of the box’s size', () => {
    const draws: unknown[][] = [];
    class FakeBitmap {
      width = W;
      height = H;
    }
    class FakeOffscreen {
      constructor(
        public width: number,
        public height: number,
      ) {}
      getContext() {
        return { drawImage: (...args: unknown[]) => draws.push(args) };
      }
    }
    Object.assign(globalThis, { ImageBitmap: FakeBitmap, OffscreenCanvas: FakeOffscreen });
    const src = new FakeBitmap();
    const out = cropInput(src, { x: 150, y: 146, width: 300, height: 208 }) as FakeOffscreen;
    expect(out).toBeInstanceOf(FakeOffscreen);
    expect([out.width, out.height]).toEqual([300, 208]);
    expect(draws).toEqual([[src, 150, 146, 300, 208, 0, 0, 300, 208]]);
  });

  it('returns null for an input it cannot cut', () => {
    expect(cropInput(null, { x: 0, y: 0, width: 10, height: 10 })).toBeNull();
    expect(cropInput({ some: 'tensor' }, { x: 0, y: 0, width: 10, height: 10 })).toBeNull();
  });
});

describe('withCrossCheck: the primary on the patient’s crop', () => {
  it('while following the checker, outputs the primary’s crop pose mapped back onto the patient, with heels and world points', async () => {
    const p = fakePrimary('blazepose-full');
    const c = fakeChecker();
    const w = withCrossCheck(p.est, c.est, { crop: true });
    const frame = frameWithPatient();
    const outs: (PoseFrame | null)[] = [];
    for (const t of times(2)) outs.push(await w.estimate(frame, t));
    expect(w.crossCheck).toMatchObject({ state: 'following-checker', output: 'primary-crop' });
    const following = outs.slice(2);
    for (const o of following) {
      expect(o).not.toBeNull();
      expect(o!.width).toBe(W);
      expect(o!.height).toBe(H);
      // Exactly the patient's whole-frame keypoints (the red bar's centre is the patient's trunk centre).
      expect(o!.joints.leftShoulder).toEqual({ x: PATIENT.cx - TORSO / 2, y: PATIENT.cy - 4, score: 0.9 });
      expect(o!.joints.rightHip).toEqual({ x: PATIENT.cx + TORSO / 2, y: PATIENT.cy + 4, score: 0.9 });
      expect(o!.joints.leftHeel).toEqual({ x: PATIENT.cx + 2.2 * TORSO, y: PATIENT.cy, score: 0.8 });
      expect(o!.world?.leftHip).toEqual({ x: JOINTS.indexOf('leftHip') / 100, y: -JOINTS.indexOf('leftHip') / 50, z: 0.1 });
    }
    const n = following.length;
    expect(w.crossCheck.counts).toMatchObject({ followingFrames: n, cropRuns: n, cropFrames: n, cropRejected: 0, cropErrors: 0 });
    // The crop is the patient's box (torso margin), not the whole frame; the primary is reset before and after each crop run.
    const crops = p.calls.filter((k) => k.w !== W);
    expect(crops).toHaveLength(n);
    for (const k of crops) expect([k.w, k.h]).toEqual([300, 208]);
    expect(p.resets()).toBe(2 * n);
  });

  it('falls back to the checker’s pose when the crop pose is not on the checker’s body', async () => {
    // The crop model finds a body a torso away from the red bar (a second body inside the crop).
    const p = fakePrimary('blazepose-full', { offset: { dx: 0, dy: -TORSO } });
    const c = fakeChecker();
    const w = withCrossCheck(p.est, c.est, { crop: true });
    const frame = frameWithPatient();
    const outs: (PoseFrame | null)[] = [];
    for (const t of times(2)) outs.push(await w.estimate(frame, t));
    expect(w.crossCheck).toMatchObject({ state: 'following-checker', output: 'checker' });
    for (const o of outs.slice(2)) {
      expect(o!.joints.leftShoulder).toEqual({ x: PATIENT.cx - TORSO / 2, y: PATIENT.cy - 4, score: 0.9 });
      // The checker's own pose: no heel, no world points.
      expect(o!.joints.leftHeel.score).toBe(0);
      expect(o!.world).toBeUndefined();
    }
    const n = outs.length - 2;
    expect(w.crossCheck.counts).toMatchObject({ cropRuns: n, cropFrames: 0, cropRejected: n });
  });

  it('is off by default: outputs the checker’s pose and never runs the primary on a crop', async () => {
    const p = fakePrimary('blazepose-full');
    const c = fakeChecker();
    const w = withCrossCheck(p.est, c.est);
    const frame = frameWithPatient();
    for (const t of times(2)) await w.estimate(frame, t);
    expect(w.crossCheck).toMatchObject({ state: 'following-checker', output: 'checker' });
    expect(p.calls.every((k) => k.w === W)).toBe(true);
    expect(w.crossCheck.counts.cropRuns).toBe(0);
  });

  it('never runs while the two agree', async () => {
    const p = fakePrimary('blazepose-full');
    const c = fakeChecker(() => OTHER);
    const w = withCrossCheck(p.est, c.est, { crop: true });
    const frame = frameWithPatient();
    for (const t of times(3)) await w.estimate(frame, t);
    expect(w.crossCheck.state).toBe('agree');
    expect(p.calls.every((k) => k.w === W)).toBe(true);
    expect(p.resets()).toBe(0);
    expect(w.crossCheck.counts.cropRuns).toBe(0);
  });

  it('a separate crop estimator leaves the primary’s tracking alone and is reset only when the crop is recut', async () => {
    const p = fakePrimary('blazepose-full');
    const cropModel = fakePrimary('blazepose-full');
    // The patient stays put for 1.5 s, then moves 1.2 torso lengths right (out of the box's inner part).
    const at = (t: number): Body => (t < 1500 ? PATIENT : { cx: PATIENT.cx + 80, cy: PATIENT.cy });
    const c = fakeChecker(at);
    const w = withCrossCheck(p.est, c.est, { crop: { estimator: cropModel.est } });
    const moved = frameWithPatient({ cx: PATIENT.cx + 80, cy: PATIENT.cy });
    const still = frameWithPatient();
    for (const t of times(3)) {
      const o = await w.estimate(t < 1500 ? still : moved, t);
      if (w.crossCheck.state === 'following-checker') {
        expect(o!.joints.leftShoulder.x).toBe(at(t).cx - TORSO / 2);
        expect(w.crossCheck.output).toBe('primary-crop');
      }
    }
    expect(p.resets()).toBe(0);
    expect(p.calls.every((k) => k.w === W)).toBe(true);
    // One reset for the first crop, one when the patient left the first box's inner part.
    expect(cropModel.resets()).toBe(2);
    expect(w.crossCheck.counts.cropFrames).toBe(cropModel.calls.length);
  });
});
