/**
 * Cue scheduler: one cue at a time, by priority, with a minimum time on screen, a cooldown
 * before the same cue repeats, and no contradictions (two cues on the same axis with opposite
 * directions, e.g. "lift higher" after "don't arch", are never given close together). Pure.
 */

export interface CueRequest {
  id: string;
  text: string;
  priority: number;
  axis?: { name: string; dir: 1 | -1 };
}

export interface ShownCue {
  id: string;
  text: string;
  priority: number;
  isNew: boolean;
}

export interface CueOptions {
  /** A cue stays at least this long (ms) unless a higher-priority one arrives. */
  minShowMs: number;
  /** After this long (ms) a cue with nothing new behind it is cleared. */
  maxShowMs: number;
  /** The same cue is not repeated within this time (ms). */
  cooldownMs: number;
  /** An opposite cue on the same axis is held back for this time (ms). */
  contradictionMs: number;
}

/** source: starting point (a spoken cue takes ~2 s; repeating faster than ~8 s nags) */
export const DEFAULT_CUE_OPTIONS: CueOptions = { minShowMs: 2500, maxShowMs: 4000, cooldownMs: 8000, contradictionMs: 6000 };

export interface CueState {
  current: (CueRequest & { sinceMs: number }) | null;
  lastShownMs: Record<string, number>;
  lastAxis: Record<string, { dir: 1 | -1; tMs: number }>;
}

export function initialCueState(): CueState {
  return { current: null, lastShownMs: {}, lastAxis: {} };
}

/** Choose the one cue to show at tMs from this frame's requests. */
export function stepCues(
  opts: CueOptions,
  state: CueState,
  tMs: number,
  requests: CueRequest[],
): [CueState, ShownCue | null] {
  const s: CueState = { current: state.current, lastShownMs: { ...state.lastShownMs }, lastAxis: { ...state.lastAxis } };
  const eligible = requests
    .filter((r) => {
      if (s.current && r.id === s.current.id) return true;
      const last = s.lastShownMs[r.id];
      if (last !== undefined && tMs - last < opts.cooldownMs) return false;
      if (r.axis) {
        const a = s.lastAxis[r.axis.name];
        if (a && a.dir !== r.axis.dir && tMs - a.tMs < opts.contradictionMs) return false;
      }
      return true;
    })
    .sort((a, b) => b.priority - a.priority);
  const best = eligible[0] ?? null;
  const cur = s.current;
  const age = cur ? tMs - cur.sinceMs : Infinity;
  let next = cur;
  if (best && (!cur || best.priority > cur.priority || (age >= opts.minShowMs && best.id !== cur.id))) {
    next = { ...best, sinceMs: tMs };
  } else if (cur && age >= opts.maxShowMs && !requests.some((r) => r.id === cur.id)) {
    next = null;
  }
  let isNew = false;
  if (next && next !== cur) {
    isNew = true;
    s.lastShownMs[next.id] = tMs;
    if (next.axis) s.lastAxis[next.axis.name] = { dir: next.axis.dir, tMs };
  } else if (next && next.id && requests.some((r) => r.id === next!.id)) {
    // Still asked for: keep it fresh for the cooldown and the axis.
    s.lastShownMs[next.id] = tMs;
    if (next.axis) s.lastAxis[next.axis.name] = { dir: next.axis.dir, tMs };
  }
  s.current = next;
  return [s, next ? { id: next.id, text: next.text, priority: next.priority, isNew } : null];
}
