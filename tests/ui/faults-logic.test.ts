/** Fault handling logic without a browser: slow-machine detection, lighter model choice, GPU fallback. */
import { describe, expect, it } from 'vitest';
import { fallbackBackend } from '../../src/estimate/backend';
import { lighterModel, SLOW_FOR_MS, SLOW_FPS, SlowWatch, WARMUP_MS } from '../../src/ui/state/slow-machine';

describe('slow machine', () => {
  it('fires only after the rate stays under the threshold for SLOW_FOR_MS, after the warm-up', () => {
    const w = new SlowWatch();
    let fired = -1;
    for (let t = 0; t <= 20_000; t += 500) {
      if (w.update(SLOW_FPS - 3, t) && fired < 0) fired = t;
    }
    expect(fired).toBeGreaterThanOrEqual(WARMUP_MS + SLOW_FOR_MS);
    expect(fired).toBeLessThanOrEqual(WARMUP_MS + SLOW_FOR_MS + 500);
  });

  it('a short dip (a slow frame or two) does not fire; a fast machine never fires', () => {
    const w = new SlowWatch();
    for (let t = 0; t <= 30_000; t += 500) {
      const dip = t % 6000 < 2000;
      expect(w.update(dip ? 3 : 14, t)).toBe(false);
    }
    const f = new SlowWatch();
    for (let t = 0; t <= 30_000; t += 500) expect(f.update(15, t)).toBe(false);
  });

  it('offers the next lighter model, none below the lightest', () => {
    expect(lighterModel('blazepose-full')).toBe('blazepose-lite');
    expect(lighterModel('blazepose-lite')).toBe('movenet-lightning');
    expect(lighterModel('blazepose-heavy')).toBe('movenet-thunder');
    expect(lighterModel('movenet-lightning')).toBeNull();
  });
});

describe('GPU lost', () => {
  it('falls back from webgl/webgpu to wasm, and nowhere from the CPU backends', () => {
    expect(fallbackBackend('webgl')).toBe('wasm');
    expect(fallbackBackend('webgpu')).toBe('wasm');
    expect(fallbackBackend('wasm')).toBeNull();
    expect(fallbackBackend('cpu')).toBeNull();
  });
});
