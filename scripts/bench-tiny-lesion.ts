#!/usr/bin/env node
// `npm run bench:tiny-lesion` (after `npm run build` for the browser half): prints figures, asserts nothing.
// One tiny-net block deletion over the 2,000-image Fashion-MNIST test subset, against the intact pass:
// 1. Node on wasm (src/lib/tiny/lesion.ts, as scripts/train-lesion.ts runs it; tfjs 4.22 runs wasm on
//    one thread in Node): the intact forward pass and one deletion per net, median of BENCH_RUNS, ratio.
// 2. The built site in headless Chromium (wasm with threads, the page being cross-origin isolated):
//    "Recompute live" for one block, the worker's forward time for each net (loading excluded).
// The machine's load average is printed with the figures: the machine may be shared.
import os from 'node:os';
import { readFileSync } from 'node:fs';
import type * as tfjs from '@tensorflow/tfjs';
import { loadSavedModel, tinyModelFolder } from './saved-model.ts';
import { trainLib as lib, startWasm } from './train-lib.ts';
import { LESION_SPECS } from '../src/lib/tiny/lesion-nets.ts';
import { lesionError } from '../src/lib/tiny/lesion.ts';
import { TINY_LESION } from '../src/lib/data/tiny-lesion.ts';
import { startPreview, launchChromium } from './bench-site.mjs';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const PORT = Number(process.env['BENCH_PORT'] ?? 4352);
const ROOT = new URL('../', import.meta.url);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const [load0 = 0] = os.loadavg();

const { tf, threads } = await startWasm(2);
const dir = new URL('public/data/fashion-mnist/', ROOT);
const read = (name: string) => new Uint8Array(readFileSync(new URL(name, dir)));
const data = await lib.decodeFashionMnist({
  trainImages: read(lib.FASHION_FILES.trainImages),
  trainLabels: read(lib.FASHION_FILES.trainLabels),
  testImages: read(lib.FASHION_FILES.testImages),
  testLabels: read(lib.FASHION_FILES.testLabels),
});
const norm = TINY_LESION.dataset.normalisation;

const load = (id: string): Promise<tfjs.LayersModel> => loadSavedModel(tf, tinyModelFolder(id));

console.log(
  `Node ${process.version}, wasm with ${threads} thread(s), ${data.test.count} test images, median of ${RUNS}; load average ${load0.toFixed(2)}`,
);
for (const net of TINY_LESION.nets) {
  const spec = LESION_SPECS[net.id]();
  const model = await load(net.id);
  const block = net.blocks[0]!.id;
  const time = async (removed: string[]): Promise<number> => {
    const ms: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const t0 = performance.now();
      await lesionError(tf, model, spec, data.test, norm, removed);
      ms.push(performance.now() - t0);
    }
    return median(ms);
  };
  await time([]); // warm-up
  const intact = await time([]);
  const lesioned = await time([block]);
  console.log(
    `${net.name}: intact ${intact.toFixed(0)} ms, without ${block} ${lesioned.toFixed(0)} ms (ratio ${(lesioned / intact).toFixed(2)})`,
  );
  model.dispose();
}

if (process.env['BENCH_BROWSER'] !== '0') {
  const stop = await startPreview(PORT);
  const browser = await launchChromium();
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${PORT}/why-residual/`);
  const tl = page.locator('.tl');
  await tl.scrollIntoViewIfNeeded();
  await page.locator('astro-island:has(.tl)').and(page.locator(':not([ssr])')).waitFor();
  for (const [round, label] of [
    [1, 'first (loads both nets and the test images)'],
    [2, 'second (all cached)'],
  ] as const) {
    await tl.getByRole('button', { name: 'Recompute live' }).click();
    await page.waitForSelector(`.tl[data-finished="${round}"]`, { timeout: 300_000 });
    const rows = await tl
      .locator('[data-testid="tl-live"] p[data-net]')
      .evaluateAll((els) => els.map((e) => `${e.getAttribute('data-net')} ${Number(e.getAttribute('data-ms')).toFixed(0)} ms`));
    const note = await tl.locator('.tl-note').first().textContent();
    console.log(`Chromium, ${label}: ${rows.join(', ')}; ${note?.trim()}`);
  }
  await browser.close();
  stop();
}
const [load1 = 0] = os.loadavg();
console.log(`load average at the end ${load1.toFixed(2)}`);
