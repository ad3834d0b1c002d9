import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeAll, decodeImage, decodeVideo, probeVideo } from '../../src/source/ffmpeg';

const REF = join(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'reference');

describe('decodeVideo', () => {
  it('reads size, rate and every frame with times from the frame index', async () => {
    const info = await probeVideo(join(REF, 'pose_squats.mp4'));
    expect(info).toMatchObject({ width: 720, height: 1280, fps: 5 });
    const frames = await decodeAll(join(REF, 'pose_squats.mp4'));
    expect(frames).toHaveLength(65);
    expect(frames[3]!.tMs).toBeCloseTo(600, 6);
    expect(frames[0]!.data.length).toBe(720 * 1280 * 3);
  });

  it('subsamples with fps and scales with width', async () => {
    const frames = await decodeAll(join(REF, 'pose_1.mp4'), { fps: 5, width: 288 });
    expect(frames.length).toBeGreaterThanOrEqual(19);
    expect(frames.length).toBeLessThanOrEqual(21);
    expect([frames[0]!.width, frames[0]!.height]).toEqual([288, 288]);
    expect(frames[1]!.tMs).toBeCloseTo(200, 6);
  });

  it('stops ffmpeg when the consumer breaks out', async () => {
    let n = 0;
    for await (const f of decodeVideo(join(REF, 'pose_1.mp4'))) {
      n = f.index + 1;
      if (n === 2) break;
    }
    expect(n).toBe(2);
  });

  it('decodes a still image', async () => {
    const f = await decodeImage(join(REF, 'pose.jpg'));
    expect([f.width, f.height, f.data.length]).toEqual([1000, 667, 1000 * 667 * 3]);
  });

  it('typed errors: missing file, undecodable file, missing ffmpeg', async () => {
    await expect(decodeAll('/nonexistent/clip.mp4')).rejects.toMatchObject({ kind: 'file-not-found' });
    await expect(decodeAll(join(REF, 'README.md'))).rejects.toMatchObject({ kind: 'undecodable' });
    await expect(decodeAll(join(REF, 'pose_1.mp4'), { ffprobe: '/nonexistent/ffprobe' })).rejects.toMatchObject({ kind: 'ffmpeg-missing' });
    await expect(decodeAll(join(REF, 'pose_1.mp4'), { ffmpeg: '/nonexistent/ffmpeg' })).rejects.toMatchObject({ kind: 'ffmpeg-missing' });
  });
});
