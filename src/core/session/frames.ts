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

/** delta of a row against the previous non-null row (or the row itself for the first). */
function delta(row: number[], prev: number[] | null): number[] {
  return prev ? row.map((v, i) => v - prev[i]!) : row.slice();
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

/** Rows per block of JSON text kept by FrameEncoder.json(). */
const JSON_BLOCK = 256;

/** JSON of an array without its brackets ("" for an empty one). */
function innerJson(a: readonly unknown[]): string {
  return a.length ? JSON.stringify(a).slice(1, -1) : '';
}

/** `[` + the blocks and the tail, comma-separated + `]`, as parts (nothing joined). */
function arrayParts(blocks: readonly string[], tail: string): string[] {
  const out: string[] = ['['];
  for (const b of tail ? [...blocks, tail] : blocks) {
    if (out.length > 1) out.push(',');
    out.push(b);
  }
  out.push(']');
  return out;
}

/**
 * Encodes frames one at a time as they arrive (the live recorder), so saving a long set every
 * few seconds does not re-encode everything recorded before; json() likewise keeps the text of
 * finished blocks of rows, so it does not re-serialise them either.
 */
export class FrameEncoder {
  private readonly t: number[] = [];
  private readonly k: (number[] | null)[] = [];
  private readonly w: (number[] | null)[] = [];
  /** JSON text (without brackets) of every full block of JSON_BLOCK rows so far. */
  private readonly tText: string[] = [];
  private readonly kText: string[] = [];
  private readonly wText: string[] = [];
  private prevT = 0;
  private prevK: number[] | null = null;
  private prevW: number[] | null = null;
  private hasWorld = false;
  private size: { width: number; height: number } | null = null;

  add(frame: PoseFrame | null, tMs: number): void {
    const ms = Math.round(tMs);
    this.t.push(this.t.length === 0 ? ms : ms - this.prevT);
    this.prevT = ms;
    if (!frame) {
      this.k.push(null);
      this.w.push(null);
      return;
    }
    this.size ??= { width: frame.width, height: frame.height };
    const row: number[] = [];
    for (const j of JOINTS) {
      const p = frame.joints[j];
      row.push(Math.round(p.x * 10), Math.round(p.y * 10), Math.round(p.score * 100));
    }
    this.k.push(delta(row, this.prevK));
    this.prevK = row;
    if (!frame.world) {
      this.w.push(null);
      return;
    }
    this.hasWorld = true;
    const wr: number[] = [];
    for (const j of JOINTS) {
      const p = frame.world[j];
      wr.push(Math.round(p.x * 1000), Math.round(p.y * 1000), Math.round(p.z * 1000));
    }
    this.w.push(delta(wr, this.prevW));
    this.prevW = wr;
  }

  get length(): number {
    return this.t.length;
  }

  /** Everything so far (copies of the row lists; rows are never changed after they are added). */
  encoded(size?: { width: number; height: number }): EncodedFrames {
    const out: EncodedFrames = {
      joints: [...JOINTS],
      width: size?.width ?? this.size?.width ?? 0,
      height: size?.height ?? this.size?.height ?? 0,
      t: this.t.slice(),
      k: this.k.slice(),
    };
    if (this.hasWorld) out.w = this.w.slice();
    return out;
  }

  /**
   * Everything so far as JSON text: exactly JSON.stringify(this.encoded(size)) once joined, but
   * the text of full blocks of rows is made once and kept (rows never change once added), and
   * it comes as parts: joining 3 MB into one string costs ~10 ms, and IndexedDB can keep the
   * parts as they are. So the cost of a save does not grow with the length of the set.
   */
  jsonParts(size?: { width: number; height: number }): string[] {
    const done = this.tText.length * JSON_BLOCK;
    for (let a = done; a + JSON_BLOCK <= this.t.length; a += JSON_BLOCK) {
      const b = a + JSON_BLOCK;
      this.tText.push(innerJson(this.t.slice(a, b)));
      this.kText.push(innerJson(this.k.slice(a, b)));
      this.wText.push(innerJson(this.w.slice(a, b)));
    }
    const from = this.tText.length * JSON_BLOCK;
    const head = JSON.stringify({
      joints: [...JOINTS],
      width: size?.width ?? this.size?.width ?? 0,
      height: size?.height ?? this.size?.height ?? 0,
    }).slice(0, -1);
    return [
      `${head},"t":`,
      ...arrayParts(this.tText, innerJson(this.t.slice(from))),
      ',"k":',
      ...arrayParts(this.kText, innerJson(this.k.slice(from))),
      ...(this.hasWorld ? [',"w":', ...arrayParts(this.wText, innerJson(this.w.slice(from)))] : []),
      '}',
    ];
  }
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
