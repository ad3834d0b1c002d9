/**
 * Reminder times: the programme's "times a day" as clock times the patient chooses, and when
 * the next one falls. Pure: "now" is passed in. Times are local wall-clock times ("08:00"),
 * and every date here is set through local wall-clock fields (Date#setHours, which rolls over
 * days and months in local time), so a reminder set for 08:00 stays at 08:00 across midnight
 * and across a daylight-saving change.
 */
import * as v from 'valibot';

/** "HH:MM", 00:00-23:59. */
export const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;
export const MAX_TIMES = 12;

export const ReminderSettingsSchema = v.object({
  times: v.pipe(v.array(v.pipe(v.string(), v.regex(TIME_RE))), v.maxLength(MAX_TIMES)),
  /** The patient asked for notifications on this device. */
  notify: v.boolean(),
});
export type ReminderSettings = v.InferOutput<typeof ReminderSettingsSchema>;

/** Minutes after midnight of "HH:MM", or null when it is not a time. */
export function parseTime(t: string): number | null {
  const m = TIME_RE.exec(t);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** "HH:MM" of minutes after midnight. */
export function formatTime(minutes: number): string {
  const m = ((Math.round(minutes) % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** Valid times, each once, in order of the day. */
export function normaliseTimes(times: readonly string[]): string[] {
  return [...new Set(times.filter((t) => parseTime(t) !== null))].sort().slice(0, MAX_TIMES);
}

/**
 * Default times for n sessions a day: 08:00, then spread evenly to 18:00 (2 a day: 08:00 and
 * 18:00), on the quarter hour. source: starting point (the patient edits them)
 */
export function defaultTimes(timesPerDay: number): string[] {
  const n = Math.max(1, Math.min(MAX_TIMES, Math.round(timesPerDay)));
  if (n === 1) return ['08:00'];
  const first = 8 * 60;
  const last = 18 * 60;
  return normaliseTimes(Array.from({ length: n }, (_, i) => formatTime(Math.round((first + ((last - first) * i) / (n - 1)) / 15) * 15)));
}

/**
 * The wall-clock time `t` on the local day of `day`, `addDays` days later (a time that does not
 * exist that day, in a spring-forward gap, moves forward).
 */
export function atLocalTime(day: Date, t: string, addDays = 0): Date {
  const m = parseTime(t) ?? 0;
  const at = new Date(day.getTime());
  at.setHours(24 * addDays + Math.floor(m / 60), m % 60, 0, 0);
  return at;
}

/** The first reminder strictly after `now`, or null without times. */
export function nextReminder(now: Date, times: readonly string[]): Date | null {
  const list = normaliseTimes(times);
  if (!list.length) return null;
  for (let d = 0; d <= 2; d++) {
    for (const t of list) {
      const at = atLocalTime(now, t, d);
      if (at.getTime() > now.getTime()) return at;
    }
  }
  return null;
}

/**
 * Reminders that fell in (from, to]: what a page timer that woke at `to` (after last checking
 * at `from`) should show. Ones older than `maxLateMs` before `to` are dropped (a laptop that
 * slept all afternoon does not ring three times on waking). Oldest first.
 */
export function dueBetween(from: Date, to: Date, times: readonly string[], maxLateMs = 15 * 60_000): Date[] {
  const out: Date[] = [];
  if (to.getTime() <= from.getTime()) return out;
  let t = nextReminder(from, times);
  while (t && t.getTime() <= to.getTime()) {
    if (to.getTime() - t.getTime() <= maxLateMs) out.push(t);
    t = nextReminder(t, times);
  }
  return out;
}

/** The wanted times, or the defaults from the programme's largest "times a day". */
export function reminderTimes(saved: ReminderSettings | null, timesPerDay: readonly (number | undefined)[]): string[] {
  if (saved) return normaliseTimes(saved.times);
  const n = Math.max(1, ...timesPerDay.map((x) => x ?? 1));
  return defaultTimes(n);
}
