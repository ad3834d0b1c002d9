/**
 * The reminders as a calendar file (.ics, made with the `ics` library): one event a day at
 * each chosen time (RRULE FREQ=DAILY), listing the exercises, with an alarm 5 minutes before so
 * a phone's calendar rings. Floating local times: 08:00 stays 08:00 wherever and whenever the
 * calendar is (also across daylight-saving changes).
 */
import { createEvents, type EventAttributes } from 'ics';
import { normaliseTimes, parseTime } from '../core/reminders';

export type CalendarResult = { ok: true; text: string } | { ok: false; message: string };

/** The words the file carries (the app passes them in the patient's language; English by default). */
export interface CalendarWords {
  title: string;
  intro: string;
  line: (e: { title: string; dose: string }) => string;
  setup: string;
  alarm: string;
  calendarName: string;
  noTimes: string;
  failed: (error: string) => string;
}

export const ENGLISH_CALENDAR_WORDS: CalendarWords = {
  title: 'Rootwell: time for your exercises',
  intro: 'Your Rootwell exercises:',
  line: (e) => `- ${e.title}: ${e.dose}`,
  setup: 'Open Rootwell on your computer and place it 2-3 metres away.',
  alarm: 'Rootwell exercises in 5 minutes: time to set up the laptop',
  calendarName: 'Rootwell exercises',
  noTimes: 'Choose at least one time first.',
  failed: (error) => `The calendar file could not be made (${error}).`,
};

export function remindersCalendar(
  times: readonly string[],
  exercises: readonly { title: string; dose: string }[],
  /** The first day (local calendar date). */
  from: { year: number; month: number; day: number },
  words: CalendarWords = ENGLISH_CALENDAR_WORDS,
): CalendarResult {
  const list = normaliseTimes(times);
  if (!list.length) return { ok: false, message: words.noTimes };
  const lines = exercises.map(words.line);
  const description = [words.intro, ...lines, '', words.setup].join('\n');
  const events: EventAttributes[] = list.map((t) => {
    const m = parseTime(t)!;
    return {
      uid: `rootwell-reminder-${t.replace(':', '')}@rootwell.local`,
      title: words.title,
      description,
      start: [from.year, from.month, from.day, Math.floor(m / 60), m % 60],
      startInputType: 'local',
      startOutputType: 'local',
      duration: { minutes: 20 },
      recurrenceRule: 'FREQ=DAILY',
      // 5 minutes ahead, to set the laptop up on the floor (and the library cannot write a zero duration).
      alarms: [{ action: 'display', description: words.alarm, trigger: { minutes: 5, before: true } }],
      productId: 'rootwell/reminders',
      calName: words.calendarName,
    };
  });
  const r = createEvents(events, { productId: 'rootwell/reminders', calName: words.calendarName });
  if (r.error || !r.value) return { ok: false, message: words.failed(r.error?.message ?? 'unknown error') };
  return { ok: true, text: r.value };
}
