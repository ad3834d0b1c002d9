/** Small vector helpers shared by the feature code (2D image pixels or 3D world metres). */

export interface Vec3 {
  x: number;
  y: number;
  z: number;
}

/** A 2D point lifted to 3D (z = 0), so one set of formulas serves both. */
export function v3(p: { x: number; y: number; z?: number }): Vec3 {
  return { x: p.x, y: p.y, z: p.z ?? 0 };
}

export function sub(a: Vec3, b: Vec3): Vec3 {
  return { x: a.x - b.x, y: a.y - b.y, z: a.z - b.z };
}

export function add(a: Vec3, b: Vec3): Vec3 {
  return { x: a.x + b.x, y: a.y + b.y, z: a.z + b.z };
}

export function scale(a: Vec3, k: number): Vec3 {
  return { x: a.x * k, y: a.y * k, z: a.z * k };
}

export function mid(a: Vec3, b: Vec3): Vec3 {
  return scale(add(a, b), 0.5);
}

export function dot(a: Vec3, b: Vec3): number {
  return a.x * b.x + a.y * b.y + a.z * b.z;
}

export function cross(a: Vec3, b: Vec3): Vec3 {
  return { x: a.y * b.z - a.z * b.y, y: a.z * b.x - a.x * b.z, z: a.x * b.y - a.y * b.x };
}

export function norm(a: Vec3): number {
  return Math.hypot(a.x, a.y, a.z);
}

export function dist(a: Vec3, b: Vec3): number {
  return norm(sub(a, b));
}

/** Unit vector, or null for a (near) zero vector. */
export function unit(a: Vec3): Vec3 | null {
  const n = norm(a);
  return n > 1e-9 ? scale(a, 1 / n) : null;
}

export const DEG = 180 / Math.PI;

/** Unsigned angle between two vectors, degrees 0-180 (null for a zero vector). */
export function angleBetween(a: Vec3, b: Vec3): number | null {
  const ua = unit(a);
  const ub = unit(b);
  if (!ua || !ub) return null;
  return Math.acos(Math.max(-1, Math.min(1, dot(ua, ub)))) * DEG;
}

/** Component of `a` perpendicular to the unit vector `u`. */
export function reject(a: Vec3, u: Vec3): Vec3 {
  return sub(a, scale(u, dot(a, u)));
}
