import { test, expect } from './fixtures';
import { chromiumWith, openDemo } from './camera-helpers';

test.use({ launchOptions: chromiumWith('--use-fake-device-for-media-stream', '--deny-permission-prompts') });

test('a refused camera gets a polite alert and the page keeps working', async ({ page, errors }) => {
  await openDemo(page);
  await page.getByRole('button', { name: 'Use the camera' }).click();
  await expect(page.getByRole('alert')).toContainText('The camera was refused');
  await page.getByRole('button', { name: /Coffee cup/ }).click();
  await expect(page.getByTestId('top1').locator('strong')).toHaveText('espresso', { timeout: 45_000 });
  expect(errors).toEqual([]);
});
