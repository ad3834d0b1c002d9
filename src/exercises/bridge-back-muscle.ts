import { BRIDGE_DWELL, defineExercise, target, type Prescription } from '../core/check';
import { BRIDGE_UP, bridgeHowTo, bridgeHowToZh, bridgeNeeds, bridgeSignal } from './bridge';
import { FLAT_BENT, keyframe } from './figure-poses';

/** Back-muscle exercise: the bridge movement with a small lift (~10 cm), a 5 s hold, 10 reps. */
export default defineExercise({
  id: 'bridge-back-muscle',
  title: 'Back-muscle exercise (small bridge)',
  order: 2,
  signalLabel: 'Hip extension (counted)',
  faults: {
    'hold-too-short': 'hold too short',
    'lowered-too-fast': 'lowered too fast',
  },
  figure: { view: 'side', keyframes: [keyframe(FLAT_BENT, 600, 900, 'Lie with knees bent'), keyframe({ ...BRIDGE_UP, hip: [82, 76] }, 2500, 2000, 'Lift 10 cm, hold')] },
  camera: 'side',
  position: 'supine',
  kind: 'reps',
  perSide: false,
  howTo: [...bridgeHowTo.slice(0, 3), 'Lift your hips about 10 cm (a hand\'s width) off the floor.', 'Hold for 5 seconds, then lower slowly.'],
  defaults: {
    sets: 1, // source: starting point, physio can override
    reps: 10, // source: clinical-basis.md#bridge-back-muscle "repeat 10 times"
    holdS: 5, // source: clinical-basis.md#bridge-back-muscle "hold 5 s"
    sides: ['both'],
    targets: {
      // source: clinical-basis.md#bridge-back-muscle "about 10 cm"; a 10 cm lift turns a ~45 cm thigh and a
      // ~50 cm trunk by ~12° each, so the hip opens ~20° from where it rests (starting point).
      liftDeg: 18,
      lowerS: 0.3, // source: clinical-basis.md#bridge-back-muscle "lower slowly"; starting point
    },
  },
  postures: ['lying'],
  needs: bridgeNeeds,
  signal: bridgeSignal,
  angleNames: ['signal', 'hipExtension', 'kneeFlexion'],
  check: (p: Prescription) => ({
    kind: 'reps',
    adaptive: {
      minRise: target(p, 'liftDeg', 18),
      expectedRise: target(p, 'liftDeg', 18),
      upFraction: 0.55, // source: clinical-basis.md#bridge-back-muscle: the lift asked for (minRise) at least, and over half the person's own range as the sit-up (one fraction for both)
      downFraction: 0.4, // source: starting point (hysteresis)
    },
    ...BRIDGE_DWELL,
    holdTopS: p.holdS ?? 5,
    faults: [
      { id: 'hold-too-short', weight: 30, test: (r) => r.holdS < (p.holdS ?? 5) },
      { id: 'lowered-too-fast', weight: 20, test: (r) => r.lowerS < target(p, 'lowerS', 0.3) },
    ],
  }),
  cues: [
    { id: 'lift-higher', on: 'rep-missed-top', say: 'Lift your hips about a hand\'s width.', priority: 40 },
    { id: 'hold-longer', on: 'hold-too-short', say: 'Hold for 5 seconds at the top.', priority: 30 },
    { id: 'lower-slowly', on: 'lowered-too-fast', say: 'Lower your hips slowly.', priority: 45 },
  ],
  translations: {
    'zh-CN': {
      title: '腰背肌锻炼（小幅臀桥）',
      signalLabel: '髋关节伸展（计数）',
      faults: {
        'hold-too-short': '保持时间太短',
        'lowered-too-fast': '放下太快',
      },
      howTo: [...bridgeHowToZh.slice(0, 3), '把臀部抬离地面约 10 厘米（一个手掌的厚度）。', '保持 5 秒，然后慢慢放下。'],
      cues: {
        'lift-higher': '臀部抬高约一个手掌的厚度。',
        'hold-longer': '在顶端保持 5 秒。',
        'lower-slowly': '慢慢放下臀部。',
      },
      figure: ['屈膝仰卧', '抬起 10 厘米，保持'],
    },
  },
});
