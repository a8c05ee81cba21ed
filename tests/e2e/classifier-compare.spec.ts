// Side by side: two real models on the same gallery photo, each column its own top 5.
import { test, expect, axeViolations } from './fixtures';
import { openClassifier } from './classifier-helpers';

test('MobileNet and Darknet side by side both put espresso first on the coffee photo; tensors stay flat', async ({ page, errors }) => {
  const demo = await openClassifier(page);
  await page.getByRole('button', { name: /Coffee cup/ }).click();
  await expect(page.getByTestId('top1').locator('strong')).toHaveText('espresso', { timeout: 45_000 });
  // ResNet-50 is offered with its size but not ticked.
  const resnet = page.getByRole('checkbox', { name: /ResNet-50 \(Keras\) \(\d+\.\d MB download\)/ });
  await expect(resnet).not.toBeChecked();
  await expect(page.getByRole('checkbox', { name: /^MobileNet v1 0\.75 \(\d+\.\d MB download\)/ })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: /Darknet tiny/ })).toBeChecked();

  const compare = page.getByRole('button', { name: 'Compare on this image' });
  await compare.click();
  const columns = page.getByTestId('comparison').locator('section');
  await expect(columns).toHaveCount(2, { timeout: 45_000 });
  await expect(page.getByRole('region', { name: 'MobileNet v1 0.75: top 5' }).locator('li').first()).toContainText('espresso');
  await expect(page.getByRole('region', { name: 'Darknet tiny: top 5' }).locator('li').first()).toContainText('espresso');
  await expect(columns.first().locator('li')).toHaveCount(5);
  const after1 = await demo.getAttribute('data-num-tensors');

  await expect(demo).toHaveAttribute('data-compares', '1');
  for (let i = 2; i <= 4; i++) {
    await compare.click();
    await expect(demo).toHaveAttribute('data-compares', String(i), { timeout: 15_000 });
  }
  await expect(columns).toHaveCount(2);
  expect(await demo.getAttribute('data-num-tensors')).toBe(after1);
  expect(await axeViolations(page, '.classifier')).toEqual([]);
  expect(errors).toEqual([]);
});

test('side by side needs two or three models ticked', async ({ page, errors }) => {
  await openClassifier(page);
  await page.getByRole('button', { name: /Coffee cup/ }).click();
  await expect(page.getByTestId('top1')).toBeVisible({ timeout: 45_000 });
  await page.getByRole('checkbox', { name: /Darknet tiny/ }).uncheck();
  await expect(page.getByRole('button', { name: 'Compare on this image' })).toBeDisabled();
  await expect(page.getByText('Tick two or three models.')).toBeVisible();
  expect(errors).toEqual([]);
});
