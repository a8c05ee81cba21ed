// What a layer sees: a real MobileNet layer's activation maps for a gallery photo, drawn on a canvas.
import { test, expect, axeViolations } from './fixtures';
import { openClassifier } from './classifier-helpers';

test('choosing a MobileNet conv layer draws a grid of its maps with the layer’s shape; tensors stay flat', async ({ page, errors }) => {
  const demo = await openClassifier(page);
  await page.getByText('What a layer sees').click();
  await expect(page.getByText('Classify an image first')).toBeVisible();
  await page.getByRole('button', { name: /Coffee cup/ }).click();
  await expect(page.getByTestId('top1').locator('strong')).toHaveText('espresso', { timeout: 45_000 });

  const pick = page.getByLabel(/^Layer of MobileNet v1 0.75/);
  await expect(pick).toHaveValue('conv1');
  await expect(page.getByTestId('layer-shape')).toHaveText(
    /conv1 \(Conv2D\): output \[batch, 112, 112, 24\], that is\s+24 maps of 112 × 112\./,
  );
  const grid = page.getByRole('img', { name: 'The first 24 of 24 activation maps of conv1 for Coffee cup' });
  await expect(grid).toBeVisible();
  const canvas = page.getByTestId('layer-grid');
  const box = await canvas.boundingBox();
  expect(box!.width).toBeGreaterThan(100);
  expect(box!.height).toBeGreaterThan(30);
  // The canvas shows something: not one flat colour.
  const distinct = await canvas.evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    const seen = new Set<number>();
    for (let i = 0; i < d.length; i += 4 * 7) seen.add((d[i]! << 16) | (d[i + 1]! << 8) | d[i + 2]!);
    return seen.size;
  });
  expect(distinct).toBeGreaterThan(50);

  let runs = Number(await demo.getAttribute('data-layer-runs'));
  const before = await demo.getAttribute('data-num-tensors');
  for (const name of ['conv_pw_1', 'conv_dw_7_relu', 'conv_pw_13_relu', 'conv1']) {
    await pick.selectOption(name);
    runs++;
    await expect(demo).toHaveAttribute('data-layer-runs', String(runs), { timeout: 15_000 });
  }
  await pick.selectOption('conv_pw_13_relu');
  await expect(page.getByTestId('layer-shape')).toContainText(/\[batch, 7, 7, 768\], that is\s+768 maps of 7 × 7/);
  await expect(page.getByRole('img', { name: /The first 32 of 768 activation maps of conv_pw_13_relu/ })).toBeVisible();
  await pick.selectOption('conv1');
  await expect(page.getByTestId('layer-shape')).toContainText('conv1');
  expect(await demo.getAttribute('data-num-tensors')).toBe(before);
  expect(await axeViolations(page, '.classifier')).toEqual([]);
  expect(errors).toEqual([]);
});
