/**
 * One measure per set (src/core/pipeline.ts, docs/clinical-basis.md#engineering "one measure per
 * set"): once a frame without 3D points arrives, the rest of the set is measured in the image.
 */
import { describe, expect, it } from 'vitest';
import { createSession } from '../../src/core/pipeline';
import { recordFrames } from '../../src/core/session/record';
import { exercises } from '../../src/exercises';
import { fixtures } from '../fixtures';

describe('one measure per set', () => {
  it('a real sit-up stream with one frame from the 2D checker half-way: 3D before it, 2D after, even where 3D points come back', () => {
    const fx = fixtures('sit-up').find((f) => f.name.endsWith('stock_situp_dark_studio_side_woman'))!;
    const frames = recordFrames(fx.record);
    const half = Math.floor(frames.length / 2);
    const session = createSession(exercises['sit-up']!);
    const measures = frames.map(({ tMs, frame }, i) => {
      const f = frame && i === half ? { ...frame, world: undefined } : frame;
      return session.push(f ?? null, tMs).measure;
    });
    expect(measures.slice(0, half).filter((m) => m !== null).every((m) => m === '3d')).toBe(true);
    expect(measures.slice(half).filter((m) => m !== null).every((m) => m === '2d')).toBe(true);
    // A new set (a new session) starts in 3D again.
    const next = createSession(exercises['sit-up']!);
    const first = frames.find(({ frame }) => frame)!;
    expect(next.push(first.frame, first.tMs).measure).toBe('3d');
  });
});
