/**
 * End-to-end, the whole records and safety side in Simplified Chinese (issue 12 item 5), in
 * Debian's Chromium with the real app (no camera needed):
 *
 *   language zh-CN in the stored settings → Today's programme → the red-flag safety screen (and
 *   its "you can exercise" answer) → the weekly function scale (PSFS, a second round: its result)
 *   → the pain check-in → the prescription editor with a progression rule → History with three
 *   real recorded bridge sessions imported (a fixture replayed through the core, as
 *   progression-reminders.test.ts does) → a session's review → Progress → Today with the
 *   progression proposal → accepted → the progression log.
 *
 * On each page the visible text (document.body.innerText) has no English word but names and
 * standard abbreviations, and a screenshot goes to test-artifacts/zh-<page>.png.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { close, launchBrowser, REPO_ROOT, startApp, type RunningApp, type RunningBrowser } from '../helpers/browser';
import { FAST_SETTINGS } from '../helpers/app-page';
import { replay, type SessionRecord } from '../../src/core/session';
import { exercises } from '../../src/exercises';
import { exportHistory } from '../../src/storage/store';
import { zh } from '../../src/ui/i18n/zh';
import { fixtures } from '../fixtures';
import { englishLeft } from '../helpers/latin-words';

const ARTIFACTS = join(REPO_ROOT, 'test-artifacts');
const DAY = 86_400_000;

/**
 * Latin words that may stay in Chinese text: the app's name, standard abbreviations and file
 * types, the pose models' names (a record says which one counted), and the language picker's
 * "English" (a language is offered in its own name).
 */

let app: RunningApp;
let b: RunningBrowser;
let work: string;
let historyFile: string;
let page: Page;
/** The lowest rep score of the recorded bridge (the progression rule's threshold here). */
let lowest = 0;

const toHash = (p: Page, hash: string) => p.evaluate((h) => (location.hash = h), hash);

/** The English words in the page's visible text (none expected in Chinese). */
async function englishWords(p: Page): Promise<string[]> {
  const text = await p.evaluate(() => document.body.innerText);
  // The shared allow-list (names, formats, units), and "English" in the language menu.
  return [...new Set(englishLeft(text).filter((w) => w !== 'English'))];
}

/** No English on the page, some Chinese on it, and a screenshot for a person to look at. */
async function check(p: Page, name: string, fullPage = true): Promise<void> {
  expect(await englishWords(p), `English words on ${name}`).toEqual([]);
  expect(await p.evaluate(() => /[\u4e00-\u9fff]/.test(document.body.innerText)), `${name} shows Chinese`).toBe(true);
  await mkdir(ARTIFACTS, { recursive: true });
  await p.screenshot({ path: join(ARTIFACTS, `zh-${name}.png`), fullPage });
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'rootwell-zh-'));
  // Three bridge sessions on the last three days: the real recorded clip replayed through the core
  // at 1 set of 4 (its own reps and scores), with pain check-ins so Progress draws the pain chart.
  const fx = fixtures('bridge', { negatives: false }).find((f) => f.clip.startsWith('fitbod'))!;
  const prescription = { ...exercises.bridge.defaults, sets: 1, reps: 4 };
  const header = { ...fx.record.header, prescription };
  const out = replay(exercises.bridge, { ...fx.record, header });
  expect(out.repDetails.length).toBeGreaterThanOrEqual(4);
  lowest = Math.min(...out.repDetails.map((r) => r.score));
  const records: SessionRecord[] = [3, 2, 1].map((daysAgo, i) => ({
    ...fx.record,
    header: { ...header, startedAt: new Date(Date.now() - daysAgo * DAY).toISOString() },
    events: out.events as SessionRecord['events'],
    pain: [
      { when: 'before', back: 4, leg: 6 - i, reach: 'calf' },
      { when: 'after', back: 3, leg: 5 - i, reach: i === 2 ? 'thigh' : 'calf' },
    ],
  }));
  historyFile = join(work, 'history.json');
  await writeFile(historyFile, exportHistory(records));
  app = await startApp();
  b = await launchBrowser({ viewport: { width: 1280, height: 900 } });
  page = await b.newPage();
  // Chinese chosen in the settings; the safety screen not answered yet; one PSFS round 8 days ago
  // (so this visit asks the second round and shows its change).
  const firstRound = { id: 'r1', at: new Date(Date.now() - 8 * DAY).toISOString(), items: [{ id: 'a1', activity: '坐 30 分钟', score: 3 }, { id: 'a2', activity: '穿袜子', score: 4 }] };
  await page.addInitScript(
    ([settings, psfs]) => {
      if (sessionStorage.getItem('rootwell.test.seeded')) return;
      sessionStorage.setItem('rootwell.test.seeded', '1');
      localStorage.clear();
      localStorage.setItem('rootwell.settings.v1', settings as string);
      localStorage.setItem('rootwell.psfs.v1', psfs as string);
    },
    [JSON.stringify({ ...FAST_SETTINGS, language: 'zh-CN' }), JSON.stringify({ rounds: [firstRound] })] as const,
  );
  await page.goto(`${app.url}/`);
  await page.getByRole('heading', { name: zh.program.title }).waitFor();
}, 120_000);

afterAll(async () => {
  await close();
  await rm(work, { recursive: true, force: true });
});

describe('the app in Simplified Chinese', () => {
  it('Today’s programme', async () => {
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await page.getByTestId('reminders').waitFor();
    await page.getByTestId('card-bridge').locator('details summary').click();
    await check(page, 'programme');
  }, 30_000);

  it('the red-flag safety screen, and its all-clear', async () => {
    await page.getByTestId('card-bridge').locator('button.primary').click();
    await page.getByRole('heading', { name: zh.safety.title }).waitFor();
    expect(await page.locator('fieldset legend').allInnerTexts()).toEqual(Object.values(zh.safety.redFlags).map((q, i) => `${i + 1}. ${q}`));
    await check(page, 'safety');
    // A "yes" (saddle numbness): stop, and the urgent-care advice; then "answered by mistake".
    await page.locator('input[type="radio"][name="saddle"][value="yes"]').check();
    await page.getByRole('button', { name: zh.common.done }).click();
    await page.getByRole('heading', { name: zh.safety.stopTitle }).waitFor();
    expect(await page.getByRole('alert').innerText()).toContain(zh.safety.stopUrgent);
    expect(await page.getByRole('alert').locator('li').allInnerTexts()).toEqual([zh.safety.redFlags.saddle]);
    await check(page, 'safety-stop', false);
    await page.getByRole('button', { name: zh.safety.mistake }).click();
    for (const radio of await page.locator('input[type="radio"][value="no"]').all()) await radio.check();
    await page.getByRole('button', { name: zh.common.done }).click();
    await page.getByRole('heading', { name: zh.safety.clearTitle }).waitFor();
    await check(page, 'safety-clear', false);
    await page.getByRole('button', { name: zh.common.continue }).click();
  }, 30_000);

  it('the PSFS (a second round) and its result', async () => {
    const form = page.getByTestId('psfs');
    await form.waitFor();
    expect(await form.getAttribute('data-round')).toBe('2');
    await page.getByTestId('psfs-item').nth(0).getByRole('radio', { name: '6', exact: true }).click();
    await page.getByTestId('psfs-item').nth(1).getByRole('radio', { name: '5', exact: true }).click();
    await check(page, 'psfs');
    await page.getByTestId('psfs-save').click();
    const result = page.getByTestId('psfs-result');
    await result.waitFor();
    expect(await result.getAttribute('data-real')).toBe('true');
    expect(await result.innerText()).toContain(zh.safety.psfs.better.replace('{{n}}', '2'));
    await check(page, 'psfs-result', false);
    await page.getByTestId('psfs-continue').click();
  }, 30_000);

  it('the pain check-in', async () => {
    await page.getByRole('heading', { name: zh.safety.pain.before }).waitFor();
    await page.getByRole('radiogroup', { name: zh.safety.pain.back }).getByRole('radio', { name: '3', exact: true }).click();
    await page.getByRole('radiogroup', { name: zh.safety.pain.leg }).getByRole('radio', { name: '5', exact: true }).click();
    await page.getByLabel(zh.safety.pain.reach.calf).check();
    await check(page, 'pain');
  }, 30_000);

  it('the prescription editor, with a progression rule for the bridge', async () => {
    // Reloaded on the records side, so Today's programme is what '#/' shows afterwards.
    await toHash(page, '#/prescription');
    await page.reload();
    await page.getByTestId('prescription').waitFor();
    await page.getByTestId('rx-bridge-reps').fill('4');
    await page.getByTestId('rx-bridge-sets').fill('1');
    await page.getByTestId('rx-bridge-prog-on').check();
    await page.getByTestId('rx-bridge-prog-score').fill(String(lowest));
    await page.getByTestId('rx-bridge-prog-sessions').fill('3');
    await page.getByTestId('rx-bridge-prog-by').fill('2');
    await page.getByTestId('rx-bridge-prog-upto').fill('8');
    await page.getByTestId('rx-save').click();
    expect(await page.getByTestId('programme-ok').innerText()).toBe(zh.prescription.msg.saved);
    await check(page, 'prescription');
  }, 30_000);

  it('History with imported records', async () => {
    await toHash(page, '#/history');
    await page.getByTestId('history').and(page.locator('[data-loading="false"]')).waitFor();
    await page.getByTestId('import-input').setInputFiles(historyFile);
    await expect.poll(() => page.getByTestId('import-ok').textContent(), { timeout: 20_000 }).toBe(zh.history.imported.replace('{{n}}', '3'));
    await expect.poll(() => page.getByTestId('history-row').count()).toBe(3);
    await check(page, 'history');
  }, 30_000);

  it('a session’s review', async () => {
    await page.getByTestId('review-link').first().click();
    await page.locator('[data-testid="review"][data-state="ready"]').waitFor({ timeout: 30_000 });
    await page.getByTestId('angle-chart').locator('canvas').first().waitFor();
    await page.getByTestId('rescore-run').click();
    await page.getByTestId('rescore-summary').waitFor();
    expect(await page.locator('[data-testid="explain"] li[data-kind="counted"]').count()).toBeGreaterThanOrEqual(4);
    await check(page, 'review');
  }, 60_000);

  it('Progress', async () => {
    await toHash(page, '#/progress');
    await page.getByTestId('pain-chart').locator('canvas').first().waitFor({ timeout: 15_000 });
    await page.getByTestId('psfs-trend-chart').waitFor();
    await page.getByTestId('centralisation').waitFor();
    await check(page, 'progress');
  }, 30_000);

  it('Today’s progression proposal, accepted, and the progression log', async () => {
    await toHash(page, '');
    const proposal = page.getByTestId('progression');
    await proposal.waitFor({ timeout: 15_000 });
    expect(await proposal.getAttribute('data-kind')).toBe('progress');
    await check(page, 'progression', false);
    await page.getByTestId('progression-yes').click();
    await page.getByTestId('progression-ok').waitFor();
    await check(page, 'programme-stepped', false);
    await toHash(page, '#/prescription');
    const row = page.getByTestId('progression-log').locator('tbody tr');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.first().getAttribute('data-answer')).toBe('accepted');
    await page.getByTestId('progression-log').scrollIntoViewIfNeeded();
    await check(page, 'progression-log');
    expect(b.consoleErrors()).toEqual([]);
  }, 30_000);
});
