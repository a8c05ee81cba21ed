import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, visit, axeViolations } from './fixtures';
import { KERAS_MODELS } from '../../src/lib/data/keras-applications';
import { compareModels } from '../../src/lib/zoo/pin-comparison';
import { costAxis, metric, type CostAxisId, type MetricId } from '../../src/lib/zoo/axes';
import { plottedFrontier, splitPlottable } from '../../src/lib/zoo/missing';
import { sortModels, toCsv } from '../../src/lib/zoo/table';

// Every count and frontier below is computed from the Keras table, never typed: the chart must draw
// what the data says.
const ALL = KERAS_MODELS.length;
const drawn = (x: CostAxisId, y: MetricId, hide: string[] = []) =>
  splitPlottable(
    KERAS_MODELS.filter((m) => !hide.includes(m.family)),
    costAxis(x),
    metric(y),
  ).points.length;
const frontier = (x: CostAxisId, y: MetricId) =>
  plottedFrontier(KERAS_MODELS, costAxis(x), metric(y))
    .map((m) => m.name)
    .join(',');
const firstBy = (by: Parameters<typeof sortModels>[1], dir: 'ascending' | 'descending') => sortModels(KERAS_MODELS, by, dir)[0]!.name;
const NASNET = KERAS_MODELS.filter((m) => m.family === 'NASNet').length;

const PATH = '/vgg-vs-resnet/';

/** Opens the comparison page, scrolls the chart into view (it hydrates when visible) and waits for it. */
async function openZoo(page: Page, query = '', points = ALL): Promise<void> {
  await visit(page, `${PATH}${query}`);
  await page.locator('.zoo').scrollIntoViewIfNeeded();
  await expect(page.locator('.zoo[data-ready="true"]')).toBeVisible();
  await expect(page.locator('.zoo-point')).toHaveCount(points);
}

const point = (page: Page, name: string) => page.locator(`.zoo-point[data-model="${name}"]`);
const pos = async (page: Page, name: string) => {
  const p = point(page, name);
  return { x: Number(await p.getAttribute('data-cx')), y: Number(await p.getAttribute('data-cy')) };
};

test('draws every Keras model with data attributes matching the Keras table', async ({ page, errors }) => {
  await openZoo(page);
  for (const m of KERAS_MODELS) {
    const p = point(page, m.name);
    await expect(p).toHaveAttribute('data-family', m.family);
    await expect(p).toHaveAttribute('data-x', String(m.paramsM));
    await expect(p).toHaveAttribute('data-y', String(m.top1));
  }
  // The table under the chart has the same rows.
  await expect(page.locator('.zoo-table tbody tr')).toHaveCount(ALL);
  await expect(page.locator('.zoo-table tr[data-model="ResNet50"] td').nth(1)).toHaveText('25.6');
  // The Pareto frontier of (parameters, top-1), worked out by hand in tests/unit/zoo-pareto.test.ts.
  await expect(page.locator('.zoo-frontier-line')).toHaveAttribute('data-models', frontier('params', 'top1'));
  await expect(page.locator('.zoo-frontier-label')).toContainText('Pareto frontier');
  await expect(page.locator('.zoo-label', { hasText: 'ResNet50' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('switching the x axis, the scale and the metric moves the points', async ({ page, errors }) => {
  await openZoo(page);
  const start = await pos(page, 'ResNet50');

  await page.getByLabel('Cost (x)').selectOption('cpu');
  await expect(point(page, 'ResNet50')).toHaveAttribute('data-x', '58.2');
  const cpu = await pos(page, 'ResNet50');
  expect(cpu.x).not.toBe(start.x);
  expect(cpu.y).toBe(start.y);
  await expect(page.locator('.zoo-frontier-line')).toHaveAttribute('data-models', frontier('cpu', 'top1'));

  await page.getByRole('radio', { name: 'linear' }).check();
  await expect.poll(async () => (await pos(page, 'ResNet50')).x).not.toBe(cpu.x);
  await expect(page.locator('.zoo-axis-title').first()).not.toContainText('log');

  await page.getByRole('radio', { name: 'top-5' }).check();
  await expect(point(page, 'ResNet50')).toHaveAttribute('data-y', '92.1');
  expect((await pos(page, 'ResNet50')).y).not.toBe(cpu.y);
  await expect(page).toHaveURL(/zoo\.x=cpu/);
  await expect(page).toHaveURL(/zoo\.y=top5/);
  await expect(page).toHaveURL(/zoo\.scale=linear/);
  expect(errors).toEqual([]);
});

test('the legend hides and shows a family', async ({ page, errors }) => {
  await openZoo(page);
  const nasnet = page.locator('.zoo-legend-item[data-family="NASNet"]');
  await nasnet.click();
  await expect(nasnet).toHaveAttribute('aria-pressed', 'false');
  await expect(page.locator('.zoo-point')).toHaveCount(ALL - NASNET);
  await expect(point(page, 'NASNetLarge')).toHaveCount(0);
  await expect(page).toHaveURL(/zoo\.hidden=NASNet/);
  await nasnet.click();
  await expect(page.locator('.zoo-point')).toHaveCount(ALL);
  expect(errors).toEqual([]);
});

test('the table sorts by a column, both ways', async ({ page, errors }) => {
  await openZoo(page);
  const header = page.locator('.zoo-table th', { has: page.locator('button[data-column="paramsM"]') });
  const firstRow = page.locator('.zoo-table tbody tr').first();
  await expect(firstRow).toHaveAttribute('data-model', firstBy('top1', 'descending')); // default: top-1, best first
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  await expect(firstRow).toHaveAttribute('data-model', firstBy('paramsM', 'descending'));
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  await expect(firstRow).toHaveAttribute('data-model', firstBy('paramsM', 'ascending'));
  expect(errors).toEqual([]);
});

test('the URL restores axes, scale, metric, hidden families and pinned models', async ({ page, errors }) => {
  await openZoo(
    page,
    '?zoo.x=cpu&zoo.y=top5&zoo.scale=linear&zoo.hidden=NASNet&zoo.pinned=VGG16,ResNet50',
    drawn('cpu', 'top5', ['NASNet']),
  );
  await expect(page.getByLabel('Cost (x)')).toHaveValue('cpu');
  await expect(page.getByRole('radio', { name: 'top-5' })).toBeChecked();
  await expect(page.getByRole('radio', { name: 'linear' })).toBeChecked();
  await expect(page.locator('.zoo-legend-item[data-family="NASNet"]')).toHaveAttribute('aria-pressed', 'false');
  await expect(point(page, 'VGG16')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('zoo-comparison')).toHaveText(compareModels('VGG16', 'ResNet50', 'cpu', 'top5').headline);
  await expect(page.getByTestId('zoo-comparison')).toHaveText('ResNet50 has 0.837× VGG16’s CPU time and +2.0 points top-5.');
  expect(errors).toEqual([]);
});

test('keyboard focus shows every column of a model, and arrow keys move between models', async ({ page, errors }) => {
  await openZoo(page);
  const tip = page.locator('.zoo-tooltip');
  await expect(tip).toBeHidden();
  // From the last legend button, one Tab enters the chart: one stop for all the markers (VGG16 first).
  await expect(page.locator('.zoo-point[tabindex="0"]')).toHaveCount(1);
  await page.locator('.zoo-legend-item').last().focus();
  await page.keyboard.press('Tab');
  await expect(point(page, 'VGG16')).toBeFocused();
  await expect(tip).toBeVisible();
  await expect(tip).toContainText('VGG16');
  await page.keyboard.press('ArrowRight'); // next by parameters: VGG19 (143.7 M)
  await expect(point(page, 'VGG19')).toBeFocused();
  for (const cell of ['VGG19', 'VGG', '143.7', '549', '19', '71.3', '90.0', '84.8', '4.4']) await expect(tip).toContainText(cell);
  await page.keyboard.press('Home');
  await expect(point(page, 'MobileNetV2')).toBeFocused();
  await expect(tip).toContainText('MobileNetV2');
  await page.keyboard.press('Enter');
  await expect(point(page, 'MobileNetV2')).toHaveAttribute('aria-pressed', 'true');
  expect(errors).toEqual([]);
});

test('hovering a point shows every column of its row', async ({ page, errors }) => {
  await openZoo(page);
  await point(page, 'EfficientNetB0').hover();
  const tip = page.locator('.zoo-tooltip');
  await expect(tip).toBeVisible();
  for (const cell of ['EfficientNetB0', 'EfficientNet', '5.3', '29', '132', '77.1', '93.3', '46.0', '4.9'])
    await expect(tip).toContainText(cell);
  await expect(page.locator('.zoo-table tr[data-model="EfficientNetB0"]')).toHaveClass(/inspected/);
  expect(errors).toEqual([]);
});

test.describe('with prefers-reduced-motion', () => {
  test.use({ reducedMotion: 'reduce' });
  test('points jump to their new place without a transition', async ({ page, errors }) => {
    await openZoo(page);
    await page.getByLabel('Cost (x)').selectOption('depth');
    const p = point(page, 'VGG16');
    await expect(p).toHaveAttribute('data-x', '16');
    // No tween: the drawn position equals the target the moment the state changes.
    const [cx, cy, transform] = await p.evaluate((el) => [
      el.getAttribute('data-cx'),
      el.getAttribute('data-cy'),
      el.getAttribute('transform'),
    ]);
    const [tx, ty] = (transform ?? '').match(/-?[\d.]+/g)!.map(Number);
    expect(tx).toBeCloseTo(Number(cx), 0);
    expect(ty).toBeCloseTo(Number(cy), 0);
    expect(errors).toEqual([]);
  });
});

test('pinning two models shows their computed comparison', async ({ page, errors }) => {
  await openZoo(page);
  await point(page, 'VGG16').click();
  await expect(page.locator('.zoo-compare')).toContainText('Pin a second model to compare it with VGG16');
  await point(page, 'ResNet50').click();
  await expect(page.getByTestId('zoo-comparison')).toHaveText('ResNet50 has 0.185× VGG16’s parameters and +3.6 points top-1.');
  await expect(page.locator('.zoo-lines')).toContainText('ResNet50 has 0.837× VGG16’s CPU time');
  await expect(page).toHaveURL(/zoo\.pinned=VGG16%2CResNet50/);
  await page.getByRole('button', { name: 'Unpin VGG16' }).click();
  await expect(page.getByTestId('zoo-comparison')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('CSV and JSON downloads hold every row', async ({ page, errors }) => {
  await openZoo(page);
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
  expect(csv.suggestedFilename()).toBe('keras-applications.csv');
  const lines = readFileSync((await csv.path())!, 'utf8')
    .trimEnd()
    .split('\r\n');
  expect(lines).toHaveLength(ALL + 1);
  expect(lines).toEqual(toCsv().trimEnd().split('\r\n'));
  expect(lines).toContain('ResNet50,ResNet,25.6,98,107,74.9,92.1,58.2,4.6');
  const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download JSON' }).click()]);
  const parsed = JSON.parse(readFileSync((await json.path())!, 'utf8')) as { models: { name: string }[] };
  expect(parsed.models.map((m) => m.name)).toEqual(KERAS_MODELS.map((m) => m.name));
  expect(errors).toEqual([]);
});

test('prints the source’s caveats', async ({ page, errors }) => {
  await openZoo(page);
  const caveats = page.locator('.zoo-caveats');
  for (const text of [
    '30 batches and 10 repetitions',
    'batch size: 32',
    'AMD EPYC',
    'Tesla A100',
    'Depth counts the number of layers with parameters',
    'accessed 2026-12',
  ]) {
    await expect(caveats).toContainText(text);
  }
  expect(errors).toEqual([]);
});

for (const theme of ['light', 'dark'] as const) {
  test(`no axe-core violations with the chart drawn and pinned (${theme})`, async ({ page, errors }) => {
    await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
    await openZoo(page, '?zoo.pinned=VGG16,ResNet50');
    await point(page, 'ResNet101').focus();
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
}

test('fits a 375 px phone with the chart drawn', async ({ page, errors }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await openZoo(page);
  await point(page, 'VGG19').focus();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const box = await page.locator('.zoo-svg').boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(375);
  expect(errors).toEqual([]);
});
