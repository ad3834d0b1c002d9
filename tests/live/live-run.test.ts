// The headless live run with a fake source and a fake model: the loop, pause, the warm swap
// between two frames, the GPU fallback and a stale load, without a browser.
import { describe, expect, it, vi } from 'vitest';
import type { PoseFrame } from '../../src/core/pose';
import type { BackendChoice, ModelId, PoseEstimator } from '../../src/estimate/estimator';
import { exercises } from '../../src/exercises';
import { LiveRun, type FrameRecorder, type LiveEvent } from '../../src/live/live-run';
import type { LoadResult, ModelLoader } from '../../src/live/models';
import { endSignal, type FrameHandler, type FrameSource } from '../../src/source/source';

class FakeEstimator implements PoseEstimator {
  readonly backend: { name: string; software: boolean };
  disposed = false;
  calls = 0;
  fail = false;
  gate: Promise<void> | null = null;
  constructor(readonly model: ModelId, backend: BackendChoice) {
    this.backend = { name: backend === 'auto' ? 'webgl' : backend, software: false };
  }
  async estimate(_input: unknown, _tMs: number): Promise<PoseFrame | null> {
    this.calls++;
    if (this.gate) await this.gate;
    if (this.fail) throw new Error('GPU gone');
    return null;
  }
  reset(): void {}
  dispose(): void {
    this.disposed = true;
  }
}

function fakeLoader() {
  const made: FakeEstimator[] = [];
  const pending: { model: ModelId; resolve: () => void }[] = [];
  let hold = false;
  const loader: ModelLoader = {
    async load(model, backend): Promise<LoadResult> {
      if (hold) await new Promise<void>((resolve) => pending.push({ model, resolve }));
      const e = new FakeEstimator(model, backend);
      made.push(e);
      return { ok: true, estimator: e };
    },
    fallback: async (b) => (b === 'webgl' ? 'wasm' : null),
  };
  return { loader, made, pending, hold: (h: boolean) => (hold = h) };
}

/** A live source the test drives frame by frame. */
function liveSource(): FrameSource<number> & { push(tMs: number): Promise<void> } {
  const end = endSignal();
  let handler: FrameHandler<number> | null = null;
  return {
    kind: 'camera',
    label: 'Fake camera',
    live: true,
    ended: end.promise,
    async start(onFrame) {
      handler = onFrame;
      return { ok: true };
    },
    stop: () => end.settle({ state: 'stopped' }),
    push: (tMs) => handler!(0, tMs),
  };
}

/** A paced source of `n` frames at 15 fps. */
function pacedSource(n: number): FrameSource<number> {
  const end = endSignal();
  return {
    kind: 'ffmpeg',
    label: 'clip.mp4',
    live: false,
    ended: end.promise,
    async start(onFrame) {
      void (async () => {
        for (let i = 0; i < n; i++) await onFrame(i, (i * 1000) / 15);
        end.settle({ state: 'finished' });
      })();
      return { ok: true };
    },
    stop: () => end.settle({ state: 'stopped' }),
  };
}

function setup() {
  const models = fakeLoader();
  const times: number[] = [];
  const recorder: FrameRecorder & { finished: number } = { finished: 0, add: (_f, t) => void times.push(t), finish: () => void recorder.finished++ };
  const run = new LiveRun<number>({ exercise: exercises.bridge, loader: models.loader, recorder: () => recorder });
  const events: LiveEvent<number>[] = [];
  run.subscribe((e) => events.push(e));
  return { run, models, times, recorder, events };
}

describe('LiveRun', () => {
  it('runs a paced source to its end: every frame through the model, the session and the recorder', async () => {
    const { run, times, recorder, events } = setup();
    expect(await run.loadModel('movenet-lightning', 'wasm')).toBe(true);
    const src = pacedSource(30);
    expect(await run.start(src)).toBe(true);
    expect(await src.ended).toEqual({ state: 'finished' });
    expect(times).toHaveLength(30);
    expect(events.filter((e) => e.type === 'frame')).toHaveLength(30);
    expect(run.state.set).toBe('ended');
    expect(run.state.source).toEqual({ state: 'finished', kind: 'ffmpeg' });
    expect(recorder.finished).toBe(1);
    expect(events.at(-1)?.type).toBe('ended');
  });

  it('a live source: frames while paused are not analysed, and session time carries on after the pause', async () => {
    const { run, times } = setup();
    await run.loadModel('movenet-lightning', 'wasm');
    const src = liveSource();
    await run.start(src);
    await src.push(0);
    await src.push(100);
    run.togglePause();
    await src.push(200);
    await src.push(5000);
    run.togglePause();
    await src.push(6000);
    await src.push(6100);
    expect(times[0]).toBe(0);
    expect(times[1]).toBe(100);
    expect(times).toHaveLength(4);
    expect(times[2]).toBeCloseTo(100 + 1000 / 15, 6);
    expect(times[3]).toBeCloseTo(200 + 1000 / 15, 6);
  });

  it('swaps to a lighter model between two frames: the model in use is freed only after its frame', async () => {
    const { run, models, events } = setup();
    await run.loadModel('blazepose-full', 'auto');
    const src = liveSource();
    await run.start(src);
    const old = models.made[0]!;
    let open!: () => void;
    old.gate = new Promise((r) => (open = r));
    const frame = src.push(0);
    run.send({ type: 'slow', fps: 4, lighter: 'movenet-lightning', nowMs: 1 });
    expect(run.state.slow.state).toBe('offered');
    const ok = await run.switchLighter(true);
    expect(ok).toBe(true);
    expect(run.models.estimator?.model).toBe('movenet-lightning');
    expect(old.disposed).toBe(false); // still estimating its frame
    open();
    await frame;
    expect(old.disposed).toBe(true);
    expect(run.state.slow).toEqual({ state: 'watching' });
    expect(events.find((e) => e.type === 'switched')).toMatchObject({ from: 'blazepose-full', to: 'movenet-lightning', auto: true });
  });

  it('three failed frames on the GPU: the same model again on wasm, with a notice; the count is kept', async () => {
    const { run, models, events } = setup();
    await run.loadModel('blazepose-full', 'auto');
    const src = liveSource();
    await run.start(src);
    models.made[0]!.fail = true;
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    for (const t of [0, 70, 140]) await src.push(t);
    err.mockRestore();
    await vi.waitFor(() => expect(run.state.model).toMatchObject({ state: 'ready', model: 'blazepose-full', backend: 'wasm' }));
    expect(events.some((e) => e.type === 'notice' && e.notice.code === 'gpuLost' && /graphics chip/.test(e.notice.message))).toBe(true);
    expect(run.state.set).toBe('counting');
  });

  it('a load overtaken by a newer one is thrown away', async () => {
    const { run, models } = setup();
    models.hold(true);
    const first = run.loadModel('blazepose-full', 'wasm');
    const second = run.loadModel('movenet-lightning', 'wasm');
    models.pending[0]!.resolve();
    expect(await first).toBe(false);
    models.pending[1]!.resolve();
    expect(await second).toBe(true);
    expect(models.made[0]!.disposed).toBe(true);
    expect(run.state.model).toMatchObject({ state: 'ready', model: 'movenet-lightning' });
  });

  it('deferred: the next frame goes to the model before this one is counted; order kept; a finished set drops its late frames', async () => {
    const models = fakeLoader();
    const times: number[] = [];
    const queue: (() => void)[] = [];
    const recorder: FrameRecorder = { add: (_f, t) => void times.push(t) };
    const run = new LiveRun<number>({ exercise: exercises.bridge, loader: models.loader, recorder: () => recorder, defer: (work) => void queue.push(work) });
    await run.loadModel('movenet-lightning', 'wasm');
    const src = liveSource();
    await run.start(src);
    await src.push(0); // the handler settles once the model is done: the loop may send the next frame
    expect(times).toEqual([]);
    await src.push(70);
    expect(models.made[0]!.calls).toBe(2);
    expect(times).toEqual([]);
    queue.shift()!();
    queue.shift()!();
    expect(times).toEqual([0, 70]);
    await src.push(140);
    run.end();
    run.newSet();
    queue.shift()!(); // frame 140 belonged to the ended set
    expect(times).toEqual([0, 70]);
  });

  it('a source that cannot start says why, with one SourceError', async () => {
    const { run } = setup();
    const end = endSignal();
    const denied: FrameSource<number> = {
      kind: 'camera',
      label: '',
      live: true,
      ended: end.promise,
      start: async () => ({ ok: false, error: { source: 'camera', kind: 'denied' } }),
      stop: () => undefined,
    };
    expect(await run.start(denied)).toBe(false);
    expect(run.state.source).toEqual({ state: 'error', error: { source: 'camera', kind: 'denied' } });
  });
});
