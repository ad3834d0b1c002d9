// The page side of the pose worker, with a fake Worker: what the load message carries.
import { describe, expect, it } from 'vitest';
import { loadInWorker, type WorkerEstimatorConfig } from '../../src/estimate/worker/worker-estimator';
import type { ToWorker } from '../../src/estimate/worker/protocol';

/** A Worker stand-in that records what it is sent and answers a load at once. */
function fakeWorker(sent: ToWorker[]): () => Worker {
  return () => {
    const w = {
      onmessage: null as ((ev: MessageEvent) => void) | null,
      onerror: null,
      onmessageerror: null,
      postMessage(m: ToWorker) {
        sent.push(m);
        if (m.type === 'load') queueMicrotask(() => w.onmessage?.({ data: { type: 'loaded', ok: true, backend: { name: 'wasm', software: false }, crossCheck: null } } as MessageEvent));
      },
      terminate() {},
    };
    return w as unknown as Worker;
  };
}

describe('loadInWorker', () => {
  const base: WorkerEstimatorConfig = { model: 'blazepose-full', backend: 'wasm', modelBase: '/models' };

  it('passes the cross-check switch to the worker only when it is set', async () => {
    for (const [config, expected] of [
      [base, undefined],
      [{ ...base, crossCheck: false }, false],
      [{ ...base, crossCheck: true }, true],
    ] as const) {
      const sent: ToWorker[] = [];
      const r = await loadInWorker(config, fakeWorker(sent));
      expect(r.ok).toBe(true);
      const load = sent.find((m) => m.type === 'load');
      expect(load).toMatchObject({ type: 'load', model: 'blazepose-full', backend: 'wasm', modelBase: '/models' });
      expect(load && 'crossCheck' in load ? load.crossCheck : undefined).toBe(expected);
      if (r.ok) r.estimator.dispose();
    }
  });
});
