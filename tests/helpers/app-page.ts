/**
 * Page-level helpers for the app's end-to-end tests: open the app with seeded settings (the
 * safety screen already answered "clear"), take screenshots, catch downloads.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT, type RunningBrowser } from './browser';

export const SHOTS = join(REPO_ROOT, 'test-artifacts', 'screenshots');
/** The 5-rep side-view bridge (MANIFEST 1.1), the clip most e2e tests use as the camera. */
export const BRIDGE_CLIP = 'videos/glute_bridge/darebee_glute_bridge_side_5reps.mp4';
/** Settings for e2e runs that need the fast model and no sound. */
export const FAST_SETTINGS = { model: 'movenet-lightning', backend: 'wasm', muted: true, beep: false, telehealth: false };

/**
 * A PSFS round answered now (localStorage's value): the weekly function scale is then not due,
 * so a test that is not about it goes from Start straight to the pain check-in.
 */
export const PSFS_ANSWERED_SEED = (): string =>
  JSON.stringify({ rounds: [{ id: 'seed', at: new Date().toISOString(), items: [{ id: 'seed-1', activity: 'sitting 30 minutes', score: 5 }] }] });

/**
 * A new page on the app's home screen, with these settings stored before the first script runs
 * and the safety screen already answered "clear" (unless `fresh`), and the weekly function scale
 * (PSFS) answered just now (unless `psfs: false`).
 */
export async function openSeeded(b: RunningBrowser, url: string, settings: Record<string, unknown>, opts: { fresh?: boolean; psfs?: boolean } = {}): Promise<Page> {
  const page = await b.newPage();
  await page.addInitScript(
    ([s, fresh, psfs]) => {
      if (sessionStorage.getItem('rootwell.test.seeded')) return;
      sessionStorage.setItem('rootwell.test.seeded', '1');
      localStorage.clear();
      localStorage.setItem('rootwell.settings.v1', s as string);
      if (!fresh) localStorage.setItem('rootwell.safety.v1', JSON.stringify({ result: 'clear', at: new Date().toISOString() }));
      if (psfs) localStorage.setItem('rootwell.psfs.v1', psfs as string);
    },
    [JSON.stringify(settings), opts.fresh ?? false, opts.psfs === false ? '' : PSFS_ANSWERED_SEED()] as const,
  );
  await page.goto(`${url}/`);
  await page.getByRole('heading', { name: /Today.s programme/ }).waitFor();
  return page;
}

export async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
}

/** Click something that downloads a file; save it as dir/name and return the path. */
export async function catchDownload(page: Page, click: () => Promise<void>, dir: string, name: string): Promise<string> {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = join(dir, name);
  await d.saveAs(path);
  return path;
}

/** Session time of the coach screen (ms). */
export const coachTMs = async (page: Page): Promise<number> => Number(await page.getByTestId('coach').getAttribute('data-t-ms'));
