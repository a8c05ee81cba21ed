import { test, expect, sitePaths, visit, axeViolations } from './fixtures';

const paths = sitePaths();

test.describe('every page', () => {
  for (const path of paths) {
    test(`${path} answers 200 with one h1 and no errors`, async ({ page, errors }) => {
      await visit(page, path);
      await expect(page.locator('h1')).toHaveCount(1);
      await expect(page.locator('h1')).not.toBeEmpty();
      await page.waitForLoadState('networkidle');
      expect(errors).toEqual([]);
    });

    test(`${path} has no axe-core violations (WCAG 2.2 AA)`, async ({ page, errors }) => {
      await visit(page, path);
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    });

    test(`${path} fits a 375 px phone without sideways scroll`, async ({ page, errors }) => {
      await page.setViewportSize({ width: 375, height: 812 });
      await visit(page, path);
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      expect(errors).toEqual([]);
    });
  }
});

test('every internal link and anchor resolves', async ({ page, request }) => {
  const checked = new Set<string>();
  const problems: string[] = [];
  for (const path of paths) {
    await visit(page, path);
    const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => (a as HTMLAnchorElement).href));
    for (const href of hrefs) {
      const url = new URL(href);
      if (url.origin !== new URL(page.url()).origin || checked.has(href)) continue;
      checked.add(href);
      const res = await request.get(url.pathname + url.search);
      if (res.status() !== 200) {
        problems.push(`${path} → ${url.pathname}: ${res.status()}`);
        continue;
      }
      if (url.hash.length > 1) {
        const id = decodeURIComponent(url.hash.slice(1));
        const html = await res.text();
        if (!html.includes(`id="${id}"`)) problems.push(`${path} → ${url.pathname}${url.hash}: no such anchor`);
      }
    }
  }
  expect(problems).toEqual([]);
});
