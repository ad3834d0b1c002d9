/** Draws the pose on a canvas over the video (called from the frame loop, not reactive DOM). */
import type { Joint, PoseFrame } from './contract';

/** Okabe-Ito colours: readable for the common colour-vision differences. */
export const OKABE_ITO = {
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  green: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  purple: '#CC79A7',
} as const;

const BONES: readonly [Joint, Joint][] = [
  ['leftShoulder', 'rightShoulder'],
  ['leftHip', 'rightHip'],
  ['leftShoulder', 'leftElbow'],
  ['leftElbow', 'leftWrist'],
  ['rightShoulder', 'rightElbow'],
  ['rightElbow', 'rightWrist'],
  ['leftShoulder', 'leftHip'],
  ['rightShoulder', 'rightHip'],
  ['leftHip', 'leftKnee'],
  ['leftKnee', 'leftAnkle'],
  ['rightHip', 'rightKnee'],
  ['rightKnee', 'rightAnkle'],
  ['leftAnkle', 'leftHeel'],
  ['leftHeel', 'leftFootIndex'],
  ['rightAnkle', 'rightHeel'],
  ['rightHeel', 'rightFootIndex'],
  ['nose', 'leftEar'],
  ['nose', 'rightEar'],
];

const MIN_SCORE = 0.3;

/**
 * Draw `pose` (source pixels) onto `ctx` sized to the source. `mirror` flips x for a mirrored
 * camera display; text labels are drawn unflipped and keep the patient's own left and right.
 */
export function drawSkeleton(
  ctx: CanvasRenderingContext2D,
  pose: PoseFrame | null,
  opts: { mirror: boolean; watching?: 'left' | 'right' | 'both' | null },
): void {
  const { width, height } = ctx.canvas;
  ctx.clearRect(0, 0, width, height);
  if (!pose) return;
  const sx = width / (pose.width || width);
  const sy = height / (pose.height || height);
  const X = (x: number): number => (opts.mirror ? width - x * sx : x * sx);
  const Y = (y: number): number => y * sy;
  const lw = Math.max(3, width / 160);
  ctx.lineCap = 'round';
  for (const [a, b] of BONES) {
    const pa = pose.joints[a];
    const pb = pose.joints[b];
    if (pa.score < MIN_SCORE || pb.score < MIN_SCORE) continue;
    const left = a.startsWith('left') && b.startsWith('left');
    const right = a.startsWith('right') && b.startsWith('right');
    const watched = (left && opts.watching === 'left') || (right && opts.watching === 'right');
    ctx.strokeStyle = left ? OKABE_ITO.skyBlue : right ? OKABE_ITO.orange : '#FFFFFF';
    ctx.lineWidth = watched ? lw * 1.8 : lw;
    // A dark halo keeps the lines visible on light backgrounds.
    ctx.shadowColor = 'rgba(0,0,0,0.8)';
    ctx.shadowBlur = 4;
    ctx.beginPath();
    ctx.moveTo(X(pa.x), Y(pa.y));
    ctx.lineTo(X(pb.x), Y(pb.y));
    ctx.stroke();
  }
  ctx.shadowBlur = 0;
  for (const [name, p] of Object.entries(pose.joints)) {
    if (p.score < MIN_SCORE) continue;
    ctx.fillStyle = name.startsWith('left') ? OKABE_ITO.skyBlue : name.startsWith('right') ? OKABE_ITO.orange : '#FFFFFF';
    ctx.beginPath();
    ctx.arc(X(p.x), Y(p.y), lw * 1.2, 0, Math.PI * 2);
    ctx.fill();
  }
  // Side labels at the knees, in the patient's own terms and never mirrored text.
  ctx.font = `bold ${Math.round(lw * 5)}px system-ui, sans-serif`;
  ctx.textAlign = 'center';
  ctx.lineWidth = lw;
  // In a side view both knees are close together: L goes above its knee, R below, so they never overlap.
  for (const [joint, label, colour, dy] of [
    ['leftKnee', 'L', OKABE_ITO.skyBlue, -lw * 3],
    ['rightKnee', 'R', OKABE_ITO.orange, lw * 8],
  ] as const) {
    const p = pose.joints[joint];
    if (p.score < MIN_SCORE) continue;
    ctx.strokeStyle = '#000';
    ctx.strokeText(label, X(p.x), Y(p.y) + dy);
    ctx.fillStyle = colour;
    ctx.fillText(label, X(p.x), Y(p.y) + dy);
  }
}
