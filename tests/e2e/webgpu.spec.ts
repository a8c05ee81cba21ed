// WebGPU as a backend choice, for correctness (not speed): headless Chromium here has only a software
// adapter, so the automatic choice must not pick it, but chosen by hand it must give the same top-1
// (and the backend note must warn that a software adapter is slow).
import { test, expect } from './fixtures';
import { openClassifier } from './classifier-helpers';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';

test.use({
  launchOptions: {
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, '--enable-unsafe-webgpu'],
  },
});

test('chosen by hand, WebGPU classifies the coffee photo as espresso; the automatic choice stays on wasm', async ({ page, errors }) => {
  test.setTimeout(240_000);
  await openClassifier(page);
  await page.getByRole('button', { name: /Coffee cup/ }).click();
  await expect(page.getByTestId('top1').locator('strong')).toHaveText('espresso', { timeout: 60_000 });
  await expect(page.getByTestId('backend-note')).toContainText(/^WASM \(no hardware GPU here/);
  await page.getByLabel('Backend').selectOption('webgpu');
  await expect(page.getByTestId('timing')).toContainText('on WEBGPU', { timeout: 200_000 });
  // This adapter is SwiftShader: the note says so, and what it means for speed.
  await expect(page.getByTestId('backend-note')).toContainText(
    /^WEBGPU \(your choice; WebGPU on a software adapter \(.*\): expect it to be many times slower than WASM\)/,
  );
  await expect(page.getByTestId('top1').locator('strong')).toHaveText('espresso');
  expect(errors).toEqual([]);
});
