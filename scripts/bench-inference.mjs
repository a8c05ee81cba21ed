#!/usr/bin/env node
// `npm run bench:inference` (after `npm run models && npm run build`): prints figures, asserts nothing.
// Drives the real classifier page in headless Chromium (Debian's) through `astro preview`:
// per model and backend, the cold time from page load to the first prediction (tfjs + backend +
// weights + first run), and the median of 20 warm classifications of the same gallery photo as the
// page reports them (preprocessing / inference ms, read back from the page).
import { spawn } from 'node:child_process';
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

console.log(`bench:inference — ${RUNS} warm runs each, coffee.jpg, headless Chromium, ${new Date().toISOString()}`);
console.log('model               backend  cold first prediction  median preprocess  median inference');
async function benchCase(model, backend, page) {
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
  console.log(
    `${model.padEnd(19)} ${used.padEnd(8)} ${`${(cold / 1000).toFixed(2)} s`.padStart(21)}  ${`${median(pre)} ms`.padStart(17)}  ${`${median(inf)} ms`.padStart(16)}`,
  );
}

for (const [model, backend] of CASES) {
  const context = await browser.newContext(); // empty HTTP cache: a first visit
  try {
    await benchCase(model, backend, await context.newPage());
  } catch (e) {
    console.log(`${model.padEnd(19)} ${backend.padEnd(8)} failed: ${e.message.split('\n')[0]}`);
  }
  await context.close();
}
await browser.close();
stop();
process.exit(0);
