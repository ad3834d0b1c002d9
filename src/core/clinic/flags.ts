/**
 * What the clinic view shows for each patient (issue 10): the last session, adherence this week
 * against the prescription, the trend of range of motion and pain, and the flags that need the
 * physio's attention. Pure: "now" and the time zone are the caller's.
 */
import { localDay, weekStart, type ProgrammeLine } from '../progress';
import type { PatientStatus, SetSummary } from './summary';

export type FlagKind = 'red-flag' | 'peripheralised' | 'missed-days' | 'form-falling';

export interface Flag {
  kind: FlagKind;
  /** The session that raised it (peripheralised), or the exercise (form falling). */
  sessionId?: string;
  exercise?: string;
  /** missed-days: whole days since the last day exercised. */
  days?: number;
  /** form-falling: the mean score before and now. */
  from?: number;
  to?: number;
}

/** Days without a session before the physio is told. source: clinical-basis.md#clinic-flags (starting point; the clinical texts ask for adherence to be shown) */
export const MISSED_DAYS = 3;
/** Sessions of one exercise compared, each side of the split. source: clinical-basis.md#clinic-flags (starting point) */
export const FORM_WINDOW = 3;
/** A fall in the mean form score (points of 100) that is flagged. source: clinical-basis.md#clinic-flags (starting point) */
export const FORM_DROP = 10;
/** How far back a peripheralised session is still flagged. source: clinical-basis.md#clinic-flags (starting point) */
export const PERIPHERAL_DAYS = 7;

const DAY = 86_400_000;
const dayMs = (day: string): number => Date.parse(`${day}T00:00:00Z`);
const byTime = (a: SetSummary, b: SetSummary): number => a.startedAt.localeCompare(b.startedAt) || a.id.localeCompare(b.id);
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/** The flags, most pressing first. */
export function patientFlags(summaries: readonly SetSummary[], status: PatientStatus | null, nowIso: string, tzOffsetMin = 0): Flag[] {
  const out: Flag[] = [];
  const sorted = [...summaries].sort(byTime);
  // source: clinical-basis.md#safety-screen: any "yes" means urgent care; the latest answer counts.
  const latestSafety = [status?.safety ?? null, ...sorted.map((s) => s.safety)].filter((s) => s !== null).sort((a, b) => b.at.localeCompare(a.at))[0];
  if (latestSafety?.result === 'stop') out.push({ kind: 'red-flag' });

  // source: clinical-basis.md#pain-check-in: pain spreading down the leg is a reason to tell the physio.
  const today = localDay(nowIso, tzOffsetMin);
  const recent = sorted.filter((s) => dayMs(today) - dayMs(localDay(s.startedAt, tzOffsetMin)) < PERIPHERAL_DAYS * DAY);
  const spread = [...recent].reverse().find((s) => s.painChange === 'peripheralised');
  if (spread) out.push({ kind: 'peripheralised', sessionId: spread.id, exercise: spread.exercise });

  const done = sorted.filter((s) => s.reps + s.holds > 0);
  const last = done[done.length - 1];
  if (last) {
    const days = Math.round((dayMs(today) - dayMs(localDay(last.startedAt, tzOffsetMin))) / DAY);
    if (days >= MISSED_DAYS) out.push({ kind: 'missed-days', days });
  }

  for (const ex of new Set(done.map((s) => s.exercise))) {
    const scores = done.filter((s) => s.exercise === ex && s.meanScore !== null).map((s) => s.meanScore as number);
    if (scores.length < 4) continue;
    const k = Math.min(FORM_WINDOW, Math.floor(scores.length / 2));
    const before = mean(scores.slice(-2 * k, -k));
    const now = mean(scores.slice(-k));
    if (before - now >= FORM_DROP) out.push({ kind: 'form-falling', exercise: ex, from: Math.round(before), to: Math.round(now) });
  }
  return out;
}

export interface WeekSoFar {
  /** Monday of this week (YYYY-MM-DD). */
  week: string;
  daysExercised: number;
  setsDone: number;
  /** Sets the programme asks for from Monday to today (Σ sets × times a day × days); null without a programme. */
  setsPrescribed: number | null;
}

/** Adherence this week so far against the prescription. */
export function weekSoFar(summaries: readonly SetSummary[], programme: readonly ProgrammeLine[] | null, nowIso: string, tzOffsetMin = 0): WeekSoFar {
  const today = localDay(nowIso, tzOffsetMin);
  const week = weekStart(today);
  const daysSoFar = Math.round((dayMs(today) - dayMs(week)) / DAY) + 1;
  const mine = summaries.filter((s) => weekStart(localDay(s.startedAt, tzOffsetMin)) === week && localDay(s.startedAt, tzOffsetMin) <= today);
  const days = new Set(mine.filter((s) => s.reps + s.holds > 0).map((s) => localDay(s.startedAt, tzOffsetMin)));
  const perDay = programme ? programme.reduce((n, l) => n + l.sets * (l.timesPerDay ?? 1), 0) : null;
  return { week, daysExercised: days.size, setsDone: mine.reduce((n, s) => n + (s.setsDone ?? 0), 0), setsPrescribed: perDay === null ? null : perDay * daysSoFar };
}

export interface PatientOverview {
  sessions: number;
  last: SetSummary | null;
  week: WeekSoFar;
  /** The last session's exercise's range of motion, oldest first (at most `points`). */
  rom: { exercise: string; values: number[] } | null;
  /** Leg pain (after the set, else before), oldest first (at most `points`). */
  legPain: number[];
  flags: Flag[];
}

/** Everything one row of the clinic view shows. */
export function patientOverview(
  summaries: readonly SetSummary[],
  status: PatientStatus | null,
  programme: readonly ProgrammeLine[] | null,
  nowIso: string,
  tzOffsetMin = 0,
  points = 14,
): PatientOverview {
  const sorted = [...summaries].sort(byTime);
  const last = sorted[sorted.length - 1] ?? null;
  const romOf = last ? sorted.filter((s) => s.exercise === last.exercise && s.rom !== null).map((s) => s.rom as number) : [];
  const legPain = sorted.flatMap((s) => {
    const p = s.painAfter ?? s.painBefore;
    return p ? [p.leg] : [];
  });
  return {
    sessions: sorted.length,
    last,
    week: weekSoFar(sorted, programme, nowIso, tzOffsetMin),
    rom: last && romOf.length ? { exercise: last.exercise, values: romOf.slice(-points) } : null,
    legPain: legPain.slice(-points),
    flags: patientFlags(sorted, status, nowIso, tzOffsetMin),
  };
}
