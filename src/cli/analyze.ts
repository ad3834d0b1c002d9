/**
 * `npm run --silent analyze -- FILE --exercise ID [--model M] [--fps N] [--plot out.svg]`
 *
 * FILE is a video (decoded with ffmpeg, run through the same estimator and core as the app) or a
 * session record (replayed). Prints the analysis report of DESIGN.md as JSON on stdout; progress
 * and errors go to stderr, so stdout stays pure JSON. Exit 0 on success, 1 on bad input
 * (missing file, undecodable video, no ffmpeg, model failure), 2 on a usage error.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { Exercise, Prescription } from '../core/check';
import { parseRecord, RecordBuilder, replay, serializeRecord, type ReplayResult, type SessionRecord } from '../core/session';
import { EXERCISE_IDS, exercises } from '../exercises';
import { DEFAULT_MODEL } from '../estimate/create-estimator';
import { isModelId, needsBrowser, nodeModels, tfjsTwin } from '../estimate/model-table';
import { parseArgs, type AnalyzeArgs } from './args';
import { LiveRun } from '../live/live-run';
import { DecodeError, ffmpegSource, probeVideo, type VideoFrame } from '../source/ffmpeg';
import { sourceErrorHelp } from '../source/source';
import { renderPlot } from './plot';
import { explain, formatExplanation, STATE_WORDS, type Explanation } from '../core/session/explain';

const APP_VERSION = '0.1.0';

class CliError extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}

/** The documented report: exactly these fields, seconds rounded to 0.01 s. */
export function toReport(r: ReplayResult) {
  const s = (n: number) => Math.round(n * 100) / 100;
  return {
    exercise: r.exercise,
    model: r.model,
    durationS: s(r.durationS),
    fps: r.fps,
    trackedFraction: r.trackedFraction,
    reps: r.reps,
    repsBySide: r.repsBySide,
    repDetails: r.repDetails.map((d) => ({
      index: d.index,
      side: d.side,
      startS: s(d.startS),
      peakS: s(d.peakS),
      endS: s(d.endS),
      holdS: s(d.holdS),
      score: Math.round(d.score),
      faults: [...d.faults],
    })),
    holds: r.holds.map((h) => ({ side: h.side, startS: s(h.startS), endS: s(h.endS), seconds: s(h.seconds), targetS: h.targetS, met: h.met })),
  };
}

function progressBar(done: number, total: number, startedMs: number): void {
  const frac = total > 0 ? Math.min(1, done / total) : 0;
  const width = 30;
  const bar = '█'.repeat(Math.round(frac * width)).padEnd(width, '░');
  const el = (performance.now() - startedMs) / 1000;
  process.stderr.write(`\r${bar} ${(frac * 100).toFixed(0).padStart(3)}%  ${done}/${total} frames  ${el.toFixed(0)} s `);
}

async function recordFromVideo(args: AnalyzeArgs, exercise: Exercise, prescription: Prescription): Promise<SessionRecord> {
  const model = args.model ?? DEFAULT_MODEL;
  if (!isModelId(model)) {
    throw new CliError(`unknown model "${args.model}"; choose one of: ${nodeModels().join(', ')}`, 2);
  }
  if (needsBrowser(model)) throw new CliError(`${model} runs on the MediaPipe runtime, which needs a browser with WebGL; use ${tfjsTwin(model)} here`, 2);
  const info = await probeVideo(args.file);
  const total = Number.isFinite(info.durationS) ? Math.max(1, Math.round(info.durationS * Math.min(args.fps, info.fps || args.fps))) : 0;
  // Lazy: the estimator pulls in tfjs, which a record replay does not need.
  const { createNodeEstimator } = await import('../estimate/node');
  const builder = new RecordBuilder({ appVersion: APP_VERSION, model, exercise: exercise.id, prescription, startedAt: new Date(0).toISOString(), source: args.file });
  // The same live run as the app, with the ffmpeg decoder as its source and the record as its recorder.
  const live = new LiveRun<VideoFrame>({
    exercise,
    prescription,
    loader: { load: async (m, backend) => ({ ok: true, estimator: await createNodeEstimator({ model: m, backend }) }) },
    recorder: () => ({ add: (pose, tMs) => builder.add(pose, tMs) }),
  });
  const showProgress = args.progress || process.stderr.isTTY === true;
  const started = performance.now();
  let n = 0;
  live.subscribe((e) => {
    if (e.type !== 'frame') return;
    n += 1;
    if (showProgress && (n % 5 === 0 || n === total)) progressBar(n, total, started);
  });
  try {
    await live.loadModel(model, 'wasm');
    const source = ffmpegSource(args.file, { fps: args.fps });
    await live.start(source);
    const end = await source.ended;
    if (end.state === 'error') throw new CliError(end.error.detail ?? sourceErrorHelp(end.error).message, 1);
  } finally {
    live.dispose();
    if (showProgress) process.stderr.write('\n');
  }
  if (n === 0) throw new CliError(`no frames could be decoded from ${args.file}`, 1);
  return builder.build();
}

export async function run(argv: readonly string[]): Promise<{ report: ReturnType<typeof toReport>; svg?: string; record: SessionRecord; explanation?: Explanation }> {
  const parsed = parseArgs(argv);
  if (!parsed.ok) throw new CliError(parsed.message, 2);
  const args = parsed.args;
  const exercise = (exercises as Record<string, Exercise | undefined>)[args.exercise];
  if (!exercise) throw new CliError(`unknown exercise "${args.exercise}"; choose one of: ${EXERCISE_IDS.join(', ')}`, 2);
  let override: Partial<Prescription> | undefined;
  if (args.prescription) {
    try {
      override = JSON.parse(args.prescription) as Partial<Prescription>;
    } catch {
      throw new CliError(`--prescription is not valid JSON: ${args.prescription}`, 2);
    }
  }
  if (!existsSync(args.file) || !statSync(args.file).isFile()) throw new CliError(`file not found: ${args.file}`, 1);

  let record: SessionRecord;
  const isRecord = extname(args.file).toLowerCase() === '.json';
  if (isRecord) {
    const parsedRecord = parseRecord(readFileSync(args.file, 'utf8'));
    if (!parsedRecord.ok) throw new CliError(`${args.file}: ${parsedRecord.error.message}`, 1);
    record = parsedRecord.record;
  } else {
    const prescription = { ...exercise.defaults, ...override } as Prescription;
    try {
      record = await recordFromVideo(args, exercise, prescription);
    } catch (e) {
      if (e instanceof DecodeError) throw new CliError(e.message, 1);
      throw e;
    }
  }
  const result = replay(exercise, record, override, { keepOutputs: args.plot !== null || args.explain });
  const report = toReport(result);
  const outputs = result.outputs ?? [];
  const explanation = outputs.length ? explain(outputs, result.events) : undefined;
  if (!args.plot) return { report, record, ...(explanation ? { explanation } : {}) };
  const t0 = outputs[0]?.tMs ?? 0;
  const names = exercise.angleNames ?? ['signal'];
  const svg = renderPlot({
    title: `${exercise.title}: ${report.reps} reps (${args.file.split('/').pop() ?? args.file}, ${report.model})`,
    durationS: report.durationS,
    series: names.map((name) => ({ name, points: outputs.map((o) => [(o.tMs - t0) / 1000, o.angles[name] ?? null] as const) })),
    reps: report.repDetails,
    holds: report.holds,
    gated: (explanation?.spans ?? [])
      .filter((sp) => sp.state !== 'used' && sp.toS - sp.fromS >= 0.3)
      .map((sp) => ({ fromS: sp.fromS - t0 / 1000, toS: sp.toS - t0 / 1000, label: `${STATE_WORDS[sp.state]}${sp.detail ? `: ${sp.detail}` : ''}` })),
  });
  return { report, svg, record, ...(explanation ? { explanation } : {}) };
}

async function main(): Promise<void> {
  try {
    const argv = process.argv.slice(2);
    const { report, svg, record, explanation } = await run(argv);
    const parsed = parseArgs(argv);
    if (svg && parsed.ok && parsed.args.plot) {
      writeFileSync(parsed.args.plot, svg);
      process.stderr.write(`plot written to ${parsed.args.plot}\n`);
    }
    if (parsed.ok && parsed.args.record) {
      writeFileSync(parsed.args.record, serializeRecord(record));
      process.stderr.write(`session record written to ${parsed.args.record}\n`);
    }
    if (parsed.ok && parsed.args.explain && explanation) process.stdout.write(formatExplanation(explanation) + '\n');
    else process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  } catch (e) {
    const code = e instanceof CliError ? e.code : 1;
    const msg = e instanceof Error ? e.message : String(e);
    process.stderr.write(`analyze: ${msg}\n`);
    process.exitCode = code;
  }
}

if (process.argv[1] && /analyze\.ts$/.test(process.argv[1])) void main();
