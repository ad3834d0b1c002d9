/**
 * The live frame loop's discipline, with a fake video whose frames the test presents: one estimate
 * in flight; of the frames that come meanwhile only the latest is kept and handled the moment the
 * estimate ends (the model never waits idle for the next frame); the ones it replaced are dropped.
 */
import { describe, expect, it } from 'vitest';
import { startFrameLoop } from '../../src/source/frame-loop';

type Cb = (now: number, meta: { mediaTime: number; captureTime?: number }) => void;

/** A video element stand-in: `present(now)` shows a new frame and calls the registered callback. */
function fakeVideo() {
  let cb: Cb | null = null;
  let id = 0;
  const video = {
    requestVideoFrameCallback: (c: Cb) => ((cb = c), ++id),
    cancelVideoFrameCallback: () => (cb = null),
  } as unknown as HTMLVideoElement;
  return { video, present: (now: number) => cb?.(now, { mediaTime: now / 1000, captureTime: now }) };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('frame loop', () => {
  it('handles the latest frame that came while busy as soon as the estimate ends; older ones are dropped', async () => {
    const { video, present } = fakeVideo();
    const handled: number[] = [];
    const releases: (() => void)[] = [];
    const loop = startFrameLoop(video, (tMs) => new Promise<void>((res) => (handled.push(tMs), releases.push(res))), { clock: 'elapsed' });
    present(1000); // t0: handled at once (tMs 0)
    present(1033); // busy: kept
    present(1066); // busy: replaces 1033 (dropped)
    expect(handled).toEqual([0]);
    releases.shift()!();
    await tick();
    expect(handled).toEqual([0, 66]); // the latest, at once, with its own time
    expect(loop.stats).toEqual({ processed: 2, dropped: 1 });
    releases.shift()!();
    await tick();
    expect(handled).toEqual([0, 66]); // nothing came meanwhile: wait for the next frame
    present(1100);
    expect(handled).toEqual([0, 66, 100]);
    loop.stop();
    present(1133);
    releases.shift()!();
    await tick();
    expect(handled).toEqual([0, 66, 100]);
  });

  it('a handler that throws is reported and the loop goes on', async () => {
    const { video, present } = fakeVideo();
    const errors: unknown[] = [];
    let n = 0;
    startFrameLoop(video, async () => { n++; throw new Error('model failed'); }, { clock: 'elapsed', onError: (e) => errors.push(e) });
    present(0);
    await tick();
    present(33);
    await tick();
    expect(n).toBe(2);
    expect(errors).toHaveLength(2);
  });
});
