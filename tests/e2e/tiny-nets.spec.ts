import type { Locator, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { test, expect, visit, axeViolations } from './fixtures';

const TINY = JSON.parse(readFileSync(new URL('../../src/lib/data/tiny-nets.json', import.meta.url), 'utf8')) as {
  nets: { id: string; testError: number; trainableParams: number }[];
};

// The tiny-nets figure on the comparison page, with the project's real trained weights in a real
// worker (wasm): each net classifies the committed test image of every class, an empty drawing gets a
// message, drawing works by pointer and by keyboard, and the worker's tensor count stays flat.
test.describe.configure({ timeout: 120_000 });

async function openTiny(page: Page): Promise<Locator> {
  await visit(page, '/vgg-vs-resnet/');
  const tiny = page.locator('.tiny');
  await tiny.scrollIntoViewIfNeeded();
  await expect(page.locator('astro-island:has(.tiny)')).not.toHaveAttribute('ssr', /.*/);
  return tiny;
}

const NETS = ['tiny-vgg', 'tiny-resnet20'] as const;

test('both tiny nets classify one test image of each class, at least 8 of 10 right, with flat tensors', async ({ page, errors }) => {
  const tiny = await openTiny(page);
  const picks = tiny.getByTestId('tiny-pick');
  await expect(picks).toHaveCount(10);
  const right: Record<string, number> = { 'tiny-vgg': 0, 'tiny-resnet20': 0 };
  const tensors: number[] = [];
  for (let i = 0; i < 10; i++) {
    const pick = picks.nth(i);
    const label = await pick.getAttribute('data-label');
    await pick.click();
    await expect(tiny).toHaveAttribute('data-answered', String(i + 1), { timeout: 60_000 });
    for (const id of NETS) {
      const top1 = tiny.locator(`[data-testid="tiny-top1"][data-net="${id}"]`);
      await expect(top1).toBeVisible();
      if ((await top1.getAttribute('data-label')) === label) right[id]!++;
    }
    tensors.push(Number(await tiny.getAttribute('data-tensors')));
  }
  console.log(`tiny nets, right of 10: ${JSON.stringify(right)}; worker tensors after each: ${tensors.join(',')}`);
  for (const id of NETS) expect(right[id], id).toBeGreaterThanOrEqual(8);
  // Every answer left the worker holding exactly the models' weights: nothing leaks per image.
  expect(new Set(tensors).size).toBe(1);
  await expect(tiny.locator('svg.tiny-bars')).toHaveCount(2);
  await expect(tiny.locator('svg.tiny-bars').first().locator('rect')).toHaveCount(3);
  await expect(tiny.locator('svg.tiny-confusion').first().locator('rect')).toHaveCount(100);
  expect(await axeViolations(page, '.tiny')).toEqual([]);
  expect(errors).toEqual([]);
});

test('an empty drawing gets a message; a drawing by pointer and by keyboard is classified', async ({ page, errors }) => {
  const tiny = await openTiny(page);
  await tiny.getByRole('button', { name: 'Classify my drawing' }).click();
  await expect(tiny.getByRole('alert')).toHaveText(/The drawing is empty/);
  await expect(tiny.getByTestId('tiny-top1')).toHaveCount(0);

  // A pointer stroke: a vertical bar, like a trouser leg.
  const pad = tiny.getByTestId('tiny-pad');
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.1);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.9, { steps: 10 });
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.9, { steps: 4 });
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.1, { steps: 10 });
  await page.mouse.up();
  await expect(tiny).toHaveAttribute('data-answered', '1', { timeout: 60_000 });
  await expect(tiny.getByRole('alert')).toHaveCount(0);
  await expect(tiny.getByTestId('tiny-top1')).toHaveCount(2);

  // Clear, then draw with the keyboard only.
  await tiny.getByRole('button', { name: 'Clear' }).click();
  await tiny.getByRole('button', { name: 'Classify my drawing' }).click();
  await expect(tiny.getByRole('alert')).toHaveText(/The drawing is empty/);
  await pad.focus();
  await page.keyboard.press('Space');
  await page.keyboard.down('Shift');
  for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.up('Shift');
  await tiny.getByRole('button', { name: 'Classify my drawing' }).click();
  await expect(tiny).toHaveAttribute('data-answered', '2', { timeout: 60_000 });
  await expect(tiny.getByRole('alert')).toHaveCount(0);
  expect(await axeViolations(page, '.tiny')).toEqual([]);
  expect(errors).toEqual([]);
});

test("the figure states each net's parameters, MACs and test error, and fits a 375 px phone", async ({ page, errors }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  const tiny = await openTiny(page);
  await expect(tiny.getByTestId('tiny-test-error')).toHaveCount(2);
  for (const n of TINY.nets) {
    await expect(tiny.locator(`[data-testid="tiny-test-error"][data-net="${n.id}"]`)).toHaveText(`${(100 * n.testError).toFixed(1)}%`);
  }
  await expect(tiny.locator('.tiny-facts').first()).toContainText(/parameters · [\d.]+ M multiply-adds per image ·\s+test error/);
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(scroll).toBeLessThanOrEqual(0);
  expect(errors).toEqual([]);
});

test.describe('under the production headers (CSP, COOP/COEP)', () => {
  test.use({ baseURL: `http://127.0.0.1:${Number(process.env['PORT'] ?? 4321) + 1}` });
  test('the tiny nets answer with 0 CSP violations', async ({ page, errors }) => {
    await page.addInitScript(() => {
      const w = window as unknown as { __violations: string[] };
      w.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        w.__violations.push(`${e.violatedDirective}: ${e.blockedURI || 'inline'}`),
      );
    });
    const tiny = await openTiny(page);
    await tiny.getByTestId('tiny-pick').nth(1).click();
    await expect(tiny).toHaveAttribute('data-answered', '1', { timeout: 60_000 });
    await expect(tiny.getByTestId('tiny-top1')).toHaveCount(2);
    expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
