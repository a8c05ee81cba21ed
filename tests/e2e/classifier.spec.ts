// The classifier demo on the metrics page, with the real models (npm run models) in a real browser.
import { PNG } from 'pngjs';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, axeViolations } from './fixtures';
import { openClassifier } from './classifier-helpers';
import { animatedGif } from './gif';
import { recordWorkerTraffic, workersAnswered } from './settle';
import { MODELS, QUICK_MODEL_ID, modelById } from '../../src/lib/inference/models';

const PAGE = '/metrics/';
const CATS = /^(tabby|tiger cat|Egyptian cat)$/;
const gallery = (f: string) => readFileSync(new URL(`../../public/gallery/${f}`, import.meta.url));
const png = (w: number, h: number) => PNG.sync.write(new PNG({ width: w, height: h }));

/** Fails the test if any request leaves the site's origin (images and models stay local). */
function watchOrigin(page: Page, baseURL: string) {
  const outside: string[] = [];
  const origin = new URL(baseURL).origin;
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) outside.push(u);
  });
  return outside;
}

const top1 = (page: Page) => page.getByTestId('top1').locator('strong');

test('a gallery click classifies the coffee photo as espresso, top-1 and top-5 correct, with the quick model', async ({
  page,
  errors,
  baseURL,
}) => {
  const outside = watchOrigin(page, baseURL!);
  await openClassifier(page, PAGE);
  // The page is not about one network, so it starts with the quick 8-bit MobileNet.
  await expect(page.getByLabel('Model', { exact: true })).toHaveValue(QUICK_MODEL_ID);
  await page.getByRole('button', { name: /Coffee cup/ }).click();
  await expect(top1(page)).toHaveText('espresso', { timeout: 45_000 });
  await expect(page.getByTestId('verdict')).toContainText('ranked 1 of 1000');
  await expect(page.getByTestId('verdict')).toContainText('top-1 correct, top-5 correct');
  await expect(page.getByTestId('timing')).toContainText(/inference \d+ ms/);
  await expect(page.getByTestId('timing')).toContainText(`${modelById(QUICK_MODEL_ID).name} on`);
  await expect(page.getByRole('img', { name: /^Top 5: espresso/ })).toBeVisible();
  expect(outside).toEqual([]);
  expect(errors).toEqual([]);
});

test('an uploaded photo of a cat gets a cat class; choosing its true label shows its rank', async ({ page, errors, baseURL }) => {
  const outside = watchOrigin(page, baseURL!);
  await openClassifier(page, PAGE);
  await page.getByTestId('file-input').setInputFiles({ name: 'my-cat.jpg', mimeType: 'image/jpeg', buffer: gallery('chelsea.jpg') });
  await expect(top1(page)).toHaveText(CATS, { timeout: 45_000 });
  await page.getByLabel('True label').fill('tabby, tabby cat');
  await expect(page.getByTestId('verdict')).toContainText(/“tabby” is ranked \d+ of 1000/);
  await expect(page.getByTestId('verdict')).toContainText('top-5 correct');
  expect(outside).toEqual([]);
  expect(errors).toEqual([]);
});

/** Hands the coffee photo to the page as a File inside a DataTransfer, the way a drop or a paste does. */
async function dispatchWithFile(page: Page, kind: 'drop' | 'paste') {
  await page.evaluate(async (kind) => {
    const blob = await (await fetch('/gallery/coffee.jpg')).blob();
    const dt = new DataTransfer();
    dt.items.add(new File([blob], 'dropped-coffee.jpg', { type: 'image/jpeg' }));
    if (kind === 'drop') {
      document
        .querySelector('.classifier .drop')!
        .dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    } else {
      document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }
  }, kind);
}

for (const kind of ['drop', 'paste'] as const) {
  test(`a photo given by ${kind === 'drop' ? 'drag and drop' : 'pasting'} is classified`, async ({ page, errors }) => {
    await openClassifier(page, PAGE);
    await dispatchWithFile(page, kind);
    await expect(page.locator('.result .small').first()).toContainText('dropped-coffee.jpg');
    await expect(top1(page)).toHaveText('espresso', { timeout: 45_000 });
    expect(errors).toEqual([]);
  });
}

test('the reader can switch the backend; the answer stays the same and the backend is named', async ({ page, errors }) => {
  await openClassifier(page, PAGE);
  await page.getByRole('button', { name: /Coffee cup/ }).click();
  await expect(top1(page)).toHaveText('espresso', { timeout: 45_000 });
  await expect(page.getByTestId('timing')).toContainText('on WASM');
  await page.getByLabel('Backend').selectOption('cpu');
  await expect(page.getByTestId('timing')).toContainText('on CPU', { timeout: 45_000 });
  await expect(top1(page)).toHaveText('espresso');
  expect(errors).toEqual([]);
});

const BAD: { what: string; file: { name: string; mimeType: string; buffer: Buffer }; alert: RegExp }[] = [
  {
    what: 'a text file named .jpg',
    file: { name: 'notes.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('just some notes\n') },
    alert: /not an image: it looks like a text file/,
  },
  { what: 'an empty file', file: { name: 'empty.png', mimeType: 'image/png', buffer: Buffer.alloc(0) }, alert: /empty \(0 bytes\)/ },
  {
    what: 'a truncated JPEG',
    file: { name: 'cut.jpg', mimeType: 'image/jpeg', buffer: gallery('coffee.jpg').subarray(0, 20_000) },
    alert: /incomplete JPEG/,
  },
  {
    what: 'a truncated PNG',
    file: { name: 'cut.png', mimeType: 'image/png', buffer: png(64, 64).subarray(0, 60) },
    alert: /incomplete PNG/,
  },
  { what: 'a 1×1 image', file: { name: 'dot.png', mimeType: 'image/png', buffer: png(1, 1) }, alert: /1 × 1 pixels, too small/ },
  {
    what: 'a 20000×20000 image',
    file: {
      name: 'huge.png',
      mimeType: 'image/png',
      buffer: (() => {
        const b = Buffer.from(png(16, 16));
        b.writeUInt32BE(20000, 16);
        b.writeUInt32BE(20000, 20);
        return b;
      })(),
    },
    alert: /20,000 × 20,000 pixels, more than this page will decode \(at most 16,384 pixels a side and 40 megapixels\)/,
  },
];

for (const bad of BAD) {
  test(`${bad.what} gets a clear alert and the page keeps working`, async ({ page, errors }) => {
    await openClassifier(page, PAGE);
    await page.getByTestId('file-input').setInputFiles(bad.file);
    await expect(page.getByRole('alert')).toContainText(bad.alert);
    expect(errors).toEqual([]);
  });
}

test('after bad input the page still classifies, and an SVG is drawn (never run) and classified', async ({ page, errors }) => {
  await openClassifier(page, PAGE);
  await page.getByTestId('file-input').setInputFiles({ name: 'x.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('nope') });
  await expect(page.getByRole('alert')).toBeVisible();
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><script>window.__ran = 1</script><rect width="64" height="64" fill="#c33"/></svg>';
  await page.getByTestId('file-input').setInputFiles({ name: 'red.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(svg) });
  await expect(page.getByTestId('top1')).toBeVisible({ timeout: 45_000 });
  await expect(page.getByRole('alert')).toBeHidden();
  expect(await page.evaluate(() => (window as unknown as { __ran?: number }).__ran)).toBeUndefined();
  // The preview shows the bitmap that was drawn (a PNG), never the SVG document itself.
  const previewType = await page
    .locator('.classifier img.preview')
    .evaluate(async (img: HTMLImageElement) => (await (await fetch(img.src)).blob()).type);
  expect(previewType).toBe('image/png');
  expect(errors).toEqual([]);
});

test('a new image that fails clears the previous prediction', async ({ page, errors }) => {
  await openClassifier(page, PAGE);
  await page.getByRole('button', { name: /Coffee cup/ }).click();
  await expect(top1(page)).toHaveText('espresso', { timeout: 45_000 });
  await page.getByTestId('file-input').setInputFiles({ name: 'notes.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('just some text') });
  await expect(page.getByRole('alert')).toContainText('is not an image');
  await expect(page.getByTestId('top1')).toHaveCount(0);
  await expect(page.locator('.classifier img.preview')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('an animated GIF is classified by its first frame', async ({ page, errors }) => {
  await openClassifier(page, PAGE);
  const input = page.getByTestId('file-input');
  const bars = page.getByRole('img', { name: /^Top 5:/ });
  // A still red frame first, then the same red frame followed by blue and green ones: same answer.
  await input.setInputFiles({ name: 'red.gif', mimeType: 'image/gif', buffer: animatedGif(32, [0]) });
  await expect(bars).toBeVisible({ timeout: 45_000 });
  const still = await bars.getAttribute('aria-label');
  await input.setInputFiles({ name: 'blink.gif', mimeType: 'image/gif', buffer: animatedGif(32, [0, 1, 2]) });
  await expect(page.locator('.result .small').first()).toContainText('blink.gif · 32 × 32 px');
  await expect(bars).toHaveAttribute('aria-label', still!);
  await expect(page.getByRole('alert')).toBeHidden();
  expect(errors).toEqual([]);
});

test('tensors do not leak: the count after 50 classifications equals the count after 1', async ({ page, errors }) => {
  test.setTimeout(120_000);
  await openClassifier(page, PAGE);
  const demo = page.locator('.classifier');
  await page.getByRole('button', { name: /Coffee cup/ }).click();
  await expect(demo).toHaveAttribute('data-runs', '1', { timeout: 45_000 });
  const after1 = await demo.getAttribute('data-num-tensors');
  const photos = [/Coffee cup/, /Chelsea the cat/];
  for (let i = 2; i <= 50; i++) {
    await page.getByRole('button', { name: photos[i % 2]! }).click();
    await expect(demo).toHaveAttribute('data-runs', String(i), { timeout: 15_000 });
  }
  expect(await demo.getAttribute('data-num-tensors')).toBe(after1);
  expect(errors).toEqual([]);
});

test('switching images quickly shows the result of the last one chosen', async ({ page, errors }) => {
  await recordWorkerTraffic(page);
  await openClassifier(page, PAGE);
  await page.getByRole('button', { name: /Coffee cup/ }).click();
  await expect(top1(page)).toHaveText('espresso', { timeout: 45_000 });
  await page.getByRole('button', { name: /Coffee cup/ }).click();
  await page.getByRole('button', { name: /Cameraman/ }).click();
  await page.getByRole('button', { name: /Chelsea the cat/ }).click();
  await expect(page.locator('.preview')).toHaveAttribute('alt', /tabby cat/);
  await expect(top1(page)).toHaveText(CATS);
  // Every decode and every classification the three picks asked for has been answered: no older
  // answer is still on its way to replace the cat's.
  await workersAnswered(page, ['classifier', 'decode']);
  expect(await top1(page).textContent()).toMatch(CATS);
  expect(await page.locator('.preview').getAttribute('alt')).toMatch(/tabby cat/);
  expect(errors).toEqual([]);
});

test.describe('a model download that fails', () => {
  test.use({ allowConsoleErrors: [/Failed to load resource/] });
  test('404 shows an alert with a retry button, and the retry works', async ({ page, errors }) => {
    let block = true;
    await page.route('**/models/darknet_tiny/**', (route) => (block ? route.fulfill({ status: 404, body: 'gone' }) : route.fallback()));
    await page.route('https://raw.githubusercontent.com/**', (route) => route.fulfill({ status: 404, body: 'gone' }));
    await openClassifier(page, PAGE);
    await page.getByLabel('Model', { exact: true }).selectOption('darknet_tiny');
    await page.getByRole('button', { name: /Coffee cup/ }).click();
    await expect(page.getByRole('alert')).toContainText('The model files were not found');
    block = false;
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(top1(page)).toHaveText('espresso', { timeout: 45_000 });
    await expect(page.getByRole('alert')).toBeHidden();
    expect(errors).toEqual([]);
  });
});

test.describe('bring your own model', () => {
  test('a model.json URL with its preprocessing is checked, then used', async ({ page, errors }) => {
    await openClassifier(page, PAGE);
    await page.getByRole('button', { name: /Coffee cup/ }).click();
    await expect(top1(page)).toHaveText('espresso', { timeout: 45_000 });
    await page.getByText('Bring your own model').click();
    // The site's own MobileNet copy, as a reader's model would be: [-1, 1] input, softmax output.
    await page.getByLabel('model.json address').fill('/models/mobilenet_v1_0.75/model.json');
    await page.getByLabel('Preprocessing').selectOption('minus1to1');
    await page.getByRole('button', { name: 'Load and check' }).click();
    await expect(page.getByLabel('Model', { exact: true })).toHaveValue('own-1', { timeout: 45_000 });
    await expect(page.getByTestId('timing')).toContainText('Your model 1 on WASM');
    await expect(top1(page)).toHaveText('espresso');
    expect(errors).toEqual([]);
  });

  test('an address that is not a model gets an alert that says so', async ({ page, errors }) => {
    await openClassifier(page, PAGE);
    await page.getByText('Bring your own model').click();
    await page.getByLabel('model.json address').fill('/gallery/coffee.jpg');
    await page.getByRole('button', { name: 'Load and check' }).click();
    await expect(page.getByRole('alert')).toContainText('is not JSON, so it is not a TensorFlow.js model.json');
    await expect(page.getByLabel('Model', { exact: true }).locator('option')).toHaveCount(MODELS.length); // the registry's models, no more
    expect(errors).toEqual([]);
  });
});

test('the evaluation over the labelled photos shows top-1 and top-5 error and the error-vs-k curve', async ({ page, errors }) => {
  await openClassifier(page, PAGE);
  await page.getByRole('button', { name: /^Evaluate/ }).click();
  await expect(page.getByTestId('eval-summary')).toContainText(/top-1 error \d+\.\d%, top-5 error \d+\.\d% over 5 photos/, {
    timeout: 60_000,
  });
  await expect(page.getByRole('img', { name: /^Error against k: k=1/ })).toBeVisible();
  await expect(page.locator('.classifier table tbody tr')).toHaveCount(5);
  expect(errors).toEqual([]);
});

test('the demo with a result on screen has no axe-core violations', async ({ page, errors }) => {
  await openClassifier(page, PAGE);
  await page.getByRole('button', { name: /Coffee cup/ }).click();
  await expect(top1(page)).toHaveText('espresso', { timeout: 45_000 });
  expect(await axeViolations(page, '.classifier')).toEqual([]);
  expect(errors).toEqual([]);
});
