import type { Page } from '@playwright/test';
import { test, expect, visit, axeViolations } from './fixtures';
import { ILSVRC_WINNERS, VGG_2014 } from '../../src/lib/data/ilsvrc';

async function openTimeline(page: Page): Promise<void> {
  await visit(page, '/imagenet/');
  await page.locator('.tl').scrollIntoViewIfNeeded();
  await expect(page.locator('.tl[data-ready="true"]')).toBeVisible();
}

test('shows the 8 winners, VGG beside GoogLeNet, and the 5.1% human line', async ({ page, errors }) => {
  await openTimeline(page);
  const winners = page.locator('.tl-bar[data-place="1"]');
  await expect(winners).toHaveCount(8);
  for (const w of ILSVRC_WINNERS) {
    const bar = page.locator(`.tl-bar[data-year="${w.year}"][data-place="1"]`);
    await expect(bar).toHaveAttribute('data-team', w.team);
    await expect(bar).toHaveAttribute('data-top5-error', String(w.top5Error));
  }
  const vgg = page.locator('.tl-bar[data-year="2014"][data-place="2"]');
  await expect(vgg).toHaveAttribute('data-top5-error', String(VGG_2014.top5Error));
  // VGG's bar stands immediately right of GoogLeNet's, within 2014.
  const g = (await page.locator('.tl-bar[data-year="2014"][data-place="1"] rect').boundingBox())!;
  const v = (await vgg.locator('rect').boundingBox())!;
  expect(v.x).toBeGreaterThan(g.x);
  expect(v.x - (g.x + g.width)).toBeLessThan(3);
  // Taller bars for larger errors: 2010's bar is the tallest, 2017's the shortest.
  const h2010 = (await page.locator('.tl-bar[data-year="2010"] rect').boundingBox())!.height;
  const h2017 = (await page.locator('.tl-bar[data-year="2017"] rect').boundingBox())!.height;
  expect(h2010).toBeGreaterThan(h2017 * 10);
  await expect(page.locator('.tl-human')).toHaveAttribute('data-top5-error', '5.1');
  await expect(page.locator('.tl-human text')).toHaveText('Human: 5.1%');
  for (const name of ['AlexNet', 'GoogLeNet', 'VGG', 'ResNet'])
    await expect(page.locator('.tl-name', { hasText: new RegExp(`^${name}$`) })).toHaveCount(1);
  expect(errors).toEqual([]);
});

test('hover and keyboard focus name the team, model and sources', async ({ page, errors }) => {
  await openTimeline(page);
  const readout = page.locator('.tl-readout');
  await page.locator('.tl-bar[data-year="2012"] rect').hover();
  await expect(readout).toContainText('SuperVision, AlexNet');
  await expect(readout).toContainText('16.4%');
  await expect(readout.getByRole('link', { name: 'Krizhevsky et al. 2012' })).toHaveAttribute('href', '/sources/#krizhevsky2012');

  await page.locator('.tl-bar[tabindex="0"]').focus();
  await expect(readout).toContainText('2010, winner: NEC-UIUC');
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  await expect(page.locator('.tl-bar[data-year="2014"][data-place="2"]')).toBeFocused();
  await expect(readout).toContainText('2014, second place: VGG');
  await expect(readout.getByRole('link', { name: 'Simonyan & Zisserman 2015' })).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(readout).toContainText('MSRA, ResNet (ensemble)');
  await expect(readout).toContainText('3.57%');
  expect(errors).toEqual([]);
});

for (const theme of ['light', 'dark'] as const) {
  test(`no axe-core violations with the timeline drawn (${theme})`, async ({ page, errors }) => {
    await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
    await openTimeline(page);
    await page.locator('.tl-bar[data-year="2015"]').focus();
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
}

test('fits a 375 px phone with the timeline drawn', async ({ page, errors }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await openTimeline(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  expect(errors).toEqual([]);
});
