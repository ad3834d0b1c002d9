/** Draws the pose on a canvas over the video (called from the frame loop, not reactive DOM). */
import { t } from '../i18n/index.svelte';
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

/** A rectangle in canvas pixels. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A bone's colour group: its side and whether that side is the one being watched. */
type Group = 'left' | 'right' | 'mid';
const GROUP_COLOUR: Record<Group, string> = { left: OKABE_ITO.skyBlue, right: OKABE_ITO.orange, mid: '#FFFFFF' };
const GROUPS: readonly Group[] = ['mid', 'left', 'right'];
const BONE_GROUP: readonly Group[] = BONES.map(([a, b]) =>
  a.startsWith('left') && b.startsWith('left') ? 'left' : a.startsWith('right') && b.startsWith('right') ? 'right' : 'mid',
);

/**
 * Draw `pose` (source pixels) scaled onto `ctx`'s canvas (any size with the source's aspect).
 * `mirror` flips x for a mirrored camera display; text labels are drawn unflipped and keep the
 * patient's own left and right. Returns the canvas rectangle that holds everything drawn (bones,
 * joints, labels, with their line widths), or null when nothing was; `clear: 'none'` leaves
 * clearing to the caller (the live overlay clears only what it drew last time).
 *
 * Cost matters: this runs on the main thread every frame, next to the pose model. Bones are
 * batched into one path per colour (4-7 strokes a frame, not 18+), and the dark halo that keeps
 * lines visible on light backgrounds is a wider dark stroke underneath, not shadowBlur: a
 * software-rasterised canvas (no GPU) blurred every stroke and cost the live view a fifth of
 * its frame rate (bench/results.md).
 */
export function drawSkeleton(
  ctx: CanvasRenderingContext2D,
  pose: PoseFrame | null,
  opts: { mirror: boolean; watching?: 'left' | 'right' | 'both' | null; clear?: 'all' | 'none' },
): Box | null {
  const { width, height } = ctx.canvas;
  if (opts.clear !== 'none') ctx.clearRect(0, 0, width, height);
  if (!pose) return null;
  const box = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
  const grow = (x0: number, y0: number, x1: number, y1: number): void => {
    box.x0 = Math.min(box.x0, x0);
    box.y0 = Math.min(box.y0, y0);
    box.x1 = Math.max(box.x1, x1);
    box.y1 = Math.max(box.y1, y1);
  };
  const sx = width / (pose.width || width);
  const sy = height / (pose.height || height);
  const X = (x: number): number => (opts.mirror ? width - x * sx : x * sx);
  const Y = (y: number): number => y * sy;
  const lw = Math.max(3, width / 160);
  const widthOf = (g: Group): number => (g !== 'mid' && opts.watching === g ? lw * 1.8 : lw);
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  const visible = (i: number): boolean => {
    const [a, b] = BONES[i]!;
    return pose.joints[a].score >= MIN_SCORE && pose.joints[b].score >= MIN_SCORE;
  };
  const bonePath = (g: Group): void => {
    ctx.beginPath();
    for (let i = 0; i < BONES.length; i++) {
      if (BONE_GROUP[i] !== g || !visible(i)) continue;
      const [a, b] = BONES[i]!;
      const pa = pose.joints[a];
      const pb = pose.joints[b];
      const xa = X(pa.x), ya = Y(pa.y), xb = X(pb.x), yb = Y(pb.y);
      grow(Math.min(xa, xb), Math.min(ya, yb), Math.max(xa, xb), Math.max(ya, yb));
      ctx.moveTo(xa, ya);
      ctx.lineTo(xb, yb);
    }
  };
  // Dark halo under every bone, then the colours on top (one path per colour group each).
  ctx.strokeStyle = 'rgba(0,0,0,0.55)';
  for (const g of GROUPS) {
    ctx.lineWidth = widthOf(g) + 4;
    bonePath(g);
    ctx.stroke();
  }
  for (const g of GROUPS) {
    ctx.strokeStyle = GROUP_COLOUR[g];
    ctx.lineWidth = widthOf(g);
    bonePath(g);
    ctx.stroke();
  }
  // Joints: one path per colour.
  const r = lw * 1.2;
  for (const g of GROUPS) {
    ctx.fillStyle = GROUP_COLOUR[g];
    ctx.beginPath();
    for (const [name, p] of Object.entries(pose.joints)) {
      if (p.score < MIN_SCORE) continue;
      const pg: Group = name.startsWith('left') ? 'left' : name.startsWith('right') ? 'right' : 'mid';
      if (pg !== g) continue;
      const x = X(p.x);
      const y = Y(p.y);
      grow(x, y, x, y);
      ctx.moveTo(x + r, y);
      ctx.arc(x, y, r, 0, Math.PI * 2);
    }
    ctx.fill();
  }
  // Side labels at the knees, in the patient's own terms and never mirrored text.
  const fontPx = Math.round(lw * 5);
  ctx.font = `bold ${fontPx}px system-ui, sans-serif`;
  ctx.textAlign = 'center';
  ctx.lineWidth = lw;
  // In a side view both knees are close together: L goes above its knee, R below, so they never overlap
  // (in the current language: L/R, 左/右).
  for (const [joint, label, colour, dy] of [
    ['leftKnee', t('coach.kneeLeft'), OKABE_ITO.skyBlue, -lw * 3],
    ['rightKnee', t('coach.kneeRight'), OKABE_ITO.orange, lw * 8],
  ] as const) {
    const p = pose.joints[joint];
    if (p.score < MIN_SCORE) continue;
    ctx.strokeStyle = '#000';
    ctx.strokeText(label, X(p.x), Y(p.y) + dy);
    ctx.fillStyle = colour;
    ctx.fillText(label, X(p.x), Y(p.y) + dy);
    // One or two glyphs, centred on x, the baseline at y + dy (measureText would cost more than this bound).
    grow(X(p.x) - fontPx * 1.2, Y(p.y) + dy - fontPx * 1.1, X(p.x) + fontPx * 1.2, Y(p.y) + dy + fontPx * 0.4);
  }
  if (box.x0 > box.x1) return null;
  // Half the widest stroke (the watched side's halo) or a joint's radius, plus antialiasing.
  const pad = Math.max((lw * 1.8 + 4) / 2, r) + 2;
  const x0 = Math.max(0, Math.floor(box.x0 - pad));
  const y0 = Math.max(0, Math.floor(box.y0 - pad));
  const x1 = Math.min(width, Math.ceil(box.x1 + pad));
  const y1 = Math.min(height, Math.ceil(box.y1 + pad));
  return x1 > x0 && y1 > y0 ? { x: x0, y: y0, w: x1 - x0, h: y1 - y0 } : null;
}
