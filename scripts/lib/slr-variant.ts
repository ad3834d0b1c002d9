/**
 * Single-leg raises made from the double-leg raise clip: one leg (the model's `down` label) lies
 * on the bed all along, as the raised leg lay in the clip's resting frame, and the other one's
 * rise is scaled to `raiseDeg` at its highest (a bed straight-leg raise goes to 30-45°,
 * clinical-basis.md#straight-leg-raise), in the 2D points and the 3D world points. Issue 14: the
 * only real single-leg raise we have (the nursing-bed clip) has no 3D points to re-project, so
 * this is the straight-leg raise seen from other cameras and at slower frame rates. The raised
 * leg turns about its hip (2D: in the image plane; 3D: about the line through the hips); the
 * resting leg takes the raised leg's resting shape and scores, moved to its own hip. Derived
 * numbers only (no picture).
 */
import type { Joint, Keypoint, PoseFrame, WorldPoint } from '../../src/core/pose';
import { recordFrames, type SessionRecord } from '../../src/core/session/record';
import { variantRecord } from './record-variant';
import { add, angleAbout, sub, turn, unit, v, Z, type V } from './vec';

type Side = 'left' | 'right';
const LEG_PARTS = ['Knee', 'Ankle', 'Heel', 'FootIndex'] as const;

/** The leg's direction (hip → ankle) in 2D and 3D. */
function legDirs(f: PoseFrame, s: Side): { d2: V; d3: V | null } {
  const d2 = sub(v(f.joints[`${s}Ankle`]), v(f.joints[`${s}Hip`]));
  const d3 = f.world ? sub(v(f.world[`${s}Ankle`]), v(f.world[`${s}Hip`])) : null;
  return { d2, d3 };
}

function hipAxis(f: PoseFrame): V | null {
  return f.world ? unit(sub(v(f.world.rightHip), v(f.world.leftHip))) : null;
}

/** The clip's resting frame: where the raised leg's hip → ankle is nearest the trunk's line continued. */
function restFrame(frames: { frame: PoseFrame | null }[], up: Side): PoseFrame | null {
  let best: PoseFrame | null = null;
  let bestA = Infinity;
  for (const { frame: f } of frames) {
    if (!f?.world) continue;
    const w = f.world;
    const trunk = sub(v(w[`${up}Hip`]), v(w[`${up}Shoulder`]));
    const a = Math.abs(angleAbout(trunk, legDirs(f, up).d3!, hipAxis(f) ?? Z));
    if (a < bestA) [best, bestA] = [f, a];
  }
  return best;
}

/**
 * The record with `down`'s leg on the bed and the other leg's rise scaled to `raiseDeg` (3D) at
 * its highest. Null when the clip has no 3D points to find its resting frame.
 */
export function singleLegRaiseRecord(record: SessionRecord, opts: { down: Side; raiseDeg: number }): SessionRecord | null {
  const up: Side = opts.down === 'left' ? 'right' : 'left';
  const frames = recordFrames(record);
  const rest = restFrame(frames, up);
  if (!rest) return null;
  const restDir = legDirs(rest, up);
  const rise3 = (f: PoseFrame) => (f.world ? angleAbout(restDir.d3!, legDirs(f, up).d3!, hipAxis(f) ?? Z) : 0);
  const peak = Math.max(...frames.map(({ frame }) => (frame ? Math.abs(rise3(frame)) : 0)));
  const k = peak > 0 ? Math.min(1, (opts.raiseDeg * Math.PI) / 180 / peak) : 1;
  return variantRecord(record, `single leg, ${opts.down} down, raise ${opts.raiseDeg}°`, () =>
    frames.map(({ tMs, frame }) => ({ tMs, frame: frame ? variantFrame(frame, rest, restDir.d2, up, opts.down, k, rise3(frame)) : null })),
  );
}

function variantFrame(f: PoseFrame, rest: PoseFrame, restD2: V, up: Side, down: Side, k: number, phi3: number): PoseFrame {
  const joints = { ...f.joints };
  const world = f.world ? { ...f.world } : undefined;
  // The raised leg: turned about its hip back toward rest by (1 - k) of its rise.
  const phi2 = angleAbout(restD2, legDirs(f, up).d2, Z);
  const hip2 = v(f.joints[`${up}Hip`]);
  const axis = hipAxis(f);
  for (const part of LEG_PARTS) {
    const j = `${up}${part}` as Joint;
    const p = turn(v(joints[j]), hip2, Z, (k - 1) * phi2);
    joints[j] = { x: p.x, y: p.y, score: joints[j].score };
    if (world && axis) world[j] = turn(v(world[j]), v(world[`${up}Hip`]), axis, (k - 1) * phi3);
  }
  // The resting leg: the raised leg's resting shape and scores, at its own hip.
  for (const part of LEG_PARTS) {
    const from = `${up}${part}` as Joint, to = `${down}${part}` as Joint;
    const off2 = sub(v(rest.joints[from]), v(rest.joints[`${up}Hip`]));
    const p2 = add(v(f.joints[`${down}Hip`]), off2);
    joints[to] = { x: p2.x, y: p2.y, score: rest.joints[from].score } satisfies Keypoint;
    if (world && rest.world) {
      const p3 = add(v(f.world![`${down}Hip`]), sub(v(rest.world[from]), v(rest.world[`${up}Hip`])));
      world[to] = { x: p3.x, y: p3.y, z: p3.z } satisfies WorldPoint;
    }
  }
  return { ...f, joints, ...(world ? { world } : {}) };
}
