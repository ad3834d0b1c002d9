import { bothJoints, defineExercise, MIN_REP_MS, SEE, target, type Prescription, type FigurePose } from '../core/check';
import { FLAT_BENT, keyframe } from './figure-poses';

const LIE_BACK: FigurePose = { ...FLAT_BENT, nearElbow: [28, 74], nearWrist: [22, 78] };
const CURLED: FigurePose = { ...FLAT_BENT, head: [78, 30], neck: [80, 42], nearElbow: [70, 34], nearWrist: [74, 28] };

/** Sit-up, filmed from the side; thresholds adapt to the person's own range. */
export default defineExercise({
  id: 'sit-up',
  title: 'Sit-up',
  order: 7,
  signalLabel: 'Trunk flexion (counted)',
  faults: {},
  figure: { view: 'side', keyframes: [keyframe(LIE_BACK, 500, 1300, 'Lie back'), keyframe(CURLED, 300, 1600, 'Curl up slowly')] },
  camera: 'side',
  position: 'supine',
  kind: 'reps',
  perSide: false,
  howTo: [
    'Put the laptop on the floor 2-3 metres away, so that your side faces it.',
    'Lie on your back with your knees bent and your feet flat.',
    'Curl your trunk up toward your knees, then lie back down slowly.',
    'Do not pull on your neck with your hands.',
    'Do 10, adjusted to what your body can do. Don\'t try to be brave.',
  ],
  caution: 'Stop if the pain in your leg increases.', // source: clinical-basis.md#sit-up
  defaults: {
    sets: 1, // source: starting point, physio can override
    reps: 10, // source: clinical-basis.md#sit-up "10 at a time"
    sides: ['both'],
    timesPerDay: 3, // source: clinical-basis.md#sit-up "three times a day"
    targets: {
      // source: clinical-basis.md#sit-up: crunches move the trunk only 12-19° in 2D; the top must rise at
      // least 10° above the person's own lying level (starting point, physio can override).
      minRiseDeg: 10,
    },
  },
  postures: ['lying', 'sitting'],
  needs: [
    // Either side's shoulder and hip will do: the trunk line is measured from whichever are seen
    // (an arm held overhead can hide the near shoulder while the far one is plain to see).
    { joints: bothJoints(['Shoulder']), any: true, message: SEE.upper },
    { joints: bothJoints(['Hip']), any: true, message: SEE.hips },
  ],
  // The trunk's elevation against the camera's horizontal: from 3D world points when the model
  // gives them (the same from a camera turned anywhere about the vertical; an elevated or tilted
  // camera only shifts the lying level, which the adaptive rest absorbs), else from the image.
  // Not the trunk-thigh angle: it needs a knee, and a partner holding the feet hides both.
  // The set starts lying down (source: clinical-basis.md#sit-up "lie on your back"): someone seated
  // who lies back has not done a sit-up, however the trunk reads while they sit.
  signal: (f) => ({ tMs: f.tMs, value: f.angles.trunkElevation ?? null, side: 'both', startable: f.posture === 'lying', aux: {} }),
  angleNames: ['signal', 'trunkElevation'],
  check: (p: Prescription) => ({
    kind: 'reps',
    adaptive: {
      minRise: target(p, 'minRiseDeg', 10),
      expectedRise: 20, // source: starting point: before the first rep, assume a small curl (clinical-basis.md#pose-measurements: 12-19° in 2D)
      upFraction: 0.55, // source: starting point: over half the person's own range
      downFraction: 0.3, // source: starting point (hysteresis)
    },
    minUpMs: 150, // source: starting point
    minDownMs: 200, // source: starting point
    minRepMs: MIN_REP_MS,
    faults: [],
  }),
  cues: [
    { id: 'curl-higher', on: 'rep-missed-top', say: 'Curl up a little further if you can.', priority: 30 },
  ],
  translations: {
    'zh-CN': {
      title: '仰卧起坐',
      signalLabel: '躯干屈曲（计数）',
      faults: {},
      howTo: [
        '把笔记本电脑放在地上，距离您 2 到 3 米，让身体侧面对着它。',
        '仰卧，屈膝，双脚平放在地上。',
        '把上身向膝盖方向卷起，然后慢慢躺回去。',
        '不要用手拉脖子。',
        '做 10 次，根据身体情况调整，不要逞强。',
      ],
      caution: '如果腿部疼痛加重，请停止。',
      cues: {
        'curl-higher': '如果可以，再往上卷起一点。',
      },
      figure: ['躺下', '慢慢卷起'],
    },
  },
});
