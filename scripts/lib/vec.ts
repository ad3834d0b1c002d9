/** Small 3-vector helpers for the generated variants of recorded clips (scripts/lib/*-variant.ts). */
export type V = { x: number; y: number; z: number };
export const v = (p: { x: number; y: number; z?: number }): V => ({ x: p.x, y: p.y, z: p.z ?? 0 });
export const sub = (a: V, b: V): V => ({ x: a.x - b.x, y: a.y - b.y, z: a.z - b.z });
export const add = (a: V, b: V, k = 1): V => ({ x: a.x + k * b.x, y: a.y + k * b.y, z: a.z + k * b.z });
export const dot = (a: V, b: V): number => a.x * b.x + a.y * b.y + a.z * b.z;
export const cross = (a: V, b: V): V => ({ x: a.y * b.z - a.z * b.y, y: a.z * b.x - a.x * b.z, z: a.x * b.y - a.y * b.x });
export const norm = (a: V): number => Math.hypot(a.x, a.y, a.z);
export const unit = (a: V): V | null => {
  const n = norm(a);
  return n > 1e-9 ? { x: a.x / n, y: a.y / n, z: a.z / n } : null;
};
export const mid = (a: V, b: V): V => add(a, sub(b, a), 0.5);
/** The image's axis (out of the picture): 2D turns are turns about it. */
export const Z: V = { x: 0, y: 0, z: 1 };
/** `a` without its component along the unit vector `u`. */
export const reject = (a: V, u: V): V => add(a, u, -dot(a, u));

/** Rodrigues: `p` turned by `ang` (rad) about the unit axis `a` through `o`. */
export function turn(p: V, o: V, a: V, ang: number): V {
  const r = sub(p, o);
  const c = Math.cos(ang), s = Math.sin(ang);
  const out = add(add({ x: r.x * c, y: r.y * c, z: r.z * c }, cross(a, r), s), a, dot(a, r) * (1 - c));
  return add(o, out);
}

/** Signed angle (rad) from `from` to `to` about the unit axis `a` (both taken square to it). */
export function angleAbout(from: V, to: V, a: V): number {
  const f = reject(from, a), t = reject(to, a);
  return Math.atan2(dot(a, cross(f, t)), dot(f, t));
}
