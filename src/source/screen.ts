/**
 * A shared screen or window as a source (getDisplayMedia), so a physio in a video call can point
 * the coach at the patient's video. Failures are values.
 */

export type ScreenError =
  | { kind: 'cancelled'; detail?: string }
  | { kind: 'unsupported'; detail?: string }
  | { kind: 'ended'; detail?: string }
  | { kind: 'unknown'; detail?: string };

export interface ScreenHelp {
  title: string;
  message: string;
  action: string;
}

const HELP: Record<ScreenError['kind'], ScreenHelp> = {
  cancelled: {
    title: 'No window was shared',
    message: 'Sharing was cancelled or blocked.',
    action: 'Press "Share a window" again and pick the video-call window that shows the patient.',
  },
  unsupported: {
    title: 'Screen sharing is not available',
    message: 'This browser cannot share a screen or window with the page.',
    action: 'Use a recent Chrome, Edge or Firefox on a computer, or use the camera instead.',
  },
  ended: {
    title: 'Sharing stopped',
    message: 'The shared window was closed or sharing was stopped.',
    action: 'Press "Share a window" to pick it again.',
  },
  unknown: {
    title: 'Sharing did not start',
    message: 'Something went wrong while starting to share.',
    action: 'Try again, or use the camera or a recorded video instead.',
  },
};

export function screenErrorHelp(kind: ScreenError['kind']): ScreenHelp {
  return HELP[kind];
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
