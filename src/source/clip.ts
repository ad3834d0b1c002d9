/**
 * A video of a set with MediaRecorder, kept only when the person ticked the consent box
 * (issue 5 item 7). Picture only: the audio track is never recorded. Chunks are handed out
 * every CHUNK_MS so the caller can store them while the set runs (a crash keeps what was
 * recorded). Pausing the coach pauses the video, so video time = session time.
 */

/** Milliseconds of video per chunk handed to the store. */
export const CHUNK_MS = 2000;
/**
 * Bits per second of picture. Enough to see a person's form at 640×480; about 22 MB for
 * 10 minutes (bench/results.md has the measured size).
 */
export const CLIP_BITS_PER_SECOND = 300_000;

/** Container/codecs in the order we prefer (WebM plays in every browser that can record it). */
const TYPES = ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm', 'video/mp4'];

export interface ClipRecorder {
  readonly mimeType: string;
  pause(): void;
  resume(): void;
  /** Stop and hand out the last chunk; resolves when it was handed out. */
  stop(): Promise<void>;
}

export type ClipStart = { ok: true; recorder: ClipRecorder } | { ok: false; message: string };

/** Can this browser record video at all? */
export function clipSupported(): boolean {
  return typeof MediaRecorder !== 'undefined' && TYPES.some((t) => MediaRecorder.isTypeSupported(t));
}

/**
 * Start recording the picture of `stream`. `onChunk` gets each piece in order (seq 0, 1, …);
 * `onEnd` is called once when the recording stops by itself (the camera was unplugged, the
 * shared window closed) or after stop().
 */
export function startClip(
  stream: MediaStream,
  onChunk: (data: Blob, seq: number) => void,
  onEnd: () => void = () => undefined,
): ClipStart {
  if (typeof MediaRecorder === 'undefined') return { ok: false, message: 'This browser cannot record video, so no video is kept. Counting works as usual.' };
  const mimeType = TYPES.find((t) => MediaRecorder.isTypeSupported(t));
  if (!mimeType) return { ok: false, message: 'This browser cannot record video in a format it can play back, so no video is kept.' };
  const video = stream.getVideoTracks();
  if (video.length === 0) return { ok: false, message: 'There is no picture to record.' };
  let rec: MediaRecorder;
  try {
    rec = new MediaRecorder(new MediaStream(video), { mimeType, videoBitsPerSecond: CLIP_BITS_PER_SECOND });
    rec.start(CHUNK_MS);
  } catch (e) {
    return { ok: false, message: `The video could not be started (${e instanceof Error ? e.message : String(e)}). Counting works as usual.` };
  }
  let seq = 0;
  let ended = false;
  const stopped = new Promise<void>((resolve) => {
    rec.addEventListener('stop', () => {
      if (!ended) {
        ended = true;
        onEnd();
      }
      resolve();
    });
  });
  rec.addEventListener('dataavailable', (e) => {
    if (e.data.size > 0) onChunk(e.data, seq++);
  });
  return {
    ok: true,
    recorder: {
      mimeType: rec.mimeType || mimeType,
      pause() {
        if (rec.state === 'recording') rec.pause();
      },
      resume() {
        if (rec.state === 'paused') rec.resume();
      },
      async stop() {
        if (rec.state !== 'inactive') rec.stop();
        await stopped;
      },
    },
  };
}
