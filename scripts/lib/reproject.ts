/**
 * Re-projected views of a recorded clip: what the camera would have seen from another angle,
 * made from the clip's own 3D world points (BlazePose world landmarks). Pure math, seeded, no
 * I/O, nothing from tests/. Used by scripts/reproject.ts (files for inspection), the test
 * tests/exercises/reprojected.test.ts and scripts/lib/reproject-eval.ts (bench table).
 *
 * Geometry (all per frame):
 *  - BlazePose world points w (metres) are hip-centred and rotated with the camera: x right,
 *    y down, z away from the camera. "Turn the camera about the vertical" is a rotation about
 *    the vertical of the ORIGINAL scene, in the original camera's coordinates:
 *      gravity 'image': the original camera was level, the vertical is its image y axis;
 *      gravity 'hips': the original camera looked down by e, estimated from the clip
 *        (originalElevation: the hip axis is horizontal, so its y/z in camera coordinates is
 *        -tan e); the vertical is then (0, cos e, sin e). No camera roll is assumed in either.
 *    The floor clips turn out not to be level (e = 11-24°), so the view set uses 'hips'.
 *  - New camera = the original one orbiting the hips: back to level (Rx(e)ᵀ), yaw ψ about the
 *    vertical, raised to e + φ (looking down at the hips), rolled by ρ about its optical axis:
 *        w' = Rz(ρ) · Rx(e + φ) · Ry(ψ) · Rx(e)ᵀ · w        (e = 0 for gravity 'image')
 *    and w' is stored as the new frame's world points (still camera-oriented, like BlazePose's).
 *  - Image: a pinhole camera looking at the hips from distance D_t, focal f_t, principal point
 *    moved so the hip centre lands where it was in the original image (h_t, the 2D mid-hip):
 *        u = h_t + f_t · w'_x / (D_t + w'_z),   v = h_t,y + f_t · w'_y / (D_t + w'_z)
 *    The image scale at the hips, f_t / D_t = s_t (px per metre), is fitted per frame on the
 *    torso (shoulders + hips) by least squares between the original 2D offsets from the hip
 *    centre and the world x, y (u - h ≈ s · w_xy), median-smoothed over ±5 frames, so the body
 *    keeps its image size and position (and a zoom or cut in the clip stays one). f is a phone's
 *    (0.8 × the longer image side, ≈ 65° field of view), D_t = f / s_t, at least 1.2 m (then
 *    f_t = s_t · D_t): so nearer limbs look bigger, as in a real perspective view.
 *  - Reframing: the engine does not see points outside the image, and whoever films from the new
 *    angle frames the whole body; so the view is zoomed out about the image centre, slowly
 *    (over ±1.5 s), as far as keeps the joints in the frame (0.5-1, see reprojectFrames).
 *  - Noise: gaussian, seeded (mulberry32 + Box-Muller), σ = noisePx, or noiseTorso × the torso
 *    length in px (median world torso length × s_t × zoom); the same σ in metres is added to
 *    the world points, so 3D measures see noise too.
 *  - Roll may wobble like a hand-held phone: ρ(t) = rollDeg + rollWobbleDeg · sin(2π·hz·t).
 *  - Scores: each joint keeps its original score (occlusion is not re-modelled: a joint the
 *    model saw poorly stays poorly scored, one it saw well stays well scored even if the new
 *    view would hide it behind the torso). Joints with score 0 (not produced) stay missing.
 *  - Frames without world points: a tracked frame without them becomes a frame with nobody in
 *    view (null); a clip where fewer than MIN_WORLD_COVERAGE of its tracked frames have world
 *    points (MoveNet records, cross-check frames) is not re-projected at all (`skipped`).
 *  - The scene translation is not re-projected: the hip centre keeps its original image track
 *    (moved towards the image centre by the reframing zoom, if any).
 */
import { JOINTS, type Joint, type Keypoint, type PoseFrame, type WorldPoint } from '../../src/core/pose';
import { recordFrames, type SessionRecord } from '../../src/core/session/record';
import { variantRecord } from './record-variant';

export interface View {
  /** Short id used in tables and file names, e.g. "yaw45". */
  id: string;
  /** Camera turned about the vertical of the scene (see gravity), degrees. */
  yawDeg: number;
  /** Camera raised, looking down at the hips, degrees. */
  pitchDeg: number;
  /** Image roll (camera rotated about its optical axis), degrees. */
  rollDeg: number;
  /** Hand-held wobble of the roll: amplitude in degrees (default 0) and frequency (default 0.3 Hz). */
  rollWobbleDeg?: number;
  rollWobbleHz?: number;
  /** Keypoint noise σ in px; or noiseTorso: σ as a fraction of the torso length in px. */
  noisePx?: number;
  noiseTorso?: number;
  /** Seed of the noise (same seed, same record). */
  seed?: number;
  /**
   * Where the vertical of the original scene is. 'image' (default): the original camera was
   * level, gravity = its image down (+y). 'hips': the original camera's elevation is estimated
   * from the clip (originalElevation) and the camera orbits the true vertical at that elevation;
   * pitchDeg is then added to it.
   */
  gravity?: 'image' | 'hips';
}

/** A clip whose tracked frames have world points less often than this is not re-projected. */
export const MIN_WORLD_COVERAGE = 0.9;

const TORSO: Joint[] = ['leftShoulder', 'rightShoulder', 'leftHip', 'rightHip'];
const DEG = Math.PI / 180;

type Mat3 = [number, number, number, number, number, number, number, number, number];

function mul(a: Mat3, b: Mat3): Mat3 {
  const o = new Array(9).fill(0) as Mat3;
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) o[r * 3 + c] = a[r * 3]! * b[c]! + a[r * 3 + 1]! * b[3 + c]! + a[r * 3 + 2]! * b[6 + c]!;
  return o;
}

/**
 * The rotation taking original-camera coordinates to the new camera's: Rz(roll)·Rx(pitch)·Ry(yaw).
 * Yaw > 0 moves the camera round the hips towards the original image's left (its optical axis
 * then points to the original +x); pitch > 0 raises it (it looks down: the far side of a body
 * lying on the floor moves up the image); roll > 0 turns the image content clockwise on screen
 * (x right, y down), i.e. the phone was turned counter-clockwise.
 */
export function cameraRotation(yawDeg: number, pitchDeg: number, rollDeg: number): Mat3 {
  const [cy, sy] = [Math.cos(yawDeg * DEG), Math.sin(yawDeg * DEG)];
  const [cp, sp] = [Math.cos(pitchDeg * DEG), Math.sin(pitchDeg * DEG)];
  const [cr, sr] = [Math.cos(rollDeg * DEG), Math.sin(rollDeg * DEG)];
  // New camera x' = (cos ψ, 0, -sin ψ), z' = (sin ψ, 0, cos ψ) in old coordinates.
  const ry: Mat3 = [cy, 0, -sy, 0, 1, 0, sy, 0, cy];
  // Raised by φ: forward tilts towards gravity (+y): z' = (0, sin φ, cos φ), y' = (0, cos φ, -sin φ).
  const rx: Mat3 = [1, 0, 0, 0, cp, -sp, 0, sp, cp];
  // Roll about the optical axis.
  const rz: Mat3 = [cr, -sr, 0, sr, cr, 0, 0, 0, 1];
  return mul(rz, mul(rx, ry));
}

function transpose(m: Mat3): Mat3 {
  return [m[0], m[3], m[6], m[1], m[4], m[7], m[2], m[5], m[8]];
}

/**
 * The rotation of a view for a clip whose camera looked down by elevDeg (0 = level):
 * Rz(roll)·Rx(elev + pitch)·Ry(yaw)·Rx(elev)ᵀ, i.e. back to a level camera, orbit the true
 * vertical, raise, roll. With elevDeg = 0 it is cameraRotation(yaw, pitch, roll).
 */
export function viewRotation(yawDeg: number, pitchDeg: number, rollDeg: number, elevDeg = 0): Mat3 {
  const r = cameraRotation(yawDeg, elevDeg + pitchDeg, rollDeg);
  return elevDeg ? mul(r, transpose(cameraRotation(0, elevDeg, 0))) : r;
}

/**
 * How far the original camera looked down (degrees, + = down), from the clip's own world points:
 * the pelvis is level in these exercises (lying, kneeling, sitting, standing), so the hip axis
 * (right hip − left hip) is horizontal, and a camera looking down by e sees it with
 * y/z = −tan e. The median over frames whose hip axis is mostly in depth (|y, z| ≥ 0.7 of its
 * length: a side or oblique view); null when too few (a front view says nothing about it).
 * Assumes no camera roll.
 */
export function originalElevation(frames: { frame: PoseFrame | null }[]): number | null {
  const a: number[] = [];
  for (const { frame } of frames) {
    const w = frame?.world;
    if (!w) continue;
    const hx = w.rightHip.x - w.leftHip.x;
    const hy = w.rightHip.y - w.leftHip.y;
    const hz = w.rightHip.z - w.leftHip.z;
    const yz = Math.hypot(hy, hz);
    if (yz < 0.7 * Math.hypot(hx, hy, hz) || yz < 0.05) continue;
    a.push((Math.atan(-hy / hz) * 180) / Math.PI);
  }
  return a.length >= 10 && a.length >= 0.2 * frames.length ? median(a) : null;
}

function apply(m: Mat3, p: WorldPoint): WorldPoint {
  return {
    x: m[0] * p.x + m[1] * p.y + m[2] * p.z,
    y: m[3] * p.x + m[4] * p.y + m[5] * p.z,
    z: m[6] * p.x + m[7] * p.y + m[8] * p.z,
  };
}

/** Seeded uniform [0, 1) (mulberry32). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Seeded standard normal (Box-Muller). */
export function gaussian(seed: number): () => number {
  const u = mulberry32(seed);
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    const a = Math.max(u(), 1e-12);
    const b = u();
    const r = Math.sqrt(-2 * Math.log(a));
    spare = r * Math.sin(2 * Math.PI * b);
    return r * Math.cos(2 * Math.PI * b);
  };
}

function median(a: number[]): number {
  if (a.length === 0) return NaN;
  const s = [...a].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Image scale s (px per metre) of one frame: least squares of u - h ≈ s · (w_x, w_y) over the
 * torso joints the model scored ≥ 0.3 (h = 2D mid-hip; the world points are centred there).
 */
export function frameScale(f: PoseFrame): number | null {
  if (!f.world) return null;
  const hx = (f.joints.leftHip.x + f.joints.rightHip.x) / 2;
  const hy = (f.joints.leftHip.y + f.joints.rightHip.y) / 2;
  let num = 0;
  let den = 0;
  let n = 0;
  for (const j of TORSO) {
    const k = f.joints[j];
    if (k.score < 0.3) continue;
    const w = f.world[j];
    num += (k.x - hx) * w.x + (k.y - hy) * w.y;
    den += w.x * w.x + w.y * w.y;
    n += 1;
  }
  if (n < 3 || den < 0.01) return null; // fewer than 3 torso joints, or a torso under 10 cm across
  const s = num / den;
  return s > 0 && Number.isFinite(s) ? s : null;
}

export interface ClipGeometry {
  /** Per input frame: smoothed image scale (px per metre), null where the frame has no world points. */
  scale: (number | null)[];
  /** Median world torso length (mid-shoulder to mid-hip), metres. */
  torsoM: number;
  /** Median scale of the clip, px per metre. */
  medianScale: number;
}

/** Per-frame image scale (median-smoothed over ±5 frames, clamped to ⅓-3× the clip median: a cut to a close-up doubles it). */
export function clipGeometry(frames: { tMs: number; frame: PoseFrame | null }[]): ClipGeometry {
  const raw = frames.map(({ frame }) => (frame ? frameScale(frame) : null));
  const valid = raw.filter((s): s is number => s !== null);
  const med = valid.length ? median(valid) : NaN;
  const scale = frames.map(({ frame }, i) => {
    if (!frame?.world || !Number.isFinite(med)) return null;
    const win: number[] = [];
    for (let k = Math.max(0, i - 5); k <= Math.min(frames.length - 1, i + 5); k++) if (raw[k] != null) win.push(raw[k]!);
    const s = win.length ? median(win) : med;
    return Math.min(3 * med, Math.max(med / 3, s));
  });
  const torso: number[] = [];
  for (const { frame } of frames) {
    const w = frame?.world;
    if (!w) continue;
    const mx = (w.leftShoulder.x + w.rightShoulder.x - w.leftHip.x - w.rightHip.x) / 2;
    const my = (w.leftShoulder.y + w.rightShoulder.y - w.leftHip.y - w.rightHip.y) / 2;
    const mz = (w.leftShoulder.z + w.rightShoulder.z - w.leftHip.z - w.rightHip.z) / 2;
    torso.push(Math.hypot(mx, my, mz));
  }
  return { scale, torsoM: torso.length ? median(torso) : 0.5, medianScale: med };
}

/** Fraction of tracked frames that carry world points (1 for an empty clip). */
export function worldCoverage(frames: { frame: PoseFrame | null }[]): number {
  const tracked = frames.filter((f) => f.frame);
  return tracked.length ? tracked.filter((f) => f.frame!.world).length / tracked.length : 1;
}

export interface ReprojectStats {
  /** Tracked input frames that had no world points and became empty (null) frames. */
  droppedNoWorld: number;
  /** Median image scale of the clip (px per metre) and the camera distance it gives (m). */
  scalePxPerM: number;
  distanceM: number;
  /** The original camera's elevation estimated from the hips (null: front view, unknown), and the one the view used (0 unless gravity 'hips'). */
  originalElevationDeg: number | null;
  elevationUsedDeg: number;
  /** The reframing zoom (≤ 1, median and least over frames): the view scaled about the image centre so the body stays in the frame. */
  zoom: number;
  minZoom: number;
  /** The noise σ used, px (median over frames, after the zoom). */
  noisePx: number;
}

/** The reframing zoom follows the body's need over this much time either side (ms). */
const ZOOM_WINDOW_MS = 1500;

/** Joints scored at least this are what must stay in the frame (the engine's own visibility floor is about here). */
const FRAMED_SCORE = 0.3;

/**
 * The zoom k ≤ 1 about the image centre c that keeps a frame's projected joints inside the
 * frame, or inside the original joints' own box where the original already went past the edge.
 */
function frameZoom(orig: PoseFrame, pts: { x: number; y: number; score: number }[]): number {
  let x0 = 0;
  let y0 = 0;
  let x1 = orig.width;
  let y1 = orig.height;
  for (const j of JOINTS) {
    const k = orig.joints[j];
    if (k.score < FRAMED_SCORE) continue;
    x0 = Math.min(x0, k.x);
    x1 = Math.max(x1, k.x);
    y0 = Math.min(y0, k.y);
    y1 = Math.max(y1, k.y);
  }
  const cx = orig.width / 2;
  const cy = orig.height / 2;
  let z = 1;
  for (const p of pts) {
    if (p.score < FRAMED_SCORE) continue;
    if (p.x > x1) z = Math.min(z, (x1 - cx) / (p.x - cx));
    if (p.x < x0) z = Math.min(z, (cx - x0) / (cx - p.x));
    if (p.y > y1) z = Math.min(z, (y1 - cy) / (p.y - cy));
    if (p.y < y0) z = Math.min(z, (cy - y0) / (cy - p.y));
  }
  return z;
}

/**
 * Re-project decoded frames into a view. Frames without world points come out null.
 *
 * A turned camera can put parts of the body outside the frame (nearer limbs grow, a body lying
 * along the image turns towards the edge), and the engine does not see points outside the
 * image. Whoever films from there frames the whole body, so the view is zoomed out about the
 * image centre: each frame's zoom is the 10th percentile, over the frames within ±1.5 s, of
 * the zoom that keeps every joint scored ≥ 0.3 in the frame (or within the original's own
 * overflow), between 0.5 and 1 (a slow zoom, as an operator would; a cut to a close-up gets
 * its own). The noise is drawn after the zoom, at the zoomed torso length.
 */
export function reprojectFrames(
  frames: { tMs: number; frame: PoseFrame | null }[],
  view: View,
): { frames: { tMs: number; frame: PoseFrame | null }[]; stats: ReprojectStats } {
  const geo = clipGeometry(frames);
  const noise = gaussian(view.seed ?? 1);
  const wobble = view.rollWobbleDeg ?? 0;
  const hz = view.rollWobbleHz ?? 0.3;
  const estElev = originalElevation(frames);
  const elev = view.gravity === 'hips' ? (estElev ?? 0) : 0;
  const fixedR = wobble ? null : viewRotation(view.yawDeg, view.pitchDeg, view.rollDeg, elev);
  let dropped = 0;
  const distances: number[] = [];
  // Pass 1: noise-free projection.
  const proj = frames.map(({ tMs, frame }, i) => {
    if (!frame) return null;
    const s = geo.scale[i];
    if (!frame.world || s == null) {
      dropped += 1;
      return null;
    }
    const R = fixedR ?? viewRotation(view.yawDeg, view.pitchDeg, view.rollDeg + wobble * Math.sin(2 * Math.PI * hz * (tMs / 1000)), elev);
    const f0 = 0.8 * Math.max(frame.width, frame.height, 1);
    const D = Math.max(1.2, f0 / s);
    const f = s * D;
    distances.push(D);
    const hx = (frame.joints.leftHip.x + frame.joints.rightHip.x) / 2;
    const hy = (frame.joints.leftHip.y + frame.joints.rightHip.y) / 2;
    const pts: { x: number; y: number; score: number }[] = [];
    const world: WorldPoint[] = [];
    for (const j of JOINTS) {
      const q = apply(R, frame.world[j]);
      const depth = Math.max(0.1 * D, D + q.z); // never behind the camera (a body is ≤ 1 m from its hips)
      pts.push({ x: hx + (f * q.x) / depth, y: hy + (f * q.y) / depth, score: frame.joints[j].score });
      world.push(q);
    }
    return { frame, s, pts, world, zoom: frameZoom(frame, pts) };
  });
  // The reframing zoom of each frame: the 10th percentile of the frames' own zooms within ±1.5 s.
  const zoomAt = frames.map(({ tMs }, i) => {
    if (!proj[i]) return 1;
    const win: number[] = [];
    for (let k = i; k >= 0 && frames[k]!.tMs >= tMs - ZOOM_WINDOW_MS; k--) if (proj[k]) win.push(proj[k]!.zoom);
    for (let k = i + 1; k < frames.length && frames[k]!.tMs <= tMs + ZOOM_WINDOW_MS; k++) if (proj[k]) win.push(proj[k]!.zoom);
    win.sort((a, b) => a - b);
    return Math.max(0.5, Math.min(1, win[Math.floor(0.1 * (win.length - 1))]!));
  });
  // Pass 2: zoom, noise, frames.
  const sigmas: number[] = [];
  const zooms: number[] = [];
  const out = frames.map(({ tMs }, i) => {
    const p = proj[i];
    if (!p) return { tMs, frame: null };
    const { frame, s } = p;
    const zoom = zoomAt[i]!;
    zooms.push(zoom);
    const sigma = (view.noisePx ?? (view.noiseTorso ?? 0) * geo.torsoM * s) * (view.noisePx === undefined ? zoom : 1);
    const sigmaM = sigma / (s * zoom);
    sigmas.push(sigma);
    const cx = frame.width / 2;
    const cy = frame.height / 2;
    const joints = {} as Record<Joint, Keypoint>;
    const world = {} as Record<Joint, WorldPoint>;
    JOINTS.forEach((j, n) => {
      const q = p.pts[n]!;
      const w = p.world[n]!;
      // Draw the noise for every joint (missing ones too), so a joint's noise does not depend on others' scores.
      const nx = noise() * sigma;
      const ny = noise() * sigma;
      const wx = noise() * sigmaM;
      const wy = noise() * sigmaM;
      const wz = noise() * sigmaM;
      joints[j] = q.score > 0 ? { x: cx + zoom * (q.x - cx) + nx, y: cy + zoom * (q.y - cy) + ny, score: q.score } : { x: 0, y: 0, score: 0 };
      world[j] = { x: w.x + wx, y: w.y + wy, z: w.z + wz };
    });
    return { tMs, frame: { tMs: frame.tMs, width: frame.width, height: frame.height, joints, world } };
  });
  return {
    frames: out,
    stats: {
      droppedNoWorld: dropped,
      scalePxPerM: geo.medianScale,
      distanceM: distances.length ? median(distances) : NaN,
      originalElevationDeg: estElev,
      elevationUsedDeg: elev,
      zoom: zooms.length ? median(zooms) : 1,
      minZoom: zooms.length ? Math.min(...zooms) : 1,
      noisePx: sigmas.length ? median(sigmas) : 0,
    },
  };
}

export type ReprojectResult =
  | { ok: true; record: SessionRecord; stats: ReprojectStats; coverage: number }
  | { ok: false; reason: string; coverage: number };

/** A view's label for tables and record sources, e.g. "yaw 45°, pitch 30°, roll 10° ±3°, noise 1.5 % torso". */
export function viewLabel(v: View): string {
  const parts: string[] = [];
  if (v.yawDeg) parts.push(`yaw ${v.yawDeg}°`);
  if (v.pitchDeg) parts.push(`pitch ${v.pitchDeg}°`);
  if (v.rollDeg || v.rollWobbleDeg) parts.push(`roll ${v.rollDeg}°${v.rollWobbleDeg ? ` ±${v.rollWobbleDeg}°` : ''}`);
  if (parts.length === 0) parts.push('original angle');
  if (v.gravity === 'hips' && (v.yawDeg || v.pitchDeg)) parts.push('vertical from the hips');
  if (v.noisePx) parts.push(`noise ${v.noisePx} px`);
  else if (v.noiseTorso) parts.push(`noise ${Math.round(v.noiseTorso * 1000) / 10} % torso`);
  return parts.join(', ');
}

/** Re-project a whole session record into a view (header kept, source says which view; events dropped). */
export function reprojectRecord(record: SessionRecord, view: View): ReprojectResult {
  const frames = recordFrames(record);
  const coverage = worldCoverage(frames);
  if (coverage < MIN_WORLD_COVERAGE) {
    return { ok: false, coverage, reason: `world points on ${Math.round(coverage * 100)} % of tracked frames (< ${MIN_WORLD_COVERAGE * 100} %)` };
  }
  const { frames: out, stats } = reprojectFrames(frames, view);
  const label = `re-projected: ${viewLabel(view)}, seed ${view.seed ?? 1}`;
  // The original frame size is kept even if the clip starts with empty frames.
  return { ok: true, record: variantRecord(record, label, () => out), stats, coverage };
}
