/**
 * Small pieces of the live page kept out of the coach class: the tab-visibility watch, what a
 * set's events say happened, and (development builds only) hooks the e2e tests use on the live page (make the pose worker crash
 * mid-set, ask which inference path runs, read the latest output and the set's events).
 */
import type { LiveRun } from '../../live/live-run';
import type { RepDetail, SessionEvent, SessionOutput } from './contract';

/** Install the worker hooks for this run (no-op in production builds). */
export function installDevHooks(run: LiveRun<HTMLVideoElement>): void {
  if (!import.meta.env.DEV) return;
  const crashable = () => run.models.estimator as { crashForTest?: () => void } | null;
  Object.assign(globalThis, {
    __rootwellCrashWorker: () => {
      crashable()?.crashForTest?.();
      return Boolean(crashable()?.crashForTest);
    },
    __rootwellInference: () => (run.models.estimator && 'crashForTest' in run.models.estimator ? 'worker' : 'page'),
  });
}

/** Publish the latest output and the events so far (no-op in production builds). */
export function publishLatest(out: SessionOutput, events: readonly SessionEvent[]): void {
  if (import.meta.env.DEV) Object.assign(globalThis, { __rootwellLatest: out, __rootwellEvents: events });
}

/** What a set's events say happened: counted reps, reported holds, attempts not counted. Pure. */
export function setOutcome(events: readonly SessionEvent[]) {
  return {
    reps: events.flatMap((e) => (e.type === 'rep' ? [e.rep] : [])),
    holds: events.flatMap((e) => (e.type === 'hold' ? [e.hold] : [])),
    missed: events.filter((e): e is Extract<SessionEvent, { type: 'not-counted' }> => e.type === 'not-counted'),
  };
}

/** Call back when the tab is hidden or shown again; returns the function that stops watching. */
export function watchHidden(on: (hidden: boolean) => void): () => void {
  if (typeof document === 'undefined') return () => {};
  const listener = () => on(document.hidden);
  document.addEventListener('visibilitychange', listener);
  return () => document.removeEventListener('visibilitychange', listener);
}

/** The rep an output reports for the first time (its key differs from the last one seen), or null. Pure. */
export function freshRep(out: SessionOutput, lastKey: string): { rep: RepDetail; key: string } | null {
  if (!out.lastRep) return null;
  const key = `${out.lastRep.index}:${out.lastRep.side}`;
  return key === lastKey ? null : { rep: out.lastRep, key };
}

/** `sourceTMs` moves in steps of at least this (ms). */
const TIME_STEP_MS = 250;

/**
 * The source time shown to the page: every frame's would re-render the page once more per frame
 * (before its pose is back); a quarter-second step is enough. A step back (a new source) is taken at once.
 */
export function steppedTime(shown: number, tMs: number): number {
  return tMs < shown || tMs - shown >= TIME_STEP_MS ? tMs : shown;
}
