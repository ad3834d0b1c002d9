/**
 * Nothing is fetched from outside at run time: in headless Chromium with every non-localhost
 * request aborted, the default estimator (wasm backend) still loads from /models/ and finds a
 * plausible pose in a real clip fed as the camera. A missing model file is a typed error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { close, launchBrowser, makeFakeCamera, startApp, type RunningApp, type RunningBrowser } from '../helpers/browser';
import { DEFAULT_MODEL } from '../../src/estimate/create-estimator';

// A real, single-person, whole-body clip: the woman squatting from Google's reference data.
const CLIP = 'reference/pose_squats.mp4';

let app: RunningApp;
let browser: RunningBrowser;
let page: Page;

beforeAll(async () => {
  const cam = await makeFakeCamera(CLIP, { fps: 15, width: 360 });
  app = await startApp();
  browser = await launchBrowser({ offline: true, fakeCamera: cam.path });
  page = await browser.newPage();
  await page.goto(`${app.url}/tests/browser/pages/estimate.html`);
  await page.waitForFunction(() => window.__rwReady === true, undefined, { timeout: 60_000 });
});

afterAll(async () => {
  await close();
});

describe('offline pose estimation in Chromium', () => {
  it(`the default model (${DEFAULT_MODEL}) on wasm finds a plausible pose with no outside request`, async () => {
    const r = await page.evaluate((model) => window.__rw.estimateCamera({ model, backend: 'wasm' }), DEFAULT_MODEL);
    expect(r.backend).toBe('wasm');
    expect(r.frame).not.toBeNull();
    const f = r.frame!;
    const j = f.joints;
    // Plausible standing person (she squats, but is upright): head above hips above ankles, in frame.
    const core = [j.nose, j.leftShoulder, j.rightShoulder, j.leftHip, j.rightHip, j.leftKnee, j.rightKnee];
    for (const p of core) {
      expect(p.score).toBeGreaterThan(0.5);
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.x).toBeLessThanOrEqual(f.width);
    }
    expect(j.nose.y).toBeLessThan(j.leftHip.y);
    expect(j.leftHip.y).toBeLessThan(j.leftAnkle.y);
    expect(f.world).toBeDefined();

    const external = browser.externalRequests();
    expect(external, `outside requests attempted: ${external.map((x) => x.url).join(', ')}`).toEqual([]);
    const modelRequests = browser.requests().filter((x) => x.url.includes('/models/'));
    expect(modelRequests.length).toBeGreaterThan(0);
  });

  it('a missing model file gives model-load-failed quickly, not a hang', async () => {
    const r = await page.evaluate(() =>
      window.__rw.tryCreate({ model: 'movenet-lightning', backend: 'wasm', modelBase: '/models/not-there' }),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.kind).toBe('model-load-failed');
    expect(r.message).toMatch(/could not be loaded/);
    expect(r.ms).toBeLessThan(30_000);
    expect(browser.externalRequests()).toEqual([]);
  });

  it(`the default model in a dedicated worker (the app's path) finds the same plausible pose, and a crash restarts it`, async () => {
    const r = await page.evaluate((model) => window.__rw.workerEstimateCamera({ model, backend: 'wasm' }, 6, 3), DEFAULT_MODEL);
    expect(r.ok, JSON.stringify(r)).toBe(true);
    if (!r.ok) return;
    expect(r.backend).toBe('wasm');
    // Frames before the crash and after the restart are estimated; the frame in flight may fail.
    const before = r.frames.slice(0, 3);
    const after = r.frames.slice(3);
    expect(before.filter((f) => f !== null).length).toBeGreaterThanOrEqual(2);
    expect(after.filter((f) => f !== null).length).toBeGreaterThanOrEqual(2);
    for (const f of [...before, ...after]) {
      if (!f) continue;
      expect(f.joints.nose.y).toBeLessThan(f.joints.leftHip.y);
      expect(f.joints.leftHip.y).toBeLessThan(f.joints.leftAnkle.y);
      expect(f.world).toBeDefined();
    }
    expect(r.restarts).toBe(1);
    expect(r.notices.join(' ')).toMatch(/restarted.*count is kept/);
    expect(r.errors.length).toBeLessThanOrEqual(1);
    expect(browser.externalRequests()).toEqual([]);
  });
  // A model that fails to load in the worker: tests/browser/faults-e2e.test.ts (damaged weights, in the app).
});
