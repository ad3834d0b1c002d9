/**
 * Joint angles, defined once. Degrees, clinical zero: 0° = anatomical neutral, flexion positive.
 * Every function works on 2D image points (z = 0) and on 3D world points alike; the caller
 * decides which it has. Image coordinates have y pointing down.
 */
import { add, angleBetween, cross, dot, norm, reject, scale, sub, v3, type Vec3, DEG } from './geometry';

type P = { x: number; y: number; z?: number };

/**
 * Hip flexion (deg, -60…160): the thigh (hip→knee) against the continuation of the trunk
 * (shoulder→hip). 0° = thigh in line with the trunk (standing, or lying flat with legs long);
 * positive = thigh in front of the body (knee toward the chest); negative = hip extension
 * (thigh behind the trunk line: the top of an over-arched bridge). `anterior` is the body's
 * forward direction; without it the sign is unknown and the magnitude is returned.
 */
export function hipFlexion(shoulder: P, hip: P, knee: P, anterior: Vec3 | null): number | null {
  const trunkDown = sub(v3(hip), v3(shoulder));
  const thigh = sub(v3(knee), v3(hip));
  const a = angleBetween(trunkDown, thigh);
  if (a === null) return null;
  if (!anterior) return a;
  return dot(thigh, anterior) >= 0 ? a : -a;
}

/** Hip extension (deg) = −hip flexion: 0° at the straight shoulder-hip-knee line of a bridge top. */
export function hipExtension(shoulder: P, hip: P, knee: P, anterior: Vec3 | null): number | null {
  const f = hipFlexion(shoulder, hip, knee, anterior);
  return f === null ? null : -f;
}

/** Knee flexion (deg, 0…160): 0° = straight leg, 90° = shin at right angles to the thigh. */
export function kneeFlexion(hip: P, knee: P, ankle: P): number | null {
  return angleBetween(sub(v3(knee), v3(hip)), sub(v3(ankle), v3(knee)));
}

/**
 * Trunk elevation (deg, −90…90) in the image: how far the shoulders are raised above the hips
 * relative to the image horizontal. 0° = lying flat, 90° = upright (sit-up top, standing);
 * negative = shoulders below the hips (the top of a bridge). Assumes a level camera.
 */
export function trunkElevation(shoulder: P, hip: P): number | null {
  const dx = shoulder.x - hip.x;
  const dy = hip.y - shoulder.y; // image y points down
  if (Math.hypot(dx, dy) < 1e-9) return null;
  return Math.atan2(dy, Math.abs(dx)) * DEG;
}

/** Trunk inclination from the vertical (deg, 0…180): 0° upright, 90° lying. */
export function trunkInclination(shoulder: P, hip: P): number | null {
  const e = trunkElevation(shoulder, hip);
  return e === null ? null : 90 - e;
}

/**
 * Trunk extension for a prone press-up (deg): how far the chest is raised, as the elevation of
 * the hip→shoulder line minus the elevation of the ankle→hip line (legs stay on the floor).
 * 0° = lying flat; positive = chest up with the hips down; strongly negative = hips high
 * (a downward dog), which must not read as an extension.
 */
export function proneTrunkExtension(shoulder: P, hip: P, ankle: P): number | null {
  const trunk = trunkElevation(shoulder, hip);
  const dx = hip.x - ankle.x;
  const dy = ankle.y - hip.y;
  if (trunk === null || Math.hypot(dx, dy) < 1e-9) return null;
  return trunk - Math.atan2(dy, Math.abs(dx)) * DEG;
}

/**
 * Rotation of the shoulder line against the hip line about the spine (deg, signed): from 3D
 * world points only (BlazePose). Positive = the trunk turned to the person's left. Measured
 * about the body's own long axis (hip midpoint → shoulder midpoint), not the camera's vertical,
 * so a twist reads the same upright, bent forward (a windmill) or seen from any camera.
 */
export function shoulderHipRotation3D(lSh: P, rSh: P, lHip: P, rHip: P): number | null {
  if (lSh.z === undefined || lHip.z === undefined) return null;
  const s = sub(v3(lSh), v3(rSh));
  const h = sub(v3(lHip), v3(rHip));
  const axis = sub(scale(add(v3(lSh), v3(rSh)), 0.5), scale(add(v3(lHip), v3(rHip)), 0.5));
  const n = norm(axis);
  if (norm(s) < 1e-9 || norm(h) < 1e-9 || n < 1e-9) return null;
  const a = scale(axis, 1 / n);
  const sp = reject(s, a);
  const hp = reject(h, a);
  if (norm(sp) < 1e-9 || norm(hp) < 1e-9) return null;
  return Math.atan2(dot(cross(hp, sp), a), dot(hp, sp)) * DEG;
}
