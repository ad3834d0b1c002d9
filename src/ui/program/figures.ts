/**
 * Original stick-figure keyframes for each exercise (drawn by hand in a 200×100 box, floor at
 * y = 90, head to the left for floor exercises). Pure data plus interpolation; the component
 * animates between keyframes.
 */

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

const FLAT_BENT: FigurePose = {
  head: [22, 80],
  neck: [34, 86],
  hip: [84, 86],
  nearElbow: [52, 88],
  nearWrist: [68, 88],
  nearKnee: [110, 58],
  nearAnkle: [124, 88],
};

const BRIDGE_UP: FigurePose = {
  ...FLAT_BENT,
  hip: [80, 70],
  nearKnee: [113, 56],
};

const SLR_DOWN: FigurePose = {
  ...FLAT_BENT,
  nearKnee: [118, 87],
  nearAnkle: [150, 88],
  farKnee: [110, 58],
  farAnkle: [124, 88],
};

const SLR_UP: FigurePose = { ...SLR_DOWN, nearKnee: [108, 62], nearAnkle: [130, 38] };

const HAM_UP: FigurePose = {
  ...SLR_DOWN,
  nearKnee: [96, 56],
  nearAnkle: [106, 24],
  nearElbow: [50, 74],
  nearWrist: [64, 62],
  towel: true,
};
const HAM_START: FigurePose = { ...SLR_DOWN, nearKnee: [110, 64], nearAnkle: [134, 44], nearElbow: [50, 76], nearWrist: [66, 66], towel: true };

const KNEE_CHEST: FigurePose = {
  ...FLAT_BENT,
  farKnee: [110, 58],
  farAnkle: [124, 88],
  nearKnee: [76, 54],
  nearAnkle: [100, 58],
  nearElbow: [50, 72],
  nearWrist: [72, 58],
};

const FIG4_CROSS: FigurePose = {
  ...FLAT_BENT,
  farKnee: [110, 58],
  farAnkle: [124, 88],
  nearKnee: [98, 50],
  nearAnkle: [110, 60],
};
const FIG4_PULL: FigurePose = {
  ...FLAT_BENT,
  farKnee: [84, 50],
  farAnkle: [104, 62],
  nearKnee: [86, 44],
  nearAnkle: [92, 58],
  nearElbow: [54, 70],
  nearWrist: [80, 56],
};

const SIT_DOWN: FigurePose = { ...FLAT_BENT, nearElbow: [28, 74], nearWrist: [22, 78] };
const SIT_UP: FigurePose = {
  ...FLAT_BENT,
  head: [78, 30],
  neck: [80, 42],
  nearElbow: [70, 34],
  nearWrist: [74, 28],
};

const PRONE_DOWN: FigurePose = {
  head: [24, 80],
  neck: [36, 85],
  hip: [86, 86],
  nearElbow: [36, 74],
  nearWrist: [44, 88],
  nearKnee: [122, 87],
  nearAnkle: [158, 86],
};
const PRONE_UP: FigurePose = {
  ...PRONE_DOWN,
  head: [30, 42],
  neck: [40, 54],
  nearElbow: [42, 70],
  nearWrist: [44, 88],
};

// Front view, standing: x is left-right on screen, hip at y 56.
const STAND: FigurePose = {
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
const TWIST: FigurePose = {
  ...STAND,
  head: [104, 12],
  neck: [103, 24],
  nearElbow: [92, 38],
  nearWrist: [96, 54],
  farElbow: [114, 10],
  farWrist: [104, 0],
};

const k = (pose: FigurePose, holdMs: number, moveMs: number, label?: string): Keyframe =>
  label === undefined ? { pose, holdMs, moveMs } : { pose, holdMs, moveMs, label };

/** Figures by exercise id; unknown ids fall back to the bridge. */
export const FIGURES: Record<string, Figure> = {
  bridge: { view: 'side', keyframes: [k(FLAT_BENT, 600, 1000, 'Lie with knees bent'), k(BRIDGE_UP, 2000, 2000, 'Lift and hold')] },
  'bridge-back-muscle': { view: 'side', keyframes: [k(FLAT_BENT, 600, 900, 'Lie with knees bent'), k({ ...BRIDGE_UP, hip: [82, 76] }, 2500, 2000, 'Lift 10 cm, hold')] },
  'straight-leg-raise': { view: 'side', keyframes: [k(SLR_DOWN, 600, 1400, 'Knee straight'), k(SLR_UP, 600, 1800, 'Raise the leg')] },
  'hamstring-stretch': { view: 'side', keyframes: [k(HAM_START, 500, 1500, 'Towel round the foot'), k(HAM_UP, 3000, 1500, 'Hold the stretch')] },
  'glute-stretch': { view: 'side', keyframes: [k(FIG4_CROSS, 900, 1400, 'Cross the foot over the knee'), k(FIG4_PULL, 3000, 1400, 'Pull toward the chest, hold')] },
  'knee-to-chest': { view: 'side', keyframes: [k({ ...FLAT_BENT, farKnee: [110, 58], farAnkle: [124, 88] }, 700, 1300, 'Knees bent'), k(KNEE_CHEST, 3000, 1300, 'Knee to chest, hold')] },
  'sit-up': { view: 'side', keyframes: [k(SIT_DOWN, 500, 1300, 'Lie back'), k(SIT_UP, 300, 1600, 'Curl up slowly')] },
  'press-up': { view: 'side', keyframes: [k(PRONE_DOWN, 600, 1400, 'Hands under shoulders'), k(PRONE_UP, 1200, 1600, 'Press up, hips down')] },
  'waist-twist': { view: 'front', keyframes: [k(STAND, 200, 500, 'Hand over your head'), k(TWIST, 200, 500, 'Twist the waist')] },
};

export function figureFor(id: string): Figure {
  return FIGURES[id] ?? FIGURES.bridge!;
}

const lerp = (a: Pt, b: Pt, t: number): Pt => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
const ease = (t: number): number => (t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) ** 2 / 2);

function mix(a: FigurePose, b: FigurePose, t: number): FigurePose {
  const out: Record<string, unknown> = { towel: t < 0.5 ? a.towel : b.towel };
  for (const key of Object.keys(a) as (keyof FigurePose)[]) {
    if (key === 'towel') continue;
    const pa = a[key] as Pt | undefined;
    const pb = (b[key] as Pt | undefined) ?? pa;
    if (pa && pb) out[key] = lerp(pa, pb, t);
  }
  return out as unknown as FigurePose;
}

/** The pose at time `ms` into the looping animation, and the label of the current keyframe. */
export function poseAt(fig: Figure, ms: number): { pose: FigurePose; label: string | undefined } {
  const frames = fig.keyframes;
  const total = frames.reduce((s, f) => s + f.holdMs + f.moveMs, 0);
  let t = ((ms % total) + total) % total;
  for (let i = 0; i < frames.length; i++) {
    const f = frames[i]!;
    const next = frames[(i + 1) % frames.length]!;
    if (t < f.holdMs) return { pose: f.pose, label: f.label };
    t -= f.holdMs;
    if (t < f.moveMs) return { pose: mix(f.pose, next.pose, ease(t / f.moveMs)), label: f.label };
    t -= f.moveMs;
  }
  return { pose: frames[0]!.pose, label: frames[0]!.label };
}
