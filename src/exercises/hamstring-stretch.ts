import { stretchHold, bothJoints, defineExercise, nearJoints, SEE, target, workingLeg, type Prescription, type FigurePose } from '../core/check';
import { LEG_STRAIGHT, keyframe } from './figure-poses';

const TOWEL_START: FigurePose = { ...LEG_STRAIGHT, nearKnee: [110, 64], nearAnkle: [134, 44], nearElbow: [50, 76], nearWrist: [66, 66], towel: true };
const TOWEL_UP: FigurePose = { ...LEG_STRAIGHT, nearKnee: [96, 56], nearAnkle: [106, 24], nearElbow: [50, 74], nearWrist: [64, 62], towel: true };

/** Supine hamstring stretch with a towel or belt; a hold per leg. */
export default defineExercise({
  id: 'hamstring-stretch',
  title: 'Hamstring stretch with a towel',
  order: 4,
  signalLabel: 'Hip flexion (held)',
  faults: {},
  figure: { view: 'side', keyframes: [keyframe(TOWEL_START, 500, 1500, 'Towel round the foot'), keyframe(TOWEL_UP, 3000, 1500, 'Hold the stretch')] },
  camera: 'side',
  position: 'supine',
  kind: 'hold',
  perSide: true,
  howTo: [
    'Put the laptop on the floor 2-3 metres away, so that your side faces it.',
    'Lie on your back and loop a towel or belt around one foot.',
    'Keeping the knee straight, raise the leg toward the ceiling until you feel a stretch behind the knee or thigh.',
    'Hold still for 15-20 seconds, then lower the leg.',
    'Do it twice on each leg.',
  ],
  caution: 'Go only as far as is comfortable. Numbness or burning down the leg means ease off.', // source: clinical-basis.md#hamstring-stretch
  defaults: {
    sets: 1, // source: starting point, physio can override
    reps: 2, // source: clinical-basis.md#hamstring-stretch "2 times on each leg"
    holdS: 15, // source: clinical-basis.md#hamstring-stretch "hold 15-20 s"
    sides: ['left', 'right'],
    targets: {
      stretchDeg: 45, // source: starting point, physio can override (leg clearly raised toward the ceiling)
      kneeBentDeg: 25, // source: clinical-basis.md#hamstring-stretch "knee straight"; 25° allowance for 2D error, starting point
    },
  },
  postures: ['lying'],
  needs: [
    { joints: (f) => nearJoints(f, ['Hip']), message: SEE.hips },
    { joints: bothJoints(['Knee']), any: true, message: SEE.legs },
  ],
  signal: (f, p) => {
    const leg = workingLeg(f, 200);
    const ok =
      leg !== null &&
      leg.hipFlexion >= target(p, 'stretchDeg', 45) &&
      (leg.kneeFlexion ?? 0) <= target(p, 'kneeBentDeg', 25);
    return {
      tMs: f.tMs,
      value: leg ? (ok ? 1 : 0) : null,
      side: leg?.side ?? null,
      aux: { angle: leg?.hipFlexion ?? null, kneeFlexion: leg?.kneeFlexion ?? null },
    };
  },
  angleNames: ['angle', 'kneeFlexion'],
  check: (p: Prescription) => stretchHold(p, 15), // source: clinical-basis.md#hamstring-stretch "hold 15-20 s"
  cues: [
    {
      id: 'knee-straight',
      on: 'live',
      say: 'Keep your knee straight.',
      priority: 50,
      when: (_f, s) => (s.aux.angle ?? 0) > 30 && (s.aux.kneeFlexion ?? 0) > 25,
    },
    { id: 'hold-broken', on: 'hold-broken', say: 'Try to hold the stretch a little longer.', priority: 30 },
    { id: 'hold-done', on: 'hold-target-reached', say: 'Well done. Lower the leg slowly.', priority: 40 },
  ],
  translations: {
    'zh-CN': {
      title: '毛巾辅助仰卧腘绳肌拉伸',
      signalLabel: '髋关节屈曲（保持）',
      faults: {},
      howTo: [
        '把笔记本电脑放在地上，距离您 2 到 3 米，让身体侧面对着它。',
        '仰卧，用毛巾或带子套住一只脚。',
        '保持膝盖伸直，把腿朝天花板方向抬起，直到膝盖后方或大腿后侧有拉伸感。',
        '静止保持 15 到 20 秒，然后放下腿。',
        '每条腿各做两次。',
      ],
      caution: '只拉伸到感觉舒适的程度。如果腿部出现麻木或灼热感，就要放松一些。',
      cues: {
        'knee-straight': '保持膝盖伸直。',
        'hold-broken': '试着把拉伸保持得再久一点。',
        'hold-done': '做得好。慢慢放下腿。',
      },
      figure: ['毛巾套住脚', '保持拉伸'],
    },
  },
});
