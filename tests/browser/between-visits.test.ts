/**
 * End-to-end, between visits (issue 12, items 1, 2 and 6), in Debian's Chromium with the real
 * app (one app, one browser, no fake camera):
 *
 *   the function scale (PSFS) at the first session → not asked 6 days later → asked 7 days later
 *   with the same activities (the page's clock moved with Playwright's page.clock) → the trend on
 *   Progress with the real-change line;
 *   a short set (a 1-rep video file, 10 reps prescribed) → one tap "the camera did not count me"
 *   → shown in History and the review → "Download for clinic system (FHIR)" → the file is a valid
 *   R4 bundle (the fhir package's schema) with that reason and both PSFS rounds in it; the
 *   history export carries the rounds too.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Fhir } from 'fhir';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { close, launchBrowser, sharedData, startApp, type RunningApp, type RunningBrowser } from '../helpers/browser';
import { catchDownload, FAST_SETTINGS, openSeeded, shot } from '../helpers/app-page';
import { PSFS_QUESTIONNAIRE } from '../../src/storage/fhir';

const DAY = 86_400_000;
/** A Monday evening; the app reads this as "now" (page.clock.setFixedTime). */
const T0 = Date.parse('2026-03-02T18:30:00');
const SHORT_CLIP = 'videos/glute_bridge/physioplus_bridging_home_side_1rep.mp4';

let app: RunningApp;
let b: RunningBrowser;
let page: Page;
let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'rootwell-visits-'));
  app = await startApp();
  b = await launchBrowser({ viewport: { width: 1280, height: 800 } });
  page = await openSeeded(b, app.url, FAST_SETTINGS, { psfs: false });
}, 120_000);

afterAll(async () => {
  await close();
  await rm(work, { recursive: true, force: true });
});

const startBridge = () => page.getByRole('button', { name: /Start Bridge \(five-point/ }).click();
const painHeading = () => page.getByRole('heading', { name: 'How is your pain right now?' });

/** Reload the app with its clock at this time. */
async function at(ms: number): Promise<void> {
  await page.clock.setFixedTime(ms);
  await page.reload();
  await page.getByRole('heading', { name: /Today.s programme/ }).waitFor();
}

async function rate(item: number, score: number): Promise<void> {
  await page.getByTestId('psfs-item').nth(item).getByRole('radio', { name: String(score), exact: true }).click();
}

async function storedRounds(): Promise<{ at: string; items: { activity: string; score: number }[] }[]> {
  return page.evaluate(() => (JSON.parse(localStorage.getItem('rootwell.psfs.v1') ?? '{"rounds":[]}') as { rounds: [] }).rounds);
}

describe('between visits', () => {
  it('PSFS at the first session, not 6 days later, again 7 days later with the same activities; the trend on Progress', async () => {
    await at(T0);
    await startBridge();
    const form = page.getByTestId('psfs');
    await form.waitFor();
    expect(await form.getAttribute('data-round')).toBe('1');
    await page.getByTestId('psfs-activity').nth(0).fill('sitting 30 minutes');
    await rate(0, 3);
    await page.getByTestId('psfs-add').click();
    await page.getByTestId('psfs-activity').nth(1).fill('putting on socks');
    await rate(1, 4);
    await shot(page, 'psfs-first', true);
    await page.getByTestId('psfs-save').click();
    await painHeading().waitFor();
    let rounds = await storedRounds();
    expect(rounds).toHaveLength(1);
    expect(Date.parse(rounds[0]!.at)).toBe(T0);
    expect(rounds[0]!.items.map((i) => [i.activity, i.score])).toEqual([['sitting 30 minutes', 3], ['putting on socks', 4]]);

    // Six days later: straight to the pain check-in.
    await at(T0 + 6 * DAY);
    await startBridge();
    await painHeading().waitFor();
    expect(await page.getByTestId('psfs').count()).toBe(0);

    // Seven days later (earlier in the day than the first round): asked again, same activities.
    await at(T0 + 7 * DAY - 8 * 3_600_000);
    await startBridge();
    await form.waitFor();
    expect(await form.getAttribute('data-round')).toBe('2');
    expect(await page.getByTestId('psfs-item').locator('legend').allTextContents()).toEqual(['sitting 30 minutes', 'putting on socks']);
    expect(await page.getByTestId('psfs-activity').count()).toBe(0);
    await rate(0, 6);
    await rate(1, 5);
    await shot(page, 'psfs-week-later', true);
    await page.getByTestId('psfs-save').click();
    const result = page.getByTestId('psfs-result');
    await result.waitFor();
    // 3.5 → 5.5: +2.0, the minimal clinically important difference.
    expect(await result.getAttribute('data-delta')).toBe('2.00');
    expect(await result.getAttribute('data-real')).toBe('true');
    expect(await result.innerText()).toMatch(/3\.5.*5\.5.*real improvement/s);
    await shot(page, 'psfs-result');
    await page.getByTestId('psfs-continue').click();
    await painHeading().waitFor();
    rounds = await storedRounds();
    expect(rounds.map((r) => r.items.map((i) => i.score))).toEqual([[3, 4], [6, 5]]);

    await page.evaluate(() => (location.hash = '#/progress'));
    const trend = page.getByTestId('psfs-trend');
    await trend.waitFor();
    expect(await trend.getAttribute('data-rounds')).toBe('2');
    expect(await page.getByTestId('psfs-trend-change').getAttribute('data-real')).toBe('true');
    expect(await page.getByTestId('psfs-trend-mean').allTextContents()).toEqual(['3.5', '5.5 ▲']);
    await page.getByTestId('psfs-trend-chart').waitFor();
    await page.getByRole('heading', { name: /Function: Patient-Specific/ }).scrollIntoViewIfNeeded();
    await shot(page, 'progress-psfs');
  }, 120_000);

  it('a short set asks why in one tap; "the camera did not count me" reaches History, the review and the FHIR file', async () => {
    // Back from Progress to the pain check-in the week-later round led to, then the coach.
    await page.evaluate(() => (location.hash = '#/'));
    await painHeading().waitFor();
    await page.getByRole('button', { name: 'Skip' }).click();
    await page.getByTestId('model-status').waitFor({ timeout: 90_000 });
    await page.getByTestId('file-input').setInputFiles(sharedData(SHORT_CLIP));
    await page.getByTestId('summary').waitFor({ timeout: 120_000 });
    const done = Number(await page.getByTestId('summary-count').textContent());
    const ask = page.getByTestId('end-reason');
    await ask.waitFor();
    expect(await ask.innerText()).toContain(`${done} of 10 reps`);
    await shot(page, 'end-reason');
    await page.getByTestId('end-reason-not-counted').click();
    const said = page.getByTestId('summary-reason');
    await said.waitFor();
    expect(await said.getAttribute('data-reason')).toBe('not-counted');
    expect(await ask.count()).toBe(0);

    await page.evaluate(() => (location.hash = '#/history'));
    await page.getByTestId('history').and(page.locator('[data-loading="false"]')).waitFor();
    const reason = page.getByTestId('history-reason');
    await expect.poll(() => reason.count(), { timeout: 10_000 }).toBe(1);
    expect(await reason.innerText()).toMatch(/camera did not count me/);
    await shot(page, 'history-end-reason');

    const file = await catchDownload(page, () => page.getByTestId('export-fhir').click(), work, 'clinic.json');
    const bundle = JSON.parse(await readFile(file, 'utf8')) as {
      resourceType: string;
      type: string;
      entry: { resource: { resourceType: string; questionnaire?: string; component?: { code: { coding: { code: string }[] }; valueQuantity?: { value: number }; valueCodeableConcept?: { coding: { code: string }[] } }[] } }[];
    };
    const res = new Fhir().validate(bundle);
    expect(res.messages.filter((m) => m.severity === 'error')).toEqual([]);
    expect(res.valid).toBe(true);
    expect([bundle.resourceType, bundle.type]).toEqual(['Bundle', 'collection']);
    const obs = bundle.entry.map((e) => e.resource).filter((r) => r.resourceType === 'Observation');
    expect(obs).toHaveLength(1);
    const comp = (code: string) => obs[0]!.component?.find((c) => c.code.coding[0]?.code === code);
    expect(comp('reps-counted')?.valueQuantity?.value).toBe(done);
    expect(comp('reps-prescribed')?.valueQuantity?.value).toBe(10);
    expect(comp('end-reason')?.valueCodeableConcept?.coding[0]?.code).toBe('not-counted');
    expect(bundle.entry.filter((e) => e.resource.questionnaire === PSFS_QUESTIONNAIRE)).toHaveLength(2);

    // The history export carries the PSFS rounds beside the sessions (and import reads them back: unit-tested).
    const all = JSON.parse(await readFile(await catchDownload(page, () => page.getByTestId('export-all').click(), work, 'all.json'), 'utf8')) as { psfs?: { items: { score: number }[] }[]; sessions: { endReason?: string }[] };
    expect(all.psfs?.map((r) => r.items.map((i) => i.score))).toEqual([[3, 4], [6, 5]]);
    expect(all.sessions.map((x) => x.endReason)).toEqual(['not-counted']);

    await page.getByTestId('review-link').first().click();
    const rv = page.getByTestId('review-end-reason');
    await rv.waitFor({ timeout: 30_000 });
    expect(await rv.innerText()).toMatch(/camera did not count me/);
    await page.getByTestId('review-psfs').scrollIntoViewIfNeeded();
    await shot(page, 'review-psfs-reason', true);
  }, 240_000);
});
