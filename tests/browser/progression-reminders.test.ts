/**
 * End-to-end, between visits: progression and reminders in the real app (Debian's Chromium,
 * no camera needed).
 *
 *   the physio sets a progression rule for the bridge on the prescription page
 *   → three sessions of a real recorded bridge (a fixture replayed through the core: its reps
 *     and scores) are imported on the History page, as a patient's export would be
 *   → Today proposes the step → Yes → the card shows the new dose, the prescription page the log
 *   → the Reminders panel's calendar file parses (ical.js) with the times and a daily rule
 *   → notifications: denied gives the message; granted, the page timer reminds at 18:00
 *     (the page's clock moved by Playwright).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { close, launchBrowser, startApp, type RunningApp, type RunningBrowser } from '../helpers/browser';
import { catchDownload, FAST_SETTINGS, importOnHistory, openSeeded, shot } from '../helpers/app-page';
import { defaultTimes } from '../../src/core/reminders';
import { replay, type SessionRecord } from '../../src/core/session';
import { exercises } from '../../src/exercises';
import { exportHistory } from '../../src/storage/store';
import { fixtures } from '../fixtures';

let app: RunningApp;
let b: RunningBrowser;
let work: string;
let historyFile: string;
/** A bridge session as the coach stores it (the replayed clip), started at `startedAt`. */
let sessionAt: (startedAt: string, pain?: SessionRecord['pain'], reps?: number) => SessionRecord;
/** The lowest rep score of the recorded bridge: the threshold the physio sets in this test. */
let lowest = 0;

const toHash = (page: Page, hash: string) => page.evaluate((h) => (location.hash = h), hash);

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'rootwell-progression-'));
  // Three bridge sessions on the last three days, each the real recorded clip replayed through the
  // core at the dose the physio sets below (1 set of 4, hold 3 s): its own reps and scores.
  const fx = fixtures('bridge', { negatives: false }).find((f) => f.clip.startsWith('fitbod'))!;
  const prescription = { ...exercises.bridge.defaults, sets: 1, reps: 4 };
  const header = { ...fx.record.header, prescription };
  const out = replay(exercises.bridge, { ...fx.record, header });
  expect(out.repDetails.length).toBeGreaterThanOrEqual(4);
  lowest = Math.min(...out.repDetails.map((r) => r.score));
  expect(lowest).toBeGreaterThan(0);
  sessionAt = (startedAt, pain = [], reps = 4) => ({
    ...fx.record,
    header: { ...header, prescription: { ...prescription, reps }, startedAt },
    events: out.events as SessionRecord['events'],
    pain,
  });
  const records = [3, 2, 1].map((daysAgo) => sessionAt(new Date(Date.now() - daysAgo * 86_400_000).toISOString()));
  historyFile = join(work, 'history.json');
  await writeFile(historyFile, exportHistory(records));
  app = await startApp();
  b = await launchBrowser({ viewport: { width: 1280, height: 900 } });
}, 120_000);

afterAll(async () => {
  await close();
  await rm(work, { recursive: true, force: true });
});

describe('progression and reminders', () => {
  let page: Page;

  it('three good sessions → the step is proposed → accepted → new dose and a log for the physio', async () => {
    page = await openSeeded(b, app.url, FAST_SETTINGS);
    // The physio: bridge 1 set of 4; when every rep scores >= the lowest this patient reaches for 3
    // sessions in a row, add 2 reps, up to 8.
    await toHash(page, '#/prescription');
    await page.getByTestId('rx-bridge-reps').fill('4');
    await page.getByTestId('rx-bridge-sets').fill('1');
    await page.getByTestId('rx-bridge-prog-on').check();
    await page.getByTestId('rx-bridge-prog-score').fill(String(lowest));
    await page.getByTestId('rx-bridge-prog-sessions').fill('3');
    await page.getByTestId('rx-bridge-prog-step').selectOption('reps');
    await page.getByTestId('rx-bridge-prog-by').fill('2');
    await page.getByTestId('rx-bridge-prog-upto').fill('8');
    await page.getByTestId('rx-save').click();
    await page.getByTestId('programme-ok').waitFor();
    await expect.poll(() => page.getByTestId('progression-log-empty').textContent()).toMatch(/Nothing proposed yet/);

    // The patient's three sessions, imported as a history file.
    await toHash(page, '#/history');
    expect(await importOnHistory(page, historyFile)).toMatchObject({ kind: 'ok', text: expect.stringMatching(/Imported 3 sessions/) });

    await toHash(page, '');
    const proposal = page.getByTestId('progression');
    await proposal.waitFor({ timeout: 15_000 });
    expect(await proposal.getAttribute('data-kind')).toBe('progress');
    expect(await proposal.getAttribute('data-exercise')).toBe('bridge');
    expect(await page.getByTestId('progression-to').textContent()).toMatch(/^6 times/);
    expect(await page.getByTestId('dose-bridge').textContent()).toMatch(/^4 times/);
    await shot(page, 'progression-proposal');

    await page.getByTestId('progression-yes').click();
    await expect.poll(() => page.getByTestId('dose-bridge').textContent()).toMatch(/^6 times/);
    expect(await page.getByTestId('progression-ok').textContent()).toMatch(/new dose is 6 times/);
    expect(await proposal.count()).toBe(0);

    // The prescription page: the new dose and the log.
    await toHash(page, '#/prescription');
    expect(await page.getByTestId('rx-bridge-reps').inputValue()).toBe('6');
    const row = page.getByTestId('progression-log').locator('tbody tr');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.first().getAttribute('data-answer')).toBe('accepted');
    expect(await row.first().textContent()).toMatch(/Step up: 4 reps, hold 3 s → 6 reps, hold 3 s/);
    await page.getByTestId('progression-log').scrollIntoViewIfNeeded();
    await shot(page, 'progression-log', true);

    // The exported programme file carries the rule and the log to the physio.
    const file = await catchDownload(page, () => page.getByTestId('rx-export').click(), work, 'programme.json');
    const prog = JSON.parse(await readFile(file, 'utf8')) as { exercises: { exercise: string; progression?: unknown; prescription: { reps?: number } }[]; progressionLog?: { answer: string; to: { reps?: number } }[] };
    const bridge = prog.exercises.find((e) => e.exercise === 'bridge');
    expect(bridge?.prescription.reps).toBe(6);
    expect(bridge?.progression).toMatchObject({ minScore: lowest, sessions: 3, step: 'reps', by: 2, upTo: 8 });
    expect(prog.progressionLog?.map((e) => [e.answer, e.to.reps])).toEqual([['accepted', 6]]);

    // Back on Today: not proposed again (the three sessions were at the old dose).
    await toHash(page, '');
    await page.getByTestId('reminders').waitFor();
    await page.waitForTimeout(1000);
    expect(await page.getByTestId('progression').count()).toBe(0);
  }, 90_000);

  it('pain spread down the leg in a session at the new dose → going back one step is proposed and logged', async () => {
    const spread = sessionAt(
      new Date().toISOString(),
      [
        { when: 'before', back: 3, leg: 2, reach: 'buttock' },
        { when: 'after', back: 3, leg: 5, reach: 'calf' },
      ],
      6,
    );
    const file = join(work, 'spread.json');
    await writeFile(file, exportHistory([spread]));
    await toHash(page, '#/history');
    expect(await importOnHistory(page, file)).toMatchObject({ kind: 'ok', text: expect.stringMatching(/Imported 1 session/) });
    await toHash(page, '');
    const proposal = page.getByTestId('progression');
    await proposal.waitFor({ timeout: 15_000 });
    expect(await proposal.getAttribute('data-kind')).toBe('regress');
    expect(await page.getByTestId('progression-to').textContent()).toMatch(/^4 times/);
    await shot(page, 'progression-regression');
    await page.getByTestId('progression-yes').click();
    await expect.poll(() => page.getByTestId('dose-bridge').textContent()).toMatch(/^4 times/);
    await toHash(page, '#/prescription');
    const rows = page.getByTestId('progression-log').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    // Newest first.
    expect(await rows.first().getAttribute('data-kind')).toBe('regress');
    expect(await rows.first().textContent()).toMatch(/Step back: 6 reps, hold 3 s → 4 reps, hold 3 s.*Pain spread further down the leg/);
    await toHash(page, '');
    await page.getByTestId('reminders').waitFor();
  }, 60_000);

  it('the calendar file has the programme times, daily, listing the exercises', async () => {
    const times = await page.getByTestId('reminder-time').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    // The programme's largest "times a day" (the bridge alone is twice a day: 08:00 and 18:00).
    const perDay = Math.max(...Object.values(exercises).map((e) => e.defaults.timesPerDay ?? 1));
    expect(perDay).toBeGreaterThanOrEqual(2);
    expect(times).toEqual(defaultTimes(perDay));
    expect(times).toContain('08:00');
    expect(times).toContain('18:00');
    // The patient moves the last one to 19:30.
    const last = page.getByTestId('reminder-time').nth(times.length - 1);
    await last.fill('19:30');
    await last.dispatchEvent('change');
    const wanted = [...times.slice(0, -1), '19:30'];
    const path = await catchDownload(page, () => page.getByTestId('reminder-ics').click(), work, 'reminders.ics');
    const cal = new ICAL.Component(ICAL.parse(await readFile(path, 'utf8')));
    const events = cal.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
    const hhmm = (h: number, m: number) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
    expect(events.map((e) => hhmm(e.startDate.hour, e.startDate.minute))).toEqual(wanted);
    const today = new Date();
    for (const e of events) {
      expect([e.startDate.year, e.startDate.month, e.startDate.day]).toEqual([today.getFullYear(), today.getMonth() + 1, today.getDate()]);
      expect((e.component.getFirstPropertyValue('rrule') as InstanceType<typeof ICAL.Recur>).freq).toBe('DAILY');
      expect(e.description).toContain('Bridge (five-point support): 4 times');
    }
    // Kept for the next visit.
    await page.reload();
    await page.getByTestId('reminders').waitFor();
    expect(await page.getByTestId('reminder-time').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).toEqual(wanted);
  }, 60_000);

  it('notifications denied: a clear message, and the calendar still offered', async () => {
    await b.context.clearPermissions();
    await page.getByTestId('reminder-on').click();
    const status = page.getByTestId('reminder-status');
    await expect.poll(() => status.getAttribute('data-permission')).toBe('denied');
    expect(await status.textContent()).toMatch(/Notifications are blocked for Rootwell.*site settings.*calendar file works without them/s);
    await page.getByTestId('reminders').scrollIntoViewIfNeeded();
    await shot(page, 'reminders-denied');
    await page.close();
  }, 30_000);

  it('notifications granted: the page reminds at 18:00 (the clock moved)', async () => {
    await b.context.grantPermissions(['notifications'], { origin: app.url });
    const p = await b.newPage();
    const d = new Date();
    await p.clock.install({ time: new Date(d.getFullYear(), d.getMonth(), d.getDate(), 17, 58, 30) });
    await p.addInitScript(
      ([s]) => {
        if (!sessionStorage.getItem('rootwell.test.seeded')) {
          sessionStorage.setItem('rootwell.test.seeded', '1');
          localStorage.clear();
          localStorage.setItem('rootwell.settings.v1', s as string);
          localStorage.setItem('rootwell.safety.v1', JSON.stringify({ result: 'clear', at: new Date().toISOString() }));
        }
        // Record the notifications the page shows (the dev server has no service worker, so the page's own).
        const Real = window.Notification;
        const shown: { title: string; body: string }[] = [];
        (window as unknown as { __shown: typeof shown }).__shown = shown;
        class Spy extends Real {
          constructor(title: string, options?: NotificationOptions) {
            super(title, options);
            shown.push({ title, body: options?.body ?? '' });
          }
        }
        Object.defineProperty(Spy, 'permission', { get: () => Real.permission });
        Object.defineProperty(Spy, 'requestPermission', { value: Real.requestPermission.bind(Real) });
        window.Notification = Spy as typeof Notification;
      },
      [JSON.stringify(FAST_SETTINGS)] as const,
    );
    await p.goto(`${app.url}/`);
    await p.getByTestId('reminders').waitFor();
    await p.getByTestId('reminder-on').click();
    const status = p.getByTestId('reminder-status');
    await expect.poll(() => status.getAttribute('data-notify')).toBe('true');
    expect(await status.textContent()).toMatch(/Reminders are on: the next one is today at (18:00|0?6:00\sPM).*only while Rootwell is open/s);
    await p.getByTestId('reminders').scrollIntoViewIfNeeded();
    await shot(p, 'reminders-on');
    const shown = () => p.evaluate(() => (window as unknown as { __shown: { title: string; body: string }[] }).__shown);
    expect(await shown()).toEqual([]);
    await p.clock.fastForward(60_000); // 17:59:30: not yet (due timers fire once, as after a sleep)
    expect(await shown()).toEqual([]);
    await p.clock.fastForward(60_000); // 18:00:30: the reminder
    const got = await shown();
    expect(got).toHaveLength(1);
    expect(got[0]!.title).toBe('Rootwell: time for your exercises');
    expect(got[0]!.body).toMatch(/^Today: .*Bridge \(five-point support\)/);
    await p.clock.fastForward(30_000); // and only once
    await p.clock.fastForward(30_000);
    expect(await shown()).toHaveLength(1);
    await p.getByTestId('reminder-test').click();
    await expect.poll(async () => (await shown()).length).toBe(2);
    expect(b.consoleErrors()).toEqual([]);
    await p.close();
  }, 60_000);
});
