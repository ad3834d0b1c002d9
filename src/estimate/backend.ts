/**
 * tfjs backend choice. The order is a pure function of what a probe found (unit-tested);
 * initBackend() then really starts each candidate and reads back tf.getBackend(), because
 * tfjs silently stays on another backend when the requested one fails (e.g. WebGPU with no
 * adapter). A software WebGL renderer (SwiftShader, llvmpipe) is ~10× slower than wasm.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendChoice, BackendInfo } from './estimator';
import { EstimatorError, errorText } from './errors';

export type TfBackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

/** What the platform offers, as found by probeEnvironment() (or written by hand in tests). */
export interface BackendProbe {
  platform: 'browser' | 'node';
  /** navigator.gpu gave an adapter. */
  webgpu: boolean;
  /** A WebGL context could be created; `renderer` from WEBGL_debug_renderer_info when exposed. */
  webgl: { available: boolean; renderer?: string };
  /** WebAssembly is available. */
  wasm: boolean;
}

const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render driver|mesa offscreen/i;

/** True when a WebGL renderer string names a CPU rasteriser. */
export function isSoftwareRenderer(renderer: string | undefined): boolean {
  return renderer !== undefined && SOFTWARE_RENDERER.test(renderer);
}

/**
 * Backends to try, best first. An explicit choice is honoured alone (no silent fallback);
 * 'auto' prefers WebGPU, then hardware WebGL, then wasm, then software WebGL, then cpu.
 */
export function backendOrder(choice: BackendChoice, probe: BackendProbe): TfBackendName[] {
  if (choice !== 'auto') return [choice];
  if (probe.platform === 'node') return probe.wasm ? ['wasm', 'cpu'] : ['cpu'];
  const out: TfBackendName[] = [];
  const softGl = probe.webgl.available && isSoftwareRenderer(probe.webgl.renderer);
  if (probe.webgpu) out.push('webgpu');
  if (probe.webgl.available && !softGl) out.push('webgl');
  if (probe.wasm) out.push('wasm');
  if (softGl) out.push('webgl');
  out.push('cpu');
  return out;
}

/** Probe the running platform. Never throws. */
export async function probeEnvironment(): Promise<BackendProbe> {
  const wasm = typeof WebAssembly === 'object' && typeof WebAssembly.instantiate === 'function';
  // A web worker has no document but is a browser (OffscreenCanvas for WebGL, navigator.gpu).
  const inWorker = typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== 'undefined';
  if (typeof document === 'undefined' && !inWorker) {
    return { platform: 'node', webgpu: false, webgl: { available: false }, wasm };
  }
  let webgpu = false;
  try {
    const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
    webgpu = gpu ? (await gpu.requestAdapter()) != null : false;
  } catch {
    webgpu = false;
  }
  return { platform: 'browser', webgpu, webgl: probeWebGL(), wasm };
}

/** Create a throwaway WebGL context and read its unmasked renderer string. */
export function probeWebGL(): { available: boolean; renderer?: string } {
  try {
    const canvas = typeof document !== 'undefined' ? document.createElement('canvas') : new OffscreenCanvas(1, 1);
    const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
    if (!gl) return { available: false };
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return { available: true, renderer };
  } catch {
    return { available: false };
  }
}

async function register(name: TfBackendName, wasmPath: string | undefined): Promise<void> {
  switch (name) {
    case 'wasm': {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      // Single-thread SIMD: threaded wasm needs cross-origin isolation and hung in a minified build.
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      if (wasmPath) wasm.setWasmPaths(wasmPath.endsWith('/') ? wasmPath : `${wasmPath}/`);
      return;
    }
    case 'webgl':
      await import('@tensorflow/tfjs-backend-webgl');
      return;
    case 'webgpu':
      await import('@tensorflow/tfjs-backend-webgpu');
      return;
    case 'cpu':
      await import('@tensorflow/tfjs-backend-cpu');
      return;
  }
}

export interface InitBackendOptions {
  /** Folder (URL in the browser, path in Node) holding tfjs-backend-wasm*.wasm. */
  wasmPath?: string;
  /** Skip probing (tests, or a caller that already probed). */
  probe?: BackendProbe;
}

/**
 * Start the best available backend for `choice` and report what was really obtained.
 * tfjs has one global backend: every estimator in the page shares it.
 * @throws EstimatorError('backend-unavailable') when none of the candidates starts.
 */
export async function initBackend(choice: BackendChoice, opts: InitBackendOptions = {}): Promise<BackendInfo> {
  const probe = opts.probe ?? (await probeEnvironment());
  const order = backendOrder(choice, probe);
  const tried: string[] = [];
  for (const name of order) {
    if (tf.getBackend() === name && tf.findBackend(name)) return info(name, probe);
    try {
      await register(name, opts.wasmPath);
      const ok = await tf.setBackend(name);
      await tf.ready();
      const got = tf.getBackend();
      if (ok && got === name) return info(name, probe);
      tried.push(`${name}: got ${got}`);
    } catch (e) {
      tried.push(`${name}: ${errorText(e)}`);
    }
  }
  throw new EstimatorError('backend-unavailable', `no tfjs backend started (${tried.join('; ')})`);
}

function info(name: TfBackendName, probe: BackendProbe): BackendInfo {
  if (name !== 'webgl') return { name, software: name === 'cpu' };
  const renderer = probe.webgl.renderer;
  return renderer === undefined
    ? { name, software: false }
    : { name, software: isSoftwareRenderer(renderer), renderer };
}

/**
 * Call `onLost` if the GPU context of the running tfjs backend is lost (driver reset, GPU
 * removed, too many contexts). Returns an unsubscribe function; a no-op off WebGL.
 * Dev builds expose `globalThis.__rootwellLoseGpu()` so tests can lose the context on purpose.
 */
export function watchGpuContext(onLost: () => void): () => void {
  if (tf.getBackend() !== 'webgl') return () => undefined;
  const gl = (tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } }).gpgpu?.gl;
  const canvas = gl?.canvas as (HTMLCanvasElement | OffscreenCanvas | undefined);
  if (!gl || !canvas || typeof canvas.addEventListener !== 'function') return () => undefined;
  const handler = (): void => onLost();
  canvas.addEventListener('webglcontextlost', handler);
  if (import.meta.env?.DEV) {
    (globalThis as { __rootwellLoseGpu?: () => void }).__rootwellLoseGpu = () => gl.getExtension('WEBGL_lose_context')?.loseContext();
  }
  return () => canvas.removeEventListener('webglcontextlost', handler);
}

/** Where to go when the GPU backend fails mid-session: wasm (CPU), or null if already off the GPU. */
export function fallbackBackend(current: string): 'wasm' | null {
  return current === 'webgl' || current === 'webgpu' ? 'wasm' : null;
}
