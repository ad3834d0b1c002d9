/**
 * Page-level helpers for the app's end-to-end tests: open the app with seeded settings (the
 * safety screen already answered "clear"), take screenshots, catch downloads.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from './browser';

/** Opening the app seeded, downloads, the coach's time: in scripts/lib/app-page.ts, where the benches can use them too. */
export * from '../../scripts/lib/app-page';

export const SHOTS = join(REPO_ROOT, 'test-artifacts', 'screenshots');
/** The 5-rep side-view bridge (MANIFEST 1.1), the clip most e2e tests use as the camera. */
export const BRIDGE_CLIP = 'videos/glute_bridge/darebee_glute_bridge_side_5reps.mp4';
/** Settings for e2e runs that need the fast model and no sound. */
export const FAST_SETTINGS = { model: 'movenet-lightning', backend: 'wasm', muted: true, beep: false, telehealth: false };

export async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
}


/**
 * Pick a file in History's import and wait for its message, whichever it is: a failed import
 * fails the test with the message the person would read, not with a timeout.
 */
export async function importOnHistory(page: Page, path: string): Promise<{ kind: 'ok' | 'error'; text: string }> {
  await page.getByTestId('import-input').setInputFiles(path);
  const msg = page.getByTestId('import-ok').or(page.getByTestId('import-error'));
  await msg.waitFor({ timeout: 20_000 });
  const kind = (await msg.getAttribute('data-testid')) === 'import-ok' ? 'ok' : 'error';
  return { kind, text: (await msg.textContent())?.trim() ?? '' };
}
