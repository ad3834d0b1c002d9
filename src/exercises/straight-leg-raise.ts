import { bothJoints, defineExercise, MIN_REP_MS, nearJoints, SEE, target, legsApart, workingLeg, type Prescription, type FigurePose } from '../core/check';
import { LEG_STRAIGHT, keyframe } from './figure-poses';

const LEG_UP: FigurePose = { ...LEG_STRAIGHT, nearKnee: [108, 62], nearAnkle: [130, 38] };

/** Straight-leg raise, lying on the back, filmed from the side; counted per leg. */
export default defineExercise({
  id: 'straight-leg-raise',
  title: 'Straight-leg raise',
  order: 3,
  signalLabel: 'Hip flexion (counted)',
  faults: {
    'knee-bent': 'knee bent',
    'not-high-enough': 'not high enough',
    'other-leg-lifted': 'other leg lifted',
    'hold-too-short': 'hold too short',
    'lowered-too-fast': 'lowered too fast',
  },
  figure: { view: 'side', keyframes: [keyframe(LEG_STRAIGHT, 600, 1400, 'Knee straight'), keyframe(LEG_UP, 600, 1800, 'Raise the leg')] },
  camera: 'side',
  position: 'supine',
  kind: 'reps',
  perSide: true,
  howTo: [
    'Put the laptop on the floor 2-3 metres away, so that your side faces it.',
    'Lie on your back with both legs straight.',
    'Keep your knee straight and lift one leg using your thigh muscles.',
    'Hold it up for a moment, then lower it slowly. Keep the other leg down.',
    'Do the same with the other leg.',
  ],
  caution: 'Go only as high as is comfortable. If the pain shoots down your leg, lower the leg and tell your physiotherapist.',
  defaults: {
    sets: 1, // source: starting point, physio can override
    reps: 10, // source: starting point, physio can override
    holdS: 5, // source: starting point (the staged clinical clip captions "hold 5 s"), physio can override
    sides: ['left', 'right'],
    targets: {
      liftDeg: 30, // source: starting point, physio can override (30-45° is the usual bed exercise range)
      countDeg: 22, // source: starting point: below this the leg has not really left the bed
      kneeBentDeg: 20, // source: clinical-basis.md#straight-leg-raise "keep the knee straight"; 20° allowance for 2D error, starting point
      otherLegDeg: 20, // source: clinical-basis.md#straight-leg-raise "the other leg stays down"; starting point
      lowerS: 0.3, // source: clinical-basis.md#straight-leg-raise "controlled lowering"; starting point
    },
  },
  postures: ['lying', 'sitting'],
  needs: [
    { joints: (f) => nearJoints(f, ['Hip']), message: SEE.hips },
    { joints: bothJoints(['Knee']), any: true, message: SEE.legs },
  ],
  signal: (f, p) => {
    const leg = workingLeg(f, target(p, 'countDeg', 22));
    // The leg's rise from the bed: from the trunk line, or from the other leg where that reads
    // higher (a wrong trunk point only ever lowers the other leg's reading of it).
    const apart = leg && leg.side !== 'both' ? legsApart(f) : null;
    return {
      tMs: f.tMs,
      value: leg ? Math.max(leg.hipFlexion, apart ?? -Infinity) : null,
      side: leg?.side ?? null,
      aux: { kneeFlexion: leg?.kneeFlexion ?? null, otherHipFlexion: leg?.side === 'both' ? null : (leg?.otherHipFlexion ?? null) },
    };
  },
  angleNames: ['signal', 'kneeFlexion', 'otherHipFlexion'],
  check: (p: Prescription) => ({
    kind: 'reps',
    up: target(p, 'countDeg', 22),
    down: target(p, 'countDeg', 22) - 10, // source: starting point: 10° of hysteresis
    minUpMs: 200, // source: starting point
    minDownMs: 200, // source: starting point
    minRepMs: MIN_REP_MS,
    holdTopS: p.holdS ?? 5,
    reportTopAsHold: true,
    faults: [
      { id: 'knee-bent', weight: 30, test: (r) => (r.auxMax.kneeFlexion ?? 0) > target(p, 'kneeBentDeg', 20) },
      { id: 'not-high-enough', weight: 20, test: (r) => r.peak < target(p, 'liftDeg', 30) },
      { id: 'other-leg-lifted', weight: 15, test: (r) => (r.auxMax.otherHipFlexion ?? 0) > target(p, 'otherLegDeg', 20) },
      { id: 'hold-too-short', weight: 20, test: (r) => r.holdS < (p.holdS ?? 5) },
      { id: 'lowered-too-fast', weight: 15, test: (r) => r.lowerS < target(p, 'lowerS', 0.3) },
    ],
  }),
  cues: [
    {
      id: 'knee-straight',
      on: 'live',
      say: 'Keep your knee straight.',
      priority: 50,
      when: (_f, s) => (s.value ?? 0) > 15 && (s.aux.kneeFlexion ?? 0) > 25,
    },
    { id: 'knee-bent', on: 'knee-bent', say: 'Keep your knee straight as you lift.', priority: 45 },
    { id: 'lift-higher', on: 'rep-missed-top', say: 'Lift the leg a little higher if it is comfortable.', priority: 30 },
    { id: 'other-leg', on: 'other-leg-lifted', say: 'Keep the other leg down on the bed.', priority: 35 },
    { id: 'lower-slowly', on: 'lowered-too-fast', say: 'Lower your leg slowly.', priority: 40 },
  ],
  translations: {
    'zh-CN': {
      title: '直腿抬高',
      signalLabel: '髋关节屈曲（计数）',
      faults: {
        'knee-bent': '膝盖弯曲',
        'not-high-enough': '抬得不够高',
        'other-leg-lifted': '另一条腿抬起来了',
        'hold-too-short': '保持时间太短',
        'lowered-too-fast': '放下太快',
      },
      howTo: [
        '把笔记本电脑放在地上，距离您 2 到 3 米，让身体侧面对着它。',
        '仰卧，双腿伸直。',
        '保持膝盖伸直，用大腿肌肉的力量抬起一条腿。',
        '在上方停留片刻，然后慢慢放下。另一条腿保持贴地。',
        '换另一条腿做同样的动作。',
      ],
      caution: '只抬到感觉舒适的高度。如果疼痛沿腿往下放射，请放下腿并告诉您的康复治疗师。',
      cues: {
        'knee-straight': '保持膝盖伸直。',
        'knee-bent': '抬腿时保持膝盖伸直。',
        'lift-higher': '如果感觉舒适，腿再抬高一点。',
        'other-leg': '另一条腿保持贴在床上。',
        'lower-slowly': '慢慢放下腿。',
      },
      figure: ['膝盖伸直', '抬起腿'],
    },
  },
});
