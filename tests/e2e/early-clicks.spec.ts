// A click made before a demo's island has hydrated is kept and answered, in every demo with a main
// action (src/lib/early-clicks.ts; the classifier's own case is in cold-start.spec.ts), and settings
// changed meanwhile are kept too and used by that answer; a photo chosen for the probe or block
// deletion starts ResNet-50's download at once. The island's chunk is held until the test
// lets it go, so the click lands on the server-rendered HTML; meanwhile the island says it is
// starting. No durations are asserted.
import type { Locator, Page } from '@playwright/test';
import { test, expect, visit } from './fixtures';
import { animationFrames, holdRequests, recordWorkerTraffic, workersAnswered, workersStarted } from './settle';
import { expectEngineStarted, reportConnection, visitOnConnection, type ConnectionHints } from './early-start-helpers';

test.describe.configure({ timeout: 180_000 });

/** Visits `path` with the chunk of `component` held, scrolls to `selector`, and waits for the hold. */
async function beforeHydration(page: Page, path: string, component: string, selector: string) {
  const chunk = await holdRequests(page, new RegExp(`/_astro/${component}\\.[^/]*\\.js$`));
  await visit(page, path);
  const demo = page.locator(selector);
  await demo.scrollIntoViewIfNeeded();
  await chunk.held;
  const island = page.locator('astro-island', { has: demo }).first();
  await expect(island).toHaveAttribute('ssr', /.*/);
  return { demo, island, release: chunk.release };
}

/** ResNet-50's weight files as they finish downloading (the page's worker's requests). */
function resnetWeights(page: Page): string[] {
  const got: string[] = [];
  page.on('requestfinished', (r) => {
    if (/\/models\/resnet50_uint8\/.*\.bin/.test(r.url())) got.push(r.url());
  });
  return got;
}

/** The 8-bit ResNet-50's weight files, each downloaded once. */
const expectEachOnce = (weights: string[]) => {
  expect(new Set(weights).size).toBe(weights.length);
  expect(weights).toHaveLength(7);
};

/** What the island says before it runs (site.css), as a reader sees it. */
const note = (island: Locator) => island.evaluate((el) => getComputedStyle(el, '::before').content);

/** The island has taken the click: it says it is starting, and the control clicked looks busy. */
async function expectTaken(island: Locator, control: Locator): Promise<void> {
  expect(await note(island)).toMatch(/^"Starting…/);
  await expect(control).toHaveAttribute('data-early-clicked', '');
}

test('a Start click in the training lab before it hydrated starts the training', async ({ page, errors }) => {
  const { demo: lab, island, release } = await beforeHydration(page, '/resnet/?lab.depth=8&lab.width=4&lab.batch=8', 'TrainingLab', '.lab');
  const start = lab.getByRole('button', { name: 'Start', exact: true });
  await start.click();
  await expectTaken(island, start);
  release();
  await expect(island).not.toHaveAttribute('ssr', /.*/);
  await expect.poll(async () => Number(await lab.getAttribute('data-steps')), { timeout: 120_000 }).toBeGreaterThanOrEqual(1);
  await expect(start).not.toHaveAttribute('data-early-clicked', '');
  await lab.getByRole('button', { name: 'Reset' }).click();
  expect(errors).toEqual([]);
});

test('a gallery photo chosen for the ResNet-50 probe before it hydrated is run', async ({ page, errors }) => {
  const { demo: fig, island, release } = await beforeHydration(page, '/resnet/', 'ResNetOnYourPhoto', '.pp');
  const weights = resnetWeights(page);
  const menu = page.getByLabel('Run the real ResNet-50 on');
  await menu.selectOption('coffee.jpg');
  await expectTaken(island, menu);
  // The page starts ResNet-50's download at the choice, while the island's code is still held back.
  await expect.poll(() => weights.length, { timeout: 60_000 }).toBeGreaterThan(0);
  release();
  await expect(fig).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('probe-photo')).toHaveText('Coffee cup');
  await expect(page.locator('#fig-resnet-steps .lp')).toHaveAttribute('data-tiles', '16', { timeout: 120_000 });
  await expect(menu).toHaveValue('coffee.jpg');
  expectEachOnce(weights); // the island joined that download
  expect(errors).toEqual([]);
});

test('a gallery photo chosen for block deletion before it hydrated is run', async ({ page, errors }) => {
  const { demo: fig, island, release } = await beforeHydration(page, '/why-residual/', 'BlockDeletion', '.ld');
  const weights = resnetWeights(page);
  const menu = fig.getByLabel('Run the real ResNet-50 on');
  await menu.selectOption('coffee.jpg');
  await expectTaken(island, menu);
  await expect.poll(() => weights.length, { timeout: 60_000 }).toBeGreaterThan(0);
  release();
  await expect(fig.getByTestId('lesion-photo')).toHaveText('Coffee cup');
  const top5 = fig.getByTestId('lesion-top5');
  await expect(top5.locator('li')).toHaveCount(5, { timeout: 120_000 });
  await expect(top5.locator('li').first()).toContainText('espresso');
  expectEachOnce(weights);
  expect(errors).toEqual([]);
});

test('the island adopts the download a pick before hydration began: its Cancel stops it', async ({ page, errors }) => {
  const { demo: fig, island, release } = await beforeHydration(page, '/why-residual/', 'BlockDeletion', '.ld');
  // The first weight file arrives (so the download shows its progress and Cancel); the rest wait.
  const weights = await holdRequests(page, /\/models\/resnet50_uint8\/.*\.bin/, 1);
  const stopped: string[] = [];
  page.on('requestfailed', (r) => {
    if (/\/models\/resnet50_uint8\/.*\.bin/.test(r.url())) stopped.push(r.url());
  });
  const menu = fig.getByLabel('Run the real ResNet-50 on');
  await menu.selectOption('coffee.jpg');
  await expectTaken(island, menu);
  await weights.held;
  release();
  await fig.getByRole('button', { name: 'Cancel download' }).click({ timeout: 60_000 });
  // The page's early request no longer holds the download open: the worker stops its requests.
  await expect.poll(() => stopped.length, { timeout: 30_000 }).toBeGreaterThan(0);
  await expect(fig.getByRole('alert')).toContainText('The download was cancelled');
  weights.release();
  await menu.selectOption('chelsea.jpg');
  await expect(fig.getByTestId('lesion-top5').locator('li')).toHaveCount(5, { timeout: 120_000 });
  expect(errors).toEqual([]);
});

test('a test image clicked in the tiny nets before they hydrated is classified', async ({ page, errors }) => {
  const { demo: tiny, island, release } = await beforeHydration(page, '/vgg-vs-resnet/', 'TinyNets', '.tiny');
  const pick = tiny.getByTestId('tiny-pick').nth(1);
  await pick.click();
  await expectTaken(island, pick);
  release();
  await expect(tiny).toHaveAttribute('data-answered', '1', { timeout: 60_000 });
  await expect(pick).toHaveAttribute('aria-pressed', 'true');
  await expect(tiny.getByTestId('tiny-top1')).toHaveCount(2);
  expect(errors).toEqual([]);
});

test('a Race click before the race hydrated starts the race, which can be cancelled', async ({ page, errors }) => {
  const { demo: race, island, release } = await beforeHydration(page, '/vgg-vs-resnet/', 'ModelRace', '.race');
  const start = race.getByRole('button', { name: /^Race VGG-16 and ResNet-50/ });
  await start.click();
  await expectTaken(island, start);
  release();
  await expect(race.locator('.race-status')).toContainText('Building VGG-16');
  await race.getByRole('button', { name: 'Cancel' }).click();
  await expect(race).toHaveAttribute('data-phase', 'cancelled', { timeout: 60_000 });
  await expect(start).toBeEnabled();
  expect(errors).toEqual([]);
});

test('a Recompute click in the tiny-net block deletion before it hydrated starts the recompute', async ({ page, errors }) => {
  const { demo: tl, island, release } = await beforeHydration(page, '/why-residual/', 'TinyLesion', '.tl');
  const recompute = tl.getByRole('button', { name: 'Recompute live' });
  await recompute.click();
  await expectTaken(island, recompute);
  release();
  await expect(tl).toHaveAttribute('data-phase', 'running');
  await tl.getByRole('button', { name: 'Cancel' }).click();
  await expect(tl).toHaveAttribute('data-phase', 'cancelled');
  expect(errors).toEqual([]);
});

test('an input size chosen before the race hydrated, then its Race click, races at that size', async ({ page, errors }) => {
  const { demo: race, island, release } = await beforeHydration(page, '/vgg-vs-resnet/', 'ModelRace', '.race');
  const small = race.getByLabel('32×32');
  await small.check();
  const start = race.getByRole('button', { name: /^Race VGG-16 and ResNet-50/ });
  await start.click();
  await expectTaken(island, start);
  release();
  await expect(island).not.toHaveAttribute('ssr', /.*/);
  await expect(small).toBeChecked();
  await expect(start).toHaveAccessibleName(/at 32×32/);
  await expect(race).toHaveAttribute('data-phase', 'done', { timeout: 120_000 });
  await expect(race.getByText(/batch of one at 32×32/)).toBeVisible();
  expect(errors).toEqual([]);
});

test('lab fields changed before the lab hydrated, then Start, train with those settings', async ({ page, errors }) => {
  const { demo: lab, island, release } = await beforeHydration(page, '/resnet/?lab.width=4&lab.batch=8', 'TrainingLab', '.lab');
  const depth = lab.getByLabel('Depth (layers)');
  const iterations = lab.getByLabel('Iterations');
  await depth.selectOption('8');
  await iterations.fill('3');
  const start = lab.getByRole('button', { name: 'Start', exact: true });
  await start.click();
  await expectTaken(island, start);
  release();
  await expect(island).not.toHaveAttribute('ssr', /.*/);
  await expect(depth).toHaveValue('8');
  await expect(iterations).toHaveValue('3');
  await expect(lab.getByTestId('lab-counter')).toContainText('of 3');
  await expect(lab).toHaveAttribute('data-state', 'done', { timeout: 150_000 });
  await expect(lab).toHaveAttribute('data-steps', '3');
  // The form's settings are in the link, as after any change.
  expect(new URL(page.url()).searchParams.get('lab.iters')).toBe('3');
  expect(new URL(page.url()).searchParams.get('lab.depth')).toBe('8');
  await lab.getByRole('button', { name: 'Reset' }).click();
  expect(errors).toEqual([]);
});

test('a backend chosen in the classifier before it hydrated, then a photo, is answered on that backend', async ({ page, errors }) => {
  const { demo, release } = await beforeHydration(page, '/metrics/', 'Classifier', '.classifier');
  const backend = demo.getByLabel('Backend');
  await backend.selectOption('cpu');
  await demo.getByRole('button', { name: /Coffee cup/ }).click();
  release();
  await expect(demo).toHaveAttribute('data-ready', 'true');
  await expect(backend).toHaveValue('cpu');
  await expect(demo.getByTestId('top1').locator('strong')).toHaveText('espresso', { timeout: 120_000 });
  await expect(demo.getByTestId('backend-note')).toHaveText(/^CPU/);
  expect(errors).toEqual([]);
});

test('a model chosen, and a bring-your-own model’s address and menus filled in, before the classifier hydrated are kept', async ({
  page,
  errors,
}) => {
  const { demo, release } = await beforeHydration(page, '/metrics/', 'Classifier', '.classifier');
  await demo.getByLabel('Model', { exact: true }).selectOption('darknet_tiny');
  await demo.getByText('Bring your own model').click();
  const address = demo.getByLabel('model.json address');
  await address.fill('https://example.org/model.json');
  await demo.getByLabel('Preprocessing').selectOption('zero1');
  await demo.getByLabel('Output').selectOption('logits');
  release();
  await expect(demo).toHaveAttribute('data-ready', 'true');
  await expect(demo.getByLabel('Model', { exact: true })).toHaveValue('darknet_tiny');
  await expect(address).toHaveValue('https://example.org/model.json');
  await expect(demo.getByLabel('Preprocessing')).toHaveValue('zero1');
  await expect(demo.getByLabel('Output')).toHaveValue('logits');
  expect(errors).toEqual([]);
});

test('axes chosen in the model-zoo chart before it hydrated are drawn and written into the link', async ({ page, errors }) => {
  const { demo: zoo, release } = await beforeHydration(page, '/vgg-vs-resnet/', 'ZooChart', '.zoo');
  const top5 = zoo.getByRole('radio', { name: 'top-5' });
  const cost = zoo.getByLabel('Cost (x)');
  await top5.check();
  await cost.selectOption('depth');
  release();
  await expect(zoo).toHaveAttribute('data-ready', 'true');
  await expect(top5).toBeChecked();
  await expect(cost).toHaveValue('depth');
  await expect.poll(() => new URL(page.url()).searchParams.get('zoo.x')).toBe('depth');
  expect(new URL(page.url()).searchParams.get('zoo.y')).toBe('top5');
  expect(errors).toEqual([]);
});

test('a network chosen in the layer diagram before it hydrated is drawn and written into the link', async ({ page, errors }) => {
  const { demo: net, release } = await beforeHydration(page, '/vgg/', 'NetworkDiagram', '.net');
  const menu = net.getByLabel('Network');
  await menu.selectOption('resnet50');
  release();
  await expect(net).toHaveAttribute('data-ready', 'true');
  await expect(net).toHaveAttribute('data-model', 'resnet50');
  await expect(menu).toHaveValue('resnet50');
  await expect(page).toHaveURL(/[?&]diagram\.model=resnet50\b/);
  expect(errors).toEqual([]);
});

test('channels chosen in the stacking grid before it hydrated are kept', async ({ page, errors }) => {
  const { demo: grid, island, release } = await beforeHydration(page, '/vgg/', 'StackingGrid', '.sg');
  const menu = grid.getByLabel('Channels C');
  await menu.selectOption('64');
  release();
  await expect(island).not.toHaveAttribute('ssr', /.*/);
  await expect(grid).toHaveAttribute('data-channels', '64');
  await expect(menu).toHaveValue('64');
  expect(errors).toEqual([]);
});

for (const [what, hints, starts] of [
  [
    'on a 4g connection the probe starts the engine as it comes into view, without any weights',
    { effectiveType: '4g', saveData: false },
    true,
  ],
  ['with saveData the probe starts nothing before a pick', { effectiveType: '4g', saveData: true }, false],
] as const) {
  test(what, async ({ page, errors }) => {
    const { models } = await visitOnConnection(page, hints, '/resnet/', '.pp');
    await expectEngineStarted(page, starts);
    expect(models).toEqual([]);
    await page.getByLabel('Run the real ResNet-50 on').selectOption('coffee.jpg');
    await expect(page.locator('#fig-resnet-steps .lp')).toHaveAttribute('data-tiles', '16', { timeout: 120_000 });
    expect(errors).toEqual([]);
  });
}

/** Every request for a URL that matches `re`, as the page makes them. */
function countRequests(page: Page, re: RegExp): string[] {
  const urls: string[] = [];
  page.on('request', (r) => {
    if (re.test(r.url())) urls.push(r.url());
  });
  return urls;
}

/**
 * Visits `path` with `hints`, brings the figure `selector` into view, and waits for its island to run
 * and, when `starts`, for its `worker` to have started early and answered; else checks none started.
 */
async function figureInView(
  page: Page,
  path: string,
  selector: string,
  worker: string,
  hints: ConnectionHints,
  starts: boolean,
): Promise<Locator> {
  await reportConnection(page, hints);
  await recordWorkerTraffic(page);
  await visit(page, path);
  const fig = page.locator(selector);
  await fig.scrollIntoViewIfNeeded();
  await expect(page.locator('astro-island', { has: fig })).not.toHaveAttribute('ssr', /.*/);
  await animationFrames(page);
  if (starts) {
    await expect.poll(() => workersStarted(page)).toContain(worker);
    await workersAnswered(page, [worker]);
  } else {
    expect(await workersStarted(page)).not.toContain(worker);
  }
  return fig;
}

// The tiny nets' worker starts its backend only: their weights (/tiny-models/) wait for the first image.
for (const [what, hints, starts] of [
  [
    'on a 4g connection the tiny nets start their worker as they come into view, without any weights',
    { effectiveType: '4g', saveData: false },
    true,
  ],
  ['with saveData the tiny nets start nothing before a click', { effectiveType: '4g', saveData: true }, false],
] as const) {
  test(what, async ({ page, errors }) => {
    const weights = countRequests(page, /\/tiny-models\//);
    const tiny = await figureInView(page, '/vgg-vs-resnet/', '.tiny', 'tiny-nets', hints, starts);
    await expect(tiny.getByText('Getting TensorFlow.js ready')).toBeHidden();
    expect(weights).toEqual([]);
    const pick = tiny.getByTestId('tiny-pick').nth(1);
    await pick.click();
    await expect(tiny).toHaveAttribute('data-answered', '1', { timeout: 60_000 });
    await expect(pick).toHaveAttribute('aria-pressed', 'true');
    await expect(tiny.getByTestId('tiny-top1')).toHaveCount(2);
    // The weights came with the click: both nets' model.json.
    expect(weights.filter((u) => u.endsWith('/model.json'))).toHaveLength(2);
    expect(errors).toEqual([]);
  });
}

// The tiny-net block deletion shares that worker: its nets and test images wait for Recompute.
for (const [what, hints, starts] of [
  [
    'on a 4g connection the tiny-net block deletion starts its worker as it comes into view, without any nets or images',
    { effectiveType: '4g', saveData: false },
    true,
  ],
  ['with saveData the tiny-net block deletion starts nothing before Recompute', { effectiveType: '4g', saveData: true }, false],
] as const) {
  test(what, async ({ page, errors }) => {
    const fetched = countRequests(page, /\/tiny-models\/tiny-(plain|resnet)20\/|\/data\/fashion-mnist\//);
    const tl = await figureInView(page, '/why-residual/', '.tl', 'tiny-lesion', hints, starts);
    expect(fetched).toEqual([]);
    await tl.getByRole('button', { name: 'Recompute live' }).click();
    await expect(tl).toHaveAttribute('data-phase', 'running');
    await expect.poll(() => fetched.some((u) => u.endsWith('/model.json'))).toBe(true);
    await tl.getByRole('button', { name: 'Cancel' }).click();
    await expect(tl).toHaveAttribute('data-phase', 'cancelled');
    expect(errors).toEqual([]);
  });
}
