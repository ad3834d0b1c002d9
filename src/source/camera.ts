/**
 * The camera as a source: permission, device choice, and failures as values a patient can act on.
 * Browser only. Nothing here throws for an expected failure: `openCamera` returns a result.
 */

import { sourceErrorHelp, type CameraError, type SourceHelp } from './source';
import { streamSource, type StreamSource } from './stream';

export type { CameraError } from './source';
export type CameraErrorKind = CameraError['kind'];

/** Plain-language explanation of a camera error, with one way forward (every one can be retried). */
export type ErrorHelp = SourceHelp & { retryLabel: string };

/** The words shown for an error kind. */
export function cameraErrorHelp(kind: CameraErrorKind): ErrorHelp {
  return sourceErrorHelp({ source: 'camera', kind }) as ErrorHelp;
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

/** The camera as a FrameSource, shown in `video`. */
export function cameraSource(video: HTMLVideoElement, deviceId?: string | null): StreamSource {
  return streamSource('camera', video, async () => {
    const r = await openCamera(deviceId ? { deviceId } : {});
    if (!r.ok) return { ok: false, error: { source: 'camera', ...r.error } };
    const c = r.camera;
    return { ok: true, stream: c.stream, label: c.label, stop: () => c.stop(), onEnded: (cb) => c.onEnded((e) => cb({ source: 'camera', ...e })) };
  });
}
