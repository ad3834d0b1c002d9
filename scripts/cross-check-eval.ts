/**
 * npx tsx scripts/cross-check-eval.ts dump [--only NAME] [--fps 15]
 * npx tsx scripts/cross-check-eval.ts cost [--clips a,b] [--rounds 3]
 * npx tsx scripts/cross-check-eval.ts report [--out bench/cross-check.md]
 *
 * Measures the BlazePose / MoveNet cross-check (src/estimate/cross-check.ts) on every fixture clip
 * (scripts/make-fixtures.ts CLIPS, ../shared/data/videos*), Node, tfjs wasm, 15 fps.
 *
 * `dump` runs BOTH models on EVERY frame (dense, each model tracking on its own, as if the checker
 * ran every frame) and keeps the 2D keypoints and the ms each call took in .cache/cross-check/
 * (ignored by git; derived numbers only, never frames).
 * `report` reads the dumps and .cache/cross-check/live.json (what the real wrapper did per clip while
 * `npm run fixtures` recorded the fixtures with it) and writes bench/cross-check.md:
 * - per clip, how often the two models' trunks disagree (distance in the checker's torso lengths,
 *   the same measure the wrapper uses), how often the trunk cannot be compared, and the distribution;
 * - the live wrapper's checks, disagreements, switches, frames on the checker's pose, resets;
 * - measured ms per call of each model, and the added cost per frame of the wrapper.
 * `cost` measures that cost directly: the same decoded frames (in memory) through BlazePose alone and
 * through the cross-checked estimator, alternating rounds in one process; mean ms per frame per round,
 * kept in .cache/cross-check/cost.json for `report`.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { decodeVideo } from '../src/cli/decode-video';
import { JOINTS, emptyJoints, type PoseFrame } from '../src/core/pose';
import { CROSS_CHECK_DEFAULTS, trunkDistance, type CrossCheckCounts } from '../src/estimate/cross-check';
import { createNodeEstimator } from '../src/estimate/node';
import { arg } from './lib/args';
import { CLIPS } from './make-fixtures';

const ROOT = resolve(import.meta.dirname, '..');
const DATA = resolve(ROOT, '..', 'shared', 'data');
const CACHE = join(ROOT, '.cache', 'cross-check');

/** One model's frame, compact: per joint [x, y, score] in JOINTS order; null = no pose. */
type Compact = [number, number, number][] | null;

interface Dump {
  clip: string;
  exercise: string;
  twoPeople: boolean;
  width: number;
  height: number;
  tMs: number[];
  primary: Compact[];
  checker: Compact[];
  primaryMs: number[];
  checkerMs: number[];
}

/** Clips with a second person in view (MANIFEST 2.1, 2.5). Everything else is one person. */
const TWO_PEOPLE = new Set(['istock_situp_two_women_partner_7reps', 'cn_nursing_bed_slr_side_3reps_holds']);


function compact(f: PoseFrame | null): Compact {
  if (!f) return null;
  return JOINTS.map((j) => {
    const k = f.joints[j];
    return [Math.round(k.x * 10) / 10, Math.round(k.y * 10) / 10, Math.round(k.score * 1000) / 1000];
  });
}

function expand(c: Compact, tMs: number, width: number, height: number): PoseFrame | null {
  if (!c) return null;
  const joints = emptyJoints();
  JOINTS.forEach((j, i) => {
    const v = c[i];
    if (v) joints[j] = { x: v[0], y: v[1], score: v[2] };
  });
  return { tMs, width, height, joints };
}

async function dump() {
  const only = arg('only');
  const fps = Number(arg('fps') ?? 15);
  mkdirSync(CACHE, { recursive: true });
  const primary = await createNodeEstimator({ model: 'blazepose-full', backend: 'wasm', crossCheck: false });
  const checker = await createNodeEstimator({ model: 'movenet-lightning', backend: 'wasm' });
  for (const clip of CLIPS) {
    const name = basename(clip.file, '.mp4');
    if (only && !name.includes(only)) continue;
    const src = join(DATA, clip.file);
    if (!existsSync(src)) {
      process.stderr.write(`skip ${clip.file}: not found\n`);
      continue;
    }
    primary.reset();
    checker.reset();
    const d: Dump = { clip: name, exercise: clip.exercise, twoPeople: TWO_PEOPLE.has(name), width: 0, height: 0, tMs: [], primary: [], checker: [], primaryMs: [], checkerMs: [] };
    const t0 = Date.now();
    for await (const frame of decodeVideo(src, { fps })) {
      d.width = frame.width;
      d.height = frame.height;
      let t = performance.now();
      const p = await primary.estimate(frame, frame.tMs);
      d.primaryMs.push(Math.round((performance.now() - t) * 10) / 10);
      t = performance.now();
      const c = await checker.estimate(frame, frame.tMs);
      d.checkerMs.push(Math.round((performance.now() - t) * 10) / 10);
      d.tMs.push(frame.tMs);
      d.primary.push(compact(p));
      d.checker.push(compact(c));
    }
    writeFileSync(join(CACHE, `${name}.json`), JSON.stringify(d));
    process.stderr.write(`${name}: ${d.tMs.length} frames, ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
  }
  primary.dispose();
  checker.dispose();
}

function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

function pct(n: number, d: number): string {
  return d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(1)} %`;
}

interface LiveClip {
  exercise: string;
  frames: number;
  meanEstimateMs: number;
  counts: CrossCheckCounts;
}

interface ClipResult {
  name: string;
  exercise: string;
  twoPeople: boolean;
  frames: number;
  comparable: number;
  disagree: number;
  p50: number;
  p95: number;
  max: number;
  primaryMs: number;
  primaryMeanMs: number;
  checkerMs: number;
  live: LiveClip | null;
}

async function report() {
  const out = arg('out') ?? join(ROOT, 'bench', 'cross-check.md');
  const files = readdirSync(CACHE).filter((f) => f.endsWith('.json') && f !== 'live.json' && f !== 'cost.json');
  const costFile = join(CACHE, 'cost.json');
  const costRun = existsSync(costFile)
    ? (JSON.parse(readFileSync(costFile, 'utf8')) as { bare: number[]; checked: number[]; frames: number; clips: string[]; checkerCallsPerFrame: number })
    : null;
  const liveFile = join(CACHE, 'live.json');
  const live = existsSync(liveFile) ? (JSON.parse(readFileSync(liveFile, 'utf8')) as Record<string, LiveClip>) : {};
  const results: ClipResult[] = [];
  const allPrimaryMs: number[] = [];
  const allCheckerMs: number[] = [];
  for (const f of files.sort()) {
    const d = JSON.parse(readFileSync(join(CACHE, f), 'utf8')) as Dump;
    const dists: number[] = [];
    let comparable = 0;
    let disagree = 0;
    d.tMs.forEach((t, i) => {
      const p = expand(d.primary[i] ?? null, t, d.width, d.height);
      const c = expand(d.checker[i] ?? null, t, d.width, d.height);
      const dist = p && c ? trunkDistance(p, c, CROSS_CHECK_DEFAULTS.minScore) : null;
      if (dist !== null) {
        comparable++;
        dists.push(dist);
        if (dist > CROSS_CHECK_DEFAULTS.agreeTorso) disagree++;
      }
    });
    // The first call of each clip includes warm-up after a reset; leave it out of the timing.
    allPrimaryMs.push(...d.primaryMs.slice(1));
    allCheckerMs.push(...d.checkerMs.slice(1));
    const pm = d.primaryMs.slice(1);
    results.push({
      name: d.clip,
      exercise: d.exercise,
      twoPeople: d.twoPeople,
      frames: d.tMs.length,
      comparable,
      disagree,
      p50: quantile(dists, 0.5),
      p95: quantile(dists, 0.95),
      max: dists.length ? Math.max(...dists) : NaN,
      primaryMs: quantile(pm, 0.5),
      primaryMeanMs: pm.reduce((a, b) => a + b, 0) / Math.max(1, pm.length),
      checkerMs: quantile(d.checkerMs.slice(1), 0.5),
      live: live[d.clip] ?? null,
    });
  }
  const one = results.filter((r) => !r.twoPeople);
  const two = results.filter((r) => r.twoPeople);
  const sum = (rs: ClipResult[], k: (r: ClipResult) => number) => rs.reduce((n, r) => n + k(r), 0);
  const lv = (r: ClipResult, k: keyof CrossCheckCounts) => r.live?.counts[k] ?? 0;
  const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '–');
  const row = (r: ClipResult) => {
    const l = r.live;
    const liveCols = l
      ? `${l.counts.checkerCalls} (${f2(l.counts.checkerCalls / l.frames)}/frame) | ${l.counts.disagreeingChecks} | ${l.counts.inconclusiveChecks} | ${l.counts.switchesToChecker} | ${pct(l.counts.followingFrames, l.frames)} | ${l.counts.checkerResets} / ${l.counts.rejectedFrames}`
      : 'not run | | | | | ';
    return `| ${r.exercise} | ${r.name}${r.twoPeople ? ' **(2 people)**' : ''} | ${r.frames} | ${pct(r.comparable, r.frames)} | ${pct(r.disagree, r.comparable)} | ${f2(r.p50)} / ${f2(r.p95)} / ${f2(r.max)} | ${liveCols} |`;
  };
  const liveOne = one.filter((r) => r.live);
  const liveTwo = two.filter((r) => r.live);
  const liveFrames = (rs: ClipResult[]) => sum(rs, (r) => r.live?.frames ?? 0);
  const medChecker = quantile(allCheckerMs, 0.5);
  const medPrimary = quantile(allPrimaryMs, 0.5);
  const callsPerFrameOne = sum(liveOne, (r) => lv(r, 'checkerCalls')) / Math.max(1, liveFrames(liveOne));
  const callsPerFrameTwo = sum(liveTwo, (r) => lv(r, 'checkerCalls')) / Math.max(1, liveFrames(liveTwo));
  // Measured wall time per frame of the wrapped estimator (live run) against BlazePose alone (dense run), same clips.
  const liveMean = sum(liveOne, (r) => r.live!.meanEstimateMs * r.live!.frames) / Math.max(1, liveFrames(liveOne));
  const bareMean = sum(liveOne, (r) => r.primaryMeanMs * r.frames) / Math.max(1, sum(liveOne, (r) => r.frames));
  const lines = [
    '# Cross-check: BlazePose full checked by MoveNet Lightning',
    '',
    `Generated by \`npx tsx scripts/cross-check-eval.ts report\` on ${new Date().toISOString().slice(0, 10)} (2-core machine shared with`,
    'browser tests, no GPU, Node, tfjs wasm, 15 fps, the 18 fixture clips of `scripts/make-fixtures.ts`). Two runs feed it:',
    '',
    '- **dense** (`cross-check-eval.ts dump`): both models on **every** frame, each tracking on its own. "Trunk distance" is',
    '  the larger of the mid-shoulder and mid-hip distances between the two models (shoulders/hips scored ≥ ' + CROSS_CHECK_DEFAULTS.minScore + ' by both,',
    `  left/right labels may be swapped), in the checker's torso lengths; "disagree" = distance > ${CROSS_CHECK_DEFAULTS.agreeTorso}. "Comparable" = frames where the`,
    '  trunk could be measured in both. This is the false-alarm evidence for the threshold.',
    '- **live** (`npm run fixtures`): the real `withCrossCheck` wrapper (default options: check every ' + CROSS_CHECK_DEFAULTS.checkEveryMs + ' ms while agreeing,',
    `  confirm a disagreement after ${CROSS_CHECK_DEFAULTS.confirmChecks} consecutive checks over ≥ ${CROSS_CHECK_DEFAULTS.confirmMs} ms, return after ${CROSS_CHECK_DEFAULTS.releaseChecks} agreeing checks over ≥ ${CROSS_CHECK_DEFAULTS.releaseMs} ms, reset the checker when`,
    `  its followed pose jumps more than ${CROSS_CHECK_DEFAULTS.continuityTorso} torso) that recorded the fixtures. Its counts per clip:`,
    '',
    '| exercise | clip | frames | comparable (dense) | frames disagreeing (dense) | trunk distance p50 / p95 / max (dense) | checker calls (live) | disagreeing checks | inconclusive checks | switches to checker | frames on the checker\'s pose | checker resets / null frames |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...results.map(row),
    '',
    '## Totals',
    '',
    `- **Single-person clips (${one.length}, ${sum(one, (r) => r.frames)} frames)**: dense per-frame disagreement ${pct(sum(one, (r) => r.disagree), sum(one, (r) => r.comparable))} of comparable frames` +
      ` (${sum(one, (r) => r.disagree)} of ${sum(one, (r) => r.comparable)}; largest p95 ${f2(Math.max(...one.map((r) => r.p95)))} torso). Live wrapper: ${sum(liveOne, (r) => lv(r, 'disagreeingChecks'))} disagreeing checks of ${sum(liveOne, (r) => lv(r, 'checks'))},` +
      ` ${sum(liveOne, (r) => lv(r, 'confirmedDisagreements'))} confirmed disagreements (false alarms), checker's pose output on ${pct(sum(liveOne, (r) => lv(r, 'followingFrames')), liveFrames(liveOne))} of frames.`,
    `- **Two-person clips**: ${two.map((r) => `${r.name}: dense disagreement ${pct(r.disagree, r.comparable)}; live: ${r.live ? `${r.live.counts.switchesToChecker} switch(es) to the checker, checker's pose on ${pct(r.live.counts.followingFrames, r.live.frames)} of frames, ${r.live.counts.checkerResets} checker resets, ${r.live.counts.rejectedFrames} null frames` : 'not run'}`).join('; ')}.`,
    `- **Cost**: median ms per call (dense run): BlazePose full ${f2(medPrimary)}, MoveNet Lightning ${f2(medChecker)}. ` +
      `Live on single-person clips: ${f2(callsPerFrameOne)} checker calls per frame → ≈ ${f2(callsPerFrameOne * medChecker)} ms added per frame (${pct(callsPerFrameOne * medChecker, medPrimary)} of BlazePose); ` +
      (costRun
        ? `measured directly (\`cost\`: ${costRun.frames} frames of ${costRun.clips.join(', ')} in memory, ${costRun.bare.length} alternating rounds, mean ms per frame per round): ` +
          `BlazePose alone ${costRun.bare.map(f2).join(' / ')}, cross-checked ${costRun.checked.map(f2).join(' / ')} (${f2(costRun.checkerCallsPerFrame)} checker calls per frame): ` +
          `median +${f2(quantile(costRun.checked, 0.5) - quantile(costRun.bare, 0.5))} ms per frame (${pct(quantile(costRun.checked, 0.5) - quantile(costRun.bare, 0.5), quantile(costRun.bare, 0.5))}). `
        : '') +
      `(The fixture run's own mean, ${f2(liveMean)} ms per frame wrapped, is not comparable with the dense run's ${f2(bareMean)} ms, which interleaved two models on a shared machine.) ` +
      `On the two-person clips ${f2(callsPerFrameTwo)} checker calls per frame (the checker runs every frame while they disagree).`,
    '',
  ];
  // Hand-written notes below the marker survive a regeneration.
  const MARK = '<!-- notes: kept by cross-check-eval.ts report -->';
  const old = existsSync(out) ? readFileSync(out, 'utf8') : '';
  const notes = old.includes(MARK) ? old.slice(old.indexOf(MARK)) : `${MARK}\n`;
  writeFileSync(out, lines.join('\n') + '\n' + notes);
  process.stdout.write(lines.join('\n') + '\n');
}

async function cost() {
  const names = (arg('clips') ?? 'darebee_glute_bridge_side_5reps,stock_situp_dark_studio_side_woman').split(',');
  const rounds = Number(arg('rounds') ?? 3);
  const bare = await createNodeEstimator({ model: 'blazepose-full', backend: 'wasm', crossCheck: false });
  const checked = await createNodeEstimator({ model: 'blazepose-full', backend: 'wasm', crossCheck: true });
  const frames: { data: Uint8Array; width: number; height: number; tMs: number; clip: string }[] = [];
  for (const n of names) {
    const clip = CLIPS.find((c) => basename(c.file, '.mp4') === n);
    if (!clip) throw new Error(`unknown clip ${n}`);
    for await (const f of decodeVideo(join(DATA, clip.file), { fps: 15 })) frames.push({ data: f.data, width: f.width, height: f.height, tMs: f.tMs, clip: n });
  }
  const result: { bare: number[]; checked: number[]; frames: number; clips: string[]; checkerCallsPerFrame: number } = { bare: [], checked: [], frames: frames.length, clips: names, checkerCallsPerFrame: 0 };
  for (let r = 0; r < rounds; r++) {
    for (const [label, est] of [['bare', bare], ['checked', checked]] as const) {
      est.reset();
      let clip = '';
      let total = 0;
      const calls0 = est.crossCheck?.counts.checkerCalls ?? 0;
      for (const f of frames) {
        if (f.clip !== clip) {
          est.reset();
          clip = f.clip;
        }
        const t = performance.now();
        await est.estimate(f, f.tMs);
        total += performance.now() - t;
      }
      result[label].push(total / frames.length);
      if (est.crossCheck) result.checkerCallsPerFrame = (est.crossCheck.counts.checkerCalls - calls0) / frames.length;
      process.stderr.write(`round ${r + 1} ${label}: ${(total / frames.length).toFixed(2)} ms/frame\n`);
    }
  }
  bare.dispose();
  checked.dispose();
  mkdirSync(CACHE, { recursive: true });
  writeFileSync(join(CACHE, 'cost.json'), JSON.stringify(result, null, 1) + '\n');
}

const cmd = process.argv[2];
if (cmd === 'cost') await cost();
else if (cmd === 'dump') await dump();
else if (cmd === 'report') await report();
else {
  process.stderr.write('usage: cross-check-eval.ts dump|report [--only NAME] [--fps 15] [--out FILE]\n');
  process.exit(2);
}
