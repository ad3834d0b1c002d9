// @ts-check
/**
 * THE MODEL TABLE: one row per pose model. Adding a model is adding a row here; the estimator
 * factory, the settings picker, the slow-machine order, the CLI and scripts/setup-models.mjs all
 * read it (typed and derived in ./model-table.ts).
 *
 * Plain JavaScript with no imports on purpose: `node scripts/setup-models.mjs` runs during
 * `npm install`, before any TypeScript tooling exists, and reads the file lists from here. The
 * JSDoc `const` cast keeps every value literal, so TypeScript derives `ModelId` from the ids.
 *
 * Columns:
 * - id: the name used everywhere (settings, records, CLI --model).
 * - family / variant: which adapter loads it and the pose-detection modelType it is given.
 * - runtime: 'tfjs' (every backend, Node included) or 'mediapipe' (Google's own runtime: a
 *   browser with WebGL only).
 * - files: what setup-models installs for it. tfjs: graph names under models/tfjs/ (<name>.json
 *   and <name>.bin); BlazePose lists [detector, landmark]. mediapipe: files under
 *   models/mediapipe/ beside the runtime files every MediaPipe model shares.
 * - cost: rank from lightest to heaviest (Chromium wasm, bench/pose-models.md); the picker and the
 *   slow-machine switch go in this order. null: never offered (the MediaPipe runtime).
 * - label: how the picker names it, in words a patient understands.
 * - crossCheck: checked by MoveNet Lightning when EstimatorConfig.crossCheck is not given (the
 *   tfjs BlazePose models follow a second person in view: bench/cross-check.md). The MediaPipe
 *   runtime starts no tfjs backend and ignores it.
 */
export const MODEL_ROWS = /** @type {const} */ ([
  {
    id: 'movenet-lightning',
    family: 'movenet',
    variant: 'lightning',
    runtime: 'tfjs',
    files: ['movenet-lightning'],
    cost: 1,
    label: 'Fast (MoveNet Lightning) \u2014 for slower computers',
    crossCheck: false,
  },
  {
    id: 'movenet-thunder',
    family: 'movenet',
    variant: 'thunder',
    runtime: 'tfjs',
    files: ['movenet-thunder'],
    cost: 4,
    label: 'Accurate (MoveNet Thunder) \u2014 needs a fast computer',
    crossCheck: false,
  },
  {
    id: 'blazepose-lite',
    family: 'blazepose',
    variant: 'lite',
    runtime: 'tfjs',
    files: ['blazepose-detector', 'blazepose-lite'],
    cost: 2,
    label: 'Balanced (BlazePose Lite)',
    crossCheck: true,
  },
  {
    id: 'blazepose-full',
    family: 'blazepose',
    variant: 'full',
    runtime: 'tfjs',
    files: ['blazepose-detector', 'blazepose-full'],
    cost: 3,
    label: 'Detailed (BlazePose Full)',
    crossCheck: true,
  },
  {
    id: 'blazepose-heavy',
    family: 'blazepose',
    variant: 'heavy',
    runtime: 'tfjs',
    files: ['blazepose-detector', 'blazepose-heavy'],
    cost: 5,
    label: 'Most detailed (BlazePose Heavy) \u2014 needs a fast computer',
    crossCheck: true,
  },
  {
    id: 'blazepose-lite-mp',
    family: 'blazepose',
    variant: 'lite',
    runtime: 'mediapipe',
    files: ['pose_landmark_lite.tflite'],
    cost: null,
    label: 'BlazePose Lite (MediaPipe runtime)',
    crossCheck: false,
  },
  {
    id: 'blazepose-full-mp',
    family: 'blazepose',
    variant: 'full',
    runtime: 'mediapipe',
    files: ['pose_landmark_full.tflite'],
    cost: null,
    label: 'BlazePose Full (MediaPipe runtime)',
    crossCheck: false,
  },
  {
    id: 'blazepose-heavy-mp',
    family: 'blazepose',
    variant: 'heavy',
    runtime: 'mediapipe',
    files: ['pose_landmark_heavy.tflite'],
    cost: null,
    label: 'BlazePose Heavy (MediaPipe runtime)',
    crossCheck: false,
  },
]);

/**
 * The model files setup-models installs for `rows`, each once, in table order: tfjs graph names
 * (models/tfjs/<name>.json + .bin) and model-specific MediaPipe files (models/mediapipe/).
 * @param {readonly { runtime: string; files: readonly string[] }[]} [rows]
 * @returns {{ tfjsGraphs: string[]; mediapipeFiles: string[] }}
 */
export function modelFiles(rows = MODEL_ROWS) {
  /** @param {string} runtime */
  const of = (runtime) => [...new Set(rows.filter((r) => r.runtime === runtime).flatMap((r) => r.files))];
  return { tfjsGraphs: of('tfjs'), mediapipeFiles: of('mediapipe') };
}
