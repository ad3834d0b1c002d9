/**
 * A recorded video file as a source. Analysis steps through the file by seeking at a fixed rate,
 * so every run sees the same frames (the live path drops frames; a file need not).
 */

export type VideoFileError =
  | { kind: 'corrupt'; detail?: string }
  | { kind: 'unsupported'; detail?: string }
  | { kind: 'not-video'; detail?: string };

export interface VideoFileHelp {
  title: string;
  message: string;
  action: string;
}

const HELP: Record<VideoFileError['kind'], VideoFileHelp> = {
  corrupt: {
    title: 'This video could not be read',
    message: 'The file seems to be damaged or incomplete.',
    action: 'Record or export the video again, then choose the new file.',
  },
  unsupported: {
    title: 'This video format is not supported',
    message: 'The browser cannot play this kind of video.',
    action: 'Convert it to MP4 (H.264) or WebM, or record it again with the phone\u2019s normal camera app.',
  },
  'not-video': {
    title: 'That is not a video',
    message: 'Please choose a video file (for example .mp4 or .webm).',
    action: 'Choose a different file.',
  },
};

export function videoFileErrorHelp(kind: VideoFileError['kind']): VideoFileHelp {
  return HELP[kind];
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
