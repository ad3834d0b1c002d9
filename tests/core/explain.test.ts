/**
 * The explanation of a replay on real recorded clips: a span held back by a gate, with its
 * reason, and a rep attempt that was not counted, with its reason; and the CLI's --explain.
 */
import { describe, expect, it } from 'vitest';
import { explain, formatExplanation } from '../../src/core/session/explain';
import { createSession } from '../../src/core/pipeline';
import { recordFrames, replay } from '../../src/core/session/record';
import { exercises } from '../../src/exercises';
import { run } from '../../src/cli/analyze';
import { fixtures } from '../fixtures';

const clip = (exercise: string, name: string) => {
  const fx = fixtures(exercise).find((f) => f.name.endsWith(name));
  if (!fx) throw new Error(`fixture ${name} missing`);
  return fx;
};

describe('explain on real fixtures', () => {
  it('someone standing up and walking, replayed as sit-ups: the spans held back by the posture gate say so', () => {
    const fx = clip('sit-up', 'outdoor_sit_walk_in_out_stand_square');
    const out = replay(exercises['sit-up']!, fx.record, undefined, { keepOutputs: true });
    const x = explain(out.outputs!, out.events);
    const standing = x.spans.filter((s) => s.state === 'posture' && s.detail === 'read as standing');
    expect(standing.reduce((a, s) => a + s.toS - s.fromS, 0)).toBeGreaterThan(5);
    expect(out.reps).toBe(0);
    expect(x.measured3d).toBeGreaterThan(0.9);
  });

  it('a bridge clip that ends at the top: the last attempt is not counted, and says why', () => {
    const fx = clip('bridge', 'istock_glute_bridge_home_side_3reps');
    const out = replay(exercises.bridge!, fx.record, undefined, { keepOutputs: true });
    const x = explain(out.outputs!, out.events);
    expect(x.attempts.filter((a) => a.counted)).toHaveLength(3);
    const last = x.attempts[x.attempts.length - 1]!;
    expect(last.counted).toBe(false);
    expect(last.reason).toBe('ended-at-top');
    expect(formatExplanation(x)).toContain('not counted: the set ended before it came back down');
  });

  it('a rep whose top fell in a stretch with no frames (a busy computer): not counted, and the gap is said', () => {
    const fx = clip('bridge', 'darebee_glute_bridge_side_5reps');
    const thinned = (fromMs: number, toMs: number) => {
      const session = createSession(exercises.bridge!);
      const outputs = recordFrames(fx.record)
        .filter((f) => f.tMs < fromMs || f.tMs > toMs)
        .map((f) => session.push(f.frame, f.tMs));
      session.end();
      return explain(outputs, session.events);
    };
    // The second rep's top (2.5-3.0 s) never analysed: its rise is seen, so it is an attempt.
    const x = thinned(2450, 3100);
    expect(x.attempts.filter((a) => a.counted)).toHaveLength(4);
    const missed = x.attempts.filter((a) => !a.counted);
    expect(missed).toHaveLength(1);
    expect(missed[0]!.tS).toBeGreaterThan(2.4);
    expect(missed[0]!.tS).toBeLessThan(3.6);
    expect(missed[0]!.text).toMatch(/top too low .*no usable picture for 0\.7 s during it/);
    // Lose a little more of the rise and there is no attempt to speak of; the gap itself is a span.
    const y = thinned(2350, 3100);
    expect(y.attempts.filter((a) => a.counted)).toHaveLength(4);
    const gap = y.spans.find((s) => s.state === 'no-frames');
    expect(gap && [gap.fromS, gap.toS]).toEqual([2.3, 3.1]);
    expect(formatExplanation(y)).toContain('held back: no picture analysed');
  });

  it('npm run analyze -- RECORD --exercise ID --explain gives the timeline', async () => {
    const fx = clip('sit-up', 'outdoor_sit_walk_in_out_stand_square');
    const file = `tests/fixtures/${fx.folder}/${fx.clip}.json`;
    const { explanation } = await run([file, '--exercise', 'sit-up', '--explain']);
    expect(explanation).toBeDefined();
    expect(formatExplanation(explanation!)).toMatch(/held back: not in the exercise position \(read as standing\)/);
  });

  it('--plot shades the spans held back, labelled with the gate', async () => {
    const fx = clip('sit-up', 'outdoor_sit_walk_in_out_stand_square');
    const { svg } = await run([`tests/fixtures/${fx.folder}/${fx.clip}.json`, '--exercise', 'sit-up', '--plot', '/dev/null']);
    expect(svg).toMatch(/<title>not in the exercise position: read as standing<\/title>/);
  });
});
