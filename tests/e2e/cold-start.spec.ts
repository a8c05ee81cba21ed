// The first answer: a click made before the classifier has hydrated is kept and answered (its model's
// download begun at once, by the page); the engine's scripts and wasm are prefetched as the page loads,
// and the engine starts ahead of the click, on a good connection (never the weights, never with
// saveData); the page's HTML asks for every module its scripts import, so none waits a round trip
// for the one that imports it; and on a phone (CPU 4× slower, 9 Mbit/s, 150 ms, 390 × 844, through
// the DevTools protocol) the progress names each stage. No durations are asserted.
import type { Page } from '@playwright/test';
import { test, expect, visit } from './fixtures';
import { animationFrames, holdRequests, recordTexts } from './settle';
import { expectEngineStarted, visitOnConnection } from './early-start-helpers';
import { PHONE_CONTEXT, throttleLikeAPhone } from '../../scripts/phone-profile.mjs';

const top1 = (page: Page) => page.getByTestId('top1').locator('strong');

test('a gallery click made before the classifier hydrated starts its model’s download at once, and is answered', async ({
  page,
  errors,
}) => {
  // The island's own chunk waits on the test, so the photo is clicked in the server-rendered HTML.
  const island = await holdRequests(page, /\/_astro\/Classifier\.[^/]*\.js$/);
  await visit(page, '/metrics/');
  const demo = page.locator('.classifier');
  await demo.scrollIntoViewIfNeeded();
  await island.held;
  await expect(demo).toHaveAttribute('data-ready', 'false');
  await expect(demo.getByRole('status').filter({ hasText: 'Loading the demo' })).toBeVisible();
  const weights: string[] = [];
  page.on('requestfinished', (r) => {
    if (/\/models\/mobilenet_v1_0\.75_uint8\/.*\.bin/.test(r.url())) weights.push(r.url());
  });
  await demo.getByRole('button', { name: /Coffee cup/ }).click();
  // The quick model's weights download at once, while the island's own code is still held back.
  await expect.poll(() => weights.length, { timeout: 60_000 }).toBe(1);
  await expect(demo).toHaveAttribute('data-ready', 'false');
  island.release();
  await expect(demo).toHaveAttribute('data-ready', 'true');
  await expect(top1(page)).toHaveText('espresso', { timeout: 60_000 });
  await expect(demo.getByRole('button', { name: /Coffee cup/ })).toHaveAttribute('aria-pressed', 'true');
  // The island joined that download: the weights came once.
  expect(weights).toHaveLength(1);
  expect(errors).toEqual([]);
});

test('a page asks for every module its scripts import from its HTML, not one level after another', async ({ page, request, errors }) => {
  // Every script under /_astro/ waits on the test: nothing runs, so no import can be found by running
  // or parsing a script. What is asked for by the time the HTML is parsed, the HTML asked for
  // (its module scripts and the modulepreload links src/plugins/module-preload.mjs writes).
  const asked = new Set<string>();
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  await page.route(/\/_astro\/[^/?]+\.js(\?.*)?$/, async (route) => {
    asked.add(new URL(route.request().url()).pathname);
    await released;
    await route.continue().catch(() => {});
  });
  await page.goto('/metrics/', { waitUntil: 'commit' });
  await expect.poll(() => page.evaluate(() => document.readyState), { timeout: 30_000 }).toBe('interactive');
  const entries = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLScriptElement>('script[type="module"][src]')].map((s) => new URL(s.src).pathname),
  );
  // The modules those scripts import statically, followed through the built files (an import
  // statement of the bundler's output: `import{…}from"./x.js"` or `import"./x.js"`; `import(…)` is not one).
  const needed = new Set<string>();
  const queue = [...entries];
  while (queue.length) {
    const path = queue.shift()!;
    const code = await (await request.get(path)).text();
    for (const [, spec] of code.matchAll(/\bimport\s*(?:[\w$*{}\s,]+from\s*)?["']([^"']+\.js)["']/g)) {
      const dep = new URL(spec!, `http://site${path}`).pathname;
      if (needed.has(dep) || entries.includes(dep)) continue;
      needed.add(dep);
      queue.push(dep);
    }
  }
  expect(needed.size, 'the page’s scripts import shared modules').toBeGreaterThan(2);
  expect([...needed].filter((p) => !asked.has(p))).toEqual([]);
  release();
  await page.waitForLoadState('load');
  expect(errors).toEqual([]);
});

test('an island still loading says so, and stops saying so once it runs', async ({ page, errors }) => {
  const chunk = await holdRequests(page, /\/_astro\/ZooChart\.[^/]*\.js$/);
  await visit(page, '/vgg-vs-resnet/');
  const island = page.locator('astro-island', { has: page.locator('.zoo') }).first();
  await island.locator('.zoo').scrollIntoViewIfNeeded();
  await chunk.held;
  const note = () => island.evaluate((el) => getComputedStyle(el, '::before').content);
  expect(await note()).toBe('"Loading the demo…"');
  chunk.release();
  await expect(island.locator('.zoo')).toHaveAttribute('data-ready', 'true');
  await expect.poll(note).toBe('none');
  expect(errors).toEqual([]);
});

for (const [what, hints, starts] of [
  ['on a 4g connection the engine starts before the click, without any weights', { effectiveType: '4g', saveData: false }, true],
  ['with saveData nothing starts before the click', { effectiveType: '4g', saveData: true }, false],
  ['on a 3g connection nothing starts before the click', { effectiveType: '3g', saveData: false }, false],
] as const) {
  test(what, async ({ page, errors }) => {
    // Bytes of the engine's tfjs chunk and wasm over the network, per request (a revalidation brings none).
    const engineBytes: number[] = [];
    page.on('requestfinished', async (r) => {
      if (/\/_astro\/(classifier-runtime-[^/]*\.js|[^/]*\.wasm)$/.test(new URL(r.url()).pathname))
        engineBytes.push((await r.sizes()).responseBodySize);
    });
    const { demo, models } = await visitOnConnection(page, hints, '/metrics/', '.classifier');
    await animationFrames(page);
    await expectEngineStarted(page, starts);
    // As the page loaded, the built page prefetched the worker, its tfjs and the wasm it will compile
    // (src/plugins/engine-prefetch.mjs): into the HTTP cache, at the lowest priority, never run.
    const prefetched = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLLinkElement>('link[rel="prefetch"]')].map((l) => new URL(l.href).pathname),
    );
    if (starts) {
      expect(prefetched).toEqual([
        expect.stringMatching(/^\/_astro\/classifier\.worker-.*\.js$/),
        expect.stringMatching(/^\/_astro\/classifier-runtime-.*\.js$/),
        expect.stringMatching(/^\/_astro\/tfjs-backend-wasm-threaded-simd-.*\.wasm$/),
      ]);
      await expect(demo.getByText('Getting the engine ready')).toBeHidden({ timeout: 60_000 });
    } else expect(prefetched).toEqual([]);
    expect(models).toEqual([]);
    await demo.getByRole('button', { name: /Coffee cup/ }).click();
    await expect(top1(page)).toHaveText('espresso', { timeout: 60_000 });
    // Prefetched or not, each came over the network once (the worker's own request found it cached).
    expect(engineBytes.filter((b) => b > 0)).toHaveLength(2);
    expect(errors).toEqual([]);
  });
}

test.describe('on a phone', () => {
  test.use({ viewport: PHONE_CONTEXT.viewport, isMobile: true, hasTouch: true });

  test('the progress names each stage up to the answer', async ({ page, context, errors }) => {
    test.setTimeout(180_000);
    await throttleLikeAPhone(context, page);
    // Every text the classifier's status line shows, in order, recorded by the page itself.
    const status = await recordTexts(page, '.classifier .status');
    await visit(page, '/metrics/');
    const demo = page.locator('.classifier');
    await demo.scrollIntoViewIfNeeded();
    await expect(demo).toHaveAttribute('data-ready', 'true');
    await demo.getByRole('button', { name: /Coffee cup/ }).click();
    await expect(top1(page)).toHaveText('espresso', { timeout: 150_000 });
    // Each distinct message once (numbers aside), for a readable failure.
    const all = await status.texts();
    const texts = [...new Set(all.map((t) => t.replace(/\d+(\.\d+)?/g, '#')))];
    const shown = (re: RegExp) => texts.some((t) => re.test(t));
    expect(
      texts.filter((t) => /Getting the engine ready|Starting TensorFlow\.js/.test(t)),
      texts.join(' | '),
    ).not.toEqual([]);
    expect(shown(/Reading the image/), texts.join(' | ')).toBe(true);
    expect(shown(/Downloading .+ #% \(# MB of # MB of weights\)/), texts.join(' | ')).toBe(true);
    expect(shown(/Classifying with /), texts.join(' | ')).toBe(true);
    expect(errors).toEqual([]);
  });
});
