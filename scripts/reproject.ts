/**
 * npm run fixtures:views [-- --view yaw45,pitch40] [--clip situp] [--svg] [--no-replay]
 *
 * Re-projects every recorded fixture that has 3D world points (tests/fixtures/**) into the view
 * set of scripts/lib/reproject-eval.ts (the camera turned 30/45/60° about the vertical, raised
 * 20/40°, rolled ±15°, an elevated oblique hand-held view; keypoint noise on each; and the
 * noise-free control at the original angle), writes each as a session record under
 * .cache/reprojected/<folder>/<clip>.<view>.json (derived numbers only, gitignored) for
 *   npm run analyze -- .cache/reprojected/sit-up/aasfp_situp_side_10reps.yaw45.json --exercise sit-up
 * and prints the table of counts against the hand counts of the original clip.
 *   --svg        also writes <folder>/<clip>.svg: stick figures at 6 moments, one row per view
 *   --no-replay  only write the records
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Joint, PoseFrame } from '../src/core/pose';
import { recordFrames, serializeRecord } from '../src/core/session/record';
import { EXERCISE_IDS } from '../src/exercises';
import { fixtures, type Fixture } from './lib/fixtures';
import { CONTROL_VIEW, ORIGINAL_VIEW, reprojectedFixture, reprojectedRow, reprojectedTable, VIEWS, viewShare, type ReprojectedRow } from './lib/reproject-eval';
import { arg, flag } from './lib/args';
import { viewLabel, type View } from './lib/reproject';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, '.cache', 'reprojected');


const allViews = [CONTROL_VIEW, ...VIEWS];
const wanted = arg('view')?.split(',');
const views = wanted ? allViews.filter((v) => wanted.includes(v.id)) : allViews;
if (wanted && views.length !== wanted.length) {
  console.error(`unknown view; the views are: ${allViews.map((v) => v.id).join(', ')}`);
  process.exit(2);
}
const clipFilter = arg('clip');

const BONES: [Joint, Joint][] = [
  ['leftShoulder', 'rightShoulder'],
  ['leftHip', 'rightHip'],
  ['leftShoulder', 'leftHip'],
  ['rightShoulder', 'rightHip'],
  ['leftShoulder', 'leftElbow'],
  ['leftElbow', 'leftWrist'],
  ['rightShoulder', 'rightElbow'],
  ['rightElbow', 'rightWrist'],
  ['leftHip', 'leftKnee'],
  ['leftKnee', 'leftAnkle'],
  ['rightHip', 'rightKnee'],
  ['rightKnee', 'rightAnkle'],
  ['leftAnkle', 'leftFootIndex'],
  ['rightAnkle', 'rightFootIndex'],
  ['nose', 'leftEar'],
  ['nose', 'rightEar'],
];

/** One stick figure, scaled into a cell of w × h at (ox, oy); left side blue, right side orange. */
function figure(f: PoseFrame | null, ox: number, oy: number, w: number, h: number): string {
  const sc = Math.min(w / (f?.width || 1), h / (f?.height || 1));
  let s = `<rect x="${ox}" y="${oy}" width="${(f?.width ?? 0) * sc}" height="${(f?.height ?? 0) * sc}" fill="#f4f4f4" stroke="#ccc"/>`;
  if (!f) return s;
  for (const [a, b] of BONES) {
    const p = f.joints[a];
    const q = f.joints[b];
    if (p.score <= 0 || q.score <= 0) continue;
    const col = a.startsWith('left') && b.startsWith('left') ? '#1f6fd1' : a.startsWith('right') && b.startsWith('right') ? '#e07b00' : '#444';
    s += `<line x1="${(ox + p.x * sc).toFixed(1)}" y1="${(oy + p.y * sc).toFixed(1)}" x2="${(ox + q.x * sc).toFixed(1)}" y2="${(oy + q.y * sc).toFixed(1)}" stroke="${col}" stroke-width="2"/>`;
  }
  return s;
}

function contactSheet(fx: Fixture): string | null {
  const orig = recordFrames(fx.record);
  const rows: { label: string; frames: { frame: PoseFrame | null }[] }[] = [{ label: 'recorded 2D', frames: orig }];
  for (const v of views) {
    const m = reprojectedFixture(fx, v);
    if (!m.ok) return null;
    rows.push({ label: `${v.id}: ${viewLabel(v)}`, frames: recordFrames(m.record) });
  }
  const picks = [0.1, 0.25, 0.4, 0.55, 0.7, 0.85].map((p) => Math.floor(p * (orig.length - 1)));
  const cw = 200;
  const ch = 150;
  const head = 16;
  let body = '';
  rows.forEach((r, ri) => {
    const y = ri * (ch + head + 6);
    body += `<text x="4" y="${y + 12}" font-family="sans-serif" font-size="12">${r.label.replace(/[<>&]/g, ' ')}</text>`;
    picks.forEach((i, ci) => (body += figure(r.frames[i]?.frame ?? null, 4 + ci * (cw + 6), y + head, cw, ch)));
  });
  const W = 4 + picks.length * (cw + 6);
  const H = rows.length * (ch + head + 6);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}"><rect width="100%" height="100%" fill="white"/>${body}</svg>\n`;
}

const rows: ReprojectedRow[] = [];
const skipped = new Map<string, string>();
const written = new Set<string>();
for (const id of EXERCISE_IDS) {
  for (const fx of fixtures(id)) {
    if (clipFilter && !fx.name.includes(clipFilter)) continue;
    if (!written.has(fx.name)) {
      written.add(fx.name);
      mkdirSync(join(OUT, fx.folder), { recursive: true });
      for (const v of views) {
        const m = reprojectedFixture(fx, v);
        if (!m.ok) {
          skipped.set(fx.name, m.reason);
          break;
        }
        writeFileSync(join(OUT, fx.folder, `${fx.clip}.${v.id}.json`), serializeRecord(m.record));
      }
      if (flag('svg') && !skipped.has(fx.name)) {
        const svg = contactSheet(fx);
        if (svg) writeFileSync(join(OUT, fx.folder, `${fx.clip}.svg`), svg);
      }
    }
    if (flag('no-replay')) continue;
    for (const v of skipped.has(fx.name) ? [ORIGINAL_VIEW] : [ORIGINAL_VIEW, ...views]) {
      const r = reprojectedRow(id, fx, v);
      if (r) rows.push(r);
    }
  }
}

console.log(`Re-projected records written under ${OUT}/<folder>/<clip>.<view>.json`);
for (const v of views) console.log(`  ${v.id.padEnd(17)} ${viewLabel(v)}`);
for (const [clip, reason] of skipped) console.log(`  not re-projected: ${clip}: ${reason}`);
if (rows.length) {
  console.log('\n' + reprojectedTable(rows, [ORIGINAL_VIEW, ...views]) + '\n');
  const { share: s, withKnown: all, whereOriginalExact: w } = viewShare(rows);
  const pct = (x: { share: number; exact: number; total: number }) => `${Math.round(x.share * 1000) / 10} % (${x.exact}/${x.total})`;
  console.log(
    `Re-projected views (original and control apart): ${pct(s)} exact, known failures apart; ${pct(all)} with them` +
      (w ? `; ${pct(w)} on the clips whose original record gives the hand count` : '') +
      '. Target ≥ 95 %.',
  );
}
