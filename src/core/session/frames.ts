/**
 * Compact keypoint storage: each frame is one row of integers (x·10 and y·10 in px, score·100;
 * world points in mm), delta-coded against the previous stored row, so a still person costs
 * a few bytes a frame. Times are integer ms, delta-coded. A null row is a frame with nobody
 * in view.
 */
import { JOINTS, type Joint, type Keypoint, type PoseFrame, type WorldPoint } from '../pose';

export interface EncodedFrames {
  /** Joint order of every row. */
  joints: string[];
  width: number;
  height: number;
  /** Frame times, ms, delta-coded (first value absolute). */
  t: number[];
  /** Per frame: [x·10, y·10, score·100] × joints, delta-coded against the previous non-null row; null = nobody. */
  k: (number[] | null)[];
  /** Optional world points, [x, y, z] in mm × joints, delta-coded likewise. */
  w?: (number[] | null)[];
}

function deltaRows(rows: (number[] | null)[]): (number[] | null)[] {
  let prev: number[] | null = null;
  return rows.map((r) => {
    if (!r) return null;
    const out = prev ? r.map((v, i) => v - (prev as number[])[i]!) : r.slice();
    prev = r;
    return out;
  });
}

function undeltaRows(rows: (number[] | null)[]): (number[] | null)[] {
  let prev: number[] | null = null;
  return rows.map((r) => {
    if (!r) return null;
    const out = prev ? r.map((v, i) => v + (prev as number[])[i]!) : r.slice();
    prev = out;
    return out;
  });
}

/** Encode frames (null = nobody in view at that time). */
export function encodeFrames(frames: { tMs: number; frame: PoseFrame | null }[], size?: { width: number; height: number }): EncodedFrames {
  const first = frames.find((f) => f.frame)?.frame;
  const width = size?.width ?? first?.width ?? 0;
  const height = size?.height ?? first?.height ?? 0;
  const t: number[] = [];
  let prevT = 0;
  frames.forEach((f, i) => {
    const ms = Math.round(f.tMs);
    t.push(i === 0 ? ms : ms - prevT);
    prevT = ms;
  });
  const k = frames.map(({ frame }) => {
    if (!frame) return null;
    const row: number[] = [];
    for (const j of JOINTS) {
      const p = frame.joints[j];
      row.push(Math.round(p.x * 10), Math.round(p.y * 10), Math.round(p.score * 100));
    }
    return row;
  });
  const hasWorld = frames.some((f) => f.frame?.world);
  const out: EncodedFrames = { joints: [...JOINTS], width, height, t, k: deltaRows(k) };
  if (hasWorld) {
    out.w = deltaRows(
      frames.map(({ frame }) => {
        if (!frame?.world) return null;
        const row: number[] = [];
        for (const j of JOINTS) {
          const p = frame.world[j];
          row.push(Math.round(p.x * 1000), Math.round(p.y * 1000), Math.round(p.z * 1000));
        }
        return row;
      }),
    );
  }
  return out;
}

/** Decode back to frames. Joints named in the record but unknown to us are ignored. */
export function decodeFrames(enc: EncodedFrames): { tMs: number; frame: PoseFrame | null }[] {
  const k = undeltaRows(enc.k);
  const w = enc.w ? undeltaRows(enc.w) : null;
  const out: { tMs: number; frame: PoseFrame | null }[] = [];
  let tMs = 0;
  const known = new Set<string>(JOINTS);
  for (let i = 0; i < enc.t.length; i++) {
    tMs = i === 0 ? enc.t[0]! : tMs + enc.t[i]!;
    const row = k[i];
    if (!row) {
      out.push({ tMs, frame: null });
      continue;
    }
    const joints = {} as Record<Joint, Keypoint>;
    for (const j of JOINTS) joints[j] = { x: 0, y: 0, score: 0 };
    enc.joints.forEach((name, n) => {
      if (!known.has(name)) return;
      joints[name as Joint] = { x: row[n * 3]! / 10, y: row[n * 3 + 1]! / 10, score: row[n * 3 + 2]! / 100 };
    });
    const frame: PoseFrame = { tMs, width: enc.width, height: enc.height, joints };
    const wr = w?.[i];
    if (wr) {
      const world = {} as Record<Joint, WorldPoint>;
      for (const j of JOINTS) world[j] = { x: 0, y: 0, z: 0 };
      enc.joints.forEach((name, n) => {
        if (!known.has(name)) return;
        world[name as Joint] = { x: wr[n * 3]! / 1000, y: wr[n * 3 + 1]! / 1000, z: wr[n * 3 + 2]! / 1000 };
      });
      frame.world = world;
    }
    out.push({ tMs, frame });
  }
  return out;
}
