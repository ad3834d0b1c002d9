/**
 * createEstimator(config): the one way to get a PoseEstimator. Finds config.model's row in the
 * model table (./model-table.ts), starts a real tfjs backend for tfjs rows (see backend.ts), then
 * imports only the adapter of the row's runtime and family (lazy chunks in the app).
 * Failures are EstimatorError with a `kind` (model-load-failed, backend-unavailable,
 * unsupported-runtime, …); tryCreateEstimator() returns them as values instead.
 *
 * Cross-check (config.crossCheck; default: the row's `crossCheck`, on for the tfjs BlazePose
 * models): MoveNet Lightning is loaded beside the model and checks it is on the patient
 * (./cross-check.ts). If only the checker fails to load, the model is returned alone (no
 * `crossCheck` status on it) rather than failing.
 *
 * Browser: model files from `${config.modelBase ?? '/models'}`. Node: use createNodeEstimator()
 * from ./node (reads files with fs), so this module never pulls node:fs into the bundle.
 */
import { CROSS_CHECK_MODEL, type BackendInfo, type EstimatorConfig, type PoseEstimator } from './estimator';
import { EstimatorError, errorText, isEstimatorError } from './errors';
import { initBackend, type BackendProbe } from './backend';
import { urlLocator, type ModelLocator } from './model-source';
import { canVerify, verifiedLocator } from './integrity';
import { withCrossCheck, type CrossCheckOptions } from './cross-check';
import { modelRow, type Model, type ModelTable } from './model-table';

/** The model we start when nobody chose one (defined in ./estimator, which has no tfjs). */
export { DEFAULT_MODEL } from './estimator';

export interface CreateOptions {
  /** Where model files come from; default: URLs under config.modelBase or '/models'. */
  locate?: ModelLocator;
  /** Skip the platform probe (tests). */
  probe?: BackendProbe;
  /** The model table to find config.model in (tests add rows); default: the real one. */
  table?: ModelTable;
}

export type CreateResult = { ok: true; estimator: PoseEstimator } | { ok: false; error: EstimatorError };

/** Load a model on the best real backend. @throws EstimatorError */
export async function createEstimator(config: EstimatorConfig, options: CreateOptions = {}): Promise<PoseEstimator> {
  // Browser default: URLs under /models, each file checked against models/checksums.json.
  const base = config.modelBase ?? '/models';
  const locate = options.locate ?? (canVerify() ? verifiedLocator(urlLocator(base), base) : urlLocator(base));
  const smoothing = config.smoothing ?? false;
  const row = tableRow(config.model, options.table);

  // The MediaPipe runtime starts no tfjs backend and is never cross-checked.
  if (row.runtime === 'mediapipe') return guardLoad(() => loaderFor(row)(row, { locate, smoothing }));

  const backendOpts = options.probe ? { wasmPath: locate.wasmPath, probe: options.probe } : { wasmPath: locate.wasmPath };
  const ctx = { backend: await initBackend(config.backend ?? 'auto', backendOpts), locate, smoothing };
  const load = guardLoad(() => loaderFor(row)(row, ctx));
  const crossCheck = config.crossCheck ?? row.crossCheck;
  if (crossCheck === false || row.id === CROSS_CHECK_MODEL) return load;
  const checker = tableRow(CROSS_CHECK_MODEL, undefined) as TfjsModel;
  return withChecker(load, guardLoad(() => loaderFor(checker)(checker, ctx)), crossCheck === true ? {} : crossCheck);
}

type TfjsModel = Extract<Model, { runtime: 'tfjs' }>;
type MediaPipeModel = Extract<Model, { runtime: 'mediapipe' }>;
interface MediaPipeContext {
  locate: ModelLocator;
  smoothing: boolean;
}
interface TfjsContext extends MediaPipeContext {
  backend: BackendInfo;
}
type Loader<R, C> = (row: R, ctx: C) => Promise<PoseEstimator>;

/**
 * One loader per runtime and family; each imports only its adapter (lazy chunks in the app) and
 * takes variant and files from the row, so a new row of a known family needs nothing here.
 */
const LOADERS: {
  tfjs: { [F in TfjsModel['family']]: Loader<Extract<TfjsModel, { family: F }>, TfjsContext> };
  mediapipe: { [F in MediaPipeModel['family']]: Loader<Extract<MediaPipeModel, { family: F }>, MediaPipeContext> };
} = {
  tfjs: {
    movenet: async (row, ctx) => (await import('./movenet')).loadMoveNet({ row, ...ctx }),
    blazepose: async (row, ctx) => (await import('./blazepose')).loadBlazePose({ row, ...ctx }),
  },
  mediapipe: {
    blazepose: async (row, ctx) => (await import('./blazepose-mediapipe')).loadBlazePoseMediaPipe({ row, ...ctx }),
  },
};

/** The loader for a row, by runtime then family (exported for the model-table test). */
export function loaderFor(row: TfjsModel): Loader<TfjsModel, TfjsContext>;
export function loaderFor(row: MediaPipeModel): Loader<MediaPipeModel, MediaPipeContext>;
export function loaderFor(row: Model): Loader<never, never>;
export function loaderFor(row: Model): Loader<never, never> {
  // TypeScript cannot pair a row with its family's loader by itself; the mapped type above does.
  const loader = (LOADERS[row.runtime] as Record<string, Loader<never, never> | undefined>)[row.family];
  if (!loader) throw new EstimatorError('unsupported-runtime', `no ${row.runtime} loader for the ${row.family} family`);
  return loader;
}

/**
 * config.model's row. A test table's rows have the real rows' shape but ids and file names the
 * types do not know, hence the cast; an unknown id is an EstimatorError.
 */
function tableRow(model: string, table: ModelTable | undefined): Model {
  const row = modelRow(model, table);
  if (!row) throw new EstimatorError('unsupported-runtime', `unknown model ${model}`);
  return row as Model;
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
