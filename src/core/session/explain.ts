/**
 * Why a rep was or was not counted, in words: a timeline of spans in which the signal was used
 * or held back (and by which gate), and every rep attempt with its outcome. Built from a
 * replay's per-frame outputs and events; shown by `npm run analyze -- --explain`, shaded on
 * `--plot`, and listed on the review page for a physio. Pure.
 */
import { SPARSE_GAP_MS } from '../check/rep-counter';
import type { GateKind, NotCountedReason, SessionEvent, SessionOutput } from '../pipeline';

/** What happened to a frame's signal. */
export type SpanState = 'used' | 'not-started' | 'paused' | 'no-frames' | GateKind;

export interface ExplainSpan {
  fromS: number;
  toS: number;
  state: SpanState;
  detail: string;
}

export interface ExplainAttempt {
  tS: number;
  counted: boolean;
  reason: NotCountedReason | null;
  text: string;
}

export interface Explanation {
  /** Share of frames with a person whose angles came from 3D world points. */
  measured3d: number;
  spans: ExplainSpan[];
  attempts: ExplainAttempt[];
}

const r1 = (v: number) => Math.round(v * 10) / 10;

/** A gate or a state in words, for a patient or a physio. */
export const STATE_WORDS: Record<SpanState, string> = {
  used: 'counted on',
  'not-started': 'getting into position',
  paused: 'paused',
  'no-frames': 'no picture analysed (a busy computer, or the camera stalled)',
  'no-person': 'nobody in view',
  identity: 'someone else in view',
  visibility: 'joints not seen',
  'limb-plausibility': 'a limb where it cannot be',
  view: 'camera direction',
  posture: 'not in the exercise position',
};

export const REASON_WORDS: Record<NotCountedReason, string> = {
  'top-too-low': 'top too low',
  'too-short': 'too quick to be a rep',
  'lost-sight': 'lost sight in the middle of it',
  'ended-at-top': 'the set ended before it came back down',
};

/** Does a span in this state (with this detail) continue `last`? A used span ends where the measure changes (3D → 2D). */
const continues = (last: ExplainSpan, state: SpanState, detail: string): boolean => last.state === state && last.detail === detail;

function stateOf(o: SessionOutput): [SpanState, string] {
  if (o.gate) return [o.gate.kind, o.gate.detail];
  if (o.phase === 'setup') return ['not-started', 'framing settling'];
  if (o.phase === 'paused') return ['paused', o.visibility.problem?.message ?? ''];
  return ['used', o.measure === '3d' ? '3D angles' : '2D angles'];
}

/** The explanation of a replayed stream. `outputs` are the session's per-frame outputs. */
export function explain(outputs: readonly SessionOutput[], events: readonly SessionEvent[]): Explanation {
  const spans: ExplainSpan[] = [];
  let withPerson = 0;
  let in3d = 0;
  for (const o of outputs) {
    if (o.measure) withPerson += 1;
    if (o.measure === '3d') in3d += 1;
    const [state, detail] = stateOf(o);
    const t = o.tMs / 1000;
    let last = spans[spans.length - 1];
    // A stretch with no frame at all: whatever happened in it was never seen.
    if (last && o.tMs - last.toS * 1000 > SPARSE_GAP_MS) {
      spans.push({ fromS: last.toS, toS: t, state: 'no-frames', detail: '' });
      last = spans[spans.length - 1];
    }
    if (last && continues(last, state, detail)) last.toS = t;
    else {
      if (last) last.toS = t;
      spans.push({ fromS: t, toS: t, state, detail });
    }
  }
  for (const s of spans) (s.fromS = r1(s.fromS)), (s.toS = r1(s.toS));
  const attempts: ExplainAttempt[] = [];
  for (const e of events) {
    if (e.type === 'rep') {
      const r = e.rep;
      const faults = r.faults.length ? `, ${r.faults.join(', ')}` : '';
      attempts.push({ tS: r1(e.tMs / 1000), counted: true, reason: null, text: `rep ${r.index} counted (${r.side}, peak ${r.peak}°, score ${r.score}${faults})` });
    } else if (e.type === 'not-counted') {
      const peak = e.peak !== undefined ? ` (peak ${e.peak}°${e.needed !== undefined ? `, top line ${e.needed}°` : ''})` : '';
      const gap = e.gapS !== undefined ? `; no usable picture for ${e.gapS} s during it (a busy computer, or out of view), so its top may not have been seen` : '';
      attempts.push({ tS: r1(e.tMs / 1000), counted: false, reason: e.reason, text: `not counted: ${REASON_WORDS[e.reason]}${peak}${gap}` });
    }
  }
  return { measured3d: withPerson ? Math.round((in3d / withPerson) * 1000) / 1000 : 0, spans, attempts };
}

/** A compact text timeline: one line per span of at least `minS` seconds, attempts in time order. */
export function formatExplanation(x: Explanation, minS = 0.3): string {
  type Line = { t: number; text: string };
  const lines: Line[] = [];
  // Brief gates (a frame or two) are folded into what surrounds them.
  const spans: ExplainSpan[] = [];
  for (const s of x.spans) {
    if (s.toS - s.fromS < minS && s.state !== 'used') continue;
    const last = spans[spans.length - 1];
    if (last && continues(last, s.state, s.detail)) last.toS = s.toS;
    else spans.push({ ...s });
  }
  for (const s of spans) {
    const what = s.state === 'used' ? `signal used (${s.detail})` : `held back: ${STATE_WORDS[s.state]}${s.detail ? ` (${s.detail})` : ''}`;
    lines.push({ t: s.fromS, text: `${s.fromS.toFixed(1).padStart(6)}-${s.toS.toFixed(1).padEnd(6)} ${what}` });
  }
  for (const a of x.attempts) lines.push({ t: a.tS, text: `${a.tS.toFixed(1).padStart(6)}        ${a.counted ? '✓' : '✗'} ${a.text}` });
  lines.sort((a, b) => a.t - b.t);
  const head = `angles from ${Math.round(x.measured3d * 100)} % 3D world points, ${Math.round((1 - x.measured3d) * 100)} % 2D image`;
  return [head, ...lines.map((l) => l.text)].join('\n');
}
