import { test, expect } from './fixtures';
import { chromiumWith, openDemo } from './camera-helpers';

test.use({ launchOptions: chromiumWith('--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'), permissions: ['camera'] });

test('the camera starts only on a click, a frame is classified, and Stop releases it', async ({ page, errors }) => {
  await openDemo(page);
  await expect(page.locator('.classifier video')).toHaveCount(0);
  await page.getByRole('button', { name: 'Use the camera' }).click();
  await expect(page.locator('.classifier video')).toBeVisible();
  // As a reader waits to see themselves: the first frame (before it, the demo asks politely to wait).
  await expect.poll(() => page.locator('.classifier video').evaluate((v) => (v as HTMLVideoElement).videoWidth)).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Classify this frame' }).click();
  await expect(page.getByTestId('top1')).toBeVisible({ timeout: 45_000 });
  await expect(page.locator('.result .small').first()).toContainText('Camera picture');
  await page.getByRole('button', { name: 'Stop the camera' }).click();
  await expect(page.locator('.classifier video')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Use the camera' })).toBeVisible();
  expect(errors).toEqual([]);
});
