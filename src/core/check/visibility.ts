/**
 * The visibility gate: a checker never acts on a joint it cannot see. Turns missing joints,
 * a wrong view or bad framing into a problem value with a message a patient understands.
 */
import { VISIBILITY, type BodyFeatures, type View } from '../features/body';
import type { Joint } from '../pose';
import type { Exercise } from './exercise';

export type VisibilityProblem = {
  kind: 'no-person' | 'not-visible' | 'wrong-view' | 'too-close' | 'other-person';
  joints?: Joint[];
  message: string;
};

export interface Visibility {
  ok: boolean;
  problem?: VisibilityProblem;
}

/** source: starting point: a body spanning under 25 % of the frame is too small to read well */
const TOO_FAR_EXTENT = 0.25;

export const NO_PERSON: Visibility = {
  ok: false,
  problem: { kind: 'no-person', message: "I can't see you. Make sure you are in front of the camera." },
};

/**
 * The gates a frame's signal passes before a checker may use it, in order. Each names why a
 * frame was held back, for the explanation timeline (`npm run analyze -- --explain`, review).
 * - no-person / identity: nobody, or the model is on someone else;
 * - visibility: a joint the exercise needs is not seen;
 * - limb-plausibility: it is "seen" but where a real limb cannot be (a misplaced knee);
 * - view: the camera sees the person from a direction the measure cannot work from;
 * - posture: the person is not in the exercise's position (standing for a floor exercise).
 */
export type GateKind = 'no-person' | 'identity' | 'visibility' | 'limb-plausibility' | 'view' | 'posture';

export interface Gate {
  kind: GateKind;
  /** In words, e.g. "read as standing", "left knee not seen". */
  detail: string;
}

export interface GateResult {
  visibility: Visibility;
  /** Null when the signal may be used. */
  gate: Gate | null;
  /** Advice on the camera that does not stop counting (e.g. a better view). */
  advice: string | null;
}

const words = (j: string) => j.replace(/([A-Z])/g, ' $1').toLowerCase();

/** What to say when the camera sees the person from the wrong direction, by the view the exercise needs. */
export const WRONG_VIEW = {
  side: 'Turn so that your side faces the camera.',
  front: 'Face the camera, with your whole body in view.',
} as const;

/** Advice when the body is small in the picture. */
export const TOO_FAR = 'Move the laptop a little closer to you.';

const wrongViewMessage = (ex: Exercise) => WRONG_VIEW[ex.camera];

/**
 * Does the view matter for this frame's measure? Angles from the model's 3D points do not
 * depend on where the camera is; in 2D, the floor exercises' signals are measured against the
 * person's own range (adaptive) or as body-relative angles and keep working from an oblique
 * camera, so only a front-view exercise measured in 2D (the twist, read from how narrow the
 * shoulder line looks) needs its view.
 */
function viewMatters(ex: Exercise, f: BodyFeatures): boolean {
  return f.measure !== '3d' && ex.camera === 'front';
}

/** Check the framing and the gates for an exercise. `view` is the settled view (not the frame's guess). */
export function gateFrame(ex: Exercise, f: BodyFeatures, view: View | null): GateResult {
  for (const need of ex.needs) {
    const joints = typeof need.joints === 'function' ? need.joints(f) : need.joints;
    const missing = joints.filter((j) => !f.visible[j]);
    if (need.any ? missing.length === joints.length : missing.length > 0) {
      const implausible = missing.filter((j) => f.joints[j].score >= VISIBILITY.minScore && f.implausible.some((n) => j.startsWith(n.split('-')[0]!)));
      const gate: Gate =
        implausible.length > 0
          ? { kind: 'limb-plausibility', detail: `${implausible.map(words).join(', ')} where a limb cannot be (${f.implausible.join(', ')})` }
          : { kind: 'visibility', detail: `${missing.map(words).join(', ')} not seen` };
      return { visibility: { ok: false, problem: { kind: 'not-visible', joints: missing, message: need.message } }, gate, advice: null };
    }
  }
  let advice: string | null = null;
  if (view && view !== ex.camera) {
    if (viewMatters(ex, f)) {
      return {
        visibility: { ok: false, problem: { kind: 'wrong-view', message: wrongViewMessage(ex) } },
        gate: { kind: 'view', detail: `read as a ${view} view; this measure needs a ${ex.camera} view` },
        advice: null,
      };
    }
    advice = wrongViewMessage(ex);
  }
  // A small body is advice, not a gate: whether its joints can be read is the scores' call (the
  // visibility gate above); a figure-four held 5 s in a wide shot spanning 22 % of the picture
  // was thrown away whole when this stopped counting.
  if (f.extent > 0 && f.extent < TOO_FAR_EXTENT) advice ??= TOO_FAR;
  if (f.posture === null || !ex.postures.includes(f.posture)) {
    return { visibility: { ok: true }, gate: { kind: 'posture', detail: f.posture ? `read as ${f.posture}` : 'posture not clear' }, advice };
  }
  return { visibility: { ok: true }, gate: null, advice };
}

/** Shown while the pose model follows someone other than the patient (see check/identity.ts). */
export const OTHER_PERSON: Visibility = {
  ok: false,
  problem: { kind: 'other-person', message: 'Someone else is in view. I only count you: counting waits until I can see just you again.' },
};

/**
 * Standard messages for groups of joints. Every JointNeed's message is one of these, so the UI
 * can say them in another language (src/ui/state/coach-words.ts; core stays English).
 */
export const SEE = {
  feet: 'Move the laptop back so I can see your feet.',
  legs: 'Move the laptop back so I can see your legs and feet.',
  hips: 'Make sure your hips and knees are in view.',
  upper: 'Move the laptop so I can see your head and shoulders.',
  arms: 'Make sure your arms are in view.',
  /** A standing exercise filmed from the front. */
  frontBody: 'Stand facing the camera so I can see both shoulders and hips.',
} as const;
