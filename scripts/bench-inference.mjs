#!/usr/bin/env node
// `npm run bench:inference` (after `npm run models && npm run build`): prints figures, asserts nothing.
// Drives the real classifier page in headless Chromium (Debian's) through `astro preview`:
// per model and backend, the cold time from page load to the first prediction (tfjs + backend +
// weights + first run), and the median of 20 warm classifications of the same gallery photo as the
// page reports them (preprocessing / inference ms, read back from the page). Then, in a fresh page on the
// same origin and backend, a raw `model.predict` on the same preprocessed coffee tensor (its own copy of
// tfjs from node_modules, injected by the script: the site's bundle exposes nothing): its median gives
// the page's overhead ratio (page inference / raw predict, goal ≤ 1.10×). The model's multiply-adds are
// counted from the loaded tfjs layers (Conv2D, DepthwiseConv2D, Dense: kernel shape × output size), so
// achieved GFLOP/s = 2 × MACs / raw median.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';

const PORT = Number(process.env['BENCH_PORT'] ?? 4399);
const BASE = `http://127.0.0.1:${PORT}`;
const RUNS = Number(process.env['BENCH_RUNS'] ?? 20);
const CASES = (process.env['BENCH_CASES'] ?? 'mobilenet_v1_0.75:wasm,darknet_tiny:wasm,resnet50:wasm,mobilenet_v1_0.75:webgl,mobilenet_v1_0.75:cpu')
  .split(',')
  .map((c) => c.split(':'));

const server = spawn('npm', ['run', 'preview', '--', '--port', String(PORT), '--host', '127.0.0.1'], { stdio: 'ignore', detached: true });
const stop = () => {
  try {
    process.kill(-server.pid);
  } catch {}
};
process.on('exit', stop);

for (let i = 0; ; i++) {
  try {
    if ((await fetch(BASE + '/')).ok) break;
  } catch {}
  if (i > 120) throw new Error('astro preview did not start (did you run `npm run build`?)');
  await new Promise((r) => setTimeout(r, 500));
}

const browser = await chromium.launch({
  executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const nm = (p) => new URL(`../node_modules/${p}`, import.meta.url);
const RAW_FILES = {
  'tf.min.js': nm('@tensorflow/tfjs/dist/tf.min.js'),
  'tf-backend-wasm.min.js': nm('@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.min.js'),
  'tfjs-backend-wasm.wasm': nm('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'),
  'tfjs-backend-wasm-simd.wasm': nm('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm'),
  'tfjs-backend-wasm-threaded-simd.wasm': nm('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm'),
};
const PRE = { 'mobilenet_v1_0.75': 'minus1to1', darknet_tiny: 'zero1', resnet50: 'caffe' };

/** Raw model.predict (plus reading the result back, as the page does) on the preprocessed coffee photo. */
async function rawPredict(context, model, backend) {
  const page = await context.newPage();
  await page.route('**/__bench_raw/**', (route) => {
    const name = new URL(route.request().url()).pathname.split('/').pop();
    const file = RAW_FILES[name];
    if (!file) return route.fulfill({ status: 404 });
    return route.fulfill({
      body: readFileSync(file),
      headers: { 'content-type': name.endsWith('.wasm') ? 'application/wasm' : 'text/javascript', 'cross-origin-resource-policy': 'same-origin' },
    });
  });
  await page.goto(BASE + '/');
  await page.addScriptTag({ url: '/__bench_raw/tf.min.js' });
  await page.addScriptTag({ url: '/__bench_raw/tf-backend-wasm.min.js' });
  return page.evaluate(
    async ({ model, backend, pre, runs }) => {
      const tf = globalThis.tf;
      tf.wasm.setWasmPaths(location.origin + '/__bench_raw/');
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false); // as the page does
      await tf.setBackend(backend === 'auto' ? 'wasm' : backend);
      await tf.ready();
      const m = await tf.loadLayersModel(`/models/${model}/model.json`);
      let macs = 0;
      for (const layer of m.layers) {
        const cls = layer.getClassName();
        const kernel = layer.getWeights()[0]?.shape;
        const out = layer.outputShape;
        if (!kernel) continue;
        const spatial = out.length === 4 ? out[1] * out[2] : 1;
        if (cls === 'Conv2D') macs += spatial * kernel[0] * kernel[1] * kernel[2] * kernel[3];
        else if (cls === 'DepthwiseConv2D') macs += spatial * kernel[0] * kernel[1] * kernel[2] * kernel[3];
        else if (cls === 'Dense') macs += kernel[0] * kernel[1];
      }
      const img = new Image();
      img.src = '/gallery/coffee.jpg';
      await img.decode();
      const input = tf.tidy(() => {
        const r = tf.image.resizeBilinear(tf.browser.fromPixels(img, 3).toFloat(), [224, 224]);
        const x = pre === 'minus1to1' ? r.div(127.5).sub(1) : pre === 'zero1' ? r.div(255) : tf.reverse(r, -1).sub(tf.tensor1d([103.939, 116.779, 123.68]));
        return x.expandDims(0);
      });
      const once = async () => {
        const t0 = performance.now();
        const y = m.predict(input);
        await y.data();
        y.dispose();
        return performance.now() - t0;
      };
      await once(); // warm-up
      const times = [];
      for (let i = 0; i < runs; i++) times.push(await once());
      input.dispose();
      m.dispose();
      const simd = backend === 'wasm' || backend === 'auto' ? await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT') : null;
      return { times, macs, backend: tf.getBackend(), simd };
    },
    { model, backend, pre: PRE[model], runs: RUNS },
  );
}

console.log(`bench:inference — ${RUNS} warm runs each, coffee.jpg, headless Chromium, ${new Date().toISOString()}`);
// Medians, with the best run in brackets (a busy machine inflates medians; the best runs are closer to
// what the code can do). Overhead and GFLOP/s from the medians, then from the best runs.
console.log('model               backend  cold first prediction  median preprocess  inference (best)   raw predict (best)  overhead (best)  MACs (counted)  GFLOP/s (best)');
async function benchCase(model, backend, page, context) {
  const t0 = Date.now();
  await page.goto(BASE + '/metrics/');
  const demo = page.locator('.classifier');
  await demo.scrollIntoViewIfNeeded();
  await page.waitForSelector('.classifier[data-ready="true"]');
  await page.getByLabel('Model', { exact: true }).selectOption(model);
  if (backend !== 'auto') await page.getByLabel('Backend').selectOption(backend);
  await page.getByRole('button', { name: /Coffee cup/ }).click();
  await page.waitForSelector('.classifier[data-runs="1"]', { timeout: 300_000 });
  const cold = Date.now() - t0;
  const pre = [];
  const inf = [];
  for (let i = 2; i <= RUNS + 1; i++) {
    await page.getByRole('button', { name: /Coffee cup/ }).click();
    await page.waitForSelector(`.classifier[data-runs="${i}"]`, { timeout: 120_000 });
    const text = await page.getByTestId('timing').textContent();
    const m = /preprocessing (\d+) ms, inference (\d+) ms/.exec(text ?? '');
    if (m) {
      pre.push(Number(m[1]));
      inf.push(Number(m[2]));
    }
  }
  const used = /on (\w+):/.exec((await page.getByTestId('timing').textContent()) ?? '')?.[1] ?? '?';
  await page.close(); // the raw run gets the machine to itself
  const raw = await rawPredict(context, model, backend);
  const rawMs = median(raw.times);
  if (process.env['BENCH_DEBUG']) console.log(raw.backend, 'simd', raw.simd, raw.times.map((t) => t.toFixed(0)).join(' '));
  const rawBest = Math.min(...raw.times);
  const infBest = Math.min(...inf);
  const gflops = (ms) => ((2 * raw.macs) / ms / 1e6).toFixed(1);
  console.log(
    `${model.padEnd(19)} ${used.padEnd(8)} ${`${(cold / 1000).toFixed(2)} s`.padStart(21)}  ${`${median(pre)} ms`.padStart(17)}  ${`${median(inf)} (${infBest}) ms`.padStart(17)}` +
      `  ${`${rawMs.toFixed(0)} (${rawBest.toFixed(0)}) ms`.padStart(18)}  ${`${(median(inf) / rawMs).toFixed(2)}× (${(infBest / rawBest).toFixed(2)}×)`.padStart(15)}` +
      `  ${`${(raw.macs / 1e6).toFixed(0)} M`.padStart(14)}  ${`${gflops(rawMs)} (${gflops(rawBest)})`.padStart(14)}`,
  );
}

for (const [model, backend] of CASES) {
  const context = await browser.newContext(); // empty HTTP cache: a first visit
  try {
    await benchCase(model, backend, await context.newPage(), context);
  } catch (e) {
    console.log(`${model.padEnd(19)} ${backend.padEnd(8)} failed: ${e.message.split('\n')[0]}`);
  }
  await context.close();
}
await browser.close();
stop();
process.exit(0);
