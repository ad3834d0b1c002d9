/**
 * Driving the app's pages, shared by the end-to-end tests (through tests/helpers/app-page.ts) and
 * the benches that walk the app as a patient does (scripts/bench-live.ts): open the app with seeded
 * settings (the safety screen already answered "clear"), catch downloads, read the coach's time.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { RunningBrowser } from './browser';

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

/** Click something that downloads a file; save it as dir/name and return the path. */
export async function catchDownload(page: Page, click: () => Promise<void>, dir: string, name: string): Promise<string> {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = join(dir, name);
  await d.saveAs(path);
  return path;
}

/** Session time of the coach screen (ms). */
export const coachTMs = async (page: Page): Promise<number> => Number(await page.getByTestId('coach').getAttribute('data-t-ms'));
