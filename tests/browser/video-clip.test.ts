/**
 * End-to-end in Debian's Chromium with the fake camera fed from a real clip (converted at test
 * time, never committed), the real model and core:
 *
 * - the consented video of a set (issue 5 item 7): nothing is recorded without the tick; with
 *   it, the video is stored while the set runs, History marks it, the review plays it under the
 *   skeleton and follows the scrubber, it downloads as a file ffmpeg can decode, it can be
 *   deleted (the session stays) and attached again from that file;
 * - storage full in the middle of a set: the coach says so at once, keeps counting, and the
 *   summary offers the whole set as a file (nothing is lost).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRecord } from '../../src/core/session';
import { close, launchBrowser, makeFakeCamera, startApp, type RunningApp, type RunningBrowser, type TempFile } from '../helpers/browser';
import { BRIDGE_CLIP, FAST_SETTINGS, catchDownload, coachTMs, openSeeded, shot } from '../helpers/app-page';

const execFileP = promisify(execFile);

let app: RunningApp;
let b: RunningBrowser;
let cam: TempFile;
let work: string;

beforeAll(async () => {
  [app, cam, work] = await Promise.all([
    startApp(),
    makeFakeCamera(BRIDGE_CLIP, { fps: 15, width: 640, maxSeconds: 30 }),
    mkdtemp(join(tmpdir(), 'rootwell-clip-')),
  ]);
  b = await launchBrowser({ fakeCamera: cam.path, viewport: { width: 1280, height: 800 } });
}, 180_000);
afterAll(async () => {
  await b?.close();
  await cam?.cleanup();
  if (work) await rm(work, { recursive: true, force: true });
  await close();
});

async function toBridge(page: Page): Promise<void> {
  await page.getByRole('button', { name: /Start Bridge \(five-point/ }).click();
  await page.getByRole('button', { name: 'Skip' }).click();
  await page.getByTestId('model-status').waitFor({ timeout: 90_000 });
}

/** Stored clips, read straight from IndexedDB in the page. */
function storedClips(page: Page): Promise<{ id: string; bytes: number; chunks: number; complete: boolean; mimeType: string }[]> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const rq = indexedDB.open('rootwell');
        rq.onerror = () => reject(rq.error);
        rq.onsuccess = () => {
          const db = rq.result;
          if (!db.objectStoreNames.contains('clipmeta')) return (db.close(), resolve([]));
          const all = db.transaction('clipmeta').objectStore('clipmeta').getAll();
          all.onsuccess = () => (db.close(), resolve(all.result));
          all.onerror = () => reject(all.error);
        };
      }),
  );
}

const count = async (page: Page) => Number(await page.getByTestId('rep-count').first().getAttribute('data-count'));

describe('a video of the set, with consent', () => {
  it('is not recorded without the tick', async () => {
    const page = await openSeeded(b, app.url, FAST_SETTINGS);
    await toBridge(page);
    expect(await page.getByTestId('keep-video').isChecked()).toBe(false);
    await page.getByTestId('use-camera').click();
    await expect.poll(() => coachTMs(page), { timeout: 60_000 }).toBeGreaterThan(5000);
    await page.getByTestId('finish').click();
    await page.getByTestId('summary').waitFor();
    expect(await page.getByTestId('summary-clip').count()).toBe(0);
    expect(await storedClips(page)).toEqual([]);
    await page.close();
  }, 180_000);

  it('is kept while the set runs, shown in the review under the skeleton, downloaded, deleted and attached again', async () => {
    const page = await openSeeded(b, app.url, FAST_SETTINGS);
    page.on('dialog', (d) => void d.accept());
    await toBridge(page);
    await page.getByTestId('keep-video').check();
    await shot(page, 'clip-consent');
    await page.getByTestId('use-camera').click();
    await expect.poll(async () => page.getByTestId('clip-status').getAttribute('data-state'), { timeout: 60_000 }).toBe('recording');
    // Chunks reach IndexedDB while the set runs (a crash keeps them).
    await expect.poll(async () => (await storedClips(page))[0]?.chunks ?? 0, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
    await expect.poll(() => coachTMs(page), { timeout: 60_000 }).toBeGreaterThan(12_000);
    await shot(page, 'clip-recording');
    const t = await coachTMs(page);
    await page.getByTestId('finish').click();
    await expect.poll(async () => page.getByTestId('summary-clip').getAttribute('data-state'), { timeout: 30_000 }).toBe('saved');
    await shot(page, 'clip-summary');
    const [clip] = await storedClips(page);
    expect(clip?.complete).toBe(true);
    expect(clip?.mimeType).toMatch(/^video\//);
    console.log(`[clip] ${clip?.bytes} bytes in ${clip?.chunks} chunks for ${(t / 1000).toFixed(1)} s of set: ${(((clip?.bytes ?? 0) * 8) / (t / 1000) / 1000).toFixed(0)} kbit/s`);

    await page.evaluate(() => (location.hash = '#/history'));
    const row = page.getByTestId('history-row').first();
    await row.waitFor();
    expect(await row.getByTestId('has-video').count()).toBe(1);
    // The patient can send the video from History too.
    const fromHistory = await catchDownload(page, () => row.getByTestId('export-video').click(), work, 'from-history.webm');
    expect((await stat(fromHistory)).size).toBe(clip?.bytes);
    // History says how much is stored (the browser's estimate includes the video).
    expect(await page.getByTestId('storage-usage').textContent()).toMatch(/Stored on this device: [\d.]+ MB of the/);
    await row.getByTestId('review-link').click();
    await page.locator('[data-testid="review"][data-state="ready"]').waitFor({ timeout: 60_000 });
    const video = page.getByTestId('clip');
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
    expect(await video.evaluate((v: HTMLVideoElement) => v.videoWidth)).toBe(640);

    // The scrubber moves the video to the same moment.
    const max = Number(await page.getByTestId('scrubber').getAttribute('max'));
    await page.getByTestId('scrubber').fill(String(Math.round(max * 0.6)));
    const replayS = Number.parseFloat((await page.getByTestId('replay-time').textContent()) ?? '0');
    expect(replayS).toBeGreaterThan(3);
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 10_000 }).toBeCloseTo(replayS, 0);
    await shot(page, 'clip-review');

    // Play: the video runs and the replay follows it.
    await page.getByTestId('scrubber').fill('0');
    await page.getByTestId('play').click();
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 10_000 }).toBeGreaterThan(1);
    const during = Number.parseFloat((await page.getByTestId('replay-time').textContent()) ?? '0');
    expect(during).toBeGreaterThan(0.5);
    await page.getByTestId('play').click();

    // The downloaded file is a real video (ffmpeg decodes its frames).
    const file = await catchDownload(page, () => page.getByTestId('clip-download').click(), work, 'set.webm');
    expect((await stat(file)).size).toBe(clip?.bytes);
    const { stdout } = await execFileP('ffprobe', ['-v', 'error', '-count_frames', '-select_streams', 'v:0', '-show_entries', 'stream=nb_read_frames,width', '-of', 'json', file]);
    const probed = (JSON.parse(stdout) as { streams: { nb_read_frames: string; width: number }[] }).streams[0];
    expect(probed?.width).toBe(640);
    // The fake camera runs at 15 fps; at least half of the set's frames are in the video.
    expect(Number(probed?.nb_read_frames)).toBeGreaterThan((t / 1000) * 15 * 0.5);

    // Delete the video: the session, reps and scores stay.
    const reps = await page.getByTestId('review-reps').textContent();
    await page.getByTestId('clip-delete').click();
    await page.getByTestId('clip-attach').waitFor({ state: 'attached' });
    expect(await page.getByTestId('clip').count()).toBe(0);
    expect(await page.getByTestId('review-reps').textContent()).toBe(reps);
    expect(await storedClips(page)).toEqual([]);

    // Not a video: refused, nothing changes. Then the physio attaches the patient's file.
    await page.getByTestId('clip-attach').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await expect.poll(() => page.getByTestId('clip-notice').textContent()).toMatch(/not a video/);
    expect(await storedClips(page)).toEqual([]);
    await page.getByTestId('clip-attach').setInputFiles({ name: 'set.webm', mimeType: 'video/webm', buffer: await readFile(file) });
    await expect.poll(() => page.getByTestId('clip-notice').textContent()).toMatch(/attached/);
    await expect.poll(() => page.getByTestId('clip').evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
    // Not one frame failed while the video was kept.
    expect(b.consoleErrors().filter((e) => /frame failed|ReferenceError|TypeError/.test(e))).toEqual([]);
    await page.close();
  }, 300_000);
});

describe('storage full in the middle of a set', () => {
  it('says so at once, keeps counting, and offers the whole set as a file', async () => {
    const page = await openSeeded(b, app.url, FAST_SETTINGS);
    // A disk that fills up when the test says so (Chrome reports a full disk as QuotaExceededError).
    await page.addInitScript(() => {
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...a: Parameters<IDBObjectStore['put']>) {
        if ((globalThis as { __fullDisk?: boolean }).__fullDisk) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return put.apply(this, a);
      };
    });
    await page.reload();
    await toBridge(page);
    await page.getByTestId('use-camera').click();
    await expect.poll(() => coachTMs(page), { timeout: 60_000 }).toBeGreaterThan(4000);
    expect(await page.getByTestId('save-error').count()).toBe(0);
    await page.evaluate(() => ((globalThis as { __fullDisk?: boolean }).__fullDisk = true));
    const banner = page.getByTestId('save-error');
    await banner.waitFor({ timeout: 15_000 });
    expect(await banner.getAttribute('data-kind')).toBe('full');
    expect(await banner.textContent()).toMatch(/not being saved.*out of space.*Counting goes on/s);
    await shot(page, 'storage-full-live');
    // Counting carries on: the bridge clip has 5 reps in 20 s.
    await expect.poll(() => count(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(3);
    const tEnd = await coachTMs(page);
    await page.getByTestId('finish').click();
    await page.getByTestId('summary').waitFor();
    const shown = Number(await page.getByTestId('summary-count').textContent());
    expect(await page.getByTestId('unsaved').textContent()).toMatch(/could not be saved.*out of space/s);
    const file = await catchDownload(page, () => page.getByTestId('download-set').click(), work, 'unsaved.json');
    const parsed = parseRecord(await readFile(file, 'utf8'));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    // Nothing lost: every rep on the summary and frames up to the end of the set.
    expect(parsed.record.events.filter((e) => e.type === 'rep').length).toBe(shown);
    const seconds = parsed.record.frames.t.reduce((s, d, i) => (i === 0 ? 0 : s + d), 0) / 1000;
    expect(seconds).toBeGreaterThan(tEnd / 1000 - 2);
    await shot(page, 'storage-full-summary');
    await page.close();
  }, 240_000);
});
