/**
 * createEstimator(config): the one way to get a PoseEstimator. Starts a real tfjs backend
 * (see backend.ts), then imports only the adapter the model needs (lazy chunks in the app).
 * Failures are EstimatorError with a `kind` (model-load-failed, backend-unavailable,
 * unsupported-runtime, …); tryCreateEstimator() returns them as values instead.
 *
 * Cross-check (config.crossCheck, default on for the tfjs BlazePose models): MoveNet Lightning is
 * loaded beside the model and checks it is on the patient (./cross-check.ts). If only the checker
 * fails to load, the model is returned alone (no `crossCheck` status on it) rather than failing.
 *
 * Browser: model files from `${config.modelBase ?? '/models'}`. Node: use createNodeEstimator()
 * from ./node (reads files with fs), so this module never pulls node:fs into the bundle.
 */
import { crossCheckByDefault, type BackendInfo, type EstimatorConfig, type PoseEstimator } from './estimator';
import { EstimatorError, errorText, isEstimatorError } from './errors';
import { initBackend, type BackendProbe } from './backend';
import { urlLocator, type ModelLocator } from './model-source';
import { canVerify, verifiedLocator } from './integrity';
import { withCrossCheck, type CrossCheckOptions } from './cross-check';

/** The model we start when nobody chose one (defined in ./estimator, which has no tfjs). */
export { DEFAULT_MODEL } from './estimator';

export interface CreateOptions {
  /** Where model files come from; default: URLs under config.modelBase or '/models'. */
  locate?: ModelLocator;
  /** Skip the platform probe (tests). */
  probe?: BackendProbe;
}

export type CreateResult = { ok: true; estimator: PoseEstimator } | { ok: false; error: EstimatorError };

/** Load a model on the best real backend. @throws EstimatorError */
export async function createEstimator(config: EstimatorConfig, options: CreateOptions = {}): Promise<PoseEstimator> {
  // Browser default: URLs under /models, each file checked against models/checksums.json.
  const base = config.modelBase ?? '/models';
  const locate = options.locate ?? (canVerify() ? verifiedLocator(urlLocator(base), base) : urlLocator(base));
  const smoothing = config.smoothing ?? false;
  const model = config.model;

  if (model === 'blazepose-lite-mp' || model === 'blazepose-full-mp' || model === 'blazepose-heavy-mp') {
    const variant = model.slice('blazepose-'.length, -'-mp'.length) as 'lite' | 'full' | 'heavy';
    const { loadBlazePoseMediaPipe } = await import('./blazepose-mediapipe');
    return guardLoad(() => loadBlazePoseMediaPipe({ variant, locate, smoothing }));
  }

  const backendOpts = options.probe ? { wasmPath: locate.wasmPath, probe: options.probe } : { wasmPath: locate.wasmPath };
  const backend = await initBackend(config.backend ?? 'auto', backendOpts);
  switch (model) {
    case 'movenet-lightning':
    case 'movenet-thunder': {
      const { loadMoveNet } = await import('./movenet');
      const variant = model === 'movenet-lightning' ? 'lightning' : 'thunder';
      return guardLoad(() => loadMoveNet({ variant, backend, locate, smoothing }));
    }
    case 'blazepose-lite':
    case 'blazepose-full':
    case 'blazepose-heavy': {
      const { loadBlazePose } = await import('./blazepose');
      const variant = model.slice('blazepose-'.length) as 'lite' | 'full' | 'heavy';
      const load = guardLoad(() => loadBlazePose({ variant, backend, locate, smoothing }));
      const crossCheck = config.crossCheck ?? crossCheckByDefault(model);
      if (crossCheck === false) return load;
      return withChecker(load, loadChecker(backend, locate, smoothing), crossCheck === true ? {} : crossCheck);
    }
    default: {
      const never: never = model;
      throw new EstimatorError('unsupported-runtime', `unknown model ${String(never)}`);
    }
  }
}

/** Like createEstimator, with failures as values (for UI state). */
export async function tryCreateEstimator(config: EstimatorConfig, options: CreateOptions = {}): Promise<CreateResult> {
  try {
    return { ok: true, estimator: await createEstimator(config, options) };
  } catch (e) {
    const error = isEstimatorError(e) ? e : new EstimatorError('model-load-failed', errorText(e), { cause: e });
    return { ok: false, error };
  }
}

async function loadChecker(backend: BackendInfo, locate: ModelLocator, smoothing: boolean): Promise<PoseEstimator> {
  const { loadMoveNet } = await import('./movenet');
  // CROSS_CHECK_MODEL in ./estimator, MoveNet Lightning: the fast model measured to stay on the exerciser.
  return guardLoad(() => loadMoveNet({ variant: 'lightning', backend, locate, smoothing }));
}

/** Both load in parallel; the primary's failure is the caller's error, the checker's only drops the check. */
async function withChecker(
  primaryLoad: Promise<PoseEstimator>,
  checkerLoad: Promise<PoseEstimator>,
  opts: CrossCheckOptions,
): Promise<PoseEstimator> {
  const [p, c] = await Promise.allSettled([primaryLoad, checkerLoad]);
  if (p.status === 'rejected') {
    if (c.status === 'fulfilled') c.value.dispose();
    throw p.reason;
  }
  if (c.status === 'rejected') return p.value;
  return withCrossCheck(p.value, c.value, opts);
}

async function guardLoad(load: () => Promise<PoseEstimator>): Promise<PoseEstimator> {
  try {
    return await load();
  } catch (e) {
    if (isEstimatorError(e)) throw e;
    // 404s, unreadable files, JSON/weight mismatches all surface here from tfjs-converter.
    throw new EstimatorError('model-load-failed', errorText(e), { cause: e });
  }
}
