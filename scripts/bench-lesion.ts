#!/usr/bin/env node
// `npm run bench:lesion` (after `npm run models && npm run build`): prints figures, asserts nothing.
// Block deletion (Veit et al. 2016, §4) in the built site's own classifier worker (headless Chromium,
// wasm with threads when the page is cross-origin isolated), with the default 8-bit ResNet-50:
// - one lesioned pass with a block removed against the intact pass, both through the `lesion` method
//   (the intact one on a fresh image each run, so nothing is cached; the other with the image's intact
//   probabilities cached, as when the reader toggles), and their ratio; model.predict for reference;
// - "each block in turn" on coffee.jpg (`lesion-sweep`: one intact pass keeping the 16 block inputs,
//   then 16 passes each from its block's input);
// - the sweep over the labelled gallery photos (`lesion-gallery`).
// The machine's load average is printed with the figures: the machine may be shared.
import os from 'node:os';
import { LABELLED_GALLERY } from '../src/lib/data/gallery';
import { startPreview, launchChromium } from './bench-site.mjs';

const PORT = Number(process.env['BENCH_PORT'] ?? 4342);
const BASE = `http://127.0.0.1:${PORT}`;
const RUNS = Number(process.env['BENCH_RUNS'] ?? 5);
const MODEL = process.env['BENCH_MODEL'] ?? 'resnet50_uint8';
/** conv4_block3: an identity block in the middle of the network. */
const BLOCK = 9;

const stop = await startPreview(PORT);
const browser = await launchChromium();
const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};
const [load0 = 0] = os.loadavg();

/** What the page exposes to benchmarks. */
interface BenchWindow {
  __classifierEngine: { request(req: object, opts?: { transfer: Transferable[] }): Promise<Record<string, unknown>> };
}

const context = await browser.newContext();
const page = await context.newPage();
await page.goto(`${BASE}/metrics/`);
await page.locator('.classifier').scrollIntoViewIfNeeded();
await page.waitForSelector('.classifier[data-ready="true"]');
// tsx (esbuild, keepNames) wraps the named helpers of the function below in __name(), which the page lacks.
await page.evaluate('globalThis.__name = (f) => f');

const spec = {
  id: MODEL,
  name: MODEL,
  bytes: 0,
  arch: 'resnet50-keras',
  urls: [`${BASE}/models/${MODEL}/model.json`],
  format: 'layers',
  inputSize: 224,
  preprocessing: 'caffe',
  output: 'softmax',
  classOrder: 'keras',
  credit: '',
};
const photos = LABELLED_GALLERY.map((p) => ({ file: p.file, trueClass: p.trueClass }));
const r = await page.evaluate(
  async ({ spec, runs, block, photos }) => {
    const engine = (window as unknown as BenchWindow).__classifierEngine;
    const backend = (await engine.request({ type: 'start', backend: 'wasm' })) as { note: string; threads?: number };
    const coffee = async () => createImageBitmap(await (await fetch('/gallery/coffee.jpg')).blob());
    const put = async (imageId: string) => {
      const bitmap = await coffee();
      await engine.request({ type: 'put-image', imageId, image: bitmap }, { transfer: [bitmap] });
    };
    await put('bench');
    await engine.request({ type: 'load', model: spec });
    await engine.request({ type: 'lesion', model: spec, imageId: 'bench', off: [] }); // warm-up, caches the intact answer
    const timed = async (req: object) => {
      const t0 = performance.now();
      await engine.request(req);
      return performance.now() - t0;
    };
    const intact: number[] = [];
    const removed: number[] = [];
    for (let i = 0; i < runs; i++) {
      await put('fresh'); // a new image under one id: its intact answer is not cached
      intact.push(await timed({ type: 'lesion', model: spec, imageId: 'fresh', off: [] }));
      removed.push(await timed({ type: 'lesion', model: spec, imageId: 'bench', off: [block] }));
    }
    const predict = ((await engine.request({ type: 'raw-predict', model: spec, imageId: 'bench', runs })) as { ms: number[] }).ms;
    const sweep: number[] = [];
    for (let i = 0; i < Math.min(runs, 3); i++) sweep.push(await timed({ type: 'lesion-sweep', model: spec, imageId: 'bench' }));
    const images = await Promise.all(
      photos.map(async (p) => ({
        image: await createImageBitmap(await (await fetch(`/gallery/${p.file}`)).blob()),
        trueClass: p.trueClass,
      })),
    );
    const t0 = performance.now();
    const gallery = (await engine.request(
      { type: 'lesion-gallery', model: spec, photos: images },
      { transfer: images.map((i) => i.image) },
    )) as { kept: number[]; intactKept: number; total: number };
    const galleryMs = performance.now() - t0;
    const memory = (await engine.request({ type: 'memory' })) as { numTensors: number };
    return { note: backend.note, intact, removed, predict, sweep, galleryMs, gallery, tensors: memory.numTensors };
  },
  { spec, runs: RUNS, block: BLOCK, photos },
);
await context.close();
await browser.close();
const [load1 = 0] = os.loadavg();

const f = (ms: number): string => `${ms.toFixed(0)} ms`;
const mi = median(r.intact);
const mr = median(r.removed);
console.log(`bench:lesion — ${new Date().toISOString()}, ${MODEL} on coffee.jpg, ${r.note}`);
console.log(`machine: ${os.cpus().length} cores, load average ${load0.toFixed(1)} at start, ${load1.toFixed(1)} at end\n`);
console.log(`| what (page round trip, median of ${RUNS}) | time |`);
console.log(`|---|---|`);
console.log(`| intact pass, layer by layer (lesion, nothing removed, fresh image) | ${f(mi)} |`);
console.log(`| one block removed (conv4_block3, identity), intact answer cached | ${f(mr)} |`);
console.log(`| ratio removed / intact | ${(mr / mi).toFixed(2)} |`);
console.log(`| model.predict (raw-predict, worker) for reference | ${f(median(r.predict))} |`);
console.log(`| each block in turn on coffee.jpg (16 deletions + the intact pass) | ${f(median(r.sweep))} |`);
console.log(
  `| over the ${r.gallery.total} labelled photos (${r.gallery.total} × 17 passes), once | ${(r.galleryMs / 1000).toFixed(1)} s |`,
);
console.log(
  `\nlabelled photos in the top-5: intact ${r.gallery.intactKept}/${r.gallery.total}; per block removed: ${r.gallery.kept.join(', ')}`,
);
console.log(`worker tensors after the run: ${r.tensors}`);
stop();
process.exit(0);
