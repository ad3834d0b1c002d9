/**
 * The camera as a source: permission, device choice, and failures as values a patient can act on.
 * Browser only. Nothing here throws for an expected failure: `openCamera` returns a result.
 */

/** Every way opening (or keeping) the camera can go wrong, as the UI needs to explain it. */
export type CameraError =
  | { kind: 'denied'; detail?: string }
  | { kind: 'no-camera'; detail?: string }
  | { kind: 'in-use'; detail?: string }
  | { kind: 'ended'; detail?: string }
  | { kind: 'insecure-context'; detail?: string }
  | { kind: 'unknown'; detail?: string };

export type CameraErrorKind = CameraError['kind'];

/** Plain-language explanation of a camera error, with one way forward. */
export interface ErrorHelp {
  title: string;
  message: string;
  /** What the person can do next, in words. */
  action: string;
  /** Label of the button that retries (every camera error can be retried). */
  retryLabel: string;
}

const HELP: Record<CameraErrorKind, ErrorHelp> = {
  denied: {
    title: 'The camera is blocked',
    message: 'Your browser said no to the camera for this page, so I cannot watch your exercise.',
    action:
      'Click the camera or lock icon at the left of the address bar, choose "Allow" for the camera, then press "Try again". You can also analyse a recorded video instead.',
    retryLabel: 'Try again',
  },
  'no-camera': {
    title: 'No camera found',
    message: 'I could not find a camera on this computer.',
    action: 'Plug in a webcam (or switch on the built-in one), then press "Try again". You can also analyse a recorded video instead.',
    retryLabel: 'Try again',
  },
  'in-use': {
    title: 'The camera is busy',
    message: 'Another program (perhaps a video call) is using the camera right now.',
    action: 'Close the other program or pick a different camera below, then press "Try again".',
    retryLabel: 'Try again',
  },
  ended: {
    title: 'The camera stopped',
    message: 'The camera was unplugged or switched off. Counting is paused; nothing is lost.',
    action: 'Plug the camera back in, then press "Reconnect".',
    retryLabel: 'Reconnect',
  },
  'insecure-context': {
    title: 'This page cannot use the camera',
    message: 'Browsers only allow the camera on secure pages (https or this computer).',
    action: 'Open the app at http://localhost or 127.0.0.1 (the address the start command prints), or over https.',
    retryLabel: 'Try again',
  },
  unknown: {
    title: 'The camera did not start',
    message: 'Something went wrong while starting the camera.',
    action: 'Check the camera is connected, close other programs that use it, then press "Try again".',
    retryLabel: 'Try again',
  },
};

/** The words shown for an error kind. */
export function cameraErrorHelp(kind: CameraErrorKind): ErrorHelp {
  return HELP[kind];
}

/** Map a getUserMedia DOMException (or anything thrown) to our union. */
export function toCameraError(e: unknown): CameraError {
  const name = typeof e === 'object' && e !== null && 'name' in e ? String((e as { name: unknown }).name) : '';
  const detail = e instanceof Error ? e.message : String(e);
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return { kind: 'denied', detail };
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return { kind: 'no-camera', detail };
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return { kind: 'in-use', detail };
    default:
      return { kind: 'unknown', detail };
  }
}

export type CameraResult = { ok: true; camera: OpenCamera } | { ok: false; error: CameraError };

export interface OpenCamera {
  stream: MediaStream;
  track: MediaStreamTrack;
  /** The device actually in use (may differ from the one asked for). */
  deviceId: string | undefined;
  label: string;
  /** Called once if the camera goes away (unplugged, revoked, switched off). */
  onEnded(cb: (err: CameraError) => void): void;
  stop(): void;
}

export interface CameraOptions {
  deviceId?: string;
  /** Ideal capture size; we ask for 640 px wide which is all the models use. */
  width?: number;
  height?: number;
}

/** Ask for the camera. Never throws for expected failures. */
export async function openCamera(opts: CameraOptions = {}): Promise<CameraResult> {
  if (typeof window !== 'undefined' && window.isSecureContext === false) {
    return { ok: false, error: { kind: 'insecure-context' } };
  }
  if (!navigator.mediaDevices?.getUserMedia) {
    return { ok: false, error: { kind: window.isSecureContext ? 'no-camera' : 'insecure-context' } };
  }
  const video: MediaTrackConstraints = {
    width: { ideal: opts.width ?? 640 },
    height: { ideal: opts.height ?? 480 },
  };
  if (opts.deviceId) video.deviceId = { exact: opts.deviceId };
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video, audio: false });
  } catch (e) {
    return { ok: false, error: toCameraError(e) };
  }
  const track = stream.getVideoTracks()[0];
  if (!track) {
    stream.getTracks().forEach((t) => t.stop());
    return { ok: false, error: { kind: 'no-camera' } };
  }
  let stopped = false;
  const endedCbs: ((err: CameraError) => void)[] = [];
  track.addEventListener('ended', () => {
    if (stopped) return;
    for (const cb of endedCbs) cb({ kind: 'ended' });
  });
  return {
    ok: true,
    camera: {
      stream,
      track,
      deviceId: track.getSettings().deviceId,
      label: track.label,
      onEnded: (cb) => void endedCbs.push(cb),
      stop() {
        stopped = true;
        stream.getTracks().forEach((t) => t.stop());
      },
    },
  };
}

export interface CameraDevice {
  deviceId: string;
  label: string;
}

/** Video inputs; labels are only filled once permission has been given. */
export async function listCameras(): Promise<CameraDevice[]> {
  if (!navigator.mediaDevices?.enumerateDevices) return [];
  try {
    const all = await navigator.mediaDevices.enumerateDevices();
    return all
      .filter((d) => d.kind === 'videoinput')
      .map((d, i) => ({ deviceId: d.deviceId, label: d.label || `Camera ${i + 1}` }));
  } catch {
    return [];
  }
}
