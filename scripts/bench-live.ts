/**
 * `npm run bench:live`: every real clip through the live app, as a patient would use it, against
 * its hand count; written to bench/live.md.
 *
 * The fixtures (tests/fixtures) are made offline at an even 15 fps; the live path analyses what
 * the page keeps up with (12-15 fps here, different frames every run), through the pose worker,
 * the cross-check, the recorder and the coach. A count can differ between the two: on 3 December
 * the partner sit-ups counted 6 in the fixture and 0-6 live. So this runs the real thing: the app
 * (Vite dev server), headless Chromium, the fake camera fed from the clip (3 s of its first frame
 * before it, y4m at 15 fps, made in a temp dir, never committed), Start → skip the
 * pain check-in → Use my camera; after one pass of the clip, Finish set, then History → export,
 * and the set's own events (what the coach counted and showed) are read from the exported record.
 * The records are kept in .cache/live/ (ignored by git) for `npm run analyze -- … --explain`.
 *
 *   npx tsx scripts/bench-live.ts [--only name,name] [--speed 1.5] [--runs 2] [--negatives] [--app DIR --out FILE]
 *                                 [--shots DIR --shot-at 12,20]
 *
 * --app runs another checkout's app (an older commit in a git worktree, with node_modules and
 * models linked) through the same clips, for a before/after comparison; --out writes its table
 * elsewhere than bench/live.md.
 * --shots saves a screenshot of the coach screen at each --shot-at time (s of the camera's frame time,
 * lead-in included) into DIR, to look at what the person saw.
 * --speed plays the clip faster (ffmpeg setpts): the same reps done briskly. --negatives adds the
 * no-exercise clips under the sit-up, the bridge and the straight-leg raise. Takes about as long
 * as the clips (plus ~10 s each to start): ~15 minutes for every clip once. Run it alone (2 cores).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { DEFAULT_MODEL } from '../src/estimate/create-estimator';
import { parseRecord, recordFrames } from '../src/core/session/record';
import { exercises } from '../src/exercises';
import { catchDownload, coachTMs, openSeeded } from './lib/app-page';
import { arg } from './lib/args';
import { close, launchBrowser, makeFakeCamera, sharedData, startApp } from './lib/browser';
import type { Expected } from './lib/fixtures';
import { compareWithExpected } from './lib/reproject-eval';
import { CLIPS } from './make-fixtures';

const execFileP = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..');
const CACHE = join(ROOT, '.cache', 'live');
const PAD_S = 3;
const SPEED = Number(arg('speed') ?? 1);
const RUNS = Number(arg('runs') ?? 1);
const ONLY = arg('only');
const SHOTS = arg('shots');
const SHOT_AT = (arg('shot-at') ?? '').split(',').filter(Boolean).map(Number);
const NEGATIVE_UNDER = ['sit-up', 'bridge', 'straight-leg-raise'] as const;

interface Row {
  exercise: string;
  clip: string;
  expected: Expected;
  runs: { reps: number; holds: number[]; fps: number; ok: boolean }[];
}

const expectedText = (e: Expected) =>
  [e.reps !== undefined ? `${e.reps}` : e.repsAtMost !== undefined ? `≤${e.repsAtMost}` : '', e.holds?.length ? `holds ${e.holds.map((h) => h.seconds).join('/')} s` : ''].filter(Boolean).join(' + ');

async function prepare(file: string, work: string): Promise<{ path: string; seconds: number; cleanup: () => Promise<void> }> {
  const out = join(work, `${basename(file, '.mp4')}.mp4`);
  // A still lead-in (the framing check passes on it, as a patient settles); no tail: the set is
  // finished as the clip ends, before Chromium loops the fake camera back to its start.
  const vf = `${SPEED !== 1 ? `setpts=PTS/${SPEED},` : ''}tpad=start_duration=${PAD_S}:start_mode=clone`;
  await execFileP('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-i', sharedData(file), '-an', '-vf', vf, '-r', '30', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', out]);
  const { stdout } = await execFileP('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', out]);
  const cam = await makeFakeCamera(out, { fps: 15, width: 640, format: 'y4m' });
  return { path: cam.path, seconds: Number(stdout), cleanup: cam.cleanup };
}

async function main() {
  mkdirSync(CACHE, { recursive: true });
  const work = await mkdtemp(join(tmpdir(), 'rootwell-live-'));
  const appRoot = arg('app');
  const app = await startApp(appRoot ? { root: resolve(appRoot) } : {});
  const jobs = [
    ...CLIPS.filter((c) => c.exercise !== 'no-exercise').map((c) => ({ exercise: c.exercise, file: c.file, expected: c.expected })),
    ...(process.argv.includes('--negatives')
      ? CLIPS.filter((c) => c.exercise === 'no-exercise').flatMap((c) => NEGATIVE_UNDER.map((exercise) => ({ exercise, file: c.file, expected: { reps: 0, holds: [], note: c.expected.note } as Expected })))
      : []),
  ].filter((j) => !ONLY || ONLY.split(',').some((o) => j.file.includes(o)));
  const rows: Row[] = [];
  try {
    for (const job of jobs) {
      const ex = exercises[job.exercise as keyof typeof exercises];
      const cam = await prepare(job.file, work);
      const row: Row = { exercise: job.exercise, clip: basename(job.file, '.mp4'), expected: job.expected, runs: [] };
      for (let run = 1; run <= RUNS; run++) {
        const b = await launchBrowser({ fakeCamera: cam.path, viewport: { width: 1280, height: 720 } });
        try {
          const page = await openSeeded(b, app.url, { model: DEFAULT_MODEL, backend: 'wasm', muted: true, beep: false, telehealth: false }, {});
          await page.getByRole('button', { name: `Start ${ex.title}` }).click();
          await page.getByRole('button', { name: 'Skip' }).click();
          await page.getByTestId('model-status').waitFor({ timeout: 90_000 });
          await page.getByTestId('use-camera').click();
          // One pass of the clip, by the camera's own frame time (Chromium loops the fake camera).
          const endMs = (cam.seconds - 0.4) * 1000;
          const t0 = Date.now();
          const shots = SHOTS ? [...SHOT_AT] : [];
          while (Date.now() - t0 < endMs + 30_000) {
            const t = await coachTMs(page);
            if (shots.length && t >= shots[0]! * 1000) {
              mkdirSync(SHOTS!, { recursive: true });
              await page.screenshot({ path: join(SHOTS!, `${job.exercise}.${row.clip}.run${run}.t${shots.shift()}.png`) });
            }
            if (t >= endMs) break;
            await page.waitForTimeout(shots.length ? 100 : t < endMs - 2000 ? 1000 : 100);
          }
          const finish = page.getByRole('button', { name: /Finish set/ });
          if (await finish.isVisible()) await finish.click();
          await page.waitForTimeout(1500);
          await page.evaluate(() => {
            location.hash = '#/history';
          });
          await page.getByTestId('export-all').waitFor({ timeout: 20_000 });
          const file = await catchDownload(page, () => page.getByTestId('export-all').click(), CACHE, `${job.exercise}.${row.clip}${SPEED !== 1 ? `.x${SPEED}` : ''}.run${run}.json`);
          const history = JSON.parse(readFileSync(file, 'utf8')) as { sessions: unknown[] };
          const parsed = parseRecord(JSON.stringify(history.sessions.at(-1)));
          if (!parsed.ok) throw new Error(`${file}: ${parsed.error.message}`);
          const rec = parsed.record;
          writeFileSync(file, JSON.stringify(history.sessions.at(-1)));
          const frames = recordFrames(rec).filter((f) => f.frame);
          const spanS = frames.length > 1 ? (frames.at(-1)!.tMs - frames[0]!.tMs) / 1000 : NaN;
          // What the coach counted and showed: the set's own events, not a replay.
          const repDetails = rec.events.flatMap((e) => (e.type === 'rep' ? [e.rep] : []));
          const holdDetails = rec.events.flatMap((e) => (e.type === 'hold' ? [e.hold] : []));
          const repsBySide = { left: 0, right: 0, both: 0 };
          for (const r of repDetails) repsBySide[r.side] += 1;
          const reps = repDetails.length;
          const holds = holdDetails.map((h) => Math.round(h.seconds * 10) / 10);
          // At another tempo a hold lasts another time: only the counts compare (holds by number).
          const expected: Expected = SPEED === 1 || !job.expected.holds ? job.expected : { ...job.expected, holds: job.expected.holds.map((h) => ({ ...h, seconds: h.seconds / SPEED })) };
          const miss = compareWithExpected(expected, { reps, repsBySide, holds: holdDetails });
          const fps = Math.round((frames.length / spanS) * 10) / 10;
          row.runs.push({ reps, holds, fps, ok: miss === null });
          console.error(`${job.exercise} ${row.clip} run ${run}: ${reps} reps${holds.length ? `, holds ${holds.join('/')}` : ''} (expected ${expectedText(job.expected)}) ${fps} fps`);
        } finally {
          await b.close();
        }
      }
      await cam.cleanup();
      rows.push(row);
    }
  } finally {
    await close();
    await rm(work, { recursive: true, force: true });
  }
  const runs = rows.flatMap((r) => r.runs);
  const exact = runs.filter((r) => r.ok).length;
  const lines = [
    '# Counting through the live app (bench:live)',
    '',
    `Generated by \`npx tsx scripts/bench-live.ts ${process.argv.slice(2).join(' ')}\` on ${new Date().toISOString().slice(0, 10)} (2-core machine, no GPU, headless Chromium, tfjs wasm, ${DEFAULT_MODEL} in the pose worker).`,
    `Every real clip${SPEED !== 1 ? `, played ${SPEED} times as fast,` : ''} through the live app as a patient would use it (fake camera, Start, Use my camera, Finish set),`,
    'counted from the events the coach recorded; expected counts are the hand counts of MANIFEST.md (scripts/make-fixtures.ts).',
    '',
    `Exact: **${exact} of ${runs.length}** runs.`,
    '',
    '| exercise | clip | expected | live (per run) | exact | frames analysed a second |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.exercise} | ${r.clip} | ${expectedText(r.expected)} | ${r.runs.map((x) => `${x.reps}${x.holds.length ? ` + holds ${x.holds.join('/')} s` : ''}`).join('; ')} | ${r.runs.filter((x) => x.ok).length}/${r.runs.length} | ${r.runs.map((x) => x.fps).join(', ')} |`),
    '',
  ];
  const out = arg('out') ? resolve(arg('out')!) : join(ROOT, 'bench', SPEED !== 1 ? `live-x${SPEED}.md` : 'live.md');
  writeFileSync(out, lines.join('\n'));
  console.log(lines.join('\n'));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
