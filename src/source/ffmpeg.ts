/**
 * Decode a video (or a still image) into RGB frames with ffmpeg, for Node (CLI, tests, bench).
 *
 *   for await (const f of decodeVideo('clip.mp4', { fps: 5 })) estimator.estimate(f, f.tMs);
 *
 * Frames are rgb24 {data, width, height, tMs}; tMs is the frame's time from the start of the
 * file (ms), from the output frame index and rate (the fps filter makes the stream constant-rate).
 * Failures are DecodeError with kind 'file-not-found' | 'ffmpeg-missing' | 'undecodable'.
 * `ffmpegSource` is the same decoder as a FrameSource (the CLI's source).
 */
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import type { RawFrame } from '../estimate/estimator';
import { endSignal, type DecodeErrorKind, type FrameSource } from './source';

export type { DecodeErrorKind } from './source';

export class DecodeError extends Error {
  override readonly name = 'DecodeError';
  constructor(
    readonly kind: DecodeErrorKind,
    message: string,
    readonly file: string,
  ) {
    super(message);
  }
}

/** One decoded frame: RGB bytes (3 per pixel), size in px, time in ms from the start. */
export interface VideoFrame extends RawFrame {
  data: Uint8Array;
  /** ms from the start of the file. */
  tMs: number;
  /** 0-based index in the decoded (possibly subsampled) stream. */
  index: number;
}

export interface VideoInfo {
  /** Display size in px (after rotation metadata is applied, as ffmpeg does by default). */
  width: number;
  height: number;
  /** Frames per second of the source (average). */
  fps: number;
  /** Seconds; NaN when unknown. */
  durationS: number;
}

export interface DecodeOptions {
  /** Resample to this many frames per second (ffmpeg fps filter). Default: the source rate. */
  fps?: number;
  /** Scale to this width in px (height keeps the aspect, even). Default: source size. */
  width?: number;
  /** Start at this many seconds. */
  startS?: number;
  /** Decode at most this many seconds. */
  durationS?: number;
  /** Stop after this many frames. */
  maxFrames?: number;
  /** ffmpeg / ffprobe executables (default from PATH). */
  ffmpeg?: string;
  ffprobe?: string;
}

/** Read size, frame rate and duration with ffprobe. @throws DecodeError */
export async function probeVideo(file: string, opts: Pick<DecodeOptions, 'ffprobe'> = {}): Promise<VideoInfo> {
  checkFile(file);
  const args = [
    '-v', 'error', '-select_streams', 'v:0',
    '-show_entries', 'stream=width,height,avg_frame_rate,r_frame_rate:stream_side_data=rotation:format=duration',
    '-of', 'json', file,
  ];
  const { code, stdout, stderr } = await run(opts.ffprobe ?? 'ffprobe', args, file);
  if (code !== 0) throw new DecodeError('undecodable', `ffprobe could not read ${file}: ${lastLine(stderr)}`, file);
  let parsed: {
    streams?: { width?: number; height?: number; avg_frame_rate?: string; r_frame_rate?: string; side_data_list?: { rotation?: number }[] }[];
    format?: { duration?: string };
  };
  try {
    parsed = JSON.parse(stdout) as typeof parsed;
  } catch {
    throw new DecodeError('undecodable', `ffprobe gave no readable answer for ${file}`, file);
  }
  const s = parsed.streams?.[0];
  if (!s?.width || !s.height) throw new DecodeError('undecodable', `${file} has no video stream`, file);
  const rotation = Math.abs(s.side_data_list?.find((d) => d.rotation !== undefined)?.rotation ?? 0) % 180;
  const fps = rate(s.avg_frame_rate) || rate(s.r_frame_rate) || 0;
  return {
    width: rotation === 90 ? s.height : s.width,
    height: rotation === 90 ? s.width : s.height,
    fps,
    durationS: Number(parsed.format?.duration ?? NaN),
  };
}

/**
 * Decode frames one at a time (backpressure: ffmpeg pauses while the consumer works).
 * Breaking out of the loop kills ffmpeg. @throws DecodeError
 */
export async function* decodeVideo(file: string, opts: DecodeOptions = {}): AsyncGenerator<VideoFrame> {
  const info = await probeVideo(file, opts);
  let width = info.width;
  let height = info.height;
  const filters: string[] = [];
  if (opts.fps) filters.push(`fps=${opts.fps}`);
  if (opts.width && opts.width !== width) {
    const h = Math.round((info.height * opts.width) / info.width / 2) * 2;
    filters.push(`scale=${opts.width}:${h}`);
    width = opts.width;
    height = h;
  }
  filters.push('format=rgb24');
  const outFps = opts.fps ?? info.fps;
  if (!(outFps > 0)) throw new DecodeError('undecodable', `${file}: unknown frame rate`, file);
  const args = ['-v', 'error', '-nostdin'];
  if (opts.startS) args.push('-ss', String(opts.startS));
  args.push('-i', file);
  if (opts.durationS) args.push('-t', String(opts.durationS));
  args.push('-an', '-sn', '-vf', filters.join(','), '-f', 'rawvideo', '-pix_fmt', 'rgb24');
  if (!opts.fps) args.push('-fps_mode', 'cfr', '-r', String(outFps));
  if (opts.maxFrames !== undefined) args.push('-frames:v', String(opts.maxFrames));
  args.push('-');

  const frameBytes = width * height * 3;
  const proc = spawn(opts.ffmpeg ?? 'ffmpeg', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.setEncoding('utf8');
  proc.stderr.on('data', (d: string) => {
    if (stderr.length < 20_000) stderr += d;
  });
  let spawnError: NodeJS.ErrnoException | undefined;
  proc.on('error', (e: NodeJS.ErrnoException) => (spawnError = e));
  const exited = new Promise<number | null>((res) => proc.on('close', (code) => res(code)));

  const startMs = (opts.startS ?? 0) * 1000;
  let index = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let finished = false;
  try {
    for await (const chunk of proc.stdout as AsyncIterable<Buffer>) {
      pending.push(chunk);
      pendingBytes += chunk.length;
      while (pendingBytes >= frameBytes) {
        const all = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
        const data = new Uint8Array(frameBytes);
        data.set(all.subarray(0, frameBytes));
        const rest = all.subarray(frameBytes);
        pending = rest.length ? [rest] : [];
        pendingBytes = rest.length;
        yield { data, width, height, tMs: startMs + (index * 1000) / outFps, index };
        index++;
        if (opts.maxFrames !== undefined && index >= opts.maxFrames) return;
      }
    }
    const code = await exited;
    finished = true;
    if (spawnError) throw missingOr(spawnError, file);
    if (code !== 0 || index === 0) {
      throw new DecodeError('undecodable', `ffmpeg could not decode ${file}: ${lastLine(stderr) || `exit code ${String(code)}`}`, file);
    }
  } finally {
    if (!finished && proc.exitCode === null) proc.kill('SIGKILL');
  }
}

/** Decode a still image (jpg/png/…) or the first frame of a video. @throws DecodeError */
export async function decodeImage(file: string, opts: Pick<DecodeOptions, 'width' | 'ffmpeg' | 'ffprobe'> = {}): Promise<VideoFrame> {
  for await (const f of decodeVideo(file, { ...opts, maxFrames: 1 })) return { ...f, tMs: 0 };
  throw new DecodeError('undecodable', `no picture in ${file}`, file);
}

/** Decode a whole clip into memory (small clips, tests). */
export async function decodeAll(file: string, opts: DecodeOptions = {}): Promise<VideoFrame[]> {
  const out: VideoFrame[] = [];
  for await (const f of decodeVideo(file, opts)) out.push(f);
  return out;
}

/**
 * A video decoded by ffmpeg as a FrameSource: every frame, at the analysis' pace. A decoding
 * failure ends it with a SourceError; a throwing frame handler makes `ended` reject.
 */
export function ffmpegSource(file: string, opts: DecodeOptions = {}): FrameSource<VideoFrame> {
  const end = endSignal();
  let stopped = false;
  return {
    kind: 'ffmpeg',
    live: false,
    label: file,
    ended: end.promise,
    start(onFrame) {
      void (async () => {
        try {
          for await (const frame of decodeVideo(file, opts)) {
            if (stopped) break;
            await onFrame(frame, frame.tMs);
          }
          end.settle(stopped ? { state: 'stopped' } : { state: 'finished' });
        } catch (e) {
          if (e instanceof DecodeError) end.settle({ state: 'error', error: { source: 'ffmpeg', kind: e.kind, detail: e.message } });
          else end.fail(e);
        }
      })();
      return Promise.resolve({ ok: true });
    },
    stop() {
      stopped = true;
      end.settle({ state: 'stopped' });
    },
  };
}

function checkFile(file: string): void {
  if (!existsSync(file) || !statSync(file).isFile()) throw new DecodeError('file-not-found', `no such file: ${file}`, file);
}

function rate(r: string | undefined): number {
  if (!r) return 0;
  const [n, d] = r.split('/').map(Number);
  if (!n || !Number.isFinite(n)) return 0;
  return d ? n / d : n;
}

function lastLine(s: string): string {
  return s.trim().split('\n').at(-1) ?? '';
}

function missingOr(e: NodeJS.ErrnoException, file: string): DecodeError {
  if (e.code === 'ENOENT') return new DecodeError('ffmpeg-missing', 'ffmpeg is not installed: install it with "apt-get install -y ffmpeg"', file);
  return new DecodeError('undecodable', `could not run ffmpeg: ${e.message}`, file);
}

function run(cmd: string, args: string[], file: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    p.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    p.on('error', (e: NodeJS.ErrnoException) =>
      reject(
        e.code === 'ENOENT'
          ? new DecodeError('ffmpeg-missing', `${cmd} is not installed: install ffmpeg with "apt-get install -y ffmpeg"`, file)
          : new DecodeError('undecodable', `could not run ${cmd}: ${e.message}`, file),
      ),
    );
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
