/**
 * Node-only entry: the same estimators, with models read from disk by an io.IOHandler
 * (file:// URLs fail in Node's fetch) and the wasm binaries taken from the npm package.
 * Kept apart so the browser bundle never imports node:fs.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type { EstimatorConfig, PoseEstimator } from './estimator';
import { createEstimator, tryCreateEstimator, type CreateResult } from './create-estimator';
import type { ModelLocator } from './model-source';

export { withCrossCheck, trunkDistance, CROSS_CHECK_DEFAULTS, type CrossCheckOptions, type CrossCheckStatus, type CrossCheckedEstimator } from './cross-check';

/** models/ at the repository root. */
export const DEFAULT_MODELS_DIR = resolve(import.meta.dirname, '..', '..', 'models');

/** node_modules/@tensorflow/tfjs-backend-wasm/dist/ (with trailing slash). */
export function nodeWasmPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/';
}

/** An IOHandler that reads a tfjs graph model.json and its weight shards from disk. */
export function fileModelHandler(modelJsonPath: string): tf.io.IOHandler {
  return {
    async load() {
      const json = JSON.parse(await readFile(modelJsonPath, 'utf8')) as tf.io.ModelJSON;
      const dir = dirname(modelJsonPath);
      return tf.io.getModelArtifactsForJSON(json, async (manifest) => {
        const specs: tf.io.WeightsManifestEntry[] = [];
        const parts: Uint8Array[] = [];
        for (const group of manifest) {
          specs.push(...group.weights);
          for (const p of group.paths) parts.push(await readFile(join(dir, p)));
        }
        const total = parts.reduce((n, b) => n + b.byteLength, 0);
        const out = new Uint8Array(total);
        let off = 0;
        for (const b of parts) {
          out.set(b, off);
          off += b.byteLength;
        }
        return [specs, out.buffer];
      });
    },
  };
}

/** Model files under `dir` (default: the repo's models/). */
export function fileLocator(dir = DEFAULT_MODELS_DIR): ModelLocator {
  return {
    tfjs: (name) => fileModelHandler(join(dir, 'tfjs', `${name}.json`)),
    mediapipe: () => join(dir, 'mediapipe'),
    wasmPath: nodeWasmPath(),
  };
}

/**
 * createEstimator for Node: config.modelBase is a folder path (default models/). The BlazePose
 * models come cross-checked by MoveNet Lightning unless config.crossCheck is false (see ./cross-check).
 * @throws EstimatorError
 */
export function createNodeEstimator(config: EstimatorConfig): Promise<PoseEstimator> {
  return createEstimator(config, { locate: fileLocator(config.modelBase) });
}

/** tryCreateEstimator for Node. */
export function tryCreateNodeEstimator(config: EstimatorConfig): Promise<CreateResult> {
  return tryCreateEstimator(config, { locate: fileLocator(config.modelBase) });
}
