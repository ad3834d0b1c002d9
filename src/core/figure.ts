/**
 * The stick figure an exercise shows on the programme: keyframes drawn by hand in a 200×100
 * box (floor at y = 90, head to the left for floor exercises). Pure data, declared by each
 * exercise in src/exercises/; the drawing and the animation between keyframes are the UI's.
 */

/** A point in the figure's 200×100 box. */
export type Pt = readonly [number, number];

/** One body pose. `near*` is the limb nearer the camera, `far*` the other one. */
export interface FigurePose {
  head: Pt;
  neck: Pt;
  hip: Pt;
  nearElbow: Pt;
  nearWrist: Pt;
  farElbow?: Pt;
  farWrist?: Pt;
  nearKnee: Pt;
  nearAnkle: Pt;
  farKnee?: Pt;
  farAnkle?: Pt;
  /** Optional prop line (towel/belt) from the hands to the foot. */
  towel?: boolean;
}

export interface Keyframe {
  pose: FigurePose;
  /** How long to stay on this pose (ms) before moving on. */
  holdMs: number;
  /** How long the move to the next pose takes (ms). */
  moveMs: number;
  /** Short label for this moment, shown under the figure. */
  label?: string;
}

export interface Figure {
  view: 'side' | 'front';
  keyframes: Keyframe[];
}
