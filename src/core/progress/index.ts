/**
 * Progress across sessions, from what each stored record says happened (its rep and hold
 * events and pain check-ins): adherence per week, range of motion and hold times per exercise
 * and side, pain before/after and how far down the leg it reaches. Pure: dates come from the
 * records and the caller's time-zone offset, never from a clock.
 */
import type { HoldDetail, Prescription, RepDetail, RepSide } from '../check/exercise';
import type { PainCheckIn, SessionRecord } from '../session/schema';

/** What progress needs from one stored session (small: no frames). */
export interface SessionFacts {
  id: string;
  exercise: string;
  /** ISO date-time the session started. */
  startedAt: string;
  /** false: cut short (tab closed, crash) — its reps still count as done. */
  complete: boolean;
  prescription: Prescription;
  reps: RepDetail[];
  holds: HoldDetail[];
  pain: PainCheckIn[];
  /** Recorded seconds. */
  durationS: number;
}

/** The facts of a record, read from its recorded events (no replay). */
export function factsFromRecord(id: string, record: SessionRecord, complete: boolean): SessionFacts {
  const reps: RepDetail[] = [];
  const holds: HoldDetail[] = [];
  for (const e of record.events) {
    if (e.type === 'rep') reps.push(e.rep as RepDetail);
    else if (e.type === 'hold') holds.push(e.hold as HoldDetail);
  }
  const durationS = record.frames.t.reduce((s, d, i) => (i === 0 ? 0 : s + d), 0) / 1000;
  return {
    id,
    exercise: record.header.exercise,
    startedAt: record.header.startedAt,
    complete,
    prescription: record.header.prescription as Prescription,
    reps,
    holds,
    pain: record.pain,
    durationS: Math.round(durationS * 10) / 10,
  };
}

/** What an exercise counts: reps or holds; how many sides a set covers. */
export interface ExerciseKind {
  kind: 'reps' | 'hold';
  perSide: boolean;
}

/** Sides one set covers, as the pipeline counts them (a per-side exercise with no side given does both). */
export function sidesPerSet(ex: ExerciseKind, p: Pick<Prescription, 'sides'>): number {
  return ex.perSide ? Math.max(1, p.sides.filter((s) => s !== 'both').length || 2) : 1;
}

/** Sets a session completed: reps (or holds) done ÷ (reps per set × sides), at most the sets prescribed. */
export function setsCompleted(f: SessionFacts, ex: ExerciseKind): number {
  const perSet = (f.prescription.reps ?? 1) * sidesPerSet(ex, f.prescription);
  const done = ex.kind === 'hold' ? f.holds.length : f.reps.length;
  return Math.min(f.prescription.sets, Math.floor(done / Math.max(1, perSet)));
}

/** Local calendar day (YYYY-MM-DD) of an ISO time; `tzOffsetMin` as Date#getTimezoneOffset (UTC − local, minutes). */
export function localDay(iso: string, tzOffsetMin = 0): string {
  const ms = Date.parse(iso) - tzOffsetMin * 60_000;
  return new Date(ms).toISOString().slice(0, 10);
}

/** Monday (YYYY-MM-DD) of the week a local day falls in. */
export function weekStart(day: string): string {
  const d = new Date(`${day}T00:00:00.000Z`);
  const dow = (d.getUTCDay() + 6) % 7; // Monday = 0
  return new Date(d.getTime() - dow * 86_400_000).toISOString().slice(0, 10);
}

/** One programme line as adherence needs it. */
export interface ProgrammeLine {
  exercise: string;
  sets: number;
  timesPerDay?: number;
}

export interface WeekAdherence {
  /** Monday, YYYY-MM-DD. */
  week: string;
  /** Distinct days with at least one rep or hold (0-7). */
  daysExercised: number;
  /** Sets completed (see setsCompleted). */
  setsDone: number;
  /** Sets the programme asks for in a week: Σ sets × times a day × 7; null without a programme. */
  setsPrescribed: number | null;
  /** Sessions started (including cut-short ones). */
  sessions: number;
}

/**
 * Adherence per week, oldest first, with empty weeks between the first and last filled in
 * (a gap is information for the physio).
 */
export function weeklyAdherence(
  facts: SessionFacts[],
  kinds: Record<string, ExerciseKind>,
  programme: ProgrammeLine[] | null,
  tzOffsetMin = 0,
): WeekAdherence[] {
  const perWeek = programme ? programme.reduce((s, l) => s + l.sets * (l.timesPerDay ?? 1) * 7, 0) : null;
  const weeks = new Map<string, { days: Set<string>; sets: number; sessions: number }>();
  for (const f of facts) {
    const day = localDay(f.startedAt, tzOffsetMin);
    const wk = weekStart(day);
    const w = weeks.get(wk) ?? { days: new Set<string>(), sets: 0, sessions: 0 };
    w.sessions += 1;
    if (f.reps.length + f.holds.length > 0) w.days.add(day);
    const k = kinds[f.exercise];
    if (k) w.sets += setsCompleted(f, k);
    weeks.set(wk, w);
  }
  const keys = [...weeks.keys()].sort();
  if (keys.length === 0) return [];
  const out: WeekAdherence[] = [];
  const last = Date.parse(`${keys[keys.length - 1]}T00:00:00Z`);
  for (let t = Date.parse(`${keys[0]}T00:00:00Z`); t <= last; t += 7 * 86_400_000) {
    const wk = new Date(t).toISOString().slice(0, 10);
    const w = weeks.get(wk);
    out.push({ week: wk, daysExercised: w?.days.size ?? 0, setsDone: w?.sets ?? 0, setsPrescribed: perWeek, sessions: w?.sessions ?? 0 });
  }
  return out;
}

/** One point of a per-session series. */
export interface SessionPoint {
  /** Seconds since the epoch (uPlot's time axis). */
  t: number;
  startedAt: string;
  sessionId: string;
  value: number;
}

/** Per side (left / right / both) series of one exercise. */
export type SideSeries = Partial<Record<RepSide, SessionPoint[]>>;

function push(series: SideSeries, side: RepSide, p: SessionPoint): void {
  (series[side] ??= []).push(p);
}

const byTime = (a: SessionFacts, b: SessionFacts) => a.startedAt.localeCompare(b.startedAt);
const epochS = (iso: string) => Date.parse(iso) / 1000;

/**
 * Range of motion of one exercise over time: per session and side, the best rep peak of the
 * counted signal (deg), e.g. straight-leg-raise peak hip flexion; for hold exercises, the
 * largest mean angle held.
 */
export function rangeOfMotion(facts: SessionFacts[], exercise: string): SideSeries {
  const series: SideSeries = {};
  for (const f of [...facts].filter((x) => x.exercise === exercise).sort(byTime)) {
    const best = new Map<RepSide, number>();
    for (const r of f.reps) best.set(r.side, Math.max(best.get(r.side) ?? -Infinity, r.peak));
    for (const h of f.holds) if (h.angle !== null && !f.reps.length) best.set(h.side, Math.max(best.get(h.side) ?? -Infinity, h.angle));
    for (const [side, value] of best) push(series, side, { t: epochS(f.startedAt), startedAt: f.startedAt, sessionId: f.id, value: round1(value) });
  }
  return series;
}

/** Hold times over time: per session and side, the mean seconds held (rep tops and stretches). */
export function holdTimes(facts: SessionFacts[], exercise: string): SideSeries {
  const series: SideSeries = {};
  for (const f of [...facts].filter((x) => x.exercise === exercise).sort(byTime)) {
    const by = new Map<RepSide, number[]>();
    const holds = f.holds.length ? f.holds.map((h) => [h.side, h.seconds] as const) : f.reps.map((r) => [r.side, r.holdS] as const);
    for (const [side, s] of holds) by.set(side, [...(by.get(side) ?? []), s]);
    for (const [side, xs] of by) {
      push(series, side, { t: epochS(f.startedAt), startedAt: f.startedAt, sessionId: f.id, value: round1(xs.reduce((a, b) => a + b, 0) / xs.length) });
    }
  }
  return series;
}

/** How far down the leg pain reaches, 0 (none) … 4 (foot); lower is more central. */
export const REACH_LEVEL = { none: 0, buttock: 1, thigh: 2, calf: 3, foot: 4 } as const;

export interface PainPoint {
  t: number;
  startedAt: string;
  sessionId: string;
  exercise: string;
  before: PainCheckIn | null;
  after: PainCheckIn | null;
  /**
   * Pain moved toward the spine during the session (reach after < before): 'centralised';
   * further down the leg: 'peripheralised' (a reason to stop and tell the physio); else 'same'.
   * source: clinical-basis.md#pain-check-in (centralisation)
   */
  change: 'centralised' | 'peripheralised' | 'same' | null;
}

/** Pain check-ins over time, oldest first, with the centralisation change within each session. */
export function painOverTime(facts: SessionFacts[]): PainPoint[] {
  const out: PainPoint[] = [];
  for (const f of [...facts].sort(byTime)) {
    if (!f.pain.length) continue;
    const before = f.pain.find((p) => p.when === 'before') ?? null;
    const after = [...f.pain].reverse().find((p) => p.when === 'after') ?? null;
    let change: PainPoint['change'] = null;
    if (before && after) {
      const d = REACH_LEVEL[after.reach] - REACH_LEVEL[before.reach];
      change = d < 0 ? 'centralised' : d > 0 ? 'peripheralised' : 'same';
    }
    out.push({ t: epochS(f.startedAt), startedAt: f.startedAt, sessionId: f.id, exercise: f.exercise, before, after, change });
  }
  return out;
}

/** Exercises present in the facts, in first-seen order by time. */
export function exercisesDone(facts: SessionFacts[]): string[] {
  return [...new Set([...facts].sort(byTime).map((f) => f.exercise))];
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/** Put several point lists on one shared x axis (uPlot's aligned data), null where a list has no point. */
export function alignSeries(lists: readonly { t: number; value: number | null }[][]): { x: number[]; ys: (number | null)[][] } {
  const x = [...new Set(lists.flatMap((l) => l.map((p) => p.t)))].sort((a, b) => a - b);
  const at = new Map(x.map((t, i) => [t, i]));
  const ys = lists.map((l) => {
    const col: (number | null)[] = x.map(() => null);
    for (const p of l) col[at.get(p.t)!] = p.value;
    return col;
  });
  return { x, ys };
}
