// The classifier reused on the ResNet page with ResNet-50 preselected: no model downloads before a click, and
// while ResNet-50 downloads the quick model answers first, labelled as such.
import { test, expect, visit, axeViolations } from './fixtures';
import { DEFAULT_RESNET50_ID, modelById } from '../../src/lib/inference/models';
import { animationFrames, holdRequests, recordWorkerTraffic } from './settle';

test('the ResNet page offers the real ResNet-50 preselected, with its size, and loads no model before a click', async ({
  page,
  errors,
}) => {
  const modelRequests: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/models/')) modelRequests.push(r.url());
  });
  await recordWorkerTraffic(page);
  await visit(page, '/resnet/');
  const figure = page.locator('#fig-resnet-classify');
  const demo = figure.locator('.classifier');
  await demo.scrollIntoViewIfNeeded();
  await expect(demo).toHaveAttribute('data-ready', 'true');
  const menu = demo.getByLabel('Model', { exact: true });
  await expect(menu).toHaveValue(DEFAULT_RESNET50_ID);
  await expect(menu.locator('option:checked')).toHaveText(
    `ResNet-50 (Keras, 8-bit) — ${(modelById(DEFAULT_RESNET50_ID).bytes / 1e6).toFixed(1)} MB download`,
  );
  await expect(menu.locator('option[value="resnet50"]')).toHaveText(/^ResNet-50 \(Keras\) — 102\.7 MB download$/);
  // Mounted (data-ready) and two frames drawn since: no model file was asked for. (On a good
  // connection the engine worker and its wasm backend start early, never the weights.)
  await animationFrames(page);
  expect(modelRequests).toEqual([]);
  expect(await axeViolations(page, '#fig-resnet-classify')).toEqual([]);
  expect(errors).toEqual([]);
});

test('with ResNet-50, the coffee photo is espresso: first the quick model’s answer, labelled, while ResNet-50 downloads', async ({
  page,
  errors,
}) => {
  // A 26 MB download from the local server plus the first run on wasm: generous, not a timing check.
  test.setTimeout(180_000);
  // ResNet-50's weight files wait until the quick answer has shown.
  const { release } = await holdRequests(page, /\/models\/resnet50_uint8\/.*\.bin/);
  await visit(page, '/resnet/');
  const demo = page.locator('#fig-resnet-classify .classifier');
  await demo.scrollIntoViewIfNeeded();
  await expect(demo).toHaveAttribute('data-ready', 'true');
  await demo.getByRole('button', { name: /Coffee cup/ }).click();
  await expect(demo.getByTestId('quick-note')).toContainText('A quick first answer from MobileNet v1 0.75 (8-bit), while ResNet-50', {
    timeout: 60_000,
  });
  await expect(demo.getByTestId('top1').locator('strong')).toHaveText('espresso');
  await expect(demo.getByTestId('timing')).toContainText('MobileNet v1 0.75 (8-bit) on WASM');
  // The status is ResNet-50's download.
  await expect(demo.locator('.status')).toContainText('Downloading ResNet-50');
  expect(await axeViolations(page, '#fig-resnet-classify')).toEqual([]);
  release();
  await expect(demo.getByTestId('timing')).toContainText('ResNet-50 (Keras, 8-bit) on WASM', { timeout: 150_000 });
  await expect(demo.getByTestId('quick-note')).toBeHidden();
  await expect(demo.getByTestId('top1').locator('strong')).toHaveText('espresso');
  expect(errors).toEqual([]);
});
