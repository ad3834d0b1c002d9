import { stretchHold, bothJoints, defineExercise, SEE, target, workingLeg, type Prescription, type FigurePose } from '../core/check';
import { FLAT_BENT, keyframe } from './figure-poses';

const KNEES_BENT: FigurePose = { ...FLAT_BENT, farKnee: [110, 58], farAnkle: [124, 88] };
const KNEE_IN: FigurePose = { ...KNEES_BENT, nearKnee: [76, 54], nearAnkle: [100, 58], nearElbow: [50, 72], nearWrist: [72, 58] };

/** Knee-to-chest stretch (single or double), lying on the back; timed holds. */
export default defineExercise({
  id: 'knee-to-chest',
  title: 'Knee-to-chest stretch',
  order: 6,
  signalLabel: 'Hip flexion (held)',
  faults: {},
  figure: { view: 'side', keyframes: [keyframe(KNEES_BENT, 700, 1300, 'Knees bent'), keyframe(KNEE_IN, 3000, 1300, 'Knee to chest, hold')] },
  camera: 'side',
  position: 'supine',
  kind: 'hold',
  perSide: true,
  howTo: [
    'Put the laptop on the floor 2-3 metres away, so that your side faces it.',
    'Lie on your back with both knees bent.',
    'Hold one knee (or both) with your hands and pull it gently toward your chest.',
    'Hold, then let it go slowly.',
  ],
  defaults: {
    sets: 1, // source: starting point, physio can override
    reps: 2, // source: clinical-basis.md#knee-to-chest, held like the glute stretch (2 each side)
    holdS: 15, // source: clinical-basis.md#knee-to-chest, held like the glute stretch (15 s)
    sides: ['left', 'right'],
    targets: {
      pullDeg: 115, // source: starting point: near the end of hip flexion with the knee bent (~120°), i.e. "to the chest"
    },
  },
  postures: ['lying'],
  needs: [
    { joints: bothJoints(['Hip']), any: true, message: SEE.hips },
    { joints: bothJoints(['Knee']), any: true, message: SEE.legs },
  ],
  signal: (f, p) => {
    const pull = target(p, 'pullDeg', 115);
    const leg = workingLeg(f, pull, 25);
    return {
      tMs: f.tMs,
      value: leg ? (leg.hipFlexion >= pull ? 1 : 0) : null,
      side: leg?.side ?? null,
      aux: { angle: leg?.hipFlexion ?? null },
    };
  },
  angleNames: ['angle'],
  check: (p: Prescription) => stretchHold(p, 15), // source: clinical-basis.md#knee-to-chest "hold 15 s"
  cues: [
    { id: 'hold-broken', on: 'hold-broken', say: 'Try to hold the stretch a little longer.', priority: 30 },
    { id: 'hold-done', on: 'hold-target-reached', say: 'Well done. Let go slowly.', priority: 40 },
  ],
  translations: {
    'zh-CN': {
      title: '抱膝触胸拉伸',
      signalLabel: '髋关节屈曲（保持）',
      faults: {},
      howTo: [
        '把笔记本电脑放在地上，距离您 2 到 3 米，让身体侧面对着它。',
        '仰卧，双膝弯曲。',
        '双手抱住一侧膝盖（或双膝），轻轻拉向胸口。',
        '保持住，然后慢慢松开。',
      ],
      cues: {
        'hold-broken': '试着把拉伸保持得再久一点。',
        'hold-done': '做得好。慢慢松开。',
      },
      figure: ['双膝弯曲', '膝盖拉向胸口，保持'],
    },
  },
});
