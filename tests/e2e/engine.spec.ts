// The demo engine as a reader meets it: the classifier runs in a Web Worker with wasm threads, every
// weight file downloads once however quickly photos are picked, a changed byte is refused, a stopped
// worker comes back, and tfjs never runs on the page's main thread (how long the main thread is
// blocked is measured, not tested: `npm run bench:mainthread`).
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { openClassifier } from './classifier-helpers';
import { MainThreadWatch } from './main-thread';
import { holdRequests } from './settle';
import { DEFAULT_RESNET50_ID, modelById } from '../../src/lib/inference/models';

const top1 = (page: Page) => page.getByTestId('top1').locator('strong');
/** The float32 MobileNet, whose 55 weight files let a test hold some of them (the quick 8-bit default has one). */
const chooseFloatMobileNet = (page: Page) => page.getByLabel('Model', { exact: true }).selectOption('mobilenet_v1_0.75');

test('three quick picks during the first download fetch each weight file once; the last photo wins', async ({ page, errors }) => {
  const requests = new Map<string, number>();
  page.context().on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname.startsWith('/models/')) requests.set(u.pathname, (requests.get(u.pathname) ?? 0) + 1);
  });
  // Hold the weight files until all three picks have landed, so they land while the first download runs.
  const weights = await holdRequests(page, '**/models/mobilenet_v1_0.75/group*');
  await openClassifier(page);
  await chooseFloatMobileNet(page);
  await page.getByRole('button', { name: /Chelsea the cat/ }).click();
  await weights.held;
  await page.getByRole('button', { name: /Astronaut/ }).click();
  await page.getByRole('button', { name: /Coffee cup/ }).click();
  await expect(page.locator('.result .small').first()).toContainText('Coffee cup');
  weights.release();
  await expect(top1(page)).toHaveText('espresso', { timeout: 60_000 });
  await expect(page.locator('.result .small').first()).toContainText('Coffee cup');
  const files = [...requests.entries()].filter(([p]) => p.includes('/mobilenet_v1_0.75/'));
  expect(files.length).toBeGreaterThan(50); // model.json and its 55 weight groups
  expect(files.filter(([, n]) => n !== 1)).toEqual([]);
  await expect(page.locator('.classifier')).toHaveAttribute('data-runs', '1');
  expect(errors).toEqual([]);
});

test('wasm runs with threads in the cross-origin-isolated page: at least 2; tfjs only in the worker', async ({ page, errors }) => {
  const watch = await MainThreadWatch.start(page);
  await openClassifier(page);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await page.getByRole('button', { name: /Coffee cup/ }).click();
  await expect(top1(page)).toHaveText('espresso', { timeout: 45_000 });
  const note = await page.getByTestId('backend-note').textContent();
  expect(note).toMatch(/^WASM/);
  expect(Number(/(\d+) threads/.exec(note ?? '')?.[1] ?? 1)).toBeGreaterThanOrEqual(2);
  await watch.expectTfjsOnlyInWorkers();
  expect(errors).toEqual([]);
});

test('a weight file with one changed byte is refused with a clear message', async ({ page, errors }) => {
  // Its URL carries the file's version (?v=…), so the pattern ends with '*'.
  await page.route('**/models/darknet_tiny/group1-shard1of1*', async (route) => {
    const res = await route.fetch();
    const body = Buffer.from(await res.body());
    const at = body.length >> 1;
    body[at] = (body[at] ?? 0) ^ 0xff;
    await route.fulfill({ response: res, body });
  });
  await openClassifier(page);
  await page.getByLabel('Model', { exact: true }).selectOption('darknet_tiny');
  await page.getByRole('button', { name: /Coffee cup/ }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(/not used/i, { timeout: 45_000 });
  await expect(alert).toContainText('group1-shard1of1');
  await expect(page.getByTestId('top1')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test.describe(() => {
  // The browser's own log line for each refused request.
  test.use({ allowConsoleErrors: [/Failed to load resource: net::ERR_CONNECTION_RESET/] });
  test('tfjs that fails to arrive in the worker says so, and the next action starts a worker that loads it', async ({ page, errors }) => {
    // The worker's tfjs chunk (also prefetched by the page) fails until the test lets it through.
    let refuse = true;
    await page.route(/\/_astro\/classifier-runtime-[^/]*\.js$/, (route) => (refuse ? route.abort('connectionreset') : route.continue()));
    await openClassifier(page);
    await page.getByRole('button', { name: /Coffee cup/ }).click();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText("The demo's worker stopped", { timeout: 60_000 });
    await expect(alert).toContainText('TensorFlow.js could not be downloaded');
    refuse = false;
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect(top1(page)).toHaveText('espresso', { timeout: 60_000 });
    expect(errors).toEqual([]);
  });
});

test('a worker that stops mid-download says so, keeps the page state, and recovers on the next action', async ({ page, errors }) => {
  // One weight file arrives (the progress shows); the others wait until the worker has been stopped:
  // it stops mid-download.
  const weights = await holdRequests(page, '**/models/mobilenet_v1_0.75/group*', 1);
  await openClassifier(page);
  await chooseFloatMobileNet(page);
  await page.getByRole('button', { name: /Coffee cup/ }).click();
  await expect(page.getByRole('progressbar', { name: 'Model download progress' })).toBeVisible({ timeout: 30_000 });
  await weights.held;
  await page.evaluate(() =>
    (globalThis as unknown as { __classifierEngine: { terminate(why: string): void } }).__classifierEngine.terminate('the test stopped it'),
  );
  const alert = page.getByRole('alert');
  await expect(alert).toContainText("The demo's worker stopped (the test stopped it)");
  weights.release();
  // The photo and its true label are still there.
  await expect(page.locator('.result .small').first()).toContainText('Coffee cup');
  await expect(page.getByLabel('True label')).toHaveValue(/espresso/);
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(top1(page)).toHaveText('espresso', { timeout: 60_000 });
  await expect(page.getByTestId('verdict')).toContainText('ranked 1 of 1000');
  expect(errors).toEqual([]);
});

test('warm 8-bit ResNet-50 classifications keep the tensors flat in the worker, and tfjs runs only there', async ({ page, errors }) => {
  test.setTimeout(180_000);
  const watch = await MainThreadWatch.start(page);
  const demo = await openClassifier(page, '/resnet/');
  await expect(demo.getByLabel('Model', { exact: true })).toHaveValue(DEFAULT_RESNET50_ID);
  await demo.getByRole('button', { name: /Coffee cup/ }).click();
  // ResNet-50's own answer (the quick model's, shown first while it downloads, is not a run).
  await expect(demo).toHaveAttribute('data-runs', '1', { timeout: 150_000 });
  await expect(demo.getByTestId('top1').locator('strong')).toHaveText('espresso');
  await expect(demo).not.toHaveAttribute('data-num-tensors', '');
  const tensors = await demo.getAttribute('data-num-tensors');
  for (const [i, photo] of [/Chelsea the cat/, /Coffee cup/].entries()) {
    await demo.getByRole('button', { name: photo }).click();
    await expect(demo).toHaveAttribute('data-runs', String(i + 2), { timeout: 60_000 });
  }
  await expect(demo.getByTestId('top1').locator('strong')).toHaveText('espresso');
  await expect(demo.getByTestId('timing')).toContainText(`${modelById(DEFAULT_RESNET50_ID).name} on WASM`);
  expect(await demo.getAttribute('data-num-tensors')).toBe(tensors);
  await watch.expectTfjsOnlyInWorkers();
  expect(errors).toEqual([]);
});

test('a backend that cannot start in the worker falls back to wasm and says so', async ({ page, errors }) => {
  // No --enable-unsafe-webgpu here: WebGPU has no adapter, so the worker must fall back.
  await openClassifier(page);
  await page.getByLabel('Backend').selectOption('webgpu');
  await page.getByRole('button', { name: /Coffee cup/ }).click();
  await expect(top1(page)).toHaveText('espresso', { timeout: 60_000 });
  await expect(page.getByTestId('backend-note')).toContainText(/^WASM \(WebGPU (did not start|failed to start).*so using WASM/);
  expect(errors).toEqual([]);
});

test('a running download can be cancelled; nothing is kept and "Try again" loads it', async ({ page, errors }) => {
  // One weight file arrives (the progress and its Cancel show); the others wait until the download
  // has been cancelled.
  const weights = await holdRequests(page, '**/models/mobilenet_v1_0.75/group*', 1);
  await openClassifier(page);
  await chooseFloatMobileNet(page);
  await page.getByRole('button', { name: /Coffee cup/ }).click();
  await weights.held;
  await page.getByRole('button', { name: 'Cancel download' }).click({ timeout: 30_000 });
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('The download was cancelled');
  await expect(page.getByTestId('top1')).toHaveCount(0);
  weights.release();
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(top1(page)).toHaveText('espresso', { timeout: 60_000 });
  expect(errors).toEqual([]);
});
