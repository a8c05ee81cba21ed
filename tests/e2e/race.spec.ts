import type { Locator, Page } from '@playwright/test';
import { test, expect, visit, axeViolations } from './fixtures';
import { MainThreadWatch } from './main-thread';

// The live race on the comparison page, in a real browser with real tfjs (wasm backend). CI uses the
// 32×32 input: VGG-16's fc1 then flattens a 1×1×512 pool (151 MB of weights instead of 553 MB) and
// the race takes seconds. The two tests run one after the other: two races at once on a 2-core CI
// machine only slow each other down. The generous timeouts cover a loaded machine, not a normal run.
test.describe.configure({ mode: 'serial', timeout: 180_000 });
const RACE_TIMEOUT = 150_000;

async function openRace(page: Page): Promise<Locator> {
  await visit(page, '/vgg-vs-resnet/');
  const race = page.locator('.race');
  await race.scrollIntoViewIfNeeded();
  // client:visible: wait until Astro has hydrated the island (it drops the `ssr` attribute).
  await expect(page.locator('astro-island:has(.race)')).not.toHaveAttribute('ssr', /.*/);
  return race;
}

const start = (race: Locator) => race.getByRole('button', { name: /^Race VGG-16 and ResNet-50/ });

test('the race at 32×32 reports two timings, compares them with Keras, then frees every tensor; tfjs only in its worker', async ({
  page,
  errors,
}) => {
  const watch = await MainThreadWatch.start(page);
  const race = await openRace(page);
  await expect(race).toContainText('Speed, not accuracy');
  await expect(race.getByTestId('race-memory')).toContainText('553 MB of float32 weights');
  await race.getByLabel('32×32').check();
  await expect(race.getByTestId('race-memory')).toContainText('151 MB of float32 weights');
  await start(race).click();
  await expect(race.getByRole('button', { name: 'Cancel' })).toBeVisible();
  await expect(race).toHaveAttribute('data-phase', 'done', { timeout: RACE_TIMEOUT });

  await expect(race.getByTestId('race-backend')).toHaveText('wasm');
  const medians = race.getByTestId('race-median');
  await expect(medians).toHaveCount(2);
  for (const model of ['vgg16', 'resnet50']) {
    const ms = Number(await race.locator(`[data-testid="race-median"][data-model="${model}"]`).getAttribute('data-ms'));
    expect(ms).toBeGreaterThan(0);
  }
  await expect(race.locator('svg.race-chart rect.race-bar')).toHaveCount(2);
  await expect(race.locator('table')).toContainText('69.5 (2.17)'); // VGG16, Keras CPU per batch (per image)
  await expect(race.locator('table')).toContainText('58.2 (1.82)');
  await expect(race.locator('table')).toContainText('0.34 G'); // VGG-16's MACs at 32×32
  await expect(race.getByRole('status')).toHaveText(/Race finished on the wasm backend/);

  const before = await race.getAttribute('data-tensors-before');
  expect(await race.getAttribute('data-tensors-after')).toBe(before);
  expect(await race.getAttribute('data-bytes-after')).toBe(await race.getAttribute('data-bytes-before'));
  await expect(race.getByTestId('race-freed')).toContainText('Everything was freed.');
  await watch.expectTfjsOnlyInWorkers();

  expect(await axeViolations(page, '.race')).toEqual([]);
  expect(errors).toEqual([]);
});

test('Cancel stops a race, frees what it built, and the page keeps working', async ({ page, errors }) => {
  const race = await openRace(page);
  await race.getByLabel('32×32').check();
  await start(race).click();
  await expect(race.locator('.race-status')).toContainText('Building VGG-16');
  await race.getByRole('button', { name: 'Cancel' }).click();
  await expect(race).toHaveAttribute('data-phase', 'cancelled', { timeout: 60_000 });
  await expect(race.getByRole('status')).toHaveText(/Race cancelled/);
  await expect(race.getByTestId('race-median')).toHaveCount(0);
  await expect(race.getByTestId('race-freed')).toContainText('Everything was freed.');
  expect(await race.getAttribute('data-tensors-after')).toBe(await race.getAttribute('data-tensors-before'));

  // Still usable: the controls are back, and they still drive the estimate and the button.
  await expect(start(race)).toBeEnabled();
  await race.getByLabel('64×64').check();
  await expect(race.getByTestId('race-memory')).toContainText('176 MB of float32 weights');
  await expect(start(race)).toHaveText(/at 64×64/);
  expect(errors).toEqual([]);
});
