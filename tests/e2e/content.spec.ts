import { test, expect, visit } from './fixtures';
import { KERAS_MODELS } from '../../src/lib/data/keras-applications';

test.describe('content pages', () => {
  for (const path of ['/metrics/', '/resnet/']) {
    test(`KaTeX renders on ${path}`, async ({ page, errors }) => {
      await visit(page, path);
      await expect(page.locator('.katex').first()).toBeVisible();
      expect(await page.locator('.katex').count()).toBeGreaterThan(3);
      await expect(page.locator('.katex-error')).toHaveCount(0);
      expect(errors).toEqual([]);
    });
  }

  test('search for "bottleneck" finds the ResNet page', async ({ page, errors }) => {
    await visit(page, '/');
    await page.locator('button[data-open-modal]').click();
    const dialog = page.locator('dialog[open]');
    await dialog.locator('input.pagefind-ui__search-input').fill('bottleneck');
    const first = dialog.locator('.pagefind-ui__result-link').first();
    await expect(first).toBeVisible();
    await expect(dialog.locator('.pagefind-ui__result-link[href*="/resnet/"]').first()).toBeVisible();
    expect(errors).toEqual([]);
  });

  test('the comparison page shows the ratios computed from the Keras table', async ({ page, errors }) => {
    await visit(page, '/vgg-vs-resnet/');
    const params = page.locator('[data-ratio="params"]');
    await expect(params).toContainText('0.185×');
    await expect(params).toContainText('1/5.4');
    await expect(page.locator('[data-ratio="top1"]')).toContainText('+3.6 points');
    await expect(page.locator('[data-ratio="cpu"]')).toContainText('0.84×');
    await expect(page.locator('[data-ratio="gpu"]')).toContainText('1.10×');
    await expect(page.locator('table.keras-table tbody tr')).toHaveCount(KERAS_MODELS.length);
    expect(errors).toEqual([]);
  });

  test('the sidebar lists the seven pages in reading order', async ({ page, errors }) => {
    await visit(page, '/');
    const links = page.locator('nav[aria-label="Main"] a');
    const hrefs = await links.evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    expect(hrefs).toEqual(['/', '/imagenet/', '/metrics/', '/vgg/', '/resnet/', '/why-residual/', '/vgg-vs-resnet/', '/sources/']);
    expect(errors).toEqual([]);
  });

  test('the ImageNet page lists the 8 winners, 2010 to 2017', async ({ page, errors }) => {
    await visit(page, '/imagenet/');
    const rows = page.locator('table.ilsvrc-table tbody tr');
    await expect(rows).toHaveCount(8);
    await expect(rows.first()).toContainText('NEC-UIUC');
    await expect(page.locator('tr[data-year="2015"]')).toContainText('3.57%');
    expect(errors).toEqual([]);
  });

  test('the metrics worked example shows 60% top-1 and 20% top-5 error', async ({ page, errors }) => {
    await visit(page, '/metrics/');
    await expect(page.locator('[data-metric="top1"]')).toHaveText('60%');
    await expect(page.locator('[data-metric="top5"]')).toHaveText('20%');
    expect(errors).toEqual([]);
  });

  test('a citation leads to its entry on the Sources page', async ({ page, errors }) => {
    await visit(page, '/resnet/');
    await page.locator('.cite a[href$="/sources/#he2016"]').first().click();
    await expect(page).toHaveURL(/\/sources\/#he2016$/);
    await expect(page.locator('li#he2016')).toContainText('Deep Residual Learning');
    expect(errors).toEqual([]);
  });
});
