import { bothJoints, defineExercise, SEE, target, wristAboveHead, type BodyFeatures, type Prescription, type FigurePose } from '../core/check';
import { keyframe, STAND } from './figure-poses';

const TWIST: FigurePose = { ...STAND, head: [104, 12], neck: [103, 24], nearElbow: [92, 38], nearWrist: [96, 54], farElbow: [114, 10], farWrist: [104, 0] };

/**
 * Trunk rotation (deg; + = to the person's left): from 3D world points when the model gives
 * them, else a 2D estimate from how narrow the shoulder line looks against the torso, signed by
 * where the nose points.
 */
function rotation(f: BodyFeatures, facingRatio: number): number | null {
  if (f.angles.shoulderHipRotation != null) return f.angles.shoulderHipRotation;
  const { leftShoulder: l, rightShoulder: r, nose } = f.joints;
  if (!f.torsoPx || !f.visible.nose) return null;
  const width = Math.hypot(l.x - r.x, l.y - r.y) / f.torsoPx;
  const mag = (Math.acos(Math.min(1, width / facingRatio)) * 180) / Math.PI;
  // Facing the camera, the person's left is image-right; the nose leads the turn.
  const sign = nose.x >= (l.x + r.x) / 2 ? 1 : -1;
  return sign * mag;
}

/** Cross waist twist, standing, filmed from the front; counted per side. */
export default defineExercise({
  id: 'waist-twist',
  title: 'Cross waist twist',
  order: 8,
  signalLabel: 'Trunk rotation (counted)',
  faults: {
    'hand-not-overhead': 'hand not over the head',
  },
  figure: { view: 'front', keyframes: [keyframe(STAND, 200, 500, 'Hand over your head'), keyframe(TWIST, 200, 500, 'Twist the waist')] },
  camera: 'front',
  position: 'standing',
  kind: 'reps',
  perSide: true,
  howTo: [
    'Put the laptop about 2-3 metres away, at hip height, facing you.',
    'Stand with your feet shoulder-width apart and your toes pointing straight ahead.',
    'Put one hand on your side and raise the other hand over your head.',
    'Twist your waist to one side and then the other.',
    'After your set, swap arms.',
  ],
  defaults: {
    sets: 1, // source: starting point, physio can override
    reps: 100, // source: clinical-basis.md#waist-twist "about 100 times"
    sides: ['left', 'right'],
    targets: {
      reachDeg: 30, // source: starting point: a clear turn of the shoulders over the hips
      rearmDeg: 12, // source: starting point (hysteresis)
      facingRatio: 0.85, // source: starting point: shoulder width / torso length facing the camera
    },
  },
  postures: ['standing'],
  needs: [
    { joints: bothJoints(['Shoulder', 'Hip']), message: SEE.frontBody },
    { joints: ['nose'], message: SEE.upper },
  ],
  signal: (f, p) => {
    const v = rotation(f, target(p, 'facingRatio', 0.85));
    return {
      tMs: f.tMs,
      value: v,
      side: v === null ? null : v >= 0 ? 'left' : 'right',
      aux: { wristAboveHead: wristAboveHead(f) },
    };
  },
  angleNames: ['signal', 'wristAboveHead'],
  check: (p: Prescription) => ({
    kind: 'alternating',
    reach: target(p, 'reachDeg', 30),
    rearm: target(p, 'rearmDeg', 12),
    minReachMs: 150, // source: starting point
    faults: [
      // source: clinical-basis.md#waist-twist "the raised hand stays above the head"
      { id: 'hand-not-overhead', weight: 30, test: (r) => (r.auxMin.wristAboveHead ?? -1) < 0 },
    ],
  }),
  cues: [
    { id: 'hand-up', on: 'hand-not-overhead', say: 'Keep one hand raised above your head.', priority: 40 },
  ],
  translations: {
    'zh-CN': {
      title: '交叉转腰',
      signalLabel: '躯干旋转（计数）',
      faults: {
        'hand-not-overhead': '手没有举过头顶',
      },
      howTo: [
        '把笔记本电脑放在约 2 到 3 米远、与髋部同高的位置，正对着您。',
        '站立，双脚与肩同宽，脚尖朝正前方。',
        '一只手叉腰，另一只手举过头顶。',
        '腰部先转向一侧，再转向另一侧。',
        '做完一组后，换另一只手臂。',
      ],
      cues: {
        'hand-up': '保持一只手举过头顶。',
      },
      figure: ['手举过头顶', '转腰'],
    },
  },
});
