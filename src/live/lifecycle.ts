/**
 * The lifecycle of a live run as one value: the model (loading, ready, failed), the source
 * (starting, running, finished, failed), the set (counting, paused, ended), the slow-machine offer
 * (watching, offered, switching, dismissed) and whether the page is hidden. `step` is the only way
 * it changes: a pure function of the state and an event, so every transition is unit-tested.
 */
import type { EstimatorErrorKind } from '../estimate/errors';
import type { ModelId } from '../estimate/estimator';
import type { SourceError, SourceKind } from '../source/source';

export type ModelPhase =
  | { state: 'idle' }
  /** `load` names this load: a newer load or a dispose makes an older one's result stale. */
  | { state: 'loading'; model: ModelId; load: number }
  | { state: 'ready'; model: ModelId; backend: string; software: boolean; load: number }
  /** `code`: the estimator's error kind, for the UI's words; `message`: the same in English. */
  | { state: 'error'; model: ModelId; code: EstimatorErrorKind; message: string; detail: string };

export type SourcePhase =
  | { state: 'idle' }
  | { state: 'starting'; kind: SourceKind }
  | { state: 'running'; kind: SourceKind; label: string }
  | { state: 'finished'; kind: SourceKind }
  | { state: 'error'; error: SourceError };

/** The set: counting (frames analysed), paused by the person, or ended (the summary shows). */
export type SetPhase = 'counting' | 'paused' | 'ended';

/** The computer may be too slow for the model: a lighter one is offered, then taken. */
export type SlowPhase =
  | { state: 'watching' }
  | { state: 'offered'; fps: number; lighter: ModelId; sinceMs: number }
  /** The lighter model loads beside the one in use; no new offer meanwhile. */
  | { state: 'switching'; from: ModelId; to: ModelId }
  /** "Keep this model": never offered again for this run. */
  | { state: 'dismissed' };

export interface Lifecycle {
  readonly model: ModelPhase;
  readonly source: SourcePhase;
  readonly set: SetPhase;
  readonly slow: SlowPhase;
  /** The page is in a background tab: frames are not analysed, timers do not run. */
  readonly hidden: boolean;
}

export type LifeEvent =
  | { type: 'model-loading'; model: ModelId; load: number }
  | { type: 'model-ready'; model: ModelId; backend: string; software: boolean; load: number }
  | { type: 'model-failed'; model: ModelId; code: EstimatorErrorKind; message: string; detail: string }
  | { type: 'model-disposed' }
  | { type: 'source-starting'; kind: SourceKind }
  | { type: 'source-running'; kind: SourceKind; label: string }
  | { type: 'source-finished' }
  | { type: 'source-failed'; error: SourceError }
  | { type: 'source-cleared' }
  | { type: 'toggle-pause' }
  | { type: 'end' }
  | { type: 'new-set' }
  | { type: 'hidden'; hidden: boolean }
  | { type: 'slow'; fps: number; lighter: ModelId; nowMs: number }
  | { type: 'dismiss-slow' }
  | { type: 'switch-start' }
  | { type: 'switch-end' };

export const INITIAL: Lifecycle = { model: { state: 'idle' }, source: { state: 'idle' }, set: 'counting', slow: { state: 'watching' }, hidden: false };

/** The next state. Events that do not apply in the current state leave it as it is (same object). */
export function step(s: Lifecycle, e: LifeEvent): Lifecycle {
  switch (e.type) {
    case 'model-loading':
      return { ...s, model: { state: 'loading', model: e.model, load: e.load } };
    case 'model-ready':
      // A new model is watched afresh; an open offer was for the old one. A switch ends by itself.
      return { ...s, model: { state: 'ready', model: e.model, backend: e.backend, software: e.software, load: e.load }, slow: s.slow.state === 'offered' ? { state: 'watching' } : s.slow };
    case 'model-failed':
      return { ...s, model: { state: 'error', model: e.model, code: e.code, message: e.message, detail: e.detail } };
    case 'model-disposed':
      return { ...s, model: { state: 'idle' } };
    case 'source-starting':
      return { ...s, source: { state: 'starting', kind: e.kind } };
    case 'source-running':
      return { ...s, source: { state: 'running', kind: e.kind, label: e.label } };
    case 'source-finished':
      return s.source.state === 'running' ? { ...s, source: { state: 'finished', kind: s.source.kind } } : s;
    case 'source-failed':
      return { ...s, source: { state: 'error', error: e.error } };
    case 'source-cleared':
      return { ...s, source: { state: 'idle' } };
    case 'toggle-pause':
      return s.set === 'ended' ? s : { ...s, set: s.set === 'paused' ? 'counting' : 'paused' };
    case 'end':
      return s.set === 'ended' ? s : { ...s, set: 'ended' };
    case 'new-set':
      return { ...s, set: 'counting' };
    case 'hidden':
      return s.hidden === e.hidden ? s : { ...s, hidden: e.hidden };
    case 'slow':
      return s.slow.state === 'watching' && s.model.state === 'ready' ? { ...s, slow: { state: 'offered', fps: e.fps, lighter: e.lighter, sinceMs: e.nowMs } } : s;
    case 'dismiss-slow':
      return { ...s, slow: { state: 'dismissed' } };
    case 'switch-start':
      return s.slow.state === 'offered' && s.model.state === 'ready' ? { ...s, slow: { state: 'switching', from: s.model.model, to: s.slow.lighter } } : s;
    case 'switch-end':
      return s.slow.state === 'switching' ? { ...s, slow: { state: 'watching' } } : s;
  }
}

/** The kind of source in use (or that just finished); null when none or after a failure. */
export function sourceKind(s: Lifecycle): SourceKind | null {
  const src = s.source;
  return src.state === 'starting' || src.state === 'running' || src.state === 'finished' ? src.kind : null;
}

/** Should the frame rate be watched for a slow machine now? */
export function watchingSlow(s: Lifecycle): boolean {
  return s.slow.state === 'watching' && s.model.state === 'ready';
}

/** The offer has shown `autoMs` with no answer: take the lighter model by itself. */
export function autoSwitchDue(s: Lifecycle, nowMs: number, autoMs: number): boolean {
  return s.slow.state === 'offered' && s.model.state === 'ready' && nowMs - s.slow.sinceMs >= autoMs;
}

/** Frames of a live source are analysed now (not paused, not hidden, not ended). */
export function analysing(s: Lifecycle): boolean {
  return s.set === 'counting' && !s.hidden;
}
