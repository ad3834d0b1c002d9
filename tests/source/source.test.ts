// One source interface and one error type for every source, with words for every error.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ffmpegSource, type VideoFrame } from '../../src/source/ffmpeg';
import { endSignal, sourceErrorHelp, type SourceError } from '../../src/source/source';

const REF = join(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'reference');

const EVERY: SourceError[] = [
  ...(['denied', 'no-camera', 'in-use', 'ended', 'insecure-context', 'unknown'] as const).map((kind) => ({ source: 'camera' as const, kind })),
  ...(['cancelled', 'unsupported', 'ended', 'unknown'] as const).map((kind) => ({ source: 'screen' as const, kind })),
  ...(['corrupt', 'unsupported', 'not-video'] as const).map((kind) => ({ source: 'file' as const, kind })),
  ...(['file-not-found', 'ffmpeg-missing', 'undecodable'] as const).map((kind) => ({ source: 'ffmpeg' as const, kind })),
];

describe('sources', () => {
  it.each(EVERY.map((e) => [`${e.source} ${e.kind}`, e] as const))('%s has a title, a message and a way forward', (_n, e) => {
    const h = sourceErrorHelp(e);
    expect(h.title.length).toBeGreaterThan(5);
    expect(h.message.length).toBeGreaterThan(5);
    expect(h.action.length).toBeGreaterThan(5);
    if (e.source === 'camera') expect(h.retryLabel).toMatch(/Try again|Reconnect/);
  });

  it('ends once: the first end wins', async () => {
    const end = endSignal();
    end.settle({ state: 'finished' });
    end.settle({ state: 'stopped' });
    end.fail(new Error('late'));
    expect(await end.promise).toEqual({ state: 'finished' });
  });

  it('the ffmpeg decoder is a paced source: every frame, then finished', async () => {
    const src = ffmpegSource(join(REF, 'pose_squats.mp4'), { width: 96 });
    expect(src).toMatchObject({ kind: 'ffmpeg', live: false });
    const times: number[] = [];
    expect(await src.start(async (_f: VideoFrame, tMs) => void times.push(tMs))).toEqual({ ok: true });
    expect(await src.ended).toEqual({ state: 'finished' });
    expect(times).toHaveLength(65);
    expect(times[3]).toBeCloseTo(600, 6);
  });

  it('a missing file ends the ffmpeg source with a SourceError', async () => {
    const src = ffmpegSource('no-such-clip.mp4');
    await src.start(async () => undefined);
    expect(await src.ended).toMatchObject({ state: 'error', error: { source: 'ffmpeg', kind: 'file-not-found' } });
  });

  it('a frame handler that throws makes a paced source reject, and stop() ends it as stopped', async () => {
    const bad = ffmpegSource(join(REF, 'pose_squats.mp4'), { width: 96 });
    await bad.start(async () => {
      throw new Error('model failed');
    });
    await expect(bad.ended).rejects.toThrow('model failed');
    const stopped = ffmpegSource(join(REF, 'pose_squats.mp4'), { width: 96 });
    let n = 0;
    await stopped.start(async () => {
      if (++n === 3) stopped.stop();
    });
    expect(await stopped.ended).toEqual({ state: 'stopped' });
    expect(n).toBe(3);
  });
});
