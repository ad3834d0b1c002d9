/**
 * Building blocks of the exercises' stick figures (hand-drawn, original): the base postures
 * that several exercises start from, and a keyframe helper. Each exercise file declares its
 * own figure from these; ui/program draws and animates it.
 */
import type { FigurePose, Keyframe } from '../core/check';

/** Lying on the back, knees bent, feet flat (side view, head to the left). */
export const FLAT_BENT: FigurePose = {
  head: [22, 80],
  neck: [34, 86],
  hip: [84, 86],
  nearElbow: [52, 88],
  nearWrist: [68, 88],
  nearKnee: [110, 58],
  nearAnkle: [124, 88],
};

/** Lying on the back, the near leg straight on the floor, the far knee bent. */
export const LEG_STRAIGHT: FigurePose = {
  ...FLAT_BENT,
  nearKnee: [118, 87],
  nearAnkle: [150, 88],
  farKnee: [110, 58],
  farAnkle: [124, 88],
};

/** Lying face down, hands under the shoulders. */
export const PRONE: FigurePose = {
  head: [24, 80],
  neck: [36, 85],
  hip: [86, 86],
  nearElbow: [36, 74],
  nearWrist: [44, 88],
  nearKnee: [122, 87],
  nearAnkle: [158, 86],
};

/** Standing, front view (x is left-right on screen, hip at y 56), one hand over the head. */
export const STAND: FigurePose = {
  head: [100, 12],
  neck: [100, 24],
  hip: [100, 56],
  nearElbow: [84, 40],
  nearWrist: [92, 54],
  farElbow: [116, 12],
  farWrist: [110, 0],
  nearKnee: [90, 74],
  nearAnkle: [88, 90],
  farKnee: [110, 74],
  farAnkle: [112, 90],
};

/** One keyframe: hold the pose `holdMs`, then move to the next one over `moveMs`. */
export const keyframe = (pose: FigurePose, holdMs: number, moveMs: number, label?: string): Keyframe =>
  label === undefined ? { pose, holdMs, moveMs } : { pose, holdMs, moveMs, label };
