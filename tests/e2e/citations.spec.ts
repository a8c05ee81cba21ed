import { test, expect, visit, axeViolations } from './fixtures';
import { animationFrames } from './settle';

/**
 * Citations open a card with the full reference in place: on hover, on keyboard focus and on a first
 * tap; Escape closes it; the citation still links to the Sources page.
 */
const firstCite = (page: import('@playwright/test').Page) =>
  page
    .locator('main .cite-item')
    .filter({ has: page.locator('a[href$="/sources/#he2016"]') })
    .first();

test('hovering a citation shows the full reference and its link; moving away hides it', async ({ page, errors }) => {
  await visit(page, '/');
  const item = firstCite(page);
  const card = item.locator('.cite-card');
  await expect(card).toBeHidden();
  await item.locator('.cite-ref').hover();
  await expect(card).toBeVisible();
  await expect(card).toContainText('Deep Residual Learning for Image Recognition');
  await expect(card.getByRole('link', { name: 'arxiv.org' })).toHaveAttribute('href', 'https://arxiv.org/abs/1512.03385');
  await expect(card.getByRole('link', { name: 'All sources' })).toHaveAttribute('href', /\/sources\/#he2016$/);
  await page.mouse.move(5, 5);
  await expect(card).toBeHidden();
  expect(errors).toEqual([]);
});

test('keyboard: focus opens the card, Tab reaches its links, Escape closes it and keeps focus on the citation', async ({
  page,
  errors,
}) => {
  await visit(page, '/');
  const item = firstCite(page);
  const ref = item.locator('.cite-ref');
  const card = item.locator('.cite-card');
  await ref.focus();
  await expect(card).toBeVisible();
  // The reference is the citation's accessible description.
  await expect(ref).toHaveAccessibleDescription(/Deep Residual Learning for Image Recognition/);
  await page.keyboard.press('Tab');
  await expect(card.getByRole('link', { name: 'arxiv.org' })).toBeFocused();
  await expect(card).toBeVisible();
  expect(await axeViolations(page, 'main .cite-item:focus-within')).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(card).toBeHidden();
  await expect(ref).toBeFocused();
  // Leaving and coming back opens it again.
  await page.keyboard.press('Shift+Tab');
  await ref.focus();
  await expect(card).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(card).toBeHidden();
  expect(errors).toEqual([]);
});

test('Escape closes a card opened by hover', async ({ page, errors }) => {
  await visit(page, '/metrics/');
  const item = page.locator('main .cite-item').first();
  await item.locator('.cite-ref').hover();
  await expect(item.locator('.cite-card')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(item.locator('.cite-card')).toBeHidden();
  expect(errors).toEqual([]);
});

test('the citation still links to its entry on the Sources page', async ({ page, errors }) => {
  await visit(page, '/');
  await firstCite(page).locator('.cite-ref').click();
  await expect(page).toHaveURL(/\/sources\/#he2016$/);
  await expect(page.locator('#he2016')).toContainText('Deep Residual Learning');
  expect(errors).toEqual([]);
});

test.describe('touch', () => {
  test.use({ hasTouch: true, viewport: { width: 375, height: 812 } });
  test('a first tap opens the card inside the screen, a second follows the link', async ({ page, errors }) => {
    await visit(page, '/vgg/');
    const items = page.locator('main .cite-item');
    const count = await items.count();
    // The last citation of a line is the likeliest to overflow; check a few, including the last.
    for (const i of [0, Math.floor(count / 2), count - 1]) {
      const item = items.nth(i);
      await item.scrollIntoViewIfNeeded();
      await item.locator('.cite-ref').tap();
      const card = item.locator('.cite-card');
      await expect(card).toBeVisible();
      await expect(page).toHaveURL(/\/vgg\/$/);
      // The card is placed inside the window at once, and again in the next animation frame (from the
      // pointer's arrival): measure after that one.
      await animationFrames(page);
      const box = (await card.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(375);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    }
    const last = items.nth(count - 1);
    await last.locator('.cite-ref').tap();
    await expect(page).toHaveURL(/\/sources\/#/);
    expect(errors).toEqual([]);
  });
});
