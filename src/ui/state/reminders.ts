/**
 * Reminders on this device: the chosen times (localStorage), the Notification permission, and
 * a timer in the page that shows a notification through the service worker
 * (registration.showNotification) at those times. There is no push server: a reminder comes
 * only while the browser runs the app (a tab, or the installed app in the background).
 * The schedule itself is pure (src/core/reminders.ts).
 */
import { dueBetween, normaliseTimes, ReminderSettingsSchema, type ReminderSettings } from '../../core/reminders';
import { localStore, parseStored, writeStored } from '../../storage/local';
import { t } from '../i18n/index.svelte';
import type { CalendarWords } from '../../storage/calendar';

export const REMINDERS_KEY = 'rootwell.reminders.v1';

export function loadReminderSettings(store: Storage | null = localStore()): ReminderSettings | null {
  return parseStored(store?.getItem(REMINDERS_KEY) ?? null, ReminderSettingsSchema);
}

export function saveReminderSettings(s: ReminderSettings, store: Storage | null = localStore()): boolean {
  return writeStored(REMINDERS_KEY, { times: normaliseTimes(s.times), notify: s.notify }, store);
}

export type Permission = 'unsupported' | 'default' | 'granted' | 'denied';

export function notificationPermission(): Permission {
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.permission;
}

/** Ask for permission (a click must lead here). Never throws. */
export async function askPermission(): Promise<Permission> {
  if (typeof Notification === 'undefined') return 'unsupported';
  try {
    return await Notification.requestPermission();
  } catch {
    return notificationPermission();
  }
}

/** The calendar file's words in the current language (src/storage/calendar.ts writes them). */
export function calendarWords(): CalendarWords {
  return {
    title: t('program.reminders.calendar.title'),
    intro: t('program.reminders.calendar.intro'),
    line: (e) => t('program.reminders.calendar.line', { title: e.title, dose: e.dose }),
    setup: t('program.reminders.calendar.setup'),
    alarm: t('program.reminders.calendar.alarm'),
    calendarName: t('program.reminders.calendar.name'),
    noTimes: t('program.reminders.noTimes'),
    failed: (error) => t('program.reminders.icsFailed', { error }),
  };
}

/** The notification's title, in the current language. */
export const reminderTitle = (): string => t('program.reminders.notificationTitle');

/**
 * Show one reminder: through the service worker when one controls the page (it also shows
 * while the installed app is in the background), else as a page notification (the dev server
 * has no worker). Returns false when nothing could be shown.
 */
export async function showReminder(body: string): Promise<boolean> {
  if (notificationPermission() !== 'granted') return false;
  const options: NotificationOptions = { body, tag: 'rootwell-reminder', icon: `${import.meta.env.BASE_URL}icon-192.png` };
  try {
    const reg = await navigator.serviceWorker?.getRegistration();
    if (reg) {
      await reg.showNotification(reminderTitle(), options);
      return true;
    }
    new Notification(reminderTitle(), options);
    return true;
  } catch {
    return false;
  }
}

/**
 * Check every `everyMs` whether a chosen time has passed since the last check, and remind.
 * Settings are read at each check, so edits on the panel apply at once. Returns a stop function.
 */
export function startReminderTimer(body: () => string, everyMs = 20_000): () => void {
  let last = new Date();
  const id = setInterval(() => {
    const now = new Date();
    const s = loadReminderSettings();
    const due = s?.notify ? dueBetween(last, now, s.times) : [];
    last = now;
    if (due.length) void showReminder(body());
  }, everyMs);
  return () => clearInterval(id);
}
