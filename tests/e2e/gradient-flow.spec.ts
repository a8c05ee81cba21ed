import type { Locator, Page } from '@playwright/test';
import { test, expect, visit, axeViolations } from './fixtures';
import { cifarResnetSpec, summarize } from '../../src/lib/arch';
import { FASHION_INPUT } from '../../src/lib/train/tiny-specs';
import { DEFAULT_LAB_SETTINGS } from '../../src/lib/train/lab-methods';
import type { GradientFlowData } from '../../src/lib/data/gradient-flow';
import { readFileSync } from 'node:fs';

// Read as a file: Playwright's loader does not take JSON modules.
const FLOW = JSON.parse(readFileSync(new URL('../../src/lib/data/gradient-flow.json', import.meta.url), 'utf8')) as GradientFlowData;

// The gradient-flow figure on the ResNet page with its real lab worker (wasm): one mark per weight
// layer of each net, redrawn when depth, batch norm, initialisation or the plotted quantity change,
// the worker's tensor count flat between answers, the numbers in a table, and the figure following
// a snapshot the training lab publishes, then going back.
test.describe.configure({ timeout: 90_000 });

/** Weight layers (conv and fc, projections included) of the lab's nets, from the spec. */
const layers = (depth: number, shortcuts: boolean, batchNorm: boolean): number =>
  summarize(cifarResnetSpec(depth, { shortcuts, width: DEFAULT_LAB_SETTINGS.width, batchNorm, classes: 10 }), FASHION_INPUT).weightLayers
    .length;

async function openFigure(page: Page): Promise<Locator> {
  await visit(page, '/resnet/');
  // Nothing of the figure's worker (so no tfjs) before the reader gets there.
  expect(page.workers().filter((w) => w.url().includes('lab.worker'))).toHaveLength(0);
  const fig = page.locator('#fig-gradient-flow');
  await fig.scrollIntoViewIfNeeded();
  return fig.locator('.gf');
}

const marks = (gf: Locator, net: 'plain' | 'residual'): Locator => gf.locator(`svg .gf-mark[data-net="${net}"]`);
const firstValue = async (gf: Locator, net: 'plain' | 'residual'): Promise<number> =>
  Number(await marks(gf, net).first().getAttribute('data-value'));

/** Waits for the n-th answer and returns the worker's tensor count after it. */
async function answered(gf: Locator, n: number, setup: string): Promise<number> {
  await expect(gf).toHaveAttribute('data-computed', String(n), { timeout: 60_000 });
  await expect(gf).toHaveAttribute('data-setup', setup);
  await expect(gf).toHaveAttribute('data-phase', 'ready');
  await expect(gf).toHaveAttribute('data-tensors', /^\d+$/);
  return Number(await gf.getAttribute('data-tensors'));
}

test('one mark per weight layer for each net; depth, batch norm, initialisation and the plot redraw it; tensors stay flat', async ({
  page,
  errors,
}) => {
  const gf = await openFigure(page);
  const tensors: number[] = [];
  tensors.push(await answered(gf, 1, '56/nobn/glorot'));
  await expect(marks(gf, 'plain')).toHaveCount(layers(56, false, false));
  await expect(marks(gf, 'residual')).toHaveCount(layers(56, true, false));
  const status = gf.getByTestId('gf-status');
  await expect(status).toContainText(/Plain-56: its first 3 convolutions get \d+\.\d orders of magnitude less output-gradient RMS/);
  await expect(status).toContainText('ResNet-56');

  // Depth 20 (by keyboard): fewer marks, counted from the spec.
  await gf.getByRole('combobox', { name: 'Depth' }).selectOption('20');
  tensors.push(await answered(gf, 2, '20/nobn/glorot'));
  await expect(marks(gf, 'plain')).toHaveCount(layers(20, false, false));
  await expect(marks(gf, 'residual')).toHaveCount(layers(20, true, false));
  await expect(gf.locator('.gf-legend')).toContainText('Plain-20');
  const noBn = await firstValue(gf, 'plain');

  // Batch norm on, toggled with the keyboard: new values, same layer count (batch norm adds no weight layer).
  await gf.getByRole('checkbox', { name: 'Batch norm' }).focus();
  await page.keyboard.press('Space');
  tensors.push(await answered(gf, 3, '20/bn/glorot'));
  await expect(marks(gf, 'plain')).toHaveCount(layers(20, false, true));
  const bnGlorot = await firstValue(gf, 'plain');
  expect(bnGlorot).not.toBe(noBn);

  await gf.getByRole('radio', { name: 'He', exact: true }).check();
  tensors.push(await answered(gf, 4, '20/bn/he'));
  await expect(marks(gf, 'residual')).toHaveCount(layers(20, true, true));
  expect(await firstValue(gf, 'plain')).not.toBe(bnGlorot);

  // Settings changed faster than the worker answers: only the last one is drawn (and nothing leaks).
  const depth = gf.getByRole('combobox', { name: 'Depth' });
  await depth.selectOption('8');
  await depth.selectOption('32');
  await depth.selectOption('8');
  await expect(gf).toHaveAttribute('data-setup', '8/bn/he', { timeout: 60_000 });
  await expect(gf).toHaveAttribute('data-phase', 'ready');
  await expect(marks(gf, 'plain')).toHaveCount(layers(8, false, true));
  await expect(gf.locator('.gf-chart')).not.toHaveClass(/gf-stale/);
  tensors.push(Number(await gf.getAttribute('data-tensors')));
  await depth.selectOption('20');
  tensors.push(await answered(gf, Number(await gf.getAttribute('data-computed')) + 1, '20/bn/he'));

  // The other quantity: the same marks, other values, no new computation.
  const rms = await firstValue(gf, 'residual');
  const computed = await gf.getAttribute('data-computed');
  await gf.getByRole('radio', { name: 'weight gradient ‖∂L/∂W‖' }).check();
  await expect.poll(() => firstValue(gf, 'residual')).not.toBe(rms);
  await expect(marks(gf, 'residual')).toHaveCount(layers(20, true, true));
  await expect(gf).toHaveAttribute('data-phase', 'ready');
  await expect(gf).toHaveAttribute('data-computed', computed ?? '');
  await expect(status).toContainText('weight-gradient norm');

  // The numbers, for the keyboard and screen readers.
  const toggle = gf.getByRole('button', { name: 'Show the numbers' });
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(gf.getByRole('button', { name: 'Hide the numbers' })).toHaveAttribute('aria-expanded', 'true');
  await expect(gf.locator('table tbody tr')).toHaveCount(Math.max(layers(20, false, true), layers(20, true, true)));
  await expect(gf.locator('table thead')).toContainText('ResNet-20');

  console.log(`gradient flow: worker tensors after each answer ${tensors.join(',')}`);
  expect(new Set(tensors).size).toBe(1);
  expect(await axeViolations(page, '#fig-gradient-flow')).toEqual([]);
  expect(errors).toEqual([]);
});

test("follows a snapshot the training lab publishes, and goes back to the figure's own", async ({ page, errors }) => {
  const gf = await openFigure(page);
  await answered(gf, 1, '56/nobn/glorot');
  await expect(gf.getByRole('button', { name: /Follow the training lab/ })).toHaveCount(0);

  // What the lab publishes on lab-bus.ts's event while it trains: here the committed run's real
  // ResNet-56 and plain-56 norms with batch norm and He initialisation, labelled iteration 40.
  const committed = FLOW.configs.find((c) => c.batchNorm && c.init === 'he')!;
  const snapshot = {
    type: 'gradients',
    iteration: 40,
    nets: committed.nets.map((n) => ({ key: n.key, layers: n.layers })),
    settings: { ...DEFAULT_LAB_SETTINGS, depth: 56, batchNorm: true, init: 'he' },
  };
  await page.evaluate((detail) => dispatchEvent(new CustomEvent('vgg-resnet:lab-gradients', { detail })), snapshot);

  await gf.getByRole('button', { name: 'Follow the training lab (iteration 40)' }).click();
  await expect(gf).toHaveAttribute('data-mode', 'lab');
  await expect(gf).toHaveAttribute('data-setup', '56/bn/he');
  await expect(gf.locator('.gf-source')).toContainText('Following the training lab (iteration 40)');
  await expect(marks(gf, 'plain')).toHaveCount(committed.nets[0]!.layers.length);
  expect(await firstValue(gf, 'plain')).toBe(committed.nets[0]!.layers[0]!.outputGradRms);
  await expect(gf.getByRole('checkbox', { name: 'Batch norm' })).toBeDisabled();
  await expect(gf.getByTestId('gf-status')).toContainText('orders of magnitude more');
  expect(await axeViolations(page, '#fig-gradient-flow')).toEqual([]);

  await gf.getByRole('button', { name: 'Back to at initialisation' }).click();
  await expect(gf).toHaveAttribute('data-mode', 'init');
  await expect(gf).toHaveAttribute('data-setup', '56/nobn/glorot');
  await expect(gf.getByRole('checkbox', { name: 'Batch norm' })).toBeEnabled();
  await expect(gf.getByRole('button', { name: 'Follow the training lab (iteration 40)' })).toBeVisible();
  expect(errors).toEqual([]);
});

test.describe('under the production headers (CSP, COOP/COEP), on a 375 px phone', () => {
  test.use({
    baseURL: `http://127.0.0.1:${Number(process.env['PORT'] ?? 4321) + 1}`,
    viewport: { width: 375, height: 800 },
    colorScheme: 'dark',
    reducedMotion: 'reduce',
  });
  test('the figure computes and draws with 0 CSP violations and no sideways scroll', async ({ page, errors }) => {
    await page.addInitScript(() => {
      const w = window as unknown as { __violations: string[] };
      w.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        w.__violations.push(`${e.violatedDirective}: ${e.blockedURI || 'inline'}`),
      );
    });
    const gf = await openFigure(page);
    await answered(gf, 1, '56/nobn/glorot');
    await expect(marks(gf, 'residual')).toHaveCount(layers(56, true, false));
    await expect(gf.getByTestId('gf-status')).toContainText('orders of magnitude less');
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(scroll).toBeLessThanOrEqual(0);
    expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
    expect(errors).toEqual([]);
  });
});

test("follows the real training lab: its snapshots redraw the figure for the lab's nets", async ({ page, errors }) => {
  // The lab's smallest nets (depth 8, width 4, batch 8), started from the link; the figure then
  // offers the lab's gradient snapshots (one at the start, one every 40 iterations).
  await visit(page, '/resnet/?lab.depth=8&lab.width=4&lab.batch=8');
  const lab = page.locator('.lab');
  await lab.scrollIntoViewIfNeeded();
  await expect(page.locator('astro-island:has(.lab)')).not.toHaveAttribute('ssr', /.*/);
  await lab.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(lab).toHaveAttribute('data-state', 'running', { timeout: 60_000 });

  const fig = page.locator('#fig-gradient-flow');
  await fig.scrollIntoViewIfNeeded();
  const gf = fig.locator('.gf');
  const follow = gf.getByRole('button', { name: /^Follow the training lab \(iteration \d+\)$/ });
  await expect(follow).toBeVisible({ timeout: 60_000 });
  await follow.click();
  await expect(gf).toHaveAttribute('data-mode', 'lab');
  await expect(gf).toHaveAttribute('data-setup', '8/bn/he');
  const depth8 = (shortcuts: boolean) =>
    summarize(cifarResnetSpec(8, { shortcuts, width: 4, batchNorm: true, classes: 10 }), FASHION_INPUT).weightLayers.length;
  await expect(marks(gf, 'plain')).toHaveCount(depth8(false));
  await expect(marks(gf, 'residual')).toHaveCount(depth8(true));
  await expect(gf.locator('.gf-source')).toContainText(/Following the training lab \(iteration \d+\)/);
  await lab.getByRole('button', { name: 'Reset' }).click();
  expect(errors).toEqual([]);
});
