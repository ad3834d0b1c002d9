/**
 * The benches' walk into the live coach: Start the bridge, pass the weekly questionnaire ("Not now")
 * and the safety screen's skip, as a patient may, up to the camera button; then wait for the first
 * pose drawn (the app's `?perf` mark).
 */
import type { Page } from 'playwright-core';

/** From the programme to the coach's set-up screen (the camera button shown). */
export async function openBridgeCoach(page: Page): Promise<void> {
  await page.getByRole('button', { name: /Start Bridge \(five-point/ }).click();
  const psfs = page.getByTestId('psfs-skip');
  const skip = page.getByRole('button', { name: 'Skip' });
  await psfs.or(skip).first().waitFor();
  if (await psfs.isVisible()) await psfs.click();
  await skip.click();
  await page.getByTestId('use-camera').waitFor();
}

/** After "Use camera": until the first pose is drawn over the picture. */
export async function waitForFirstPose(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as { __rootwellPerf?: { marks: Record<string, number> } }).__rootwellPerf?.marks['first-pose-drawn'] !== undefined, undefined, {
    timeout: 120_000,
    polling: 50,
  });
}
