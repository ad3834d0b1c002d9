import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args';

describe('analyze argument parsing', () => {
  it('reads a file, an exercise and options in any order', () => {
    const r = parseArgs(['--exercise', 'bridge', 'clip.mp4', '--plot=out.svg', '--fps', '10', '--model', 'movenet-lightning']);
    expect(r).toEqual({
      ok: true,
      args: { file: 'clip.mp4', exercise: 'bridge', model: 'movenet-lightning', fps: 10, plot: 'out.svg', record: null, prescription: null, progress: false, explain: false },
    });
  });
  it('takes short flags, inline values and --progress', () => {
    const r = parseArgs(['-e', 'sit-up', '-m', 'blazepose-lite', 'rec.json', '--record=out.json', '--prescription', '{"holdS":5}', '--progress']);
    expect(r).toEqual({
      ok: true,
      args: { file: 'rec.json', exercise: 'sit-up', model: 'blazepose-lite', fps: 15, plot: null, record: 'out.json', prescription: '{"holdS":5}', progress: true, explain: false },
    });
  });
  it.each([
    [[], /missing FILE/],
    [['clip.mp4'], /missing --exercise/],
    [['clip.mp4', '--exercise'], /needs an exercise id/],
    [['clip.mp4', '-e', 'bridge', '--fps', 'zero'], /--fps needs a number/],
    [['a.mp4', 'b.mp4', '-e', 'bridge'], /only one FILE/],
    [['a.mp4', '-e', 'bridge', '--frobnicate'], /unknown option --frobnicate/],
    [['a.mp4', '--exercise', '--fps', '10'], /needs an exercise id/],
    [['a.mp4', '-e', 'bridge', '--fps', '-5'], /--fps needs a number/],
    [['a.mp4', '-e', 'bridge', '--model='], /--model needs a model id/],
    [['-h'], /^usage:/],
  ])('rejects %j with a clear message', (argv, msg) => {
    const r = parseArgs(argv);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(msg);
  });
});

describe('--explain', () => {
  it('asks for the explanation timeline instead of the JSON report', () => {
    const r = parseArgs(['rec.json', '--exercise', 'bridge', '--explain']);
    expect(r.ok && r.args.explain).toBe(true);
  });
});
