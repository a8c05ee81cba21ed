// "Your photo through ResNet-50" on the ResNet page: the real 8-bit Keras ResNet-50 in the page's
// engine worker (wasm), no mocks. One photo, stepped to a block, the residual-branch chart and
// Grad-CAM; then the link restores the step and the photo. What keeps the page responsive is checked
// as facts, not durations: the photo is decoded and every picture painted in the probe's paint worker
// (the page does no pixel work), tfjs runs only in the engine worker, and a change repaints only the
// canvases whose data changed.
import type { Page } from '@playwright/test';
import { test, expect, axeViolations, visit } from './fixtures';
import { MainThreadWatch, canvasDigest } from './main-thread';

const workerTensors = (page: Page) =>
  page.evaluate(async () => {
    const engine = (globalThis as unknown as { __classifierEngine: { request(r: { type: 'memory' }): Promise<{ numTensors: number }> } })
      .__classifierEngine;
    return (await engine.request({ type: 'memory' })).numTensors;
  });

/** What a probe canvas shows (its data-shows, set when the worker's picture is on it). */
const shows = (page: Page, testId: string) => page.getByTestId(testId);
const repainted = (before: Record<string, number>, after: Record<string, number>, ids: string[]) =>
  Object.fromEntries(
    ids.map((id) => [id, `${before[id] ?? 0} → ${after[id] ?? 0}`]).filter(([id]) => (before[id!] ?? 0) !== (after[id!] ?? 0)),
  );
const ROWS = ['residual-row-0', 'residual-row-1', 'residual-row-2'];

test('a gallery photo through the real ResNet-50: layer maps, residual branches, Grad-CAM, link restored', async ({ page, errors }) => {
  test.setTimeout(180_000);
  const watch = await MainThreadWatch.start(page);
  await visit(page, '/resnet/');
  const fig = page.locator('#fig-resnet-steps');
  await fig.scrollIntoViewIfNeeded();
  await expect(fig.locator('.pp')).toHaveAttribute('data-ready', 'true');
  await expect(fig.getByText('Pick a photo above')).toBeVisible();

  await page.getByLabel('Run the real ResNet-50 on').selectOption('coffee.jpg');
  await expect(page.getByTestId('probe-photo')).toHaveText('Coffee cup');
  const panel = fig.locator('.lp');
  // Step 0 is conv1_conv: 16 of its 64 channels.
  await expect(panel).toHaveAttribute('data-tiles', '16', { timeout: 90_000 });
  await expect(
    panel.getByRole('img', { name: /^The 16 most active of 64 channels of conv1_conv for Coffee cup, each 112 × 112/ }),
  ).toBeVisible();
  await expect(shows(page, 'probe-grid')).toHaveAttribute('data-shows', /\|conv1_conv$/);

  // Step to the end of the first bottleneck block (conv2_block1_out, step 16 of 175).
  const forward = fig.getByRole('button', { name: 'Step forward' });
  for (let i = 0; i < 15; i++) await forward.click();
  await expect(fig.locator('.net')).toHaveAttribute('data-step', '15');
  await expect(panel.getByRole('heading', { name: 'conv2_block1_out on Coffee cup' })).toBeVisible();
  await expect(panel.getByTestId('probe-spec-shape')).toHaveText('56 × 56 × 256');
  await expect(panel.getByTestId('probe-model-shape')).toHaveText('56 × 56 × 256');
  await expect(panel.getByRole('img', { name: /^The 16 most active of 256 channels of conv2_block1_out for Coffee cup/ })).toBeVisible();
  await expect(panel).toHaveAttribute('data-tiles', '16');
  await expect(shows(page, 'probe-grid')).toHaveAttribute('data-shows', /\|conv2_block1_out$/);
  expect((await canvasDigest(page, 'probe-grid')).lit).toBeGreaterThan(1000);
  const tensors = await workerTensors(page);

  // After the last layer: the top-5, espresso first (End on the diagram).
  await fig.locator('.glyph.current').focus();
  await page.keyboard.press('End');
  await expect(panel.getByTestId('probe-top5').locator('li')).toHaveCount(5);
  await expect(panel.getByTestId('probe-top5').locator('li').first()).toContainText('espresso');
  await page.keyboard.press('Home');
  for (let i = 0; i < 15; i++) await page.keyboard.press('ArrowRight');
  await expect(fig.locator('.net')).toHaveAttribute('data-step', '15');
  await expect(panel).toHaveAttribute('data-tiles', '16');
  await expect(shows(page, 'probe-grid')).toHaveAttribute('data-shows', /\|conv2_block1_out$/);

  // The residual branches: 16 bars, words from the numbers, one block's three rows of maps.
  const branches = page.locator('#fig-resnet-branches');
  await branches.scrollIntoViewIfNeeded();
  const bars = branches.getByRole('radio');
  await expect(bars).toHaveCount(16, { timeout: 60_000 });
  await expect(branches.getByTestId('residual-findings')).toContainText(/adds the most: ‖F\(x\)‖ is \d+\.\d\d times ‖x‖/);
  await expect(
    branches.getByRole('img', { name: /^Maps of conv\d_block\d on Coffee cup: the residual branch F\(x\), the shortcut x and their sum/ }),
  ).toBeVisible({ timeout: 30_000 });
  const checked = branches.getByRole('radio', { checked: true });
  await checked.focus();
  const before = await branches.locator('.rb').getAttribute('data-block');
  for (const row of ROWS) await expect(shows(page, row)).toHaveAttribute('data-shows', new RegExp(`\\|${before}\\|`));
  // Another block repaints its three rows and not the layer maps above.
  const beforeBlock = await watch.paints();
  await page.keyboard.press('Home');
  await expect(branches.locator('.rb')).toHaveAttribute('data-block', 'conv2_block1');
  await expect(branches.getByRole('radio', { name: /^conv2_x block 1 \(projection shortcut\)/ })).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('ArrowRight');
  await expect(branches.locator('.rb')).toHaveAttribute('data-block', 'conv2_block2');
  await expect(branches.getByRole('img', { name: /^Maps of conv2_block2 on Coffee cup/ })).toBeVisible({ timeout: 30_000 });
  for (const row of ROWS) await expect(shows(page, row)).toHaveAttribute('data-shows', /\|conv2_block2\|/);
  const afterBlock = await watch.paints();
  for (const row of ROWS) expect(afterBlock[row], row).toBeGreaterThan(beforeBlock[row] ?? 0);
  expect(repainted(beforeBlock, afterBlock, ['probe-grid']), 'canvases repainted by another block').toEqual({});
  expect(before).toMatch(/^conv\d_block\d$/);

  // Grad-CAM: top-1 (espresso) by default; switching the class redraws a different map.
  const cam = page.locator('#fig-resnet-gradcam');
  await cam.scrollIntoViewIfNeeded();
  await expect(cam.getByRole('radio', { name: /^1\. espresso/ })).toBeChecked({ timeout: 60_000 });
  await expect(cam.getByRole('img', { name: /^Grad-CAM for “espresso” over Coffee cup/ })).toBeVisible({ timeout: 60_000 });
  await expect(shows(page, 'gradcam')).toHaveAttribute('data-shows', /\|class 967$/);
  const first = await canvasDigest(page, 'gradcam');
  expect(first.lit).toBeGreaterThan(10_000);
  // Another class repaints Grad-CAM only.
  const beforeClass = await watch.paints();
  const draws = Number(await cam.locator('.gc').getAttribute('data-draws'));
  await cam.getByRole('radio').nth(1).check();
  await expect(cam.locator('.gc')).toHaveAttribute('data-draws', String(draws + 1), { timeout: 60_000 });
  await expect(shows(page, 'gradcam')).not.toHaveAttribute('data-shows', /\|class 967$/);
  const afterClass = await watch.paints();
  expect(afterClass['gradcam']).toBe((beforeClass['gradcam'] ?? 0) + 1);
  expect(repainted(beforeClass, afterClass, ['probe-grid', ...ROWS]), 'canvases repainted by another Grad-CAM class').toEqual({});
  const second = await canvasDigest(page, 'gradcam');
  expect(second.lit).toBeGreaterThan(10_000);
  expect(second.hash).not.toBe(first.hash);

  // Back to a layer seen before (from the cache) and the worker holds no more tensors than it did;
  // stepping repaints the layer maps only.
  const beforeStep = await watch.paints();
  await fig.scrollIntoViewIfNeeded();
  await fig.getByRole('button', { name: 'Step back' }).click();
  await forward.click();
  await expect(panel).toHaveAttribute('data-tiles', '16');
  await expect(shows(page, 'probe-grid')).toHaveAttribute('data-shows', /\|conv2_block1_out$/);
  expect(await workerTensors(page)).toBe(tensors);
  const afterStep = await watch.paints();
  expect(afterStep['probe-grid']).toBeGreaterThan(beforeStep['probe-grid'] ?? 0);
  expect(repainted(beforeStep, afterStep, ['gradcam', ...ROWS]), 'canvases repainted by a step').toEqual({});

  // The page's main thread decoded no photo and touched no pixel; tfjs ran only in the engine worker.
  expect(await watch.pixelWork(), 'pixel work on the main thread').toEqual([]);
  await watch.expectTfjsOnlyInWorkers();
  expect(await axeViolations(page, '#fig-resnet-steps')).toEqual([]);
  expect(await axeViolations(page, '#fig-resnet-branches')).toEqual([]);
  expect(await axeViolations(page, '#fig-resnet-gradcam')).toEqual([]);

  // The link keeps the step and the photo; the photo runs again on one press.
  const url = new URL(page.url());
  expect(url.searchParams.get('photo.choice')).toBe('coffee');
  expect(url.searchParams.get('diagram.step')).toBe('15');
  await page.goto(url.pathname + url.search);
  await fig.scrollIntoViewIfNeeded();
  await expect(fig.locator('.net')).toHaveAttribute('data-step', '15');
  await expect(page.getByLabel('Run the real ResNet-50 on')).toHaveValue('coffee.jpg');
  await fig.getByRole('button', { name: 'Run ResNet-50 on Coffee cup' }).click();
  await expect(panel.getByRole('img', { name: /^The 16 most active of 256 channels of conv2_block1_out for Coffee cup/ })).toBeVisible({
    timeout: 90_000,
  });
  expect(errors).toEqual([]);
});

test('a link made with an own photo says why it cannot come back; a non-image is refused politely; an SVG is drawn by the page and run', async ({
  page,
  errors,
}) => {
  test.setTimeout(120_000);
  await visit(page, '/resnet/?photo.choice=own&diagram.step=3');
  const fig = page.locator('#fig-resnet-steps');
  await fig.scrollIntoViewIfNeeded();
  await expect(fig.getByRole('status').filter({ hasText: 'never leaves their browser' })).toBeVisible();
  await expect(fig.locator('.net')).toHaveAttribute('data-step', '3');
  await fig
    .getByTestId('probe-file')
    .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a photo at all') });
  await expect(fig.getByRole('alert')).toContainText('notes.txt');
  await expect(fig.getByRole('button', { name: /classifier’s photo/ })).toBeDisabled();
  // An SVG needs a document to be drawn: the page draws it (scripts never run), the paint worker keeps it.
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><script>window.__ran = 1</script><rect width="64" height="64" fill="#c33"/></svg>';
  await fig.getByTestId('probe-file').setInputFiles({ name: 'red.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(svg) });
  await expect(page.getByTestId('probe-photo')).toHaveText('red.svg');
  await expect(fig.getByRole('alert')).toHaveCount(0);
  await expect(fig.locator('.lp')).toHaveAttribute('data-tiles', '16', { timeout: 90_000 });
  await expect(page.getByTestId('probe-grid')).toHaveAttribute('data-shows', /^probe-\d+\|pool1_pool$/);
  expect(await page.evaluate(() => (window as unknown as { __ran?: number }).__ran)).toBeUndefined();
  // VGG's diagram on its own page says it shows shapes only.
  await visit(page, '/vgg/');
  await expect(page.getByText('No VGG weights run on this site, so this diagram shows shapes only')).toBeVisible();
  expect(errors).toEqual([]);
});
