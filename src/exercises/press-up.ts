import { defineExercise, nearJoints, SEE, target, type BodyFeatures, type Prescription, type FigurePose } from '../core/check';
import { keyframe, PRONE } from './figure-poses';

const PRESSED: FigurePose = { ...PRONE, head: [30, 42], neck: [40, 54], nearElbow: [42, 70], nearWrist: [44, 88] };

/**
 * Elevation of the hips above the ankles (deg): the hips must stay on the floor. From the 3D
 * points when there are some (against the camera's horizontal: the same from a camera turned
 * anywhere about the vertical, where the image's angle grows as the legs foreshorten).
 */
function hipLift(f: BodyFeatures): number | null {
  const s = f.nearLabel ?? 'left';
  if (!f.visible[`${s}Hip`] || !f.visible[`${s}Ankle`]) return null;
  const w = f.world;
  const hip = w ? w[`${s}Hip`] : { ...f.joints[`${s}Hip`], z: 0 };
  const ankle = w ? w[`${s}Ankle`] : { ...f.joints[`${s}Ankle`], z: 0 };
  return elevationDeg(ankle, hip);
}

type Pt = { x: number; y: number; z: number };
const elevationDeg = (from: Pt, to: Pt) => (Math.atan2(from.y - to.y, Math.hypot(to.x - from.x, to.z - from.z)) * 180) / Math.PI;

/**
 * How far the hips rise above the straight line from the ankles to the shoulders (deg): ~0 lying
 * flat or in a plank, negative in a press-up (the chest rises, the hips stay down), strongly
 * positive with the hips up (a downward dog). A difference of two elevations seen from the same
 * camera, so a rolled (hand-held) or turned camera shifts both alike and it stays the same.
 */
function hipsAboveLine(f: BodyFeatures): number | null {
  const s = f.nearLabel ?? 'left';
  const parts = [`${s}Hip`, `${s}Ankle`, `${s}Shoulder`] as const;
  if (!parts.every((j) => f.visible[j])) return null;
  const w = f.world;
  const [hip, ankle, sh] = parts.map((j) => (w ? w[j] : { ...f.joints[j], z: 0 }));
  return elevationDeg(ankle!, hip!) - elevationDeg(ankle!, sh!);
}

/** Prone press-up (McKenzie extension), filmed from the side. */
export default defineExercise({
  id: 'press-up',
  title: 'Prone press-up',
  order: 9,
  signalLabel: 'Trunk extension (counted)',
  faults: {
    'hips-lifted': 'hips lifted off the floor',
    'hold-too-short': 'hold too short',
  },
  figure: { view: 'side', keyframes: [keyframe(PRONE, 600, 1400, 'Hands under shoulders'), keyframe(PRESSED, 1200, 1600, 'Press up, hips down')] },
  camera: 'side',
  position: 'prone',
  kind: 'reps',
  perSide: false,
  howTo: [
    'Put the laptop on the floor 2-3 metres away, so that your side faces it.',
    'Lie face down with your hands under your shoulders.',
    'Press your chest up by straightening your arms. Keep your hips on the floor.',
    'Pause at the top, then lower yourself down.',
    'After the set, notice whether the leg pain moved toward your back (a good sign).',
  ],
  caution: 'If the pain spreads further down your leg, stop and tell your physiotherapist.', // source: clinical-basis.md#pain-check-in
  defaults: {
    sets: 1, // source: starting point, physio can override
    reps: 10, // source: starting point, physio can override
    holdS: 2, // source: clinical-basis.md#press-up "pause"; 2 s is a starting point
    sides: ['both'],
    targets: {
      topDeg: 20, // source: starting point: the chest clearly off the floor
      downDeg: 15, // source: starting point: lying prone (on the elbows counts as down: a sphinx rests at ~11°)
      hipsUpDeg: 8, // source: clinical-basis.md#press-up "the hips stay on the floor"; starting point (fault)
      hipsOffDeg: 12, // source: clinical-basis.md#press-up; starting point: hips this high is not a press-up position (plank, downward dog)
    },
  },
  postures: ['lying', 'sitting'],
  needs: [
    { joints: (f) => nearJoints(f, ['Shoulder']), message: SEE.upper },
    { joints: (f) => nearJoints(f, ['Hip']), message: SEE.hips },
    { joints: (f) => nearJoints(f, ['Ankle']), message: SEE.feet },
  ],
  signal: (f, p) => {
    const lift = hipLift(f);
    const above = hipsAboveLine(f);
    // Hips up (a downward dog) is not a press-up position: nothing counts.
    const inPosition = above !== null && above <= target(p, 'hipsOffDeg', 12);
    return {
      tMs: f.tMs,
      value: f.angles.proneTrunkExtension ?? null,
      ...(above !== null && !inPosition ? { outOfPosition: true } : {}),
      side: 'both',
      aux: { hipLift: lift },
    };
  },
  angleNames: ['signal', 'proneTrunkExtension', 'hipLift'],
  check: (p: Prescription) => ({
    kind: 'reps',
    up: target(p, 'topDeg', 20),
    down: target(p, 'downDeg', 15),
    minUpMs: 200, // source: starting point
    minDownMs: 200, // source: starting point
    minRepMs: 1000, // source: clinical-basis.md#dwell-times "whole rep" (the press-up pauses at the top; a plank lowered to the floor is not a rep)
    holdTopS: p.holdS ?? 2,
    reportTopAsHold: true,
    faults: [
      { id: 'hips-lifted', weight: 30, test: (r) => (r.auxMax.hipLift ?? 0) > target(p, 'hipsUpDeg', 20) },
      { id: 'hold-too-short', weight: 20, test: (r) => r.holdS < (p.holdS ?? 2) },
    ],
  }),
  cues: [
    { id: 'hips-down', on: 'hips-lifted', say: 'Keep your hips on the floor.', priority: 45 },
    {
      id: 'hips-down-now',
      on: 'live',
      say: 'Keep your hips on the floor.',
      priority: 45,
      when: (_f, s) => (s.aux.hipLift ?? 0) > 12 && (s.aux.hipLift ?? 0) < 30, // source: clinical-basis.md#press-up (as hipsOffDeg; above 30° it is another position)
    },
    { id: 'pause-top', on: 'hold-too-short', say: 'Pause at the top for a moment.', priority: 30 },
  ],
  translations: {
    'zh-CN': {
      title: '俯卧撑起（麦肯基俯卧伸展）',
      signalLabel: '躯干伸展（计数）',
      faults: {
        'hips-lifted': '髋部离开了地面',
        'hold-too-short': '保持时间太短',
      },
      howTo: [
        '把笔记本电脑放在地上，距离您 2 到 3 米，让身体侧面对着它。',
        '俯卧，双手放在肩膀下方。',
        '伸直手臂把胸部撑起来。髋部保持贴地。',
        '在最高处停一下，然后把身体放下。',
        '做完一组后，留意腿痛是否往腰部方向移动了（这是好现象）。',
      ],
      caution: '如果疼痛沿腿向下扩散得更远，请停止并告诉您的康复治疗师。',
      cues: {
        'hips-down': '髋部保持贴地。',
        'hips-down-now': '髋部保持贴地。',
        'pause-top': '在最高处停一下。',
      },
      figure: ['双手放在肩膀下方', '撑起上身，髋部贴地'],
    },
  },
});
