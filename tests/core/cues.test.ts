import { describe, expect, it } from 'vitest';
import { DEFAULT_CUE_OPTIONS, initialCueState, stepCues, type CueRequest } from '../../src/core/cues/scheduler';

const higher: CueRequest = { id: 'lift-higher', text: 'Lift higher', priority: 40, axis: { name: 'hip', dir: 1 } };
const arch: CueRequest = { id: 'over-arch', text: "Don't arch", priority: 30, axis: { name: 'hip', dir: -1 } };
const see: CueRequest = { id: 'see', text: 'Move back', priority: 100 };

describe('cue scheduler', () => {
  it('shows one cue, lets a higher priority interrupt, and holds back a contradiction', () => {
    let s = initialCueState();
    let c;
    [s, c] = stepCues(DEFAULT_CUE_OPTIONS, s, 0, [higher]);
    expect(c?.id).toBe('lift-higher');
    expect(c?.isNew).toBe(true);
    [s, c] = stepCues(DEFAULT_CUE_OPTIONS, s, 500, [arch]);
    expect(c?.id).toBe('lift-higher'); // not yet replaced
    [s, c] = stepCues(DEFAULT_CUE_OPTIONS, s, 3000, [arch]);
    expect(c?.id).not.toBe('over-arch'); // opposite direction on the same axis, too soon
    [s, c] = stepCues(DEFAULT_CUE_OPTIONS, s, 3100, [see]);
    expect(c?.id).toBe('see');
    [s, c] = stepCues(DEFAULT_CUE_OPTIONS, s, 10_000, [arch]);
    expect(c?.id).toBe('over-arch');
  });
});
