/**
 * Pose models in the browser: served from /models, warmed up on a blank frame, the GPU watched.
 * tfjs is imported lazily, so the first screen does not load it.
 */
import type { ModelLoader } from './models';

export const browserLoader: ModelLoader = {
  async load(model, backend) {
    const { tryCreateEstimator } = await import('../estimate/create-estimator');
    const r = await tryCreateEstimator({ model, backend, modelBase: '/models' });
    if (!r.ok) return { ok: false, error: { message: r.error.message, detail: r.error.detail } };
    // Warm up on a blank frame so the first real frame is not slow (shader/wasm compile).
    try {
      const c = document.createElement('canvas');
      c.width = 320;
      c.height = 240;
      c.getContext('2d')?.fillRect(0, 0, 320, 240);
      await r.estimator.estimate(c, 0);
      r.estimator.reset();
    } catch {
      /* a failed warm-up shows up on the first real frame instead */
    }
    return r;
  },
  async watchGpu(onLost) {
    const { watchGpuContext } = await import('../estimate/backend');
    return watchGpuContext(onLost);
  },
  async fallback(backend) {
    const { fallbackBackend } = await import('../estimate/backend');
    return fallbackBackend(backend);
  },
};
