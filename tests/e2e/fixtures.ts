import { test as base, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';

/**
 * Every e2e test gets a page that records console errors and uncaught page errors; a test fails if
 * any appear, unless it declares the messages it expects with `allowConsoleErrors`.
 */
export const test = base.extend<{ errors: string[]; allowConsoleErrors: RegExp[] }>({
  allowConsoleErrors: [[], { option: true }],
  errors: async ({ page, allowConsoleErrors }, use) => {
    const errors: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !allowConsoleErrors.some((re) => re.test(msg.text()))) {
        errors.push(`console.error: ${msg.text()}`);
      }
    });
    page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
    await use(errors);
    expect(errors, 'console errors or uncaught page errors').toEqual([]);
  },
});

export { expect };

/** Every page of the built site, from the sitemap Astro writes (so a new page is tested automatically). */
export function sitePaths(): string[] {
  const xml = readFileSync(new URL('../../dist/sitemap-0.xml', import.meta.url), 'utf8');
  const paths = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
  if (paths.length === 0) throw new Error('No pages in dist/sitemap-0.xml: run `npm run build` first');
  return paths;
}

/** Load a page and wait until it has settled, failing on anything but 200. */
export async function visit(page: Page, path: string): Promise<void> {
  const response = await page.goto(path);
  expect(response?.status(), `status of ${path}`).toBe(200);
}

/**
 * axe-core's WCAG 2.2 AA violations on the page as it is now, one line each ("rule: targets").
 * `include` limits the check to one part of the page (a demo whose page is checked elsewhere).
 */
export async function axeViolations(page: Page, include?: string): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']);
  if (include) builder = builder.include(include);
  const results = await builder.analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}
