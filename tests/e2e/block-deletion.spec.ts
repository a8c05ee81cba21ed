// "Delete a block" on /why-residual/: the real 8-bit Keras ResNet-50 in the page's engine worker
// (wasm), no mocks. A gallery photo, a block switched off (the top-5 changes, the switch is in the
// URL and a reload restores it), each block removed in turn (16 bars and their sentence), the sweep
// over the labelled photos cancelled and run; axe, keyboard, no page errors, worker tensors flat.
import type { Page } from '@playwright/test';
import { test, expect, axeViolations, visit } from './fixtures';

const workerTensors = (page: Page) =>
  page.evaluate(async () => {
    const engine = (globalThis as unknown as { __classifierEngine: { request(r: { type: 'memory' }): Promise<{ numTensors: number }> } })
      .__classifierEngine;
    return (await engine.request({ type: 'memory' })).numTensors;
  });

test('switch a block of ResNet-50 off on a photo, keep it in the link, then remove each block in turn', async ({ page, errors }) => {
  test.setTimeout(300_000);
  await visit(page, '/why-residual/');
  const fig = page.locator('#fig-block-deletion');
  await fig.scrollIntoViewIfNeeded();
  await expect(fig.locator('.ld')).toHaveAttribute('data-ready', 'true');
  const switches = fig.getByRole('switch');
  await expect(switches).toHaveCount(16);
  expect(await axeViolations(page, '#fig-block-deletion')).toEqual([]);

  await fig.getByLabel('Run the real ResNet-50 on').selectOption('coffee.jpg');
  await expect(fig.getByTestId('lesion-photo')).toHaveText('Coffee cup');
  const top5 = fig.getByTestId('lesion-top5');
  await expect(top5.locator('li')).toHaveCount(5, { timeout: 120_000 });
  await expect(top5.locator('li').first()).toContainText('espresso');
  await expect(fig.getByTestId('lesion-original')).toContainText('all blocks are in place');
  const intact = await top5.innerText();

  // Off by keyboard: the projection block opening stage 3.
  const s31 = fig.getByRole('switch', { name: 'stage 3 block 1 (projection)', exact: true });
  await s31.focus();
  await page.keyboard.press('Space');
  await expect(s31).not.toBeChecked();
  await expect(top5).toHaveAttribute('data-off', '3', { timeout: 60_000 });
  expect(await top5.innerText()).not.toBe(intact);
  await expect(fig.getByTestId('lesion-original')).toContainText(
    /espresso, the top-1 with every block in place \(\d+\.\d%\): \d+\.\d+% now, \d+(st|nd|rd|th) place\./,
  );
  await expect(page).toHaveURL(/[?&]lesion\.off=3(&|$)/);
  await expect(page).toHaveURL(/[?&]lesion\.photo=coffee(&|$)/);
  await fig.getByRole('switch', { name: 'stage 5 block 3', exact: true }).click();
  await expect(top5).toHaveAttribute('data-off', '3,15', { timeout: 60_000 });
  await expect(page).toHaveURL(/[?&]lesion\.off=3%2C15(&|$)/);
  expect(await axeViolations(page, '#fig-block-deletion')).toEqual([]);

  // A reload restores the switches and offers the photo again.
  await page.reload();
  await fig.scrollIntoViewIfNeeded();
  await expect(fig.locator('.ld')).toHaveAttribute('data-ready', 'true');
  await expect(fig.getByRole('switch', { name: 'stage 3 block 1 (projection)', exact: true })).not.toBeChecked();
  await expect(fig.getByRole('switch', { name: 'stage 5 block 3', exact: true })).not.toBeChecked();
  await expect(fig.getByRole('switch', { name: 'stage 4 block 2', exact: true })).toBeChecked();
  await fig.getByRole('button', { name: 'Run ResNet-50 on Coffee cup' }).click();
  await expect(top5).toHaveAttribute('data-off', '3,15', { timeout: 120_000 });
  await fig.getByRole('button', { name: 'Put every block back' }).click();
  await expect(top5).toHaveAttribute('data-off', '', { timeout: 60_000 });
  await expect(page).not.toHaveURL(/lesion\.off=/);
  const tensors = await workerTensors(page);

  // Each block in turn: 16 bars, filled, and the sentence written from them.
  await fig.getByRole('button', { name: 'Remove each block in turn' }).click();
  const sweep = fig.getByTestId('lesion-sweep');
  await expect(sweep.locator('.lb-bar')).toHaveCount(16);
  await expect(sweep.locator('.lb-bar.pending')).toHaveCount(0, { timeout: 180_000 });
  await expect(fig.getByTestId('lesion-sweep-text')).toContainText(
    /espresso stays the top-1\. Removing stage \d block \d.* costs it the most/,
  );
  expect(await workerTensors(page)).toBe(tensors);

  // Over the labelled photos: cancelled, then run to the end.
  const overLabelled = fig.getByRole('button', { name: /^Over the \w+ labelled photos$/ });
  await overLabelled.click();
  await fig.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(fig.getByText('Cancelled.')).toBeVisible();
  await expect.poll(() => workerTensors(page), { timeout: 60_000 }).toBe(tensors);
  await overLabelled.click();
  const gallery = fig.getByTestId('lesion-gallery');
  await expect(gallery.locator('.lb-bar')).toHaveCount(16, { timeout: 120_000 });
  await expect(fig.getByTestId('lesion-gallery-text')).toContainText(/of the five labelled photos have their true class in the top-5/, {
    timeout: 240_000,
  });
  await expect(overLabelled).toBeEnabled();
  expect(await axeViolations(page, '#fig-block-deletion')).toEqual([]);
  expect(await workerTensors(page)).toBe(tensors);
  expect(errors).toEqual([]);
});

test('on a 375 px phone in dark mode the switches fit without sideways scroll and pass axe', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await visit(page, '/why-residual/');
  const fig = page.locator('#fig-block-deletion');
  await fig.scrollIntoViewIfNeeded();
  await expect(fig.locator('.ld')).toHaveAttribute('data-ready', 'true');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await axeViolations(page, '#fig-block-deletion')).toEqual([]);
});
