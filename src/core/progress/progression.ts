/**
 * Progression the physio sets, and regression on pain spreading down the leg. Pure: it reads
 * the saved session facts of one exercise, the prescription in force, the physio's rule and
 * the log of what was already proposed and answered; times come from the records and the
 * caller, never from a clock.
 *
 *   rule      "when every rep scores >= minScore for `sessions` sessions in a row, add `by`
 *             reps (or hold `by` s longer), up to `upTo`": set by the physio per exercise.
 *   progress  due when the last `sessions` sessions (done at the current dose or more, after
 *             the last accepted change) all qualify, the dose is below the cap, and the latest
 *             of them has not been answered yet (a "Not now" waits for the next good session).
 *   regress   due when the latest session of the exercise has a pain check-in whose reach
 *             after is further down the leg than before (peripheralisation), and it has not
 *             been answered: back one step (the dose before the last accepted step), never
 *             below the physio's starting dose.
 * source: clinical-basis.md#progression
 */
import * as v from 'valibot';
import type { Prescription } from '../check/exercise';
import { REACH_LEVEL, setsCompleted, type ExerciseKind, type SessionFacts } from './index';

export const ProgressionRuleSchema = v.object({
  /** Every rep of a session scores at least this (0-100). Hold exercises: every hold met its time. */
  minScore: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100)),
  /** Sessions in a row that must qualify. */
  sessions: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(30)),
  /** What grows: reps (or holds) per set, or the seconds held. */
  step: v.picklist(['reps', 'hold']),
  /** By how much per step (reps, or seconds). */
  by: v.pipe(v.number(), v.finite(), v.minValue(0.5), v.maxValue(60)),
  /** Never beyond this many reps (or seconds). */
  upTo: v.pipe(v.number(), v.finite(), v.minValue(1), v.maxValue(1000)),
});
export type ProgressionRule = v.InferOutput<typeof ProgressionRuleSchema>;

/** The part of a prescription a step changes. */
export const DoseSchema = v.object({
  reps: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000))),
  holdS: v.optional(v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(600))),
});
export type Dose = v.InferOutput<typeof DoseSchema>;

const safeText = (max: number) =>
  // eslint-disable-next-line no-control-regex
  v.pipe(v.string(), v.maxLength(max), v.regex(/^[^\u0000-\u001f\u007f<>]*$/, 'must not contain control characters or < >'));

export const ProgressionLogEntrySchema = v.object({
  /** `${kind}:${exercise}:${sessionId}`: one entry per proposal. */
  id: safeText(200),
  exercise: safeText(60),
  kind: v.picklist(['progress', 'regress']),
  /** The session that triggered it (the last good one, or the one where pain spread). */
  sessionId: safeText(100),
  from: DoseSchema,
  /** null: a regression with no lower step (already at the starting dose): told, not changed. */
  to: v.nullable(DoseSchema),
  /** ISO time the proposal was first shown. */
  proposedAt: v.pipe(safeText(40), v.isoTimestamp()),
  answer: v.picklist(['pending', 'accepted', 'declined', 'seen']),
  answeredAt: v.optional(v.pipe(safeText(40), v.isoTimestamp())),
  /** Why, in words the physio reads. */
  reason: safeText(300),
});
export type ProgressionLogEntry = v.InferOutput<typeof ProgressionLogEntrySchema>;
export const MAX_LOG_ENTRIES = 500;
export const ProgressionLogSchema = v.pipe(v.array(ProgressionLogEntrySchema), v.maxLength(MAX_LOG_ENTRIES));

/** A suggested change of dose, not yet answered. */
export interface Proposal {
  id: string;
  kind: 'progress' | 'regress';
  exercise: string;
  sessionId: string;
  from: Dose;
  /** null: no lower step exists (regression at the starting dose). */
  to: Dose | null;
  reason: string;
}

/** The dose of a prescription (the quantities a rule can step). */
export function doseOf(p: Pick<Prescription, 'reps' | 'holdS'>): Dose {
  return { ...(p.reps !== undefined ? { reps: p.reps } : {}), ...(p.holdS !== undefined ? { holdS: p.holdS } : {}) };
}

/** A prescription with a new dose. */
export function withDose(p: Prescription, d: Dose): Prescription {
  return { ...p, ...(d.reps !== undefined ? { reps: d.reps } : {}), ...(d.holdS !== undefined ? { holdS: d.holdS } : {}) };
}

function amount(p: Pick<Prescription, 'reps' | 'holdS'>, step: ProgressionRule['step']): number {
  return (step === 'reps' ? p.reps : p.holdS) ?? 0;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** The next dose up under the rule, or null at (or past) the cap. */
export function nextDose(current: Prescription, rule: ProgressionRule): Dose | null {
  const now = amount(current, rule.step);
  if (now >= rule.upTo) return null;
  const to = Math.min(rule.upTo, round1(now + rule.by));
  return rule.step === 'reps' ? { reps: Math.max(1, Math.round(to)) } : { holdS: to };
}

/**
 * How one session counts toward a progression:
 * 'good': the whole prescribed dose done (every set) at the current dose or more, every rep
 *   scoring at least minScore (every hold meeting its time), and the pain did not spread;
 * 'bad': something done, but not all of that;
 * 'none': nothing done (opened and closed): neither breaks nor extends a streak.
 */
export function sessionQuality(f: SessionFacts, kind: ExerciseKind, rule: ProgressionRule, current: Prescription): 'good' | 'bad' | 'none' {
  const done = kind.kind === 'hold' ? f.holds.length : f.reps.length;
  if (done === 0 && !peripheralised(f)) return 'none';
  if (peripheralised(f)) return 'bad';
  // A session done at a lower dose than the one now in force says nothing about this one.
  if (amount(f.prescription, rule.step) < amount(current, rule.step)) return 'bad';
  if (setsCompleted(f, kind) < f.prescription.sets) return 'bad';
  if (kind.kind === 'hold') return f.holds.every((h) => h.met) ? 'good' : 'bad';
  return f.reps.every((r) => r.score >= rule.minScore) ? 'good' : 'bad';
}

/** Pain reached further down the leg after the session than before it (peripheralisation). source: clinical-basis.md#progression */
export function peripheralised(f: Pick<SessionFacts, 'pain'>): boolean {
  const before = f.pain.find((p) => p.when === 'before');
  const after = [...f.pain].reverse().find((p) => p.when === 'after');
  return !!before && !!after && REACH_LEVEL[after.reach] > REACH_LEVEL[before.reach];
}

const answered = (e: ProgressionLogEntry) => e.answer !== 'pending';

export interface ProgressionInput {
  exercise: string;
  kind: ExerciseKind;
  /** The prescription in force now. */
  current: Prescription;
  rule: ProgressionRule | undefined;
  /** Every stored session (any exercise, any order). */
  facts: readonly SessionFacts[];
  log: readonly ProgressionLogEntry[];
}

/** The sessions of this exercise that count, oldest first: after the last accepted change. */
function relevant(input: ProgressionInput): SessionFacts[] {
  const mine = input.log.filter((e) => e.exercise === input.exercise);
  // Times compared as instants: an imported record may carry a UTC offset rather than Z.
  const lastChange = Math.max(-Infinity, ...mine.filter((e) => e.answer === 'accepted').map((e) => Date.parse(e.answeredAt ?? e.proposedAt)));
  return input.facts
    .filter((f) => f.exercise === input.exercise && Date.parse(f.startedAt) > lastChange)
    .slice()
    .sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
}

/** The physio's starting dose: where the first accepted step started, else the dose in force. */
export function startingDose(input: Pick<ProgressionInput, 'exercise' | 'current' | 'log'>): Dose {
  const first = input.log
    .filter((e) => e.exercise === input.exercise && e.kind === 'progress' && e.answer === 'accepted')
    .sort((a, b) => (a.answeredAt ?? a.proposedAt).localeCompare(b.answeredAt ?? b.proposedAt))[0];
  return first ? first.from : doseOf(input.current);
}

/** One step back from the dose in force, never below the starting dose; null when there is none. */
export function previousDose(input: Pick<ProgressionInput, 'exercise' | 'current' | 'log' | 'rule'>): Dose | null {
  const cur = doseOf(input.current);
  const start = startingDose(input);
  const same = (a: Dose, b: Dose) => (a.reps ?? null) === (b.reps ?? null) && (a.holdS ?? null) === (b.holdS ?? null);
  if (same(cur, start)) return null;
  // The step that led here, when the log has it.
  const last = input.log
    .filter((e) => e.exercise === input.exercise && e.kind === 'progress' && e.answer === 'accepted' && e.to && same(e.to, cur))
    .sort((a, b) => (a.answeredAt ?? a.proposedAt).localeCompare(b.answeredAt ?? b.proposedAt))
    .at(-1);
  if (last) return last.from;
  // Otherwise one rule step down, floored at the start.
  if (!input.rule) return start;
  const { step, by } = input.rule;
  const floor = step === 'reps' ? (start.reps ?? 1) : (start.holdS ?? 0);
  const down = Math.max(floor, round1(amount(input.current, step) - by));
  return { ...cur, ...(step === 'reps' ? { reps: Math.max(1, Math.round(down)) } : { holdS: down }) };
}

function describeDose(d: Dose, kind: ExerciseKind): string {
  const parts: string[] = [];
  if (d.reps !== undefined) parts.push(`${d.reps} ${kind.kind === 'hold' ? 'holds' : 'reps'}`);
  if (d.holdS !== undefined) parts.push(`hold ${d.holdS} s`);
  return parts.join(', ');
}

/**
 * What to propose for one exercise now, or null. Regression first (pain spreading down the
 * leg outranks any step up); only exercises with a physio's rule are ever proposed.
 */
export function decideProgression(input: ProgressionInput): Proposal | null {
  const { rule, exercise, kind } = input;
  if (!rule) return null;
  const sessions = relevant(input);
  const done = sessions.filter((f) => sessionQuality(f, kind, rule, input.current) !== 'none');
  const latest = done.at(-1);
  if (!latest) return null;
  const wasAnswered = (id: string) => input.log.some((e) => e.id === id && answered(e));

  if (peripheralised(latest)) {
    const id = `regress:${exercise}:${latest.id}`;
    if (wasAnswered(id)) return null;
    const to = previousDose(input);
    return {
      id,
      kind: 'regress',
      exercise,
      sessionId: latest.id,
      from: doseOf(input.current),
      to,
      reason: to
        ? `Pain spread further down the leg in the session of ${latest.startedAt.slice(0, 10)}: back to ${describeDose(to, kind)}.`
        : `Pain spread further down the leg in the session of ${latest.startedAt.slice(0, 10)}; already at the starting dose.`,
    };
  }

  let streak = 0;
  for (let i = done.length - 1; i >= 0 && sessionQuality(done[i]!, kind, rule, input.current) === 'good'; i--) streak += 1;
  if (streak < rule.sessions) return null;
  const up = nextDose(input.current, rule);
  if (!up) return null;
  const to: Dose = { ...doseOf(input.current), ...up };
  const id = `progress:${exercise}:${latest.id}`;
  if (wasAnswered(id)) return null;
  return {
    id,
    kind: 'progress',
    exercise,
    sessionId: latest.id,
    from: doseOf(input.current),
    to,
    reason:
      kind.kind === 'hold'
        ? `${streak} sessions in a row with every hold done: ${describeDose(to, kind)} (rule: up to ${rule.upTo}).`
        : `${streak} sessions in a row with every rep scoring ${rule.minScore} or more: ${describeDose(to, kind)} (rule: up to ${rule.upTo}).`,
  };
}

/** The log with a proposal recorded as shown (once; an entry already there is kept). */
export function logProposed(log: readonly ProgressionLogEntry[], p: Proposal, at: string): ProgressionLogEntry[] {
  if (log.some((e) => e.id === p.id)) return [...log];
  const entry: ProgressionLogEntry = {
    id: p.id,
    exercise: p.exercise,
    kind: p.kind,
    sessionId: p.sessionId,
    from: p.from,
    to: p.to,
    proposedAt: at,
    answer: 'pending',
    reason: p.reason,
  };
  return [...log, entry].slice(-MAX_LOG_ENTRIES);
}

/** The log with the patient's answer to a proposal. */
export function logAnswer(
  log: readonly ProgressionLogEntry[],
  p: Proposal,
  answer: 'accepted' | 'declined' | 'seen',
  at: string,
): ProgressionLogEntry[] {
  const withIt = logProposed(log, p, at);
  return withIt.map((e) => (e.id === p.id ? { ...e, answer, answeredAt: at } : e));
}

/** A rule as the physio reads it. */
export function describeRule(r: ProgressionRule, kind: ExerciseKind): string {
  const when = kind.kind === 'hold' ? `every hold is done for ${r.sessions} sessions in a row` : `every rep scores ${r.minScore} or more for ${r.sessions} sessions in a row`;
  const what = r.step === 'reps' ? `add ${r.by} ${kind.kind === 'hold' ? 'holds' : 'reps'}, up to ${r.upTo}` : `hold ${r.by} s longer, up to ${r.upTo} s`;
  return `When ${when}, ${what}.`;
}
