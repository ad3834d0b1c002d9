/**
 * One interface for every source of frames: the camera, a shared screen, a video file in the
 * browser, and a video decoded by ffmpeg in Node. A source is started with a frame handler and
 * tells how it ended; every failure is one SourceError with words a patient can act on.
 */
import type { FrameMeta } from './frame-loop';

export type SourceKind = 'camera' | 'screen' | 'file' | 'ffmpeg';

/** Every way opening (or keeping) the camera can go wrong. */
export type CameraError =
  | { kind: 'denied'; detail?: string }
  | { kind: 'no-camera'; detail?: string }
  | { kind: 'in-use'; detail?: string }
  | { kind: 'ended'; detail?: string }
  | { kind: 'insecure-context'; detail?: string }
  | { kind: 'unknown'; detail?: string };

export type ScreenError =
  | { kind: 'cancelled'; detail?: string }
  | { kind: 'unsupported'; detail?: string }
  | { kind: 'ended'; detail?: string }
  | { kind: 'unknown'; detail?: string };

export type VideoFileError =
  | { kind: 'corrupt'; detail?: string }
  | { kind: 'unsupported'; detail?: string }
  | { kind: 'not-video'; detail?: string };

export type DecodeErrorKind = 'file-not-found' | 'ffmpeg-missing' | 'undecodable';

/** Everything that can go wrong with a source, tagged with the source it came from. */
export type SourceError =
  | ({ source: 'camera' } & CameraError)
  | ({ source: 'screen' } & ScreenError)
  | ({ source: 'file' } & VideoFileError)
  | { source: 'ffmpeg'; kind: DecodeErrorKind; detail?: string };

/** Plain-language explanation of a source error, with one way forward. */
export interface SourceHelp {
  title: string;
  message: string;
  /** What the person can do next, in words. */
  action: string;
  /** Label of the button that retries (the camera's errors). */
  retryLabel?: string;
}

/** Work done for one frame; a live source does not call it again until the promise settles. */
export type FrameHandler<I> = (input: I, tMs: number, meta?: FrameMeta) => Promise<void>;

export type StartResult = { ok: true } | { ok: false; error: SourceError };

/** How a started source ended: played to the end, stopped by us, or failed (unplugged, corrupt). */
export type SourceEnd = { state: 'finished' } | { state: 'stopped' } | { state: 'error'; error: SourceError };

export interface FrameSource<I = unknown> {
  readonly kind: SourceKind;
  /** What the person sees it as (camera name, window title, file name); '' before start. */
  readonly label: string;
  /**
   * true: frames come at the source's own pace and are dropped while one is analysed (camera,
   * screen); time is elapsed time. false: every frame is visited at the analysis' pace (files).
   */
  readonly live: boolean;
  /** The picture as a stream, for a consented video of the set (live browser sources). */
  readonly stream?: MediaStream | null;
  /** Frames handed out and dropped so far (live sources). */
  readonly stats?: { processed: number; dropped: number };
  /** Open the source and start handing out frames. Never throws for an expected failure. */
  start(onFrame: FrameHandler<I>): Promise<StartResult>;
  /** Stop handing out frames. `keepPicture`: leave the last picture on screen (a later stop() clears it). */
  stop(keepPicture?: boolean): void;
  /** Settles once, when the started source ends (rejects if the frame handler threw on a paced source). */
  readonly ended: Promise<SourceEnd>;
}

/** The words for each source's errors (English; the UI's English tree takes these tables as they are). */
export const CAMERA_HELP = {
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
} as const satisfies Record<CameraError['kind'], SourceHelp>;

export const SCREEN_HELP = {
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
} as const satisfies Record<ScreenError['kind'], SourceHelp>;

export const FILE_HELP = {
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
} as const satisfies Record<VideoFileError['kind'], SourceHelp>;

const FFMPEG: Record<DecodeErrorKind, SourceHelp> = {
  'file-not-found': { title: 'No such file', message: 'The video file was not found.', action: 'Check the path and try again.' },
  'ffmpeg-missing': { title: 'ffmpeg is not installed', message: 'Decoding a video needs ffmpeg.', action: 'Install it with "apt-get install -y ffmpeg".' },
  undecodable: { title: 'This video could not be read', message: 'ffmpeg could not decode the file.', action: 'Convert it to MP4 (H.264) and try again.' },
};

/** The words shown for a source error. */
export function sourceErrorHelp(e: Pick<SourceError, 'source' | 'kind'>): SourceHelp {
  switch (e.source) {
    case 'camera':
      return CAMERA_HELP[e.kind as CameraError['kind']];
    case 'screen':
      return SCREEN_HELP[e.kind as ScreenError['kind']];
    case 'file':
      return FILE_HELP[e.kind as VideoFileError['kind']];
    case 'ffmpeg':
      return FFMPEG[e.kind as DecodeErrorKind];
  }
}

/** A promise with its resolve, for `ended`. */
export function endSignal(): { promise: Promise<SourceEnd>; settle(end: SourceEnd): void; fail(e: unknown): void } {
  let done = false;
  let resolve!: (e: SourceEnd) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<SourceEnd>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // A source that nobody waits on must not report an unhandled rejection.
  promise.catch(() => undefined);
  return {
    promise,
    settle(end) {
      if (!done) (done = true), resolve(end);
    },
    fail(e) {
      if (!done) (done = true), reject(e);
    },
  };
}
