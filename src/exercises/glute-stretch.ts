import { stretchHold, bothJoints, defineExercise, SEE, target, anatomicalSide, type BodyFeatures, type Prescription, type Side, type FigurePose } from '../core/check';
import { FLAT_BENT, keyframe } from './figure-poses';

const CROSSED: FigurePose = { ...FLAT_BENT, farKnee: [110, 58], farAnkle: [124, 88], nearKnee: [98, 50], nearAnkle: [110, 60] };
const PULLED: FigurePose = { ...FLAT_BENT, farKnee: [84, 50], farAnkle: [104, 62], nearKnee: [86, 44], nearAnkle: [92, 58], nearElbow: [54, 70], nearWrist: [80, 56] };

/** Which leg is crossed over the other knee (model label), and the pulled thigh's hip flexion. */
function figureFour(f: BodyFeatures, crossDist: number): { crossed: Side; pulledHip: number | null } | null {
  if (!f.torsoPx) return null;
  for (const crossed of ['left', 'right'] as const) {
    const other = crossed === 'left' ? 'right' : 'left';
    const ankle = f.joints[`${crossed}Ankle`];
    const knee = f.joints[`${other}Knee`];
    if (!f.visible[`${crossed}Ankle`] || !f.visible[`${other}Knee`]) continue;
    if (Math.hypot(ankle.x - knee.x, ankle.y - knee.y) / f.torsoPx <= crossDist) {
      return { crossed, pulledHip: f.legs[other].hipFlexion };
    }
  }
  return null;
}

/** Figure-four glute stretch, lying on the back; a hold per side. */
export default defineExercise({
  id: 'glute-stretch',
  title: 'Figure-four glute stretch',
  order: 5,
  signalLabel: 'Hip flexion (held)',
  faults: {},
  figure: { view: 'side', keyframes: [keyframe(CROSSED, 900, 1400, 'Cross the foot over the knee'), keyframe(PULLED, 3000, 1400, 'Pull toward the chest, hold')] },
  camera: 'side',
  position: 'supine',
  kind: 'hold',
  perSide: true,
  howTo: [
    'Put the laptop on the floor 2-3 metres away, so that your side faces it.',
    'Lie on your back with both knees bent.',
    'Cross one foot over the opposite knee.',
    'Hold the thigh of the leg on the floor and pull that knee toward your chest.',
    'Hold for 15 seconds. Do it twice on each side, at least twice a day.',
  ],
  caution: 'Stretch both sides. The side that hurts will feel tighter: go gently.',
  defaults: {
    sets: 1, // source: starting point, physio can override
    reps: 2, // source: clinical-basis.md#glute-stretch "2 times on each side"
    holdS: 15, // source: clinical-basis.md#glute-stretch "hold 15 s"
    sides: ['left', 'right'],
    timesPerDay: 2, // source: clinical-basis.md#glute-stretch "at least twice a day"
    targets: {
      crossDist: 0.45, // source: starting point: ankle within ~half a torso length of the other knee
      pullDeg: 60, // source: starting point: the pulled thigh well toward the chest
    },
  },
  postures: ['lying'],
  needs: [
    { joints: bothJoints(['Hip']), message: SEE.hips },
    { joints: bothJoints(['Knee', 'Ankle']), message: SEE.feet },
  ],
  signal: (f, p) => {
    const ff = figureFour(f, target(p, 'crossDist', 0.45));
    const ok = ff !== null && (ff.pulledHip ?? 0) >= target(p, 'pullDeg', 60);
    return {
      tMs: f.tMs,
      value: ok ? 1 : 0,
      side: ff ? anatomicalSide(f, ff.crossed) : null,
      aux: { angle: ff?.pulledHip ?? null },
    };
  },
  angleNames: ['angle'],
  check: (p: Prescription) => stretchHold(p, 15), // source: clinical-basis.md#glute-stretch "hold 15 s"
  cues: [
    { id: 'hold-broken', on: 'hold-broken', say: 'Try to hold the stretch for the whole count.', priority: 30 },
    { id: 'hold-done', on: 'hold-target-reached', say: 'Well done. Release slowly.', priority: 40 },
  ],
  translations: {
    'zh-CN': {
      title: '4字臀肌拉伸（梨状肌拉伸）',
      signalLabel: '髋关节屈曲（保持）',
      faults: {},
      howTo: [
        '把笔记本电脑放在地上，距离您 2 到 3 米，让身体侧面对着它。',
        '仰卧，双膝弯曲。',
        '把一只脚搭在另一侧的膝盖上。',
        '双手抱住着地那条腿的大腿，把这侧膝盖拉向胸口。',
        '保持 15 秒。每侧做两次，每天至少两次。',
      ],
      caution: '两侧都要拉伸。疼痛的一侧会感觉更紧：动作要轻柔。',
      cues: {
        'hold-broken': '试着在整个计时内保持拉伸。',
        'hold-done': '做得好。慢慢放松。',
      },
      figure: ['把脚搭在膝盖上', '拉向胸口，保持'],
    },
  },
});
