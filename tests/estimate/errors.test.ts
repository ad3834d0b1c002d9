import { join } from 'node:path';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { createNodeEstimator, tryCreateNodeEstimator } from '../../src/estimate/node';
import { EstimatorError } from '../../src/estimate/errors';
import { createEstimator } from '../../src/estimate/create-estimator';

describe('estimator errors are typed', () => {
  it('a missing model folder gives model-load-failed, in plain words', async () => {
    const r = await tryCreateNodeEstimator({ model: 'movenet-lightning', backend: 'wasm', modelBase: '/nonexistent/models' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.kind).toBe('model-load-failed');
    expect(r.error.message).toMatch(/could not be loaded/);
    expect(r.error.detail).toMatch(/movenet-lightning\.json/);
  });

  it('a corrupt model.json gives model-load-failed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rootwell-models-'));
    try {
      mkdirSync(join(dir, 'tfjs'));
      writeFileSync(join(dir, 'tfjs', 'movenet-thunder.json'), '{"format": "graph-model", "modelTopology": ');
      await expect(createNodeEstimator({ model: 'movenet-thunder', backend: 'wasm', modelBase: dir })).rejects.toMatchObject({
        kind: 'model-load-failed',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the MediaPipe runtime in Node is unsupported-runtime', async () => {
    await expect(createNodeEstimator({ model: 'blazepose-full-mp' })).rejects.toBeInstanceOf(EstimatorError);
    await expect(createNodeEstimator({ model: 'blazepose-full-mp' })).rejects.toMatchObject({ kind: 'unsupported-runtime' });
  });

  it('a backend that cannot start here is backend-unavailable', async () => {
    await expect(
      createEstimator({ model: 'movenet-lightning', backend: 'webgpu' }, {
        probe: { platform: 'node', webgpu: false, webgl: { available: false }, wasm: true },
      }),
    ).rejects.toMatchObject({ kind: 'backend-unavailable' });
  });

  it('an unreadable frame is bad-input', async () => {
    const est = await createNodeEstimator({ model: 'movenet-lightning', backend: 'wasm' });
    try {
      await expect(est.estimate({ data: new Uint8Array(10), width: 4, height: 4 }, 0)).rejects.toMatchObject({ kind: 'bad-input' });
      await expect(est.estimate('not a frame', 0)).rejects.toMatchObject({ kind: 'bad-input' });
    } finally {
      est.dispose();
    }
  });
});
