/**
 * npm run fixtures [-- --only NAME[,NAME…]] [--model ID] [--fps 15] [--no-cross-check]
 *
 * Runs the default estimator (BlazePose full cross-checked by MoveNet Lightning, as the app runs it;
 * --no-cross-check: the model alone) over the staged real clips (../shared/data/videos*) and stores
 * the raw keypoint streams as session records (quantised JSON) under tests/fixtures/<exercise>/.
 * Never copies video or frames. expected.json beside them holds the hand counts from
 * ../shared/data/MANIFEST.md; it is written once (only when missing) and never from our output.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeVideo } from '../src/cli/decode-video';
import type { ExerciseId } from '../src/core/check';
import { RecordBuilder, serializeRecord } from '../src/core/session/record';
import { DEFAULT_MODEL } from '../src/estimate/create-estimator';
import type { ModelId } from '../src/estimate/estimator';
import { createNodeEstimator } from '../src/estimate/node';
import { arg } from './lib/args';
import type { Expected } from './lib/fixtures';

const ROOT = resolve(import.meta.dirname, '..');
const DATA = resolve(ROOT, '..', 'shared', 'data');
const OUT = join(ROOT, 'tests', 'fixtures');

/** Expected results per clip, transcribed once from MANIFEST.md (reps = complete down-up-down reps). */
export type { Expected };

export const CLIPS: { exercise: ExerciseId | 'no-exercise'; file: string; expected: Expected }[] = [
  { exercise: 'bridge', file: 'videos/glute_bridge/darebee_glute_bridge_side_5reps.mp4', expected: { reps: 5, note: 'MANIFEST 1.1: 5 full reps, no hold at the top (every rep hold-too-short)' } },
  { exercise: 'bridge', file: 'videos/glute_bridge/physioplus_bridging_home_side_1rep.mp4', expected: { reps: 1, note: 'MANIFEST 1.1: 1 rep, hold ≈1.7 s, backlit' } },
  { exercise: 'bridge', file: 'videos2/glute_bridge/istock_glute_bridge_home_side_3reps.mp4', expected: { reps: 3, note: 'MANIFEST 2.4: 3 complete reps + 1 ending at the top (not counted); starts at the end of a previous rep' } },
  { exercise: 'bridge', file: 'videos2/glute_bridge/sportsinjuryclinic_bridge_closeup_side.mp4', expected: { reps: 1, note: 'MANIFEST 2.4: 1 complete rep + 1 ending at the top; starts partly raised' } },
  { exercise: 'sit-up', file: 'videos/situp_crunch/aasfp_situp_side_10reps.mp4', expected: { reps: 10, note: 'MANIFEST 1.2: 10 full sit-ups' } },
  { exercise: 'sit-up', file: 'videos2/situp_crunch/istock_situp_two_women_partner_7reps.mp4', expected: { reps: 6, note: 'MANIFEST 2.5: 6 complete reps + a 7th that ends seated; a second person moves a lot' } },
  { exercise: 'sit-up', file: 'videos2/situp_crunch/stock_situp_dark_studio_side_woman.mp4', expected: { reps: 5, note: 'MANIFEST 2.5: 5 complete crunches (tops 3.0-15.1 s), partials at the start and end' } },
  { exercise: 'press-up', file: 'videos/prone_extension/darebee_superman_side_3reps.mp4', expected: { reps: 3, note: 'MANIFEST 1.3: 3 lifts (superman, a prone extension proxy), each held ≈2.5 s; lift 1 already rising at t=0' } },
  { exercise: 'press-up', file: 'videos2/prone_extension/shvasa_sphinx_hold_side_portrait.mp4', expected: { reps: 0, holds: [{ seconds: 24.8 }], note: 'MANIFEST 2.3: 1 entry into sphinx at ≈1.5 s, held to the end (≈25 s); never lowered, so 0 complete reps' } },
  { exercise: 'press-up', file: 'videos2/prone_extension/istock_cobra_hold_then_downdog_side.mp4', expected: { reps: 1, holds: [{ seconds: 3.5 }], note: 'MANIFEST 2.3: 1 press-up with a ≈3.5 s hold; the downward dog after it is a negative' } },
  { exercise: 'knee-to-chest', file: 'videos/supine_stretch_hold/ccgi_knee_to_chest_side_holds.mp4', expected: { reps: 0, holds: [{ seconds: 10 }, { seconds: 4 }, { seconds: 5.5 }], note: 'MANIFEST 1.5: holds ≈10 s (near knee, through a close-up cut 14.95-20.65 s), ≈4 s (far knee), ≈5.5 s (both), ±0.5 s' } },
  { exercise: 'straight-leg-raise', file: 'videos2/straight_leg_raise/cn_nursing_bed_slr_side_3reps_holds.mp4', expected: { reps: 3, repsBySide: { left: 3 }, holds: [{ seconds: 5.4 }, { seconds: 5.5 }, { seconds: 3.4 }], note: 'MANIFEST 2.1: 3 SLR reps with the far (left, inferred) leg, holds 5.4/5.5/3.4 s; nurse in frame 0-24 s, split screen 24-35.6 s' } },
  { exercise: 'straight-leg-raise', file: 'videos2/straight_leg_raise/istock_double_leg_raise_side_3reps.mp4', expected: { reps: 3, repsBySide: { both: 3 }, note: 'MANIFEST 2.1: 3 double-leg raises to ≈vertical; arm movements 16-19 s are a negative' } },
  { exercise: 'straight-leg-raise', file: 'videos2/straight_leg_raise/gym_flutter_kicks_oblique_portrait.mp4', expected: { repsAtMost: 2, note: 'MANIFEST 2.1 (uncertain GT): flutter kicks, a confuser; an SLR counter should count 0, at most the 2 big kicks' } },
  { exercise: 'waist-twist', file: 'videos2/trunk_twist/istock_standing_torso_twist_front_outdoor.mp4', expected: { reps: 5, repsBySide: { left: 3, right: 2 }, note: 'MANIFEST 2.2: 5 side extremes (3 to his left, 2 to his right); no arm overhead' } },
  { exercise: 'waist-twist', file: 'videos2/trunk_twist/gym_russian_twist_medball_side_portrait.mp4', expected: { reps: 0, note: 'MANIFEST 2.2: seated Russian twist filmed from the side: not the standing front-view exercise, so the coach asks for the right view and counts nothing' } },
  { exercise: 'hamstring-stretch', file: 'videos3/hamstring_stretch/mewfit_lying_hamstring_stretch_side_2holds.mp4', expected: { holds: [{ seconds: 5.0 }, { seconds: 3.0 }], note: 'MANIFEST 3.1: side view, one leg held up by hand; holds 0.0-5.0 (clip starts inside it) and 7.9-10.9 (clip ends inside it), same leg' } },
  { exercise: 'hamstring-stretch', file: 'videos3/hamstring_stretch/hackcamp_supine_hamstring_stopmotion_4holds.mp4', expected: { holds: [{ seconds: 2.3 }, { seconds: 2.3 }, { seconds: 2.3 }, { seconds: 2.3 }], note: 'MANIFEST 3.1: stop-motion loop (~3 poses a second), 4 short holds of ≈2.3 s from 0.9, 4.4, 7.9, 11.4 s (each far short of the 15 s target)' } },
  { exercise: 'glute-stretch', file: 'videos3/glute_stretch/fitbod_lying_figure_four_2angles_2holds.mp4', expected: { holds: [{ seconds: 5.5 }, { seconds: 5.4 }], note: 'MANIFEST 3.2: the same figure-four hold filmed twice: diagonal 3/4 view from the feet (hold 2.4-7.9), then side view (hold 13.4-18.8); same side both times' } },
  { exercise: 'bridge-back-muscle', file: 'videos3/glute_bridge/ballsqueeze_bridge_20s_hold_oblique.mp4', expected: { reps: 3, note: 'MANIFEST 3.3 says 1 rep with a ≈20 s hold, but the video shows 3 bridges with the ball between the knees: hips up ≈7.5-10.3, 15.5-18.5 and 23.2-25.5 s, down on the mat at ≈12.8, 20.8 and 27.5 s, checked frame by frame (2026-12-02)' } },
  { exercise: 'bridge', file: 'videos3/glute_bridge/fitbod_single_leg_bridge_2holds_2angles.mp4', expected: { reps: 6, note: 'MANIFEST 3.3 says 2 single-leg bridges with ≈7 s holds, but the video shows the free leg held up while the hips go up and down: 3 single-leg bridges in the diagonal view (hips up ≈5.3-6.2, 8.0-8.8, 10.8-11.7 s) and 3 in the side view (≈20.0-20.9, 22.6-23.5, 25.6-26.3 s), checked frame by frame (2026-12-02)' } },
  { exercise: 'waist-twist', file: 'videos3/trunk_twist/mewfit_alternate_cross_toe_touch_arm_overhead_7.mp4', expected: { reps: 6, note: 'MANIFEST 3.4: front view windmill (hand to the opposite foot, other arm straight up), 7 alternating twists, the first partial (the clip starts in it): 6 complete, 3 to each side after the first' } },
  { exercise: 'no-exercise', file: 'videos2/no_exercise/outdoor_sit_walk_in_out_stand_square.mp4', expected: { reps: 0, note: 'MANIFEST 2.6: sitting, walking, leaving the frame: 0 reps of anything' } },
  { exercise: 'no-exercise', file: 'videos2/no_exercise/gym_dumbbell_pickup_walk_away.mp4', expected: { reps: 0, note: 'MANIFEST 2.6: a pick-up squat then walking away: 0 reps of anything' } },
];
// Not used: videos/trunk_twist/darebee_side_chops_front.mp4 (MANIFEST 1.4: "I could not count this reliably").


async function main() {
  const only = arg('only');
  const model = (arg('model') ?? DEFAULT_MODEL) as ModelId;
  const fps = Number(arg('fps') ?? 15);
  const noCrossCheck = process.argv.includes('--no-cross-check');
  const estimator = await createNodeEstimator({ model, backend: 'wasm', ...(noCrossCheck ? { crossCheck: false } : {}) });
  const cc = () => estimator.crossCheck;
  process.stderr.write(`model ${estimator.model}${cc() ? ` cross-checked by ${cc()!.checker}` : ''} on ${estimator.backend.name}, ${fps} fps\n`);
  const expectedByDir = new Map<string, Record<string, Expected>>();
  /** Per clip: what the cross-check did (read by scripts/cross-check-eval.ts report). */
  const live: Record<string, unknown> = {};
  for (const clip of CLIPS) {
    const name = basename(clip.file, '.mp4');
    const dir = join(OUT, clip.exercise);
    mkdirSync(dir, { recursive: true });
    const exp = expectedByDir.get(dir) ?? {};
    exp[name] = clip.expected;
    expectedByDir.set(dir, exp);
    if (only && !only.split(',').some((o) => name.includes(o))) continue;
    const src = join(DATA, clip.file);
    if (!existsSync(src)) {
      process.stderr.write(`skip ${clip.file}: not found\n`);
      continue;
    }
    estimator.reset();
    const builder = new RecordBuilder({
      appVersion: 'fixtures',
      model: estimator.model,
      exercise: clip.exercise,
      // No targets: replays use the exercise's current defaults (the definition under test).
      prescription: { sets: 1, sides: ['both'] },
      startedAt: '2000-01-01T00:00:00.000Z',
      source: clip.file,
    });
    const t0 = Date.now();
    const before = cc()?.counts;
    let estimateMs = 0;
    for await (const frame of decodeVideo(src, { fps })) {
      const te = performance.now();
      const pose = await estimator.estimate(frame, frame.tMs);
      estimateMs += performance.now() - te;
      builder.add(pose, frame.tMs);
      if (!pose) continue;
    }
    const text = serializeRecord(builder.build());
    writeFileSync(join(dir, `${name}.json`), text + '\n');
    const after = cc()?.counts;
    if (before && after) {
      const delta = Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v - before[k as keyof typeof before]]));
      live[name] = { exercise: clip.exercise, frames: builder.length, meanEstimateMs: estimateMs / Math.max(1, builder.length), counts: delta };
    }
    const ccText =
      before && after
        ? `, cross-check: ${after.checks - before.checks} checks (${after.disagreeingChecks - before.disagreeingChecks} disagreeing, ${after.inconclusiveChecks - before.inconclusiveChecks} inconclusive), ${after.switchesToChecker - before.switchesToChecker} switches, ${after.followingFrames - before.followingFrames} frames on the checker's pose`
        : '';
    process.stderr.write(`${clip.exercise}/${name}: ${builder.length} frames, ${(text.length / 1024).toFixed(0)} KiB, ${((Date.now() - t0) / 1000).toFixed(0)} s${ccText}\n`);
  }
  for (const [dir, exp] of expectedByDir) {
    // Hand counts are written for clips that have none yet; existing entries are never rewritten.
    const file = join(dir, 'expected.json');
    const old = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, Expected>) : {};
    const merged = { ...exp, ...old };
    if (Object.keys(merged).length !== Object.keys(old).length) writeFileSync(file, JSON.stringify(merged, null, 2) + '\n');
  }
  if (Object.keys(live).length > 0) {
    // Derived numbers only, kept out of git (.cache/); merged so --only runs add to a full run.
    const liveDir = join(ROOT, '.cache', 'cross-check');
    mkdirSync(liveDir, { recursive: true });
    const liveFile = join(liveDir, 'live.json');
    const old = existsSync(liveFile) ? (JSON.parse(readFileSync(liveFile, 'utf8')) as Record<string, unknown>) : {};
    writeFileSync(liveFile, JSON.stringify({ ...old, ...live }, null, 1) + '\n');
  }
  estimator.dispose();
}

// Run only as a script, so scripts/cross-check-eval.ts can import CLIPS.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
