/**
 * Where model files come from. The browser passes URLs under /models/; Node passes
 * io.IOHandlers that read from disk (see node.ts), because file:// URLs fail in Node.
 */
import type { io } from '@tensorflow/tfjs-core';
import type { TfjsModelFile } from './model-table';

/** A tfjs graph model: a URL to model.json or an IOHandler. */
export type ModelSource = string | io.IOHandler;

/** Names of the tfjs graph models under models/tfjs/ (without .json): the tfjs rows' files. */
export type { TfjsModelFile } from './model-table';

export interface ModelLocator {
  /** The graph model `name` (models/tfjs/<name>.json). */
  tfjs(name: TfjsModelFile): ModelSource;
  /** Folder (URL) of the MediaPipe Pose solution files; browser only. */
  mediapipe(): string;
  /** Folder (URL or path) of the tfjs wasm binaries. */
  wasmPath: string;
}

/** URLs for the browser: everything served by the app at `${base}` (default '/models'). */
export function urlLocator(base = '/models'): ModelLocator {
  const b = base.replace(/\/+$/, '');
  return {
    tfjs: (name) => `${b}/tfjs/${name}.json`,
    mediapipe: () => `${b}/mediapipe`,
    wasmPath: `${b}/tfjs-wasm/`,
  };
}
