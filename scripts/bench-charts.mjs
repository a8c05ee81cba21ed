#!/usr/bin/env node
// Measures how long the model-zoo chart and the ILSVRC timeline take to render in headless Chromium,
// against the built site served by `astro preview`. Prints figures; asserts nothing (speed is
// measured here, never in timed tests). Goal: ≤ 50 ms per render on this machine.
//
//   npm run build && npm run bench:charts          (serves dist on BENCH_PORT, 4399 by default)
//   BENCH_URL=http://127.0.0.1:4321 npm run bench:charts   (use a preview server already running:
//                                                            Astro 7 allows one per project)
//
// Figures per chart:
//   first draw  – the d3 drawing module's own time for its first render (performance.measure inside
//                 draw-zoo.ts / draw-timeline.ts), right after the island hydrates;
//   redraw      – the same, for re-renders the reader causes (zoo: switching the x axis; timeline:
//                 resizing the window), median and worst of N;
//   to layout   – zoo only: from the reader's change of the x axis until Svelte's update, the d3 draw
//                 and the browser's style and layout are done (paint excluded), median and worst of N.
import { spawn } from 'node:child_process';
import { loadavg, cpus } from 'node:os';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';

const port = Number(process.env.BENCH_PORT ?? process.env.PORT ?? 4399);
let base = process.env.BENCH_URL?.replace(/\/$/, '') ?? '';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const GOAL_MS = 50;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (x) => `${x.toFixed(1)} ms`;

async function waitForServer(ms = 60_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (server && server.exitCode !== null) {
      throw new Error(
        `astro preview exited (${server.exitCode}):\n${serverLog}\nIs another preview of this project running? Pass its address as BENCH_URL.`,
      );
    }
    // astro preview silently moves to another port when ours is taken (perhaps by another checkout's
    // server): read the address it actually serves on from its own output.
    if (server && !base) {
      const m = serverLog.match(/http:\/\/127\.0\.0\.1:(\d+)/);
      if (m) base = `http://127.0.0.1:${m[1]}`;
      else {
        await new Promise((r) => setTimeout(r, 250));
        continue;
      }
    }
    const url = `${base}/`;
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`preview server did not answer at ${base || `port ${port}`}:\n${serverLog}`);
}

// Through npm, so Astro runs on the project's Node 22 (see PLATFORM.md).
let serverLog = '';
const server = process.env.BENCH_URL
  ? null
  : spawn('npm', ['run', 'preview', '--', '--port', String(port), '--host', '127.0.0.1'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group, so stopping it stops npm, sh and astro together
    });
server?.stdout.on('data', (d) => (serverLog += d));
server?.stderr.on('data', (d) => (serverLog += d));
const stopServer = () => {
  if (!server || server.exitCode !== null) return;
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {}
};

const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: [...CHROMIUM_ARGS],
});

const measures = (page, name) => page.evaluate((n) => performance.getEntriesByName(n).map((e) => e.duration), name);

async function open(path, selector) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`${base}${path}`);
  await page.locator(selector).scrollIntoViewIfNeeded();
  await page.locator(`${selector}[data-ready="true"]`).waitFor();
  return { page, context };
}

const rows = [];
try {
  await waitForServer();

  // Model-zoo chart.
  {
    const { page, context } = await open('/vgg-vs-resnet/', '.zoo');
    await page.locator('.zoo-point').first().waitFor();
    const [first] = await measures(page, 'zoo:draw');
    await page.evaluate(() => performance.clearMeasures('zoo:draw'));
    const axes = ['cpu', 'gpu', 'size', 'depth', 'params'];
    const toFrame = [];
    for (let i = 0; i < ROUNDS; i++) {
      const axis = axes[i % axes.length];
      toFrame.push(
        await page.evaluate(async (value) => {
          const select = document.querySelector('.zoo select');
          const t0 = performance.now();
          select.value = value;
          select.dispatchEvent(new Event('change', { bubbles: true }));
          // Svelte flushes its update in a microtask; a message-channel task runs right after it
          // (no timer clamping, no waiting for the next frame), then reading a box forces style and layout.
          await new Promise((r) => {
            const ch = new MessageChannel();
            ch.port1.onmessage = () => r();
            ch.port2.postMessage(0);
          });
          document.querySelector('.zoo-svg').getBoundingClientRect();
          return performance.now() - t0;
        }, axis),
      );
    }
    const redraws = await measures(page, 'zoo:draw');
    rows.push(['model-zoo chart', first, redraws, toFrame]);
    await context.close();
  }

  // ILSVRC timeline.
  {
    const { page, context } = await open('/imagenet/', '.tl');
    await page.locator('.tl-bar').first().waitFor();
    const [first] = await measures(page, 'timeline:draw');
    await page.evaluate(() => performance.clearMeasures('timeline:draw'));
    for (let i = 0; i < ROUNDS; i++) {
      await page.setViewportSize({ width: i % 2 ? 1280 : 900, height: 900 });
      await page.waitForFunction((n) => performance.getEntriesByName('timeline:draw').length >= n, i + 1);
    }
    const redraws = await measures(page, 'timeline:draw');
    rows.push(['ILSVRC timeline', first, redraws, null]);
    await context.close();
  }
} finally {
  await browser.close();
  stopServer();
}

console.log(`Chart render times, headless Chromium (${ROUNDS} re-renders each; goal ≤ ${GOAL_MS} ms)`);
// Worst cases track machine load: say how busy the machine was, so figures can be compared fairly.
console.log(`machine: ${cpus().length} cores, load average ${loadavg()[0].toFixed(1)} (1 min)`);
console.log(
  `${'chart'.padEnd(18)}${'first draw'.padStart(12)}${'redraw med'.padStart(12)}${'redraw max'.padStart(12)}${'layout med'.padStart(14)}${'layout max'.padStart(14)}`,
);
let over = false;
for (const [name, first, redraws, toFrame] of rows) {
  const cells = [first, median(redraws), Math.max(...redraws)];
  if (toFrame) cells.push(median(toFrame), Math.max(...toFrame));
  if (cells.some((c) => c > GOAL_MS)) over = true;
  console.log(
    name.padEnd(18) +
      cells
        .slice(0, 3)
        .map((c) => fmt(c).padStart(12))
        .join('') +
      (toFrame
        ? cells
            .slice(3)
            .map((c) => fmt(c).padStart(14))
            .join('')
        : '—'.padStart(14) + '—'.padStart(14)),
  );
}
console.log(over ? `Some figures exceed the ${GOAL_MS} ms goal.` : `All figures within the ${GOAL_MS} ms goal.`);
