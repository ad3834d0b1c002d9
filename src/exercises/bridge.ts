import { BRIDGE_DWELL, bothJoints, defineExercise, nearJoints, SEE, target, type Exercise, type Prescription, type FigurePose } from '../core/check';
import { FLAT_BENT, keyframe } from './figure-poses';

/** The bridge's top, for its figure (shared with the back-muscle variant). */
export const BRIDGE_UP: FigurePose = { ...FLAT_BENT, hip: [80, 70], nearKnee: [113, 56] };

/** Shared by the bridge and its back-muscle variant. */
export function bridgeSignal(f: Parameters<Exercise['signal']>[0]) {
  const kneeKey = f.nearLabel === 'right' ? 'kneeFlexionRight' : 'kneeFlexionLeft';
  return {
    tMs: f.tMs,
    value: f.angles.hipExtension ?? null,
    side: 'both' as const,
    aux: { kneeFlexion: f.angles[kneeKey] ?? null },
  };
}

export const bridgeNeeds: Exercise['needs'] = [
  // Either shoulder: the trunk line falls back to the one that is seen.
  { joints: bothJoints(['Shoulder']), any: true, message: SEE.upper },
  { joints: (f) => nearJoints(f, ['Hip', 'Knee']), message: SEE.hips },
];

export const bridgeHowTo = [
  'Put the laptop on the floor 2-3 metres away, so that your side faces it.',
  'Lie on your back with your knees bent and your feet flat on the floor.',
  'Rest on your elbows, feet and head.',
  'Lift your hips until your shoulders, hips and knees make a straight line.',
  'Hold for a few seconds, then lower your hips slowly.',
];

/** The same steps in Simplified Chinese (the back-muscle variant shares the first three). */
export const bridgeHowToZh = [
  '把笔记本电脑放在地上，距离您 2 到 3 米，让身体侧面对着它。',
  '仰卧，屈膝，双脚平放在地上。',
  '用双肘、双脚和头部支撑身体。',
  '抬起臀部，直到肩、髋、膝成一条直线。',
  '保持几秒钟，然后慢慢放下臀部。',
];

/** Five-point support bridge, filmed from the side. */
export default defineExercise({
  id: 'bridge',
  title: 'Bridge (five-point support)',
  order: 1,
  signalLabel: 'Hip extension (counted)',
  faults: {
    'hold-too-short': 'hold too short',
    'not-high-enough': 'not high enough',
    'over-arch': 'back over-arched',
    'lowered-too-fast': 'lowered too fast',
  },
  figure: { view: 'side', keyframes: [keyframe(FLAT_BENT, 600, 1000, 'Lie with knees bent'), keyframe(BRIDGE_UP, 2000, 2000, 'Lift and hold')] },
  camera: 'side',
  position: 'supine',
  kind: 'reps',
  perSide: false,
  howTo: bridgeHowTo,
  defaults: {
    sets: 1, // source: starting point, physio can override
    reps: 10, // source: starting point, physio can override
    holdS: 3, // source: clinical-basis.md#bridge "hold 3-5 s"
    sides: ['both'],
    timesPerDay: 2, // source: starting point, physio can override
    targets: {
      topDeg: -20, // source: clinical-basis.md#bridge "shoulder-hip-knee close to a straight line"; starting point: within 20°
      goodTopDeg: -10, // source: starting point, physio can override (a full bridge measured 0 ± 5°: clinical-basis.md#pose-measurements)
      overArchDeg: 15, // source: clinical-basis.md#bridge "over-arching (hips above the shoulder-knee line)"; 15° of slack, starting point
      lowerS: 0.3, // source: clinical-basis.md#bridge "lower slowly"; starting point: seconds from the end of the top to back down
    },
  },
  postures: ['lying'],
  needs: bridgeNeeds,
  signal: bridgeSignal,
  angleNames: ['signal', 'hipExtension', 'kneeFlexion'],
  check: (p: Prescription) => ({
    kind: 'reps',
    // The top is the clinical line; back down is relative to the person's own lying level and
    // range (40 % of the way back), not a fixed angle: someone who lowers to just above the mat
    // between reps has lowered, and a 3D hip angle from an oblique camera rests where it rests.
    up: target(p, 'topDeg', -20),
    adaptive: {
      minRise: 12, // source: clinical-basis.md#bridge (starting point: a lift under 12° from your own rest is not a bridge)
      expectedRise: 25, // source: clinical-basis.md#bridge (starting point: from a ~-45° rest to the -20° line)
      upFraction: 0, // the top stays the clinical line (and at least minRise above rest)
      downFraction: 0.4, // source: clinical-basis.md#bridge (starting point: hysteresis, as the back-muscle variant)
    },
    ...BRIDGE_DWELL,
    holdTopS: p.holdS ?? 3,
    faults: [
      { id: 'hold-too-short', weight: 30, test: (r) => r.holdS < (p.holdS ?? 3) },
      { id: 'not-high-enough', weight: 20, test: (r) => r.peak < target(p, 'goodTopDeg', -10) },
      { id: 'over-arch', weight: 25, test: (r) => r.peak > target(p, 'overArchDeg', 15) },
      { id: 'lowered-too-fast', weight: 20, test: (r) => r.lowerS < target(p, 'lowerS', 0.3) },
    ],
  }),
  cues: [
    { id: 'start', on: 'start', say: 'Good. Lift your hips when you are ready.', priority: 10 },
    { id: 'lift-higher', on: 'rep-missed-top', say: 'Lift your hips a little higher.', priority: 40, axis: { name: 'hip-height', dir: 1 } },
    { id: 'not-high-enough', on: 'not-high-enough', say: 'Try to bring your hips up to a straight line.', priority: 35, axis: { name: 'hip-height', dir: 1 } },
    { id: 'over-arch', on: 'over-arch', say: "Don't arch your back: stop when you are in a straight line.", priority: 50, axis: { name: 'hip-height', dir: -1 } },
    { id: 'hold-longer', on: 'hold-too-short', say: 'Hold at the top for a few seconds.', priority: 30 },
    { id: 'lower-slowly', on: 'lowered-too-fast', say: 'Lower your hips slowly.', priority: 45 },
  ],
  translations: {
    'zh-CN': {
      title: '五点支撑臀桥',
      signalLabel: '髋关节伸展（计数）',
      faults: {
        'hold-too-short': '保持时间太短',
        'not-high-enough': '抬得不够高',
        'over-arch': '腰部过度拱起',
        'lowered-too-fast': '放下太快',
      },
      howTo: bridgeHowToZh,
      cues: {
        start: '很好。准备好就抬起臀部。',
        'lift-higher': '臀部再抬高一点。',
        'not-high-enough': '尽量把臀部抬到与肩、膝成一条直线。',
        'over-arch': '不要拱腰：身体成一条直线时就停住。',
        'hold-longer': '在顶端保持几秒钟。',
        'lower-slowly': '慢慢放下臀部。',
      },
      figure: ['屈膝仰卧', '抬起并保持'],
    },
  },
});
