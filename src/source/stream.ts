/**
 * A live MediaStream (camera or shared screen) as a FrameSource: played in a <video>, one frame
 * at a time through the frame loop (frames that come while one is analysed are dropped).
 */
import { startFrameLoop, type FrameLoop } from './frame-loop';
import { endSignal, type FrameSource, type SourceError } from './source';

export type OpenedStream =
  | { ok: true; stream: MediaStream; label: string; stop(): void; onEnded(cb: (e: SourceError) => void): void }
  | { ok: false; error: SourceError };

export type StreamSource = FrameSource<HTMLVideoElement> & { readonly stream: MediaStream | null };

/** Show `stream` in `video` and wait for its first frame. */
export async function playStream(video: HTMLVideoElement, stream: MediaStream): Promise<void> {
  video.removeAttribute('src');
  video.srcObject = stream;
  video.muted = true;
  video.playsInline = true;
  await video.play().catch(() => undefined);
  if (video.readyState < 2) {
    await new Promise<void>((res) => video.addEventListener('loadeddata', () => res(), { once: true }));
  }
}

export function streamSource(kind: 'camera' | 'screen', video: HTMLVideoElement, open: () => Promise<OpenedStream>): StreamSource {
  const end = endSignal();
  let label = '';
  let stream: MediaStream | null = null;
  let loop: FrameLoop | null = null;
  let close: (() => void) | null = null;
  let stopped = false;
  return {
    kind,
    live: true,
    ended: end.promise,
    get label() {
      return label;
    },
    get stream() {
      return stream;
    },
    get stats() {
      return loop?.stats;
    },
    async start(onFrame) {
      const r = await open();
      if (!r.ok) {
        end.settle({ state: 'error', error: r.error });
        return r;
      }
      if (stopped) {
        r.stop();
        return { ok: false, error: { source: kind, kind: 'unknown', detail: 'stopped while starting' } };
      }
      stream = r.stream;
      close = r.stop;
      label = r.label;
      r.onEnded((error) => {
        loop?.stop();
        loop = null;
        end.settle({ state: 'error', error });
      });
      await playStream(video, r.stream);
      if (!stopped) loop = startFrameLoop(video, (tMs, meta) => onFrame(video, tMs, meta), { clock: 'elapsed' });
      return { ok: true };
    },
    stop(keepPicture = false) {
      stopped = true;
      loop?.stop();
      loop = null;
      close?.();
      close = null;
      stream = null;
      if (!keepPicture) video.srcObject = null;
      end.settle({ state: 'stopped' });
    },
  };
}
