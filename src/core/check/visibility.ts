/**
 * The visibility gate: a checker never acts on a joint it cannot see. Turns missing joints,
 * a wrong view or bad framing into a problem value with a message a patient understands.
 */
import type { BodyFeatures, View } from '../features/body';
import type { Joint } from '../pose';
import type { Exercise } from './exercise';

export type VisibilityProblem = {
  kind: 'no-person' | 'not-visible' | 'wrong-view' | 'too-close' | 'too-far' | 'other-person';
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

/** Check the framing for an exercise. `view` is the settled view (not the frame's guess). */
export function checkVisibility(ex: Exercise, f: BodyFeatures, view: View | null): Visibility {
  for (const need of ex.needs) {
    const joints = typeof need.joints === 'function' ? need.joints(f) : need.joints;
    const missing = joints.filter((j) => !f.visible[j]);
    if (need.any ? missing.length === joints.length : missing.length > 0) {
      return { ok: false, problem: { kind: 'not-visible', joints: missing, message: need.message } };
    }
  }
  if (view && view !== ex.camera) {
    return {
      ok: false,
      problem: {
        kind: 'wrong-view',
        message:
          ex.camera === 'side'
            ? 'Turn so that your side faces the camera.'
            : 'Face the camera, with your whole body in view.',
      },
    };
  }
  if (f.extent > 0 && f.extent < TOO_FAR_EXTENT) {
    return { ok: false, problem: { kind: 'too-far', message: 'Move the laptop a little closer to you.' } };
  }
  return { ok: true };
}

/** Standard messages for groups of joints. */
export const SEE = {
  feet: 'Move the laptop back so I can see your feet.',
  legs: 'Move the laptop back so I can see your legs and feet.',
  hips: 'Make sure your hips and knees are in view.',
  upper: 'Move the laptop so I can see your head and shoulders.',
  arms: 'Make sure your arms are in view.',
} as const;
