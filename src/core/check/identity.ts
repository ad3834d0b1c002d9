/**
 * Identity lock: stay on the patient when someone else comes into view. Single-person pose
 * models can jump from one body to another between two frames; a real body cannot teleport or
 * change size in a few frames. `stepIdentity` compares each frame's body (centre and torso
 * length, from the raw keypoints) with the last body that was accepted a moment ago:
 * - the same body (its hips moved less than a fraction of its torso, similar size) → ok,
 *   reference moves on. The hips, not the trunk's centre: in every exercise here the hips stay
 *   put (on the floor, or standing) while the trunk moves a whole torso length (a sit-up, a toe
 *   touch), and a patient found again after a moment out of sight must be recognised where she is;
 * - a jump that stays inside the patient's own outline (a model glitch, a fast move, a zoom) →
 *   ok, the frame goes on to the visibility gate, but the reference moves to the new body only if
 *   the next frame confirms it: one frame of the model on a partner kneeling at the feet must not
 *   make the patient "someone else";
 * - a jump to a body beside the patient → not ok: the caller hides this frame from counting and says someone else is in view,
 *   until a body matching the patient comes back, or until only the other body has been seen for
 *   RELOCK_MS (the patient has left; whoever stays is followed, and the caller says so);
 * - after a gap with no body (walked out of view) any body is accepted: we cannot tell who it is.
 * Pure, clock-free (time = frame tMs).
 */
import type { Joint, PoseFrame } from '../pose';

export interface BodySignature {
  /** Body centre: mean of the shoulder and hip midpoints (px). */
  cx: number;
  cy: number;
  /** Hip midpoint (px): where the body is anchored (see sameBody). */
  hx: number;
  hy: number;
  /** Shoulder-midpoint to hip-midpoint distance (px): the body's scale. */
  torso: number;
  /** Bounding box of the body's confident keypoints (px). */
  box: { x0: number; y0: number; x1: number; y1: number };
}

export interface IdentityState {
  ref: BodySignature | null;
  /** tMs of the last frame whose body was accepted. */
  refMs: number;
  /** Since when only a different body has been seen (null: locked on the patient). */
  otherSinceMs: number | null;
  /** The last frame's body, and since when the picture has shown exactly it (a repeated picture). */
  last: BodySignature | null;
  lastSinceMs: number;
  /** A jump inside the patient's outline seen on the last frame: the reference moves to it only if the next frame confirms it. */
  pending: BodySignature | null;
}

export interface IdentityResult {
  /** This frame shows the tracked person (or nobody). */
  ok: boolean;
  /** This frame started a run of frames of someone else. */
  switched: boolean;
  /** The lock moved to a new person after the patient was gone RELOCK_MS. */
  relocked: boolean;
}

/** A reference older than this (ms) is not compared: a gap with nobody seen. source: starting point */
export const COMPARE_WINDOW_MS = 500;
/** Largest centre move between compared frames, in torso lengths. source: starting point (a rehab movement moves the trunk centre < 0.2 torso per frame at 15 fps) */
export const MAX_JUMP_TORSO = 0.6;
/** Largest torso-length ratio between compared frames. source: starting point */
export const MAX_SCALE_RATIO = 1.5;
/** Only someone else seen this long (ms) → follow them (the patient has left). source: starting point */
export const RELOCK_MS = 4000;
/** Keypoint score needed to use a shoulder or hip. source: starting point */
const MIN_SCORE = 0.3;
/** A torso shorter than this fraction of the frame is not measured (a collapsed skeleton). source: starting point */
const MIN_TORSO_FRAC = 0.04;
/** The box of the reference body grows by this many torso lengths before a centre counts as outside it. source: starting point */
const BOX_MARGIN_TORSO = 0.25;

export function initialIdentityState(): IdentityState {
  return { ref: null, refMs: -Infinity, otherSinceMs: null, last: null, lastSinceMs: -Infinity, pending: null };
}

/**
 * The time a frame's picture was seen at one frame rate (ms): MAX_JUMP_TORSO is a move in this
 * long. source: starting point (15 fps, the rate the coach analyses at)
 */
const FRAME_MS = 1000 / 15;

/**
 * How many frame times the body had to make this move: one normally; more when the previous
 * picture was shown unchanged for a while (the same body to the pixel, as a pose model gives
 * for the same image: a stop-motion clip, a frozen or low-rate camera whose frames repeat). The
 * person moved all that time, so a bigger jump is still them. Pure.
 */
function framesOfMotion(state: IdentityState, sig: BodySignature, tMs: number): number {
  const repeated = state.last !== null && state.last.cx === sig.cx && state.last.cy === sig.cy && state.last.torso === sig.torso;
  if (repeated || state.last === null || !Number.isFinite(state.lastSinceMs)) return 1;
  return Math.max(1, Math.min(COMPARE_WINDOW_MS, tMs - state.lastSinceMs) / FRAME_MS);
}

function mid(f: PoseFrame, a: Joint, b: Joint): [number, number] | null {
  const p = f.joints[a];
  const q = f.joints[b];
  const pa = p.score >= MIN_SCORE;
  const qa = q.score >= MIN_SCORE;
  if (pa && qa) return [(p.x + q.x) / 2, (p.y + q.y) / 2];
  if (pa) return [p.x, p.y];
  if (qa) return [q.x, q.y];
  return null;
}

/** The body's centre and scale, or null when shoulders or hips are not seen. */
export function bodySignature(f: PoseFrame): BodySignature | null {
  const s = mid(f, 'leftShoulder', 'rightShoulder');
  const h = mid(f, 'leftHip', 'rightHip');
  if (!s || !h) return null;
  const torso = Math.hypot(s[0] - h[0], s[1] - h[1]);
  if (!(torso >= MIN_TORSO_FRAC * Math.max(f.width, f.height, 1))) return null;
  const box = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
  for (const k of Object.values(f.joints)) {
    if (k.score < MIN_SCORE) continue;
    box.x0 = Math.min(box.x0, k.x);
    box.y0 = Math.min(box.y0, k.y);
    box.x1 = Math.max(box.x1, k.x);
    box.y1 = Math.max(box.y1, k.y);
  }
  return { cx: (s[0] + h[0]) / 2, cy: (s[1] + h[1]) / 2, hx: h[0], hy: h[1], torso, box };
}

/**
 * Is `b` somebody else than `a`? Only when its centre jumped AND lies outside `a`'s body box: a
 * second person stands beside the patient; a model glitch or a camera zoom on the same person
 * lands inside the patient's own outline and is left to the visibility gate.
 */
export function otherBody(a: BodySignature, b: BodySignature, frames = 1): boolean {
  if (sameBody(a, b, frames)) return false;
  const m = BOX_MARGIN_TORSO * a.torso;
  const inside = b.cx >= a.box.x0 - m && b.cx <= a.box.x1 + m && b.cy >= a.box.y0 - m && b.cy <= a.box.y1 + m;
  return !inside;
}

/** Is `b` plausibly the same body as `a`, `frames` frame times later? */
export function sameBody(a: BodySignature, b: BodySignature, frames = 1): boolean {
  const ratio = b.torso / a.torso;
  if (ratio > MAX_SCALE_RATIO || ratio < 1 / MAX_SCALE_RATIO) return false;
  return Math.hypot(b.hx - a.hx, b.hy - a.hy) <= MAX_JUMP_TORSO * frames * Math.max(a.torso, b.torso);
}

export function stepIdentity(state: IdentityState, frame: PoseFrame | null, tMs: number): [IdentityState, IdentityResult] {
  const sig = frame ? bodySignature(frame) : null;
  // Nobody, or a body we cannot measure: nothing to compare; the visibility gate handles it.
  if (!sig) return [{ ...state, last: null, lastSinceMs: -Infinity }, { ok: state.otherSinceMs === null || frame === null, switched: false, relocked: false }];
  const frames = framesOfMotion(state, sig, tMs);
  const repeated = frames === 1 && state.last !== null && state.last.cx === sig.cx && state.last.cy === sig.cy && state.last.torso === sig.torso;
  const seen = { last: sig, lastSinceMs: repeated ? state.lastSinceMs : tMs };
  const recent = state.ref !== null && tMs - state.refMs <= COMPARE_WINDOW_MS;
  if (state.otherSinceMs === null) {
    const ok = { ok: true, switched: false, relocked: false };
    if (!recent || sameBody(state.ref!, sig, frames) || (state.pending && sameBody(state.pending, sig))) return [{ ref: sig, refMs: tMs, otherSinceMs: null, pending: null, ...seen }, ok];
    // A jump that lands inside the patient's outline: a model glitch, a fast move or a zoom. The
    // frame goes on to the visibility gate; the patient's reference moves only when the next
    // frame is the same body again (a zoom stays, a glitch of one frame does not).
    if (!otherBody(state.ref!, sig, frames)) return [{ ...state, refMs: tMs, pending: sig, ...seen }, ok];
    // A jump: someone else. Keep the patient's reference (and its time) to recognise them.
    return [{ ...state, otherSinceMs: tMs, pending: null, ...seen }, { ok: false, switched: true, relocked: false }];
  }
  // Someone else was in view: is this the patient again (near where they were)?
  if (state.ref && !otherBody(state.ref, sig)) return [{ ref: sig, refMs: tMs, otherSinceMs: null, pending: null, ...seen }, { ok: true, switched: false, relocked: false }];
  if (tMs - state.otherSinceMs >= RELOCK_MS) return [{ ref: sig, refMs: tMs, otherSinceMs: null, pending: null, ...seen }, { ok: true, switched: false, relocked: true }];
  return [{ ...state, ...seen }, { ok: false, switched: false, relocked: false }];
}
