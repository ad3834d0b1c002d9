/**
 * A recorded video file as a source. Analysis steps through the file by seeking at a fixed rate,
 * so every run sees the same frames (the live path drops frames; a file need not).
 */

import { endSignal, sourceErrorHelp, type FrameSource, type SourceHelp, type VideoFileError } from './source';

export type { VideoFileError } from './source';
export type VideoFileHelp = SourceHelp;

export function videoFileErrorHelp(kind: VideoFileError['kind']): VideoFileHelp {
  return sourceErrorHelp({ source: 'file', kind });
}

export type VideoFileResult =
  | { ok: true; durationS: number; width: number; height: number; release(): void }
  | { ok: false; error: VideoFileError };

/** Load `file` into `video` (muted, paused) and wait for its first frame. */
export async function loadVideoFile(video: HTMLVideoElement, file: Blob, timeoutMs = 15000): Promise<VideoFileResult> {
  if (file.type && !file.type.startsWith('video/') && !file.type.startsWith('application/octet-stream')) {
    return { ok: false, error: { kind: 'not-video', detail: file.type } };
  }
  const url = URL.createObjectURL(file);
  video.srcObject = null;
  video.muted = true;
  video.playsInline = true;
  video.preload = 'auto';
  const release = (): void => {
    video.removeAttribute('src');
    video.load();
    URL.revokeObjectURL(url);
  };
  const outcome = await new Promise<'ok' | VideoFileError>((resolve) => {
    const timer = setTimeout(() => done({ kind: 'corrupt', detail: 'timed out reading the file' }), timeoutMs);
    const done = (r: 'ok' | VideoFileError): void => {
      clearTimeout(timer);
      video.removeEventListener('loadeddata', onData);
      video.removeEventListener('error', onErr);
      resolve(r);
    };
    const onData = (): void => done('ok');
    const onErr = (): void => {
      const code = video.error?.code;
      done(code === 4 ? { kind: 'unsupported', detail: video.error?.message } : { kind: 'corrupt', detail: video.error?.message });
    };
    video.addEventListener('loadeddata', onData);
    video.addEventListener('error', onErr);
    video.src = url;
  });
  if (outcome !== 'ok') {
    release();
    return { ok: false, error: outcome };
  }
  if (!Number.isFinite(video.duration) || video.duration <= 0 || video.videoWidth === 0) {
    release();
    return { ok: false, error: { kind: 'corrupt', detail: 'no duration or no picture' } };
  }
  // pose-detection reads .width/.height of a <video>.
  video.width = video.videoWidth;
  video.height = video.videoHeight;
  return { ok: true, durationS: video.duration, width: video.videoWidth, height: video.videoHeight, release };
}

/** Seek `video` to `tS` and resolve once the frame is there (false on timeout). */
export function seekTo(video: HTMLVideoElement, tS: number, timeoutMs = 5000): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      video.removeEventListener('seeked', onSeeked);
      resolve(false);
    }, timeoutMs);
    const onSeeked = (): void => {
      clearTimeout(timer);
      video.removeEventListener('seeked', onSeeked);
      resolve(true);
    };
    video.addEventListener('seeked', onSeeked);
    video.currentTime = tS;
  });
}

/** The frame times (s) a seek-step analysis visits: 0, 1/fps, … up to the duration. Pure. */
export function frameTimes(durationS: number, fps: number): number[] {
  const n = Math.max(0, Math.floor(durationS * fps + 1e-6));
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(i / fps);
  return out;
}

export interface StepOptions {
  /** Frames per second to analyse (default 15, like the live camera). */
  fps?: number;
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/**
 * Visit the file frame by frame and call `handle(tMs)` after each seek. Resolves with the number of
 * frames visited, or 'corrupt' when the decoder stops answering part-way through.
 */
export async function stepThrough(
  video: HTMLVideoElement,
  durationS: number,
  handle: (tMs: number) => Promise<void>,
  opts: StepOptions = {},
): Promise<{ frames: number } | { error: VideoFileError }> {
  const times = frameTimes(durationS, opts.fps ?? 15);
  video.pause();
  let frames = 0;
  for (const t of times) {
    if (opts.signal?.aborted) break;
    const ok = await seekTo(video, t);
    if (!ok || video.error) return { error: { kind: 'corrupt', detail: `could not read the frame at ${t.toFixed(2)} s` } };
    await handle(t * 1000);
    frames++;
    opts.onProgress?.(frames / times.length);
  }
  return { frames };
}

/**
 * A recorded video file as a FrameSource: loaded into `video`, then visited frame by frame at
 * `fps` (every frame, at the analysis' pace). `ended` rejects if the frame handler throws.
 */
export function fileSource(video: HTMLVideoElement, file: File, opts: Omit<StepOptions, 'signal'> = {}): FrameSource<HTMLVideoElement> {
  const end = endSignal();
  const abort = new AbortController();
  let release: (() => void) | null = null;
  return {
    kind: 'file',
    live: false,
    label: file.name,
    ended: end.promise,
    async start(onFrame) {
      const r = await loadVideoFile(video, file);
      if (!r.ok) {
        end.settle({ state: 'error', error: { source: 'file', ...r.error } });
        return { ok: false, error: { source: 'file', ...r.error } };
      }
      release = r.release;
      stepThrough(video, r.durationS, (tMs) => onFrame(video, tMs), { ...opts, signal: abort.signal }).then(
        (out) => end.settle(abort.signal.aborted ? { state: 'stopped' } : 'error' in out ? { state: 'error', error: { source: 'file', ...out.error } } : { state: 'finished' }),
        (e: unknown) => end.fail(e),
      );
      return { ok: true };
    },
    stop(keepPicture = false) {
      abort.abort();
      end.settle({ state: 'stopped' });
      if (!keepPicture) {
        release?.();
        release = null;
        video.srcObject = null;
      }
    },
  };
}
