/**
 * The reminders as a calendar file (.ics, made with the `ics` library): one event a day at
 * each chosen time (RRULE FREQ=DAILY), listing the exercises, with an alarm 5 minutes before so
 * a phone's calendar rings. Floating local times: 08:00 stays 08:00 wherever and whenever the
 * calendar is (also across daylight-saving changes).
 */
import { createEvents, type EventAttributes } from 'ics';
import { normaliseTimes, parseTime } from '../core/reminders';

export type CalendarResult = { ok: true; text: string } | { ok: false; message: string };

export function remindersCalendar(
  times: readonly string[],
  exercises: readonly { title: string; dose: string }[],
  /** The first day (local calendar date). */
  from: { year: number; month: number; day: number },
): CalendarResult {
  const list = normaliseTimes(times);
  if (!list.length) return { ok: false, message: 'Choose at least one time first.' };
  const lines = exercises.map((e) => `- ${e.title}: ${e.dose}`);
  const description = ['Your Rootwell exercises:', ...lines, '', 'Open Rootwell on your computer and place it 2-3 metres away.'].join('\n');
  const events: EventAttributes[] = list.map((t) => {
    const m = parseTime(t)!;
    return {
      uid: `rootwell-reminder-${t.replace(':', '')}@rootwell.local`,
      title: 'Rootwell: time for your exercises',
      description,
      start: [from.year, from.month, from.day, Math.floor(m / 60), m % 60],
      startInputType: 'local',
      startOutputType: 'local',
      duration: { minutes: 20 },
      recurrenceRule: 'FREQ=DAILY',
      // 5 minutes ahead, to set the laptop up on the floor (and the library cannot write a zero duration).
      alarms: [{ action: 'display', description: 'Rootwell exercises in 5 minutes: time to set up the laptop', trigger: { minutes: 5, before: true } }],
      productId: 'rootwell/reminders',
      calName: 'Rootwell exercises',
    };
  });
  const r = createEvents(events, { productId: 'rootwell/reminders', calName: 'Rootwell exercises' });
  if (r.error || !r.value) return { ok: false, message: `The calendar file could not be made (${r.error?.message ?? 'unknown error'}).` };
  return { ok: true, text: r.value };
}
