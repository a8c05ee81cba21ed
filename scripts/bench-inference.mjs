#!/usr/bin/env node
// `npm run bench:inference` (after `npm run models && npm run build`): prints figures, asserts nothing.
// Drives the built site in headless Chromium (Debian's) through `astro preview`. Per model:
// - cold: a fresh browser context (empty cache), page load → click the coffee photo → first prediction
//   on screen (worker start, tfjs, backend, download, SHA-256 checks, first run), with the longest
//   main-thread task (a `longtask` observer) while it ran;
// - warm, in the page's own classifier worker, with wasm threads on and then off (a fresh page each):
//   the median of N classifications as the worker reports them (preprocessing excluded), the median
//   round trip seen by the page, and a raw `model.predict` (+ reading the result back) on the same
//   preprocessed tensor in the same worker: worker inference ÷ raw predict is the engine's overhead
//   (goal ≤ 1.10×); threads off ÷ threads on is what threads buy (goal ≥ 1.6× for ResNet-50 on 2 cores);
// - the download bytes of each model, from models.lock.json.
import { readFileSync } from 'node:fs';
import { startPreview, launchChromium, watchLongTasks, longTasks } from './bench-site.mjs';

const PORT = Number(process.env['BENCH_PORT'] ?? 4398);
const BASE = `http://127.0.0.1:${PORT}`;
const RUNS = Number(process.env['BENCH_RUNS'] ?? 20);
const MODELS = (process.env['BENCH_MODELS'] ?? 'mobilenet_v1_0.75,darknet_tiny,resnet50_uint8,resnet50').split(',');
const lock = JSON.parse(readFileSync(new URL('../models.lock.json', import.meta.url), 'utf8'));
const bytesOf = (id) => Object.values(lock.models[id].files).reduce((s, f) => s + f.bytes, 0);

const stop = await startPreview(PORT);
const browser = await launchChromium();
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
async function openDemo(context) {
  const page = await context.newPage();
  await watchLongTasks(page);
  await page.goto(`${BASE}/metrics/`);
  const demo = page.locator('.classifier');
  await demo.scrollIntoViewIfNeeded();
  await page.waitForSelector('.classifier[data-ready="true"]');
  return page;
}

/** Page load → first prediction through the interface, in an empty-cache context. */
async function cold(id) {
  const context = await browser.newContext();
  const t0 = Date.now();
  const page = await openDemo(context);
  await page.getByLabel('Model', { exact: true }).selectOption(id);
  await page.getByRole('button', { name: /Coffee cup/ }).click();
  await page.getByTestId('top1').waitFor({ timeout: 300_000 });
  const ms = Date.now() - t0;
  const { longest, over50 } = await longTasks(page);
  await context.close();
  return { ms, longest, over50 };
}

// The registry's specs (the worker needs the whole spec): read from the built page's island props is
// not possible, so the script keeps the few fields the worker uses, from src/lib/inference/models.ts.
const SPEC = {
  'mobilenet_v1_0.75': { preprocessing: 'minus1to1', output: 'softmax', classOrder: 'keras' },
  darknet_tiny: { preprocessing: 'zero1', output: 'logits', classOrder: 'darknet' },
  resnet50_uint8: { preprocessing: 'caffe', output: 'softmax', classOrder: 'keras' },
  resnet50: { preprocessing: 'caffe', output: 'softmax', classOrder: 'keras' },
};

async function warmRuns(id, threads) {
  const context = await browser.newContext();
  const page = await openDemo(context);
  const spec = {
    id,
    name: id,
    bytes: 0,
    urls: [`${BASE}/models/${id}/model.json`],
    format: 'layers',
    inputSize: 224,
    credit: '',
    ...SPEC[id],
  };
  const out = await page.evaluate(
    async ({ spec, threads, runs }) => {
      const engine = globalThis.__classifierEngine;
      const backend = await engine.request({ type: 'start', backend: 'wasm', ...(threads ? { threads } : {}) });
      const bitmap = await createImageBitmap(await (await fetch('/gallery/coffee.jpg')).blob());
      await engine.request({ type: 'put-image', imageId: 'bench', image: bitmap }, { transfer: [bitmap] });
      await engine.request({ type: 'load', model: spec });
      const inference = [];
      const roundTrip = [];
      await engine.request({ type: 'classify', model: spec, imageId: 'bench' }); // warm-up
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        const r = await engine.request({ type: 'classify', model: spec, imageId: 'bench' });
        roundTrip.push(performance.now() - t0);
        inference.push(r.inferenceMs);
      }
      const raw = (await engine.request({ type: 'raw-predict', model: spec, imageId: 'bench', runs })).ms;
      return { note: backend.note, threads: backend.threads ?? 1, inference, roundTrip, raw };
    },
    { spec, threads, runs: RUNS },
  );
  const { longest, over50 } = await longTasks(page);
  await context.close();
  return { ...out, longest, over50 };
}

console.log(`bench:inference — ${new Date().toISOString()}, ${RUNS} warm runs of coffee.jpg per case, wasm backend`);
console.log(
  '| model | download | threads | worker inference (median) | page round trip | raw model.predict | overhead | longest main-thread task (load + runs), tasks > 50 ms | threads off ÷ on |',
);
console.log('|---|---|---|---|---|---|---|---|---|');
const colds = [];
for (const id of MODELS) {
  const on = await warmRuns(id, undefined);
  const off = await warmRuns(id, 1);
  for (const [label, r] of [
    ['on', on],
    ['off', off],
  ]) {
    const inf = median(r.inference);
    const raw = median(r.raw);
    const speedup = label === 'on' ? `${(median(off.inference) / inf).toFixed(2)}×` : '';
    console.log(
      `| ${id} | ${(bytesOf(id) / 1e6).toFixed(1)} MB | ${r.threads} (${label}) | ${inf.toFixed(1)} ms | ${median(r.roundTrip).toFixed(1)} ms | ${raw.toFixed(1)} ms | ${(inf / raw).toFixed(2)}× | ${r.longest.toFixed(0)} ms, ${r.over50} | ${speedup} |`,
    );
  }
  colds.push([id, await cold(id)]);
}
console.log('\n| model | cold first prediction (page load → top-1, empty cache) | longest main-thread task, tasks > 50 ms |');
console.log('|---|---|---|');
for (const [id, c] of colds) console.log(`| ${id} | ${(c.ms / 1000).toFixed(2)} s | ${c.longest.toFixed(0)} ms, ${c.over50} |`);
await browser.close();
stop();
process.exit(0);
