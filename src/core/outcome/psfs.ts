/**
 * The Patient-Specific Functional Scale (PSFS): the patient names up to five activities they
 * find hard and rates each 0 (unable) to 10 (able at the level before the problem). Scoring is
 * the mean of the item scores; a change of the mean of at least 2 points (or of one activity of
 * at least 3 points) is a real change. source: clinical-basis.md#psfs
 *
 * Pure: every date is passed in (an ISO time, or epoch ms and the caller's time-zone offset).
 */
import * as v from 'valibot';

/** At most this many activities in one round. source: clinical-basis.md#psfs */
export const PSFS_MAX_ITEMS = 5;
/** Item scores run 0 (unable) … 10 (able as before). source: clinical-basis.md#psfs */
export const PSFS_MIN = 0;
export const PSFS_MAX = 10;
/**
 * Minimal clinically important difference: 2 points for the mean score, 3 for one activity.
 * source: clinical-basis.md#psfs
 */
export const PSFS_MCID = { mean: 2, item: 3 } as const;
/** Asked again when the last round is this many calendar days old. source: clinical-basis.md#psfs (weekly: starting point) */
export const PSFS_EVERY_DAYS = 7;
/** Longest activity text kept (characters). */
export const PSFS_ACTIVITY_MAX = 80;
/** Most rounds kept (two years of weekly rounds and some). */
export const PSFS_MAX_ROUNDS = 200;

/** What can be wrong with a round the patient typed, by code (the UI's words) and in English (the schema's). */
export const PSFS_PROBLEMS = {
  name: 'an activity needs a name',
  plain: 'must not contain control characters or < >',
  tooMany: `at most ${PSFS_MAX_ITEMS} activities`,
  twice: 'an activity appears twice',
} as const;
export type PsfsProblem = keyof typeof PSFS_PROBLEMS | 'invalid';

// Free text shown to a physio and written into files: no control characters, no markup.
// eslint-disable-next-line no-control-regex
const plain = v.regex(/^[^\u0000-\u001f\u007f<>]*$/, PSFS_PROBLEMS.plain);
const id = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'an id is letters, digits, - or _'));

export const PsfsItemSchema = v.object({
  /** Stays the same for the same activity across rounds (so a change per activity can be found). */
  id,
  activity: v.pipe(v.string(), v.trim(), v.minLength(1, PSFS_PROBLEMS.name), v.maxLength(PSFS_ACTIVITY_MAX), plain),
  score: v.pipe(v.number(), v.integer(), v.minValue(PSFS_MIN), v.maxValue(PSFS_MAX)),
});

export const PsfsRoundSchema = v.object({
  id,
  /** ISO date-time the round was answered. */
  at: v.pipe(v.string(), v.isoTimestamp('at must be an ISO date-time')),
  items: v.pipe(
    v.array(PsfsItemSchema),
    v.minLength(1, 'a round rates at least one activity'),
    v.maxLength(PSFS_MAX_ITEMS, PSFS_PROBLEMS.tooMany),
    v.check((xs) => new Set(xs.map((x) => x.id)).size === xs.length, PSFS_PROBLEMS.twice),
  ),
});

export const PsfsRoundsSchema = v.pipe(v.array(PsfsRoundSchema), v.maxLength(PSFS_MAX_ROUNDS));

export type PsfsItem = v.InferOutput<typeof PsfsItemSchema>;
export type PsfsRound = v.InferOutput<typeof PsfsRoundSchema>;

const PROBLEM_BY_TEXT = new Map(Object.entries(PSFS_PROBLEMS).map(([code, text]) => [text as string, code as PsfsProblem]));

/** A round as typed by the patient, checked: the round, or the first problem (its code, and in English). */
export function checkRound(data: unknown): { ok: true; round: PsfsRound } | { ok: false; code: PsfsProblem; message: string } {
  const r = v.safeParse(PsfsRoundSchema, data);
  if (r.success) return { ok: true, round: r.output };
  const message = r.issues[0]?.message ?? 'invalid';
  return { ok: false, code: PROBLEM_BY_TEXT.get(message) ?? 'invalid', message };
}

/** The PSFS score of a round: the mean of its item scores (0-10). */
export function psfsMean(round: Pick<PsfsRound, 'items'>): number {
  if (!round.items.length) return NaN;
  return round.items.reduce((s, i) => s + i.score, 0) / round.items.length;
}

/** Rounds oldest first (by their time; ties keep their order). */
export function byTime(rounds: readonly PsfsRound[]): PsfsRound[] {
  return [...rounds].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

export interface ItemChange {
  id: string;
  activity: string;
  from: number;
  to: number;
  delta: number;
  /** |delta| ≥ the single-activity MCID (3). */
  real: boolean;
}

export interface PsfsChange {
  from: number;
  to: number;
  /** Change of the mean score (later − earlier); positive is better. */
  delta: number;
  /** |delta| ≥ the mean-score MCID (2): a real change, better or worse. */
  real: boolean;
  direction: 'better' | 'worse' | 'same';
  /** Activities rated in both rounds. */
  items: ItemChange[];
}

// Scores are integers, so means are multiples of 1/5, 1/4 or 1/3: compare with a little slack
// so 2.0000000001 and 1.9999999999 both read as 2.
const EPS = 1e-9;

/** The change from an earlier round to a later one. */
export function psfsChange(earlier: PsfsRound, later: PsfsRound): PsfsChange {
  const from = psfsMean(earlier);
  const to = psfsMean(later);
  const delta = to - from;
  const real = Math.abs(delta) + EPS >= PSFS_MCID.mean;
  const before = new Map(earlier.items.map((i) => [i.id, i]));
  const items: ItemChange[] = later.items.flatMap((i) => {
    const b = before.get(i.id);
    if (!b) return [];
    const d = i.score - b.score;
    return [{ id: i.id, activity: i.activity, from: b.score, to: i.score, delta: d, real: Math.abs(d) >= PSFS_MCID.item }];
  });
  return { from, to, delta, real, direction: real ? (delta > 0 ? 'better' : 'worse') : 'same', items };
}

/** Local calendar day number (days since 1970-01-01) of epoch ms; `tzOffsetMin` as Date#getTimezoneOffset. */
function dayNumber(ms: number, tzOffsetMin: number): number {
  return Math.floor((ms - tzOffsetMin * 60_000) / 86_400_000);
}

/**
 * Is a PSFS round due now? At the first session (no round yet), then when the last round was
 * answered 7 or more calendar days ago (local days, so Monday evening → next Monday morning is due).
 */
export function psfsDue(rounds: readonly PsfsRound[], nowMs: number, tzOffsetMin = 0): boolean {
  if (!rounds.length) return true;
  const last = Math.max(...rounds.map((r) => Date.parse(r.at)).filter((t) => Number.isFinite(t)));
  if (!Number.isFinite(last)) return true;
  return dayNumber(nowMs, tzOffsetMin) - dayNumber(last, tzOffsetMin) >= PSFS_EVERY_DAYS;
}

/** The activities to ask about next: those of the latest round, in its order (scores not carried over). */
export function nextActivities(rounds: readonly PsfsRound[]): { id: string; activity: string; last: number }[] {
  const last = byTime(rounds).at(-1);
  return last ? last.items.map((i) => ({ id: i.id, activity: i.activity, last: i.score })) : [];
}

export interface PsfsPoint {
  round: PsfsRound;
  mean: number;
  /** Change of the mean since the first round. */
  sinceFirst: number;
  /** That change is at least the MCID. */
  real: boolean;
}

/** Every round with its mean and the change since the first, oldest first. */
export function psfsTrend(rounds: readonly PsfsRound[]): PsfsPoint[] {
  const sorted = byTime(rounds);
  const first = sorted[0];
  if (!first) return [];
  return sorted.map((round) => {
    const c = psfsChange(first, round);
    return { round, mean: c.to, sinceFirst: c.delta, real: c.real };
  });
}

/** Merge two lists of rounds (an import into what is stored): by id, the stored one wins; oldest first, capped. */
export function mergeRounds(stored: readonly PsfsRound[], incoming: readonly PsfsRound[]): PsfsRound[] {
  const seen = new Set(stored.map((r) => r.id));
  const all = [...stored, ...incoming.filter((r) => !seen.has(r.id))];
  return byTime(all).slice(-PSFS_MAX_ROUNDS);
}

/** The latest round answered at or before a time (for a session's report), or null. */
export function roundAt(rounds: readonly PsfsRound[], atMs: number): PsfsRound | null {
  return byTime(rounds).filter((r) => Date.parse(r.at) <= atMs).at(-1) ?? null;
}
