import { test, expect, visit, axeViolations } from './fixtures';

// The loss-landscape figure on /why-residual/ (committed data, no worker): four contour plots on
// shared levels with a legend, the log option redrawing them, the loss under the pointer and under
// the keyboard cursor, the numbers' table, dark mode, a 375 px phone, axe.

async function openFigure(page: import('@playwright/test').Page): Promise<import('@playwright/test').Locator> {
  await visit(page, '/why-residual/');
  const fig = page.locator('#fig-loss-landscape');
  await fig.scrollIntoViewIfNeeded();
  const ls = fig.locator('.ls');
  await expect(ls.locator('svg.ls-svg .ls-band').first()).toBeAttached();
  return ls;
}

test('four contour plots with a shared legend; the log option redraws them', async ({ page, errors }) => {
  const ls = await openFigure(page);
  const plots = ls.locator('svg.ls-svg');
  await expect(plots).toHaveCount(4);
  await expect(plots.nth(0)).toHaveAccessibleName(/plain-20/);
  await expect(plots.nth(3)).toHaveAccessibleName(/ResNet-56/);
  for (let i = 0; i < 4; i++) expect(await plots.nth(i).locator('.ls-band').count()).toBeGreaterThan(1);
  const levels = Number(await ls.getAttribute('data-levels'));
  expect(levels).toBeGreaterThan(2);
  await expect(ls.getByTestId('ls-legend').locator('.ls-swatch')).toHaveCount(levels);
  await expect(ls.locator('svg.ls-slices')).toHaveCount(2);
  await expect(ls.locator('svg.ls-slices .ls-slice')).toHaveCount(4);

  const before = await plots.nth(3).locator('.ls-band').nth(1).getAttribute('d');
  const legendBefore = await ls.getByTestId('ls-legend').textContent();
  await ls.getByRole('checkbox', { name: 'Log scale' }).check();
  await expect(ls).toHaveAttribute('data-scale', 'log');
  await expect(plots.nth(3)).toHaveAttribute('data-scale', 'log');
  await expect.poll(() => plots.nth(3).locator('.ls-band').nth(1).getAttribute('d')).not.toBe(before);
  await expect.poll(() => ls.getByTestId('ls-legend').textContent()).not.toBe(legendBefore);
  await expect(ls.getByTestId('ls-table').locator('tbody tr')).toHaveCount(4);
  expect(await axeViolations(page, '#fig-loss-landscape')).toEqual([]);
  expect(errors).toEqual([]);
});

test('the pointer and the arrow keys read the loss at a grid point', async ({ page, errors }) => {
  const ls = await openFigure(page);
  const readout = ls.getByTestId('ls-readout');
  const plot = ls.locator('svg.ls-svg').nth(2);
  // The plot's middle is the trained net.
  const box = (await plot.boundingBox())!;
  const frame = (await plot.locator('.ls-frame').boundingBox())!;
  await page.mouse.move(frame.x + frame.width / 2, frame.y + frame.height / 2);
  await expect(readout).toHaveText(/^plain-56 at α = 0\.00, β = 0\.00: loss \d[\d.]* \(the trained net\)$/);
  expect(box.width).toBeGreaterThan(100);
  const centre = Number(await ls.getAttribute('data-cursor-loss'));
  expect(centre).toBeGreaterThan(0);
  await page.mouse.move(frame.x + frame.width - 2, frame.y + 2);
  await expect(readout).toHaveText(/^plain-56 at α = 1\.00, β = 1\.00: loss/);
  await expect(plot.locator('.ls-cursor')).toHaveCount(1);

  // Keyboard: focus the ResNet-20 plot (its centre), then step right and up.
  const res20 = ls.locator('svg.ls-svg').nth(1);
  await res20.focus();
  await expect(readout).toHaveText(/^ResNet-20 at α = 0\.00, β = 0\.00: loss .* \(the trained net\)$/);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowUp');
  await expect(readout).toHaveText(/^ResNet-20 at α = 0\.\d\d, β = 0\.\d\d: loss \d[\d.]* \(trained net: /);
  await expect(res20.locator('.ls-cursor')).toHaveAttribute('data-i', /^\d+$/);
  await page.keyboard.press('Home');
  await expect(readout).toContainText('(the trained net)');
  expect(errors).toEqual([]);
});

test('dark mode and a 375 px phone: plots stacked, nothing wider than the screen, axe clean', async ({ page, errors }) => {
  await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
  await page.setViewportSize({ width: 375, height: 800 });
  const ls = await openFigure(page);
  const plots = ls.locator('svg.ls-svg');
  const a = (await plots.nth(0).boundingBox())!;
  const b = (await plots.nth(1).boundingBox())!;
  expect(b.y).toBeGreaterThan(a.y + a.height - 1);
  expect(a.x + a.width).toBeLessThanOrEqual(375);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  expect(await axeViolations(page, '#fig-loss-landscape')).toEqual([]);
  expect(errors).toEqual([]);
});
