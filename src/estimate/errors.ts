/**
 * Estimator failures as one discriminated error class. `kind` is what the UI switches on;
 * `message` is already in words a patient can read; `detail` keeps the technical cause.
 */

export type EstimatorErrorKind =
  /** A model file is missing (404), unreadable or corrupt. */
  | 'model-load-failed'
  /** None of the requested tfjs backends could be started here. */
  | 'backend-unavailable'
  /** The requested model/runtime cannot run on this platform (e.g. MediaPipe runtime in Node). */
  | 'unsupported-runtime'
  /** The frame handed to estimate() is not something we can read pixels from. */
  | 'bad-input'
  /** The model ran but threw. */
  | 'estimate-failed';

const PLAIN: Record<EstimatorErrorKind, string> = {
  'model-load-failed': 'The pose model could not be loaded. Try reloading the page; if it keeps happening, the app files may be incomplete.',
  'backend-unavailable': 'This browser cannot run the pose model (no WebAssembly or graphics support found).',
  'unsupported-runtime': 'This pose model option is not available on this device. Choose another model in the settings.',
  'bad-input': 'The camera picture could not be read.',
  'estimate-failed': 'The pose model stopped working on this picture. Try again, or reload the page.',
};

export class EstimatorError extends Error {
  override readonly name = 'EstimatorError';
  constructor(
    readonly kind: EstimatorErrorKind,
    /** Technical cause (URL, backend name, original error text) for logs, not for patients. */
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(PLAIN[kind], options);
  }
}

/** The plain-language sentence for an error kind. */
export function describeEstimatorError(kind: EstimatorErrorKind): string {
  return PLAIN[kind];
}

export function isEstimatorError(e: unknown): e is EstimatorError {
  return e instanceof EstimatorError;
}

/** Text of any thrown value, for `detail`. */
export function errorText(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
