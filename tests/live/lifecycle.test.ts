// The live run's lifecycle: pure transitions, one state value instead of a set of booleans.
import { describe, expect, it } from 'vitest';
import { analysing, autoSwitchDue, INITIAL, sourceKind, step, watchingSlow, type LifeEvent, type Lifecycle } from '../../src/live/lifecycle';

const run = (...events: LifeEvent[]): Lifecycle => events.reduce(step, INITIAL);
const ready: LifeEvent = { type: 'model-ready', model: 'blazepose-full', backend: 'webgl', software: false, load: 1 };
const slow: LifeEvent = { type: 'slow', fps: 5, lighter: 'blazepose-lite', nowMs: 1000 };

describe('lifecycle', () => {
  it('starts idle, counting, watching, visible', () => {
    expect(INITIAL).toEqual({ model: { state: 'idle' }, source: { state: 'idle' }, set: 'counting', slow: { state: 'watching' }, hidden: false });
  });

  it('pauses and resumes; an ended set stays ended and is not paused', () => {
    expect(run({ type: 'toggle-pause' }).set).toBe('paused');
    expect(run({ type: 'toggle-pause' }, { type: 'toggle-pause' }).set).toBe('counting');
    const ended = run({ type: 'toggle-pause' }, { type: 'end' });
    expect(ended.set).toBe('ended');
    expect(step(ended, { type: 'toggle-pause' })).toBe(ended);
    expect(step(ended, { type: 'end' })).toBe(ended);
    expect(step(ended, { type: 'new-set' }).set).toBe('counting');
  });

  it('analyses frames only while counting and visible', () => {
    expect(analysing(INITIAL)).toBe(true);
    expect(analysing(run({ type: 'hidden', hidden: true }))).toBe(false);
    expect(analysing(run({ type: 'toggle-pause' }))).toBe(false);
    expect(analysing(run({ type: 'end' }))).toBe(false);
  });

  it('a source starts, runs, finishes or fails; its kind is known until it fails', () => {
    const running = run({ type: 'source-starting', kind: 'file' }, { type: 'source-running', kind: 'file', label: 'a.mp4' });
    expect(running.source).toEqual({ state: 'running', kind: 'file', label: 'a.mp4' });
    expect(sourceKind(step(running, { type: 'source-finished' }))).toBe('file');
    expect(step(INITIAL, { type: 'source-finished' })).toBe(INITIAL);
    const failed = step(running, { type: 'source-failed', error: { source: 'camera', kind: 'ended' } });
    expect(failed.source).toEqual({ state: 'error', error: { source: 'camera', kind: 'ended' } });
    expect(sourceKind(failed)).toBeNull();
    expect(step(failed, { type: 'source-cleared' }).source).toEqual({ state: 'idle' });
  });

  it('a model loads, fails or is disposed', () => {
    expect(run({ type: 'model-loading', model: 'movenet-lightning', load: 3 }).model).toEqual({ state: 'loading', model: 'movenet-lightning', load: 3 });
    expect(run({ type: 'model-failed', model: 'movenet-lightning', code: 'model-load-failed', message: 'm', detail: 'd' }).model.state).toBe('error');
    expect(run(ready, { type: 'model-disposed' }).model).toEqual({ state: 'idle' });
  });

  it('the slow machine: watched only with a model ready, offered once, switched or dismissed', () => {
    expect(watchingSlow(INITIAL)).toBe(false);
    expect(run(slow).slow.state).toBe('watching'); // no model: no offer
    const offered = run(ready, slow);
    expect(offered.slow).toEqual({ state: 'offered', fps: 5, lighter: 'blazepose-lite', sinceMs: 1000 });
    expect(watchingSlow(offered)).toBe(false);
    expect(step(offered, { ...slow, nowMs: 2000 })).toBe(offered); // one offer at a time
    expect(autoSwitchDue(offered, 10_999, 10_000)).toBe(false);
    expect(autoSwitchDue(offered, 11_000, 10_000)).toBe(true);
    const switching = step(offered, { type: 'switch-start' });
    expect(switching.slow).toEqual({ state: 'switching', from: 'blazepose-full', to: 'blazepose-lite' });
    expect(step(switching, slow)).toBe(switching); // no new offer while the lighter model loads
    // The lighter model is installed while switching: the switch ends by itself, not the model-ready.
    const installed = step(switching, { ...ready, model: 'blazepose-lite', load: 2 } as LifeEvent);
    expect(installed.slow.state).toBe('switching');
    expect(step(installed, { type: 'switch-end' }).slow).toEqual({ state: 'watching' });
    // A new model closes an open offer (it was for the old one).
    expect(step(offered, ready).slow).toEqual({ state: 'watching' });
  });

  it('"keep this model" is never offered again, even after a switch in flight ends', () => {
    const dismissed = run(ready, slow, { type: 'switch-start' }, { type: 'dismiss-slow' }, { type: 'switch-end' }, ready);
    expect(dismissed.slow).toEqual({ state: 'dismissed' });
    expect(step(dismissed, slow)).toBe(dismissed);
    expect(step(dismissed, { type: 'switch-start' })).toBe(dismissed);
  });

  it('events that do not apply return the same state object', () => {
    expect(step(INITIAL, { type: 'switch-end' })).toBe(INITIAL);
    expect(step(INITIAL, { type: 'switch-start' })).toBe(INITIAL);
    expect(step(INITIAL, { type: 'hidden', hidden: false })).toBe(INITIAL);
  });
});
