// Every page and demo under the production headers (dist/_headers, written by the build: COOP/COEP and
// a Content-Security-Policy with script hashes), served the way a static host serves dist/: no
// `securitypolicyviolation` event anywhere, no console error, and the demos still give their answers.
import type { Page } from '@playwright/test';
import { test, expect, visit, sitePaths } from './fixtures';

const port = Number(process.env['PORT'] ?? 4321) + 1;
test.use({ baseURL: `http://127.0.0.1:${port}` });

/** Collects CSP violations reported to the page (workers log theirs to the console, which fails the test too). */
async function watchViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective}: ${e.blockedURI || 'inline'}`));
  });
}
const violations = (page: Page) => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);

test('the production headers are served, with a CSP that allows only our own scripts', async ({ page, errors }) => {
  const res = await page.goto('/');
  const h = res!.headers();
  expect(h['cross-origin-opener-policy']).toBe('same-origin');
  expect(h['cross-origin-embedder-policy']).toBe('require-corp');
  expect(h['content-security-policy']).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
  expect(h['content-security-policy']).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(errors).toEqual([]);
});

test('every page loads under the CSP with 0 violations', async ({ page, errors }) => {
  await watchViolations(page);
  for (const path of sitePaths()) {
    await visit(page, path);
    await page.waitForLoadState('networkidle');
    expect(await violations(page), path).toEqual([]);
  }
  expect(errors).toEqual([]);
});

test('the classifier, search and diagram work under the CSP with 0 violations', async ({ page, errors }) => {
  await watchViolations(page);
  await visit(page, '/metrics/');
  const demo = page.locator('.classifier');
  await demo.scrollIntoViewIfNeeded();
  await expect(demo).toHaveAttribute('data-ready', 'true');
  await page.getByRole('button', { name: /Coffee cup/ }).click();
  await expect(page.getByTestId('top1').locator('strong')).toHaveText('espresso', { timeout: 60_000 });
  await expect(page.getByTestId('backend-note')).toContainText(/\d+ threads/);
  expect(await violations(page)).toEqual([]);

  await page.locator('button[data-open-modal]').click();
  await page.locator('dialog[open] input.pagefind-ui__search-input').fill('bottleneck');
  await expect(page.locator('dialog[open] .pagefind-ui__result-link').first()).toBeVisible();
  expect(await violations(page)).toEqual([]);

  await visit(page, '/resnet/');
  const diagram = page.locator('.network-diagram, [data-testid="network-diagram"], figure svg').first();
  await diagram.scrollIntoViewIfNeeded();
  await expect(diagram).toBeVisible();
  expect(await violations(page)).toEqual([]);
  expect(errors).toEqual([]);
});

test('the zoo chart and the race work under the CSP with 0 violations', async ({ page, errors }) => {
  test.setTimeout(180_000);
  await watchViolations(page);
  await visit(page, '/vgg-vs-resnet/');
  await page.locator('.zoo').scrollIntoViewIfNeeded();
  await expect(page.locator('.zoo[data-ready="true"]')).toBeVisible();
  await expect(page.locator('.zoo-point').first()).toBeVisible();
  const race = page.locator('.race');
  await race.scrollIntoViewIfNeeded();
  await expect(page.locator('astro-island:has(.race)')).not.toHaveAttribute('ssr', /.*/);
  await race.getByLabel('32×32').check();
  await race.getByRole('button', { name: /^Race VGG-16 and ResNet-50/ }).click();
  await expect(race).toHaveAttribute('data-phase', 'done', { timeout: 150_000 });
  expect(await violations(page)).toEqual([]);
  expect(errors).toEqual([]);
});
