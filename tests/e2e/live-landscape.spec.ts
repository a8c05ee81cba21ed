import type { Locator, Page } from '@playwright/test';
import { test, expect, visit, axeViolations } from './fixtures';

// The live landscape under the training lab on the ResNet page, with the real worker (wasm): a short
// run of the smallest nets, then "Map the landscape around these two nets" on a small grid (the URL's
// map.steps and map.images; the reader's default is 11 × 11 on 256 images): progress, two contour
// plots on shared levels, the loss under the pointer, the sentence; the worker's tensor count back to
// where it was, after a map and after Cancel; a diverged net's map drawn with marked cells.
test.describe.configure({ timeout: 120_000, mode: 'default' });

const SMALL = '?lab.depth=8&lab.width=4&lab.batch=8&lab.iters=6&map.steps=5&map.images=32';

async function openLab(page: Page, query: string): Promise<{ lab: Locator; ll: Locator }> {
  await visit(page, `/resnet/${query}`);
  const lab = page.locator('.lab');
  await lab.scrollIntoViewIfNeeded();
  await expect(page.locator('astro-island:has(.lab)')).not.toHaveAttribute('ssr', /.*/);
  return { lab, ll: lab.getByTestId('live-landscape') };
}

const tensors = async (lab: Locator): Promise<number> => Number(await lab.getAttribute('data-tensors'));

test('maps the loss around a short run’s two nets, with progress, Cancel and flat tensors', async ({ page, errors }) => {
  const { lab, ll } = await openLab(page, SMALL);
  const map = ll.getByRole('button', { name: 'Map the landscape around these two nets' });
  await expect(map).toBeDisabled();
  await expect(ll.getByTestId('ll-status')).toHaveText(
    'Pause or finish a run, then map the loss around the two trained nets (a grid of 5 × 5 points on 32 training images each).',
  );
  await lab.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(lab).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  await expect.poll(() => lab.getAttribute('data-tensors-at')).toBe('6');
  const held = await tensors(lab);
  expect(held).toBeGreaterThan(0);

  await map.click();
  await expect(ll).toHaveAttribute('data-state', /mapping|done/);
  await expect(ll).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  await expect(ll.getByTestId('ll-status')).toHaveText(
    'The loss around Plain-8 and ResNet-8 after 6 iterations, on a grid of 5 × 5 points on 32 training images each.',
  );
  const maps = ll.locator('.ll-map svg');
  await expect(maps).toHaveCount(2);
  await expect(ll.locator('.ll-map[data-net="plain"] svg')).toHaveAttribute('aria-label', /^Loss around Plain-8/);
  await expect(ll.locator('.ll-map[data-net="residual"] svg')).toHaveAttribute('aria-label', /^Loss around ResNet-8/);
  for (const net of ['plain', 'residual']) await expect(ll.locator(`.ll-map[data-net="${net}"] svg path`).first()).toBeAttached();
  await expect(ll.getByTestId('ll-legend')).toBeVisible();
  await expect(ll.getByTestId('ll-sentence')).toHaveText(
    /^From the trained weights \(the centre\) to the edge of the map, the loss rises on average Plain-8's from [\d.]+ by [−\d.]+ and ResNet-8's/,
  );

  // The loss under the pointer: hovering the middle of the plain net's map reads its centre.
  const box = (await maps.first().boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await expect(ll.getByTestId('ll-readout')).toHaveText(/^Plain-8 at α = [−\d.]+, β = [−\d.]+: loss [\d.]+$/);
  // The map freed everything it made in the worker.
  await expect.poll(() => tensors(lab)).toBe(held);

  // Cancel: the job stops, the map is dropped, and the tensors are back where they were.
  await map.click();
  await expect(ll).toHaveAttribute('data-state', 'mapping');
  await ll.getByRole('button', { name: 'Cancel' }).click();
  await expect(ll).toHaveAttribute('data-state', 'cancelled');
  await expect(ll.getByTestId('ll-status')).toHaveText('Cancelled: the map was dropped and its memory freed.');
  await expect(maps).toHaveCount(0);
  await expect.poll(() => tensors(lab)).toBe(held);

  // Retraining mid-map drops the map: the reader gets the new run, and maps it when it is done.
  await map.click();
  await expect(ll).toHaveAttribute('data-state', 'mapping');
  await lab.getByRole('button', { name: 'Start again' }).click();
  await expect(ll).toHaveAttribute('data-state', 'closed');
  await expect(ll.locator('.ll-map')).toHaveCount(0);
  await expect(lab).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  await map.click();
  await expect(ll).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  await expect(maps).toHaveCount(2);

  expect(await axeViolations(page, '#fig-lab')).toEqual([]);
  await lab.getByRole('button', { name: 'Reset' }).click();
  await expect(ll).toHaveAttribute('data-state', 'closed');
  await expect(map).toBeDisabled();
  expect(errors).toEqual([]);
});

test('a diverged net’s map is drawn with marked cells, not an error', async ({ page, errors }) => {
  const { lab, ll } = await openLab(
    page,
    '?lab.depth=8&lab.width=4&lab.batch=16&lab.bn=off&lab.lr=2&lab.iters=30&map.steps=3&map.images=16&lab.run=1',
  );
  await expect(lab.getByTestId('lab-diverged').first()).toBeVisible({ timeout: 90_000 });
  await expect(lab).toHaveAttribute('data-state', /paused|done|running/);
  if ((await lab.getAttribute('data-state')) === 'running') await lab.getByRole('button', { name: 'Pause' }).click();
  await expect(lab).toHaveAttribute('data-state', /paused|done/);
  await ll.getByRole('button', { name: 'Map the landscape around these two nets' }).click();
  await expect(ll).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  await expect(ll.locator('.ll-map [data-nan]').first()).toBeAttached();
  await expect(ll.getByTestId('ll-sentence')).toContainText('gave no finite loss (marked ✕)');
  await expect(ll.getByRole('alert')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test.describe('under the production headers (CSP, COOP/COEP), on a 375 px phone in dark mode', () => {
  test.use({
    baseURL: `http://127.0.0.1:${Number(process.env['PORT'] ?? 4321) + 1}`,
    viewport: { width: 375, height: 800 },
    colorScheme: 'dark',
    reducedMotion: 'reduce',
  });
  test('the maps fit, read by keyboard, with 0 CSP violations and no axe findings', async ({ page, errors }) => {
    await page.addInitScript(() => {
      const w = window as unknown as { __violations: string[] };
      w.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        w.__violations.push(`${e.violatedDirective}: ${e.blockedURI || 'inline'}`),
      );
    });
    const { lab, ll } = await openLab(page, `${SMALL.replace('lab.iters=6', 'lab.iters=3')}&lab.run=1`);
    await expect(lab).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
    await ll.getByRole('button', { name: 'Map the landscape around these two nets' }).click();
    await expect(ll).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
    // Keyboard: the first arrow puts the cursor on the trained net, the next moves it one point.
    const residual = ll.locator('.ll-map[data-net="residual"] svg');
    await residual.focus();
    await page.keyboard.press('ArrowRight');
    await expect(ll.getByTestId('ll-readout')).toHaveText(/^ResNet-8 at α = 0\.00, β = 0\.00: loss [\d.]+$/);
    await page.keyboard.press('ArrowUp');
    await expect(ll.getByTestId('ll-readout')).toHaveText(/^ResNet-8 at α = 0\.00, β = 0\.50: loss [\d.]+$/);
    await expect(residual.locator('.ls-cursor')).toHaveCount(1);
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(scroll).toBeLessThanOrEqual(0);
    expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
    expect(await axeViolations(page, '#fig-lab')).toEqual([]);
    expect(errors).toEqual([]);
  });
});
