/**
 * A shared screen or window as a source (getDisplayMedia), so a physio in a video call can point
 * the coach at the patient's video. Failures are values.
 */

import { sourceErrorHelp, type ScreenError, type SourceHelp } from './source';
import { streamSource, type StreamSource } from './stream';

export type { ScreenError } from './source';
export type ScreenHelp = SourceHelp;

export function screenErrorHelp(kind: ScreenError['kind']): ScreenHelp {
  return sourceErrorHelp({ source: 'screen', kind });
}

export type ScreenResult =
  | { ok: true; stream: MediaStream; track: MediaStreamTrack; onEnded(cb: () => void): void; stop(): void }
  | { ok: false; error: ScreenError };

/** Ask the person to pick a screen, window or tab to watch. Must be called from a user gesture. */
export async function openScreen(): Promise<ScreenResult> {
  if (!navigator.mediaDevices?.getDisplayMedia) return { ok: false, error: { kind: 'unsupported' } };
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getDisplayMedia({ video: { frameRate: { ideal: 15 } }, audio: false });
  } catch (e) {
    const name = typeof e === 'object' && e !== null && 'name' in e ? String((e as { name: unknown }).name) : '';
    const detail = e instanceof Error ? e.message : String(e);
    if (name === 'NotAllowedError' || name === 'AbortError') return { ok: false, error: { kind: 'cancelled', detail } };
    if (name === 'NotSupportedError' || name === 'TypeError') return { ok: false, error: { kind: 'unsupported', detail } };
    // NotReadableError: the system refused to capture (e.g. screen-recording permission off on macOS).
    return { ok: false, error: { kind: 'unknown', detail } };
  }
  const track = stream.getVideoTracks()[0];
  if (!track) return { ok: false, error: { kind: 'unknown', detail: 'no video track' } };
  let stopped = false;
  const cbs: (() => void)[] = [];
  track.addEventListener('ended', () => {
    if (!stopped) cbs.forEach((cb) => cb());
  });
  return {
    ok: true,
    stream,
    track,
    onEnded: (cb) => void cbs.push(cb),
    stop() {
      stopped = true;
      stream.getTracks().forEach((t) => t.stop());
    },
  };
}

/** A shared screen or window as a FrameSource, shown in `video`. Start it from a user gesture. */
export function screenSource(video: HTMLVideoElement): StreamSource {
  return streamSource('screen', video, async () => {
    const r = await openScreen();
    if (!r.ok) return { ok: false, error: { source: 'screen', ...r.error } };
    return { ok: true, stream: r.stream, label: r.track.label || 'Shared window', stop: r.stop, onEnded: (cb) => r.onEnded(() => cb({ source: 'screen', kind: 'ended' })) };
  });
}
