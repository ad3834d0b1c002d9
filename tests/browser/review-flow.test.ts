/**
 * End-to-end, the records side: the real app in Debian's Chromium, the fake camera fed from a
 * real clip (converted at test time, never committed), the light pose model on wasm and the
 * real core.
 *
 *   a set runs → reload in the middle → History keeps the reps done up to the last save
 *   a set finished → History → Review (same reps and scores as the live summary)
 *   → export everything → delete everything → bad imports change nothing → import
 *   → the review shows the same reps and scores; progress and prescription pages;
 *   screenshots of history, review, print view, progress, prescription.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { close, launchBrowser, makeFakeCamera, REPO_ROOT, sharedData, startApp, type RunningApp, type RunningBrowser, type TempFile } from '../helpers/browser';
import { BRIDGE_CLIP, FAST_SETTINGS, openSeeded } from '../helpers/app-page';
import { DEFAULT_MODEL } from '../../src/estimate/create-estimator';

const execFileP = promisify(execFile);
const SHOTS = join(REPO_ROOT, 'test-artifacts', 'screenshots');

let app: RunningApp;
let b: RunningBrowser;
let cam: TempFile;
let work: string;

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
}

function openApp(): Promise<Page> {
  return openSeeded(b, app.url, FAST_SETTINGS);
}

async function startBridge(page: Page): Promise<void> {
  await page.getByRole('button', { name: /Start Bridge \(five-point/ }).click();
  await page.getByRole('button', { name: 'Skip' }).click();
  await page.getByTestId('model-status').waitFor({ timeout: 90_000 });
  await page.getByTestId('use-camera').click();
}

const count = async (page: Page) => Number(await page.getByTestId('rep-count').first().getAttribute('data-count'));

async function toHash(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => (location.hash = h), hash);
}

async function rows(page: Page): Promise<{ id: string; reps: number; complete: boolean }[]> {
  await page.getByTestId('history').and(page.locator('[data-loading="false"]')).waitFor();
  return page.getByTestId('history-row').evaluateAll((els) =>
    els.map((e) => ({ id: e.getAttribute('data-id') ?? '', reps: Number(e.getAttribute('data-reps')), complete: e.getAttribute('data-complete') === 'true' })),
  );
}

async function repScores(page: Page): Promise<string[]> {
  return page.locator('[data-testid="rep-table"] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.textContent?.replace(/\s+/g, ' ').trim() ?? ''));
}

async function download(page: Page, click: () => Promise<void>, name: string): Promise<string> {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = join(work, name);
  await d.saveAs(path);
  return path;
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'rootwell-review-'));
  // 2 s of the first frame before the clip: the framing check passes before rep 1.
  const padded = join(work, 'padded.mp4');
  await execFileP('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-i', sharedData(BRIDGE_CLIP), '-an', '-vf', 'tpad=start_duration=2:start_mode=clone', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', padded]);
  cam = await makeFakeCamera(padded, { fps: 15, width: 640, format: 'y4m' });
  app = await startApp();
  b = await launchBrowser({ fakeCamera: cam.path, viewport: { width: 1280, height: 800 } });
}, 180_000);

afterAll(async () => {
  await close();
  await rm(work, { recursive: true, force: true });
});

describe('records: save while running, history, export, import, review', () => {
  let finishedReps = -1;
  let liveScores: string[] = [];

  it('a reload in the middle of a set keeps the reps done so far', async () => {
    const page = await openApp();
    await startBridge(page);
    await expect.poll(() => count(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
    // One save interval (3 s of frames) and a little more, so a save after rep 2 has landed.
    await page.waitForTimeout(3800);
    // Pause first, so no rep (and no save) can land between reading the count and the reload.
    await page.getByTestId('pause').click();
    await expect.poll(() => page.getByTestId('coach').getAttribute('data-phase'), { timeout: 10_000 }).toBe('paused');
    const before = await count(page);
    await page.reload();
    await toHash(page, '#/history');
    const list = await rows(page);
    expect(list).toHaveLength(1);
    expect(list[0]!.complete).toBe(false);
    expect(list[0]!.reps).toBeGreaterThanOrEqual(2);
    expect(list[0]!.reps).toBeLessThanOrEqual(before);
    await page.close();
  }, 150_000);

  it('a finished set appears in history, and its review matches the live count', async () => {
    const page = await openApp();
    await startBridge(page);
    await expect.poll(() => count(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
    await page.getByTestId('finish').click();
    await page.getByTestId('summary').waitFor();
    finishedReps = Number(await page.getByTestId('summary-count').textContent());
    await page.waitForTimeout(500);
    await toHash(page, '#/history');
    const list = await rows(page);
    expect(list).toHaveLength(2);
    const done = list.find((r) => r.complete);
    expect(done?.reps).toBe(finishedReps);
    await shot(page, 'history');

    await page.locator(`[data-id="${done!.id}"] [data-testid="review-link"]`).click();
    await page.locator('[data-testid="review"][data-state="ready"]').waitFor({ timeout: 30_000 });
    expect(Number(await page.getByTestId('review-reps').textContent())).toBe(finishedReps);
    liveScores = await repScores(page);
    expect(liveScores).toHaveLength(finishedReps);
    // Replaying the stored record gives what was counted live.
    expect(await page.getByTestId('review-differs').count()).toBe(0);
    // Scrubber and chart are in step: move to a rep's peak by clicking its row.
    await page.locator('[data-testid="rep-table"] tbody tr').first().click();
    expect(Number(await page.getByTestId('scrubber').inputValue())).toBeGreaterThan(0);
    await page.getByTestId('angle-chart').locator('canvas').first().waitFor();
    // Why each rep was counted (or not), from the same replay: one counted line per rep.
    expect(await page.locator('[data-testid="explain"] li[data-kind="counted"]').count()).toBe(finishedReps);
    await shot(page, 'review', true);

    // Re-score with a stricter hold: same reps, scores can only go down.
    await page.getByTestId('rescore-hold').fill('10');
    await page.getByTestId('rescore-run').click();
    await page.getByTestId('rescore-summary').waitFor();
    const strict = await page.locator('[data-testid="rescore-table"] td.score').evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-score'))));
    const orig = await page.locator('[data-testid="rep-table"] td.score').evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-score'))));
    expect(strict.length).toBe(orig.length);
    strict.forEach((s, i) => expect(s).toBeLessThanOrEqual(orig[i]!));

    await page.emulateMedia({ media: 'print' });
    await shot(page, 'review-print', true);
    await page.pdf({ path: join(REPO_ROOT, 'test-artifacts', 'review-report.pdf'), format: 'A4' });
    await page.emulateMedia({ media: 'screen' });
    await page.close();
  }, 150_000);

  it('export (plain and compressed) → delete everything → bad files change nothing → import → same review', async () => {
    const page = await openApp();
    await toHash(page, '#/history');
    expect(await rows(page)).toHaveLength(2);
    const file = await download(page, () => page.getByTestId('export-all').click(), 'history.json');
    const text = await readFile(file, 'utf8');
    // The compressed export: gzip (by its first bytes), the same history, much smaller.
    const gzFile = await download(page, () => page.getByTestId('export-all-gz').click(), 'history.json.gz');
    const gz = await readFile(gzFile);
    expect([gz[0], gz[1]]).toEqual([0x1f, 0x8b]);
    expect(gunzipSync(gz).toString('utf8')).toBe(text);
    expect(gz.length).toBeLessThan(text.length / 2);
    const csv = await download(page, () => page.locator('[data-complete="true"] [data-testid="export-csv"]').click(), 'reps.csv');
    expect((await readFile(csv, 'utf8')).trim().split('\r\n')).toHaveLength(finishedReps + 1);

    for (let i = 0; i < 2; i++) {
      await page.getByTestId('delete').first().click();
      await page.getByTestId('confirm-delete').click();
      await expect.poll(async () => (await rows(page)).length, { timeout: 10_000 }).toBe(1 - i);
    }
    await page.getByTestId('history-empty').waitFor();

    const bad: [string, string][] = [
      ['truncated.json', text.slice(0, Math.floor(text.length * 0.6))],
      ['version.json', text.replace(/"schemaVersion":1/g, '"schemaVersion":7')],
      ['hostile.json', text.replace('"exercise":"bridge"', '"exercise":"<script>alert(1)</script>"')],
      ['empty.json', ''],
    ];
    const badBytes: [string, Buffer][] = [
      ['cut.json.gz', gz.subarray(0, Math.floor(gz.length / 2))],
      // 300 MB of spaces in ~300 kB: refused while unpacking, at the 200 MB cap.
      ['bomb.json.gz', gzipSync(Buffer.alloc(300 * 1024 * 1024, 0x20))],
    ];
    for (const [name, body] of [...bad, ...badBytes]) {
      const p = join(work, name);
      await writeFile(p, body);
      await page.getByTestId('import-input').setInputFiles(p);
      await page.getByTestId('import-error').waitFor();
      expect(await page.getByTestId('import-error').textContent()).toMatch(/Nothing was imported/);
      if (name === 'bomb.json.gz') expect(await page.getByTestId('import-error').textContent()).toMatch(/unpacks to more than 200 MB/);
      if (name === 'cut.json.gz') expect(await page.getByTestId('import-error').textContent()).toMatch(/damaged or cut short/);
      expect(await rows(page)).toHaveLength(0);
    }

    // The compressed file imports; then, on an empty history again, the plain one.
    await page.getByTestId('import-input').setInputFiles(gzFile);
    await page.getByTestId('import-ok').waitFor();
    // The list reloads after the message (a moment later under load): wait for it, not a race.
    await expect.poll(async () => (await rows(page)).length, { timeout: 10_000 }).toBe(2);
    for (let i = 0; i < 2; i++) {
      await page.getByTestId('delete').first().click();
      await page.getByTestId('confirm-delete').click();
      await expect.poll(async () => (await rows(page)).length, { timeout: 10_000 }).toBe(1 - i);
    }
    await page.getByTestId('import-input').setInputFiles(file);
    await page.getByTestId('import-ok').waitFor();
    await expect.poll(async () => (await rows(page)).length, { timeout: 10_000 }).toBe(2);
    const list = await rows(page);
    expect(list).toHaveLength(2);
    const done = list.find((r) => r.reps === finishedReps && r.reps > 0) ?? list[0]!;
    await toHash(page, `#/review/${done.id}`);
    await page.locator('[data-testid="review"][data-state="ready"]').waitFor({ timeout: 30_000 });
    expect(Number(await page.getByTestId('review-reps').textContent())).toBe(finishedReps);
    expect(await repScores(page)).toEqual(liveScores);

    await toHash(page, '#/progress');
    await page.getByTestId('adherence-table').waitFor();
    await page.getByTestId('rom-chart').locator('canvas').first().waitFor();
    await shot(page, 'progress', true);
    expect(b.externalRequests()).toEqual([]);
    await page.close();
  }, 120_000);

  it('a prescription edited, exported and imported drives Today’s programme', async () => {
    const page = await openApp();
    await toHash(page, '#/prescription');
    await page.getByTestId('rx-bridge-reps').fill('7');
    await page.getByTestId('rx-bridge-sets').fill('2');
    const file = await download(page, () => page.getByTestId('rx-export').click(), 'programme.json');
    await shot(page, 'prescription');
    // The patient's device: nothing stored, then the file imported.
    await page.evaluate(() => localStorage.removeItem('rootwell.programme.v1'));
    const junk = join(work, 'junk.json');
    await writeFile(junk, (await readFile(file, 'utf8')).replace('"sets": 2', '"sets": "two"'));
    await page.getByTestId('programme-input').setInputFiles(junk);
    await page.getByTestId('programme-error').waitFor();
    expect(await page.evaluate(() => localStorage.getItem('rootwell.programme.v1'))).toBeNull();
    await page.getByTestId('programme-input').setInputFiles(file);
    await page.getByTestId('programme-ok').waitFor();
    await page.reload();
    await toHash(page, '#/');
    const card = page.locator('li.card', { hasText: 'Bridge (five-point' });
    await expect.poll(() => card.locator('.dose').textContent()).toMatch(/2 sets of 7/);
    await page.close();
  }, 60_000);
});

describe('a rep attempt that is not counted says why, after the set and in the review', () => {
  it('a video whose last lift is still at the top when it ends: 3 reps, and the 4th lift is explained', async () => {
    // The default model, as the fixture and replay tests use (bridge/istock_glute_bridge_home_side_3reps:
    // three reps, and the clip ends with the person lifting a fourth time).
    const page = await openSeeded(b, app.url, { ...FAST_SETTINGS, model: DEFAULT_MODEL });
    await page.getByRole('button', { name: /Start Bridge \(five-point/ }).click();
    await page.getByRole('button', { name: 'Skip' }).click();
    await page.getByTestId('model-status').waitFor({ timeout: 90_000 });
    await page.getByTestId('file-input').setInputFiles(sharedData('videos2/glute_bridge/istock_glute_bridge_home_side_3reps.mp4'));
    await page.getByTestId('summary').waitFor({ timeout: 240_000 });
    expect(await page.getByTestId('summary-count').textContent()).toBe('3');
    const missed = page.getByTestId('summary-missed');
    await missed.locator('summary').click();
    expect(await missed.innerText()).toMatch(/1 attempt not counted.*the set ended before it came back down/s);
    await shot(page, 'summary-missed');
    await page.close();
  }, 300_000);
});
