// Reminder times and the calendar file. The schedule works in local wall-clock time: this file
// runs in Europe/London so the daylight-saving changes (29 March and 25 October 2026) are real.
process.env.TZ = 'Europe/London';

import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { defaultTimes, dueBetween, nextReminder, normaliseTimes, parseTime, reminderTimes } from '../../src/core/reminders';
import { remindersCalendar } from '../../src/storage/calendar';

/** A local wall-clock moment (Europe/London). */
const local = (y: number, mo: number, d: number, h: number, mi = 0) => new Date(y, mo - 1, d, h, mi);
const hm = (d: Date | null) => (d ? `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()} ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}` : null);

describe('reminder times', () => {
  it('the time zone is in force (London is UTC+1 in summer)', () => {
    expect(local(2026, 7, 1, 12).toISOString()).toBe('2026-07-01T11:00:00.000Z');
    expect(local(2026, 12, 1, 12).toISOString()).toBe('2026-12-01T12:00:00.000Z');
  });

  it('defaults come from times a day: 08:00 and 18:00 for twice a day', () => {
    expect(defaultTimes(1)).toEqual(['08:00']);
    expect(defaultTimes(2)).toEqual(['08:00', '18:00']);
    expect(defaultTimes(3)).toEqual(['08:00', '13:00', '18:00']);
    expect(defaultTimes(4)).toEqual(['08:00', '11:15', '14:45', '18:00']);
    expect(reminderTimes(null, [1, 2, undefined])).toEqual(['08:00', '18:00']);
    expect(reminderTimes({ times: ['19:30', '07:15', '19:30'], notify: false }, [2])).toEqual(['07:15', '19:30']);
  });

  it('bad times are dropped', () => {
    expect(parseTime('24:00')).toBeNull();
    expect(parseTime('7:00')).toBeNull();
    expect(parseTime('07:05')).toBe(425);
    expect(normaliseTimes(['18:00', 'soon', '08:00', '25:61'])).toEqual(['08:00', '18:00']);
  });

  it('the next reminder: later today, or tomorrow across midnight', () => {
    const times = ['08:00', '18:00'];
    expect(hm(nextReminder(local(2026, 12, 2, 7, 59), times))).toBe('2026-12-2 08:00');
    expect(hm(nextReminder(local(2026, 12, 2, 8, 0), times))).toBe('2026-12-2 18:00'); // strictly after
    expect(hm(nextReminder(local(2026, 12, 2, 23, 30), times))).toBe('2026-12-3 08:00');
    expect(hm(nextReminder(local(2026, 12, 31, 19, 0), times))).toBe('2027-1-1 08:00');
    expect(nextReminder(local(2026, 12, 2, 9), [])).toBeNull();
  });

  it('stays at 08:00 local across the daylight-saving changes (23- and 25-hour days)', () => {
    // Spring forward on Sunday 29 March 2026: 08:00 BST is 07:00 UTC, the day before it was 08:00 UTC.
    const sat = nextReminder(local(2026, 3, 28, 9), ['08:00'])!;
    expect(hm(sat)).toBe('2026-3-29 08:00');
    expect(sat.toISOString()).toBe('2026-03-29T07:00:00.000Z');
    expect(sat.getTime() - local(2026, 3, 28, 8).getTime()).toBe(23 * 3600_000);
    // Fall back on Sunday 25 October 2026.
    const oct = nextReminder(local(2026, 10, 24, 9), ['08:00'])!;
    expect(oct.toISOString()).toBe('2026-10-25T08:00:00.000Z');
    expect(oct.getTime() - local(2026, 10, 24, 8).getTime()).toBe(25 * 3600_000);
    // A time in the spring-forward gap (01:30 does not exist that night) moves forward, it is not skipped.
    expect(hm(nextReminder(local(2026, 3, 29, 0, 30), ['01:30']))).toBe('2026-3-29 02:30');
  });

  it('due between two checks of a page timer; a long sleep does not ring stale ones', () => {
    const times = ['08:00', '18:00'];
    expect(dueBetween(local(2026, 12, 2, 7, 59, ), local(2026, 12, 2, 8, 0), times).map(hm)).toEqual(['2026-12-2 08:00']);
    expect(dueBetween(local(2026, 12, 2, 8, 0), local(2026, 12, 2, 8, 1), times)).toEqual([]); // already shown
    expect(dueBetween(local(2026, 12, 2, 17, 50), local(2026, 12, 2, 18, 10), times).map(hm)).toEqual(['2026-12-2 18:00']);
    // Asleep from 07:00 to 18:05: only the one of 18:00 (08:00 is 10 h late).
    expect(dueBetween(local(2026, 12, 2, 7), local(2026, 12, 2, 18, 5), times).map(hm)).toEqual(['2026-12-2 18:00']);
    expect(dueBetween(local(2026, 12, 2, 9), local(2026, 12, 2, 8), times)).toEqual([]);
  });
});

describe('the calendar file', () => {
  const exercises = [
    { title: 'Bridge (five-point support)', dose: '10 times, hold 3 s at the top, twice a day' },
    { title: 'Straight-leg raise', dose: '2 sets of 8, each side' },
  ];

  it('parses (ical.js) to one daily event per time, at those local times, listing the exercises', () => {
    const r = remindersCalendar(['18:00', '08:00'], exercises, { year: 2026, month: 12, day: 2 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const cal = new ICAL.Component(ICAL.parse(r.text));
    const events = cal.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
    expect(events).toHaveLength(2);
    const starts = events.map((e) => [e.startDate.hour, e.startDate.minute, e.startDate.day, e.startDate.month, e.startDate.year]);
    expect(starts).toEqual([
      [8, 0, 2, 12, 2026],
      [18, 0, 2, 12, 2026],
    ]);
    for (const e of events) {
      // Floating local time: no zone, so 08:00 is 08:00 wherever the calendar is.
      expect(e.startDate.zone?.tzid ?? 'floating').toBe('floating');
      expect(e.isRecurring()).toBe(true);
      const rrule = e.component.getFirstPropertyValue('rrule') as InstanceType<typeof ICAL.Recur>;
      expect(rrule.freq).toBe('DAILY');
      expect(e.description).toContain('Bridge (five-point support): 10 times, hold 3 s at the top, twice a day');
      expect(e.description).toContain('Straight-leg raise');
      const alarms = e.component.getAllSubcomponents('valarm');
      expect(alarms).toHaveLength(1);
      // A real duration: 5 minutes before the start.
      expect(r.text).toMatch(/^TRIGGER:-PT5M\r?$/m);
      expect((alarms[0]!.getFirstPropertyValue('trigger') as InstanceType<typeof ICAL.Duration>).toSeconds()).toBe(-300);
      // The next occurrences: the same time on the following days (across the month end).
      const it = e.iterator();
      const days = [it.next(), it.next(), it.next()].map((t) => `${t!.year}-${t!.month}-${t!.day} ${t!.hour}`);
      const h = e.startDate.hour;
      expect(days).toEqual([`2026-12-2 ${h}`, `2026-12-3 ${h}`, `2026-12-4 ${h}`]);
    }
    expect(new Set(events.map((e) => e.uid)).size).toBe(2);
  });

  it('no times: a clear message, no file', () => {
    const r = remindersCalendar(['later'], exercises, { year: 2026, month: 12, day: 2 });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/at least one time/);
  });
});
