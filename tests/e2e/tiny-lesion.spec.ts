import type { Locator, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { test, expect, visit, axeViolations } from './fixtures';
import type { TinyLesion } from '../../src/lib/data/tiny-lesion';
import { randomSummary } from '../../src/lib/tiny/lesion-prose';
import { formatFraction } from '../../src/lib/format';

const TINY_LESION = JSON.parse(readFileSync(new URL('../../src/lib/data/tiny-lesion.json', import.meta.url), 'utf8')) as TinyLesion;

// Block deletion on the project's plain-20 and ResNet-20 (/why-residual/): the committed bars and
// curves draw at once for every removable block of both nets with the JSON's numbers, a deletion
// recomputed live in the real tiny-nets worker (wasm) matches the committed count, Cancel stops one,
// the worker's tensor count stays flat, and the figure passes axe on a dark 375 px phone.
test.describe.configure({ timeout: 240_000 });

const N = TINY_LESION.dataset.testImages;
const BLOCKS = TINY_LESION.nets[0]!.blocks;

async function openLesion(page: Page): Promise<Locator> {
  await visit(page, '/why-residual/');
  const tl = page.locator('.tl');
  await tl.scrollIntoViewIfNeeded();
  await expect(page.locator('astro-island:has(.tl)')).not.toHaveAttribute('ssr', /.*/);
  return tl;
}

test("draws both nets' bars for every removable block and the k curves, with the committed numbers", async ({ page, errors }) => {
  const tl = await openLesion(page);
  await expect(tl.locator('rect.tl-bar')).toHaveCount(2 * BLOCKS.length);
  for (const net of TINY_LESION.nets) {
    const bars = tl.locator(`rect.tl-bar[data-net="${net.id}"]`);
    await expect(bars).toHaveCount(BLOCKS.length);
    expect(await bars.evaluateAll((els) => els.map((e) => [e.getAttribute('data-block'), Number(e.getAttribute('data-errors'))]))).toEqual(
      net.blocks.map((b) => [b.id, b.errors]),
    );
    const marks = tl.locator(`path.tl-mark[data-net="${net.id}"]`);
    await expect(marks).toHaveCount(BLOCKS.length + 1);
    const means = await marks.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-mean'))));
    expect(means).toEqual(randomSummary(net, N).map((s) => s.mean));
  }
  await expect(tl.locator('line.tl-chance')).toHaveCount(2);
  await expect(tl.locator('line.tl-intact')).toHaveCount(2);
  // The table under the charts gives the same numbers.
  await tl.getByText(/^The numbers/).click();
  for (const [j, b] of BLOCKS.entries()) {
    const cells = tl.locator(`tr[data-block="${b.id}"] td`);
    await expect(cells).toHaveText(TINY_LESION.nets.map((net) => formatFraction(net.blocks[j]!.errors / N, 1)));
  }
  // Clicking a bar picks its block.
  await tl.locator(`rect.tl-bar[data-block="${BLOCKS[2]!.id}"]`).first().click();
  await expect(tl.getByLabel('Block to remove')).toHaveValue(BLOCKS[2]!.id);
  expect(await axeViolations(page, '.tl')).toEqual([]);
  expect(errors).toEqual([]);
});

test('a deletion recomputed live matches the committed number in both nets, with flat tensors and Cancel', async ({ page, errors }) => {
  const tl = await openLesion(page);
  const pickBlock = BLOCKS[BLOCKS.length - 1]!;
  await tl.getByLabel('Block to remove').selectOption(pickBlock.id);
  await tl.getByRole('button', { name: 'Recompute live' }).click();
  await expect(tl.locator('progress')).toBeVisible();
  await expect(tl).toHaveAttribute('data-finished', '1', { timeout: 200_000 });
  const rows = tl.getByTestId('tl-live').locator('p[data-net]');
  await expect(rows).toHaveCount(2);
  for (const [i, net] of TINY_LESION.nets.entries()) {
    const row = rows.nth(i);
    await expect(row).toHaveAttribute('data-net', net.id);
    await expect(row).toHaveAttribute('data-errors', String(net.blocks.find((b) => b.id === pickBlock.id)!.errors));
    await expect(row).toContainText('the same as the committed number');
  }
  const tensors = await tl.getAttribute('data-tensors');

  // A second block, by keyboard; then one cancelled at once.
  await tl.getByLabel('Block to remove').focus();
  await page.keyboard.press('Home');
  await expect(tl.getByLabel('Block to remove')).toHaveValue(BLOCKS[0]!.id);
  await tl.getByRole('button', { name: 'Recompute live' }).press('Enter');
  await expect(tl).toHaveAttribute('data-finished', '2', { timeout: 200_000 });
  await expect(tl.getByTestId('tl-live').locator('p[data-matches="true"]')).toHaveCount(2);
  expect(await tl.getAttribute('data-tensors')).toBe(tensors);
  await tl.getByRole('button', { name: 'Recompute live' }).click();
  await tl.getByRole('button', { name: 'Cancel' }).click();
  await expect(tl).toHaveAttribute('data-phase', 'cancelled');
  await expect(tl.getByText('Cancelled. The committed numbers stay on the chart.')).toBeVisible();
  await expect(tl.locator('rect.tl-bar')).toHaveCount(2 * BLOCKS.length);
  expect(errors).toEqual([]);
});

test.describe('on a dark 375 px phone', () => {
  test.use({ viewport: { width: 375, height: 800 }, colorScheme: 'dark' });
  test('fits the screen and passes axe', async ({ page, errors }) => {
    const tl = await openLesion(page);
    await expect(tl.locator('rect.tl-bar')).toHaveCount(2 * BLOCKS.length);
    const overflow = await tl.evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await axeViolations(page, '.tl')).toEqual([]);
    expect(errors).toEqual([]);
  });
});
