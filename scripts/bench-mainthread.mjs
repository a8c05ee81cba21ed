#!/usr/bin/env node
// `npm run bench:mainthread` (after `npm run models && npm run build`): prints figures, asserts nothing.
// How long each demo blocks the page's main thread, through the built site's own interface in headless
// Chromium (Debian's), each run in a fresh browser context (empty cache). For every step of every demo
// it prints, from a `longtask` PerformanceObserver: the longest main-thread task, the number of tasks
// over 50 ms (the browser's long-task threshold) and the total blocking time (Σ of each long task's
// time over 50 ms), from the action until the demo shows its result (and two frames after, so the
// paint is counted). The demos:
// - the classifier on /metrics/ (MobileNet v1 0.75) and on /resnet/ (the 8-bit ResNet-50): a gallery
//   photo the first time (download + run), a gallery photo warm, the reader's own 12-megapixel JPEG;
// - "ResNet-50 on your photo" (/resnet/): a gallery photo the first time, 15 steps through the diagram,
//   the residual-branch chart and Grad-CAM shown, another Grad-CAM class, a second gallery photo and the
//   reader's own 12-megapixel JPEG with all three figures showing it;
// - the race at 32×32 (/vgg-vs-resnet/), the tiny nets (two test images), the training lab (/resnet/,
//   depth 8, width 4, batch 8, until 10 iterations).
// BENCH_RUNS (default 3) runs of everything: the table gives the median and the largest over the runs.
// BENCH_ONLY=probe,classifier,… picks demos. BENCH_TRACE=1 also records a Chromium trace of each
// step and prints the main thread's CPU time per step (the costliest task's and all tasks'; unlike
// wall time it does not grow when other processes share the cores) and, for each task over 50 ms,
// where its time went (trace events and the V8 sampling profile): the evidence behind a fix.
// The machine's load average is printed with the figures: the machine may be shared.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { startPreview, launchChromium, watchLongTasks, longTasks } from './bench-site.mjs';
import jpeg from 'jpeg-js';

const PORT = Number(process.env['BENCH_PORT'] ?? 4396);
const BASE = `http://127.0.0.1:${PORT}`;
const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const ONLY = (process.env['BENCH_ONLY'] ?? 'classifier,resnet-classifier,probe,race,tiny,lab').split(',');
const TRACE = process.env['BENCH_TRACE'] === '1';

// The reader's own photo: a 4032 × 3024 JPEG (a phone camera's 12 megapixels), made once from
// coffee.jpg (bilinear upscale, so it decodes like a photo, not like a flat test card).
const BIG = 'node_modules/.cache/bench-mainthread-12mp.jpg';
if (!existsSync(BIG)) {
  mkdirSync('node_modules/.cache', { recursive: true });
  const src = jpeg.decode(readFileSync('public/gallery/coffee.jpg'), { useTArray: true });
  const W = 4032,
    H = 3024;
  const data = new Uint8Array(W * H * 4);
  for (let y = 0; y < H; y++) {
    const sy = Math.min(src.height - 1.001, Math.max(0, ((y + 0.5) * src.height) / H - 0.5));
    const y0 = Math.floor(sy),
      fy = sy - y0;
    for (let x = 0; x < W; x++) {
      const sx = Math.min(src.width - 1.001, Math.max(0, ((x + 0.5) * src.width) / W - 0.5));
      const x0 = Math.floor(sx),
        fx = sx - x0;
      for (let c = 0; c < 3; c++) {
        const p = (yy, xx) => src.data[(yy * src.width + xx) * 4 + c];
        const top = p(y0, x0) * (1 - fx) + p(y0, x0 + 1) * fx;
        const bottom = p(y0 + 1, x0) * (1 - fx) + p(y0 + 1, x0 + 1) * fx;
        data[(y * W + x) * 4 + c] = top * (1 - fy) + bottom * fy;
      }
      data[(y * W + x) * 4 + 3] = 255;
    }
  }
  writeFileSync(BIG, jpeg.encode({ data, width: W, height: H }, 90).data);
}

const stop = await startPreview(PORT);
const browser = await launchChromium();
const load0 = os.loadavg()[0];

async function openPage(path) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await watchLongTasks(page);
  await page.goto(BASE + path);
  return { context, page };
}

/** Scrolls an island (the one holding `selector`) into view and waits until Astro has hydrated it. */
async function hydrated(page, selector) {
  await page.locator(selector).scrollIntoViewIfNeeded();
  await page
    .locator(`astro-island:not([ssr]) ${selector}, ${selector} astro-island:not([ssr])`)
    .first()
    .waitFor({ state: 'attached', timeout: 60_000 });
}

const results = new Map(); // "demo | step" → [{ longest, over50, tbt, ms }]
const traces = [];

/** Runs `action`, then `done`, and records the long tasks that started in between (two frames after `done` included). */
async function measure(page, name, action, done) {
  if (TRACE)
    await browser.startTracing(page, {
      categories: [
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'v8.execute',
        'blink',
        'toplevel',
        'v8',
        'disabled-by-default-v8.cpu_profiler',
      ],
    });
  // After the profiler has started (its start is a long task of its own).
  const from = await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(() => r(performance.now()), 0))));
  await action();
  await done();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0)))));
  let cpu = null;
  if (TRACE) {
    const buffer = await browser.stopTracing();
    traces.push({ name, buffer });
    cpu = mainThreadCpu(JSON.parse(buffer.toString('utf8')));
  }
  const { durations: tasks, now } = await longTasks(page, from);
  const ms = now - from;
  const row = { longest: Math.max(0, ...tasks), over50: tasks.length, tbt: tasks.reduce((s, d) => s + Math.max(0, d - 50), 0), ms, ...cpu };
  if (!results.has(name)) results.set(name, []);
  results.get(name).push(row);
}

const T = { timeout: Number(process.env.BENCH_TIMEOUT ?? 180_000) };

async function classifier(path, label) {
  const { context, page } = await openPage(path);
  const demo = page.locator('.classifier');
  await demo.scrollIntoViewIfNeeded();
  await page.waitForSelector('.classifier[data-ready="true"]', T);
  const runs = (n) => page.waitForSelector(`.classifier[data-runs="${n}"]`, T);
  await measure(
    page,
    `${label} | gallery photo, first (download + run)`,
    () => demo.getByRole('button', { name: /Coffee cup/ }).click(),
    () => runs(1),
  );
  await measure(
    page,
    `${label} | gallery photo, warm`,
    () => demo.getByRole('button', { name: /Chelsea the cat/ }).click(),
    () => runs(2),
  );
  await measure(
    page,
    `${label} | gallery photo, warm (again)`,
    () => demo.getByRole('button', { name: /Coffee cup/ }).click(),
    () => runs(3),
  );
  await measure(
    page,
    `${label} | own 12-megapixel JPEG`,
    () => demo.getByTestId('file-input').setInputFiles(BIG),
    () => runs(4),
  );
  await context.close();
}

async function probe() {
  const { context, page } = await openPage('/resnet/');
  const fig = page.locator('#fig-resnet-steps');
  await fig.scrollIntoViewIfNeeded();
  await page.waitForSelector('#fig-resnet-steps .pp[data-ready="true"]', T);
  // Done conditions read one attribute (Playwright's role queries would compute accessible names over
  // the whole long page on the main thread, and be measured as the demo's own tasks).
  const label = (selector, ...parts) =>
    page.waitForFunction(
      ([s, p]) => {
        const l = document.querySelector(s)?.getAttribute('aria-label') ?? '';
        return p.every((x) => l.includes(x));
      },
      [selector, parts],
      { ...T, polling: 100 },
    );
  const tiles = (step, title) => label('#fig-resnet-steps .lp-maps', `channels of ${step} for ${title}`);
  const rows = (title) => label('#fig-resnet-branches .rb-rows', ` on ${title}: the residual branch`);
  const gradcam = (title) => label('#fig-resnet-gradcam .gc-pic', ` over ${title}`);
  const P = 'ResNet-50 on your photo';
  await measure(
    page,
    `${P} | gallery photo, first (download + classify + conv1 maps)`,
    () => page.getByLabel('Run the real ResNet-50 on').selectOption('coffee.jpg'),
    () => tiles('conv1_conv', 'Coffee cup'),
  );
  const forward = fig.getByRole('button', { name: 'Step forward' });
  await measure(
    page,
    `${P} | 15 steps forward`,
    async () => {
      for (let i = 0; i < 15; i++) await forward.click();
    },
    () => tiles('conv2_block1_out', 'Coffee cup'),
  );
  await measure(
    page,
    `${P} | residual-branch chart shown`,
    () => hydrated(page, '#fig-resnet-branches'),
    () => rows('Coffee cup'),
  );
  await measure(
    page,
    `${P} | Grad-CAM shown`,
    () => hydrated(page, '#fig-resnet-gradcam'),
    () => gradcam('Coffee cup'),
  );
  const cam = page.locator('#fig-resnet-gradcam');
  const draws = Number(await cam.locator('.gc').getAttribute('data-draws'));
  await measure(
    page,
    `${P} | another Grad-CAM class`,
    () => cam.getByRole('radio').nth(1).check(),
    () => page.waitForSelector(`#fig-resnet-gradcam .gc[data-draws="${draws + 1}"]`, T),
  );
  const all = (title, step) => Promise.all([tiles(step, title), rows(title), gradcam(title)]);
  await measure(
    page,
    `${P} | second gallery photo (all three figures)`,
    () => page.getByLabel('Run the real ResNet-50 on').selectOption('chelsea.jpg'),
    () => all('Chelsea the cat', 'conv2_block1_out'),
  );
  await measure(
    page,
    `${P} | own 12-megapixel JPEG (all three figures)`,
    () => fig.getByTestId('probe-file').setInputFiles(BIG),
    () => all('bench-mainthread-12mp.jpg', 'conv2_block1_out'),
  );
  await context.close();
}

async function race() {
  const { context, page } = await openPage('/vgg-vs-resnet/');
  await hydrated(page, '.race');
  const r = page.locator('.race');
  await r.getByLabel('32×32').check();
  await measure(
    page,
    'race | 32×32, start to finish',
    () => r.getByRole('button', { name: /^Race VGG-16 and ResNet-50/ }).click(),
    () => page.waitForSelector('.race[data-phase="done"]', T),
  );
  await context.close();
}

async function tiny() {
  const { context, page } = await openPage('/vgg-vs-resnet/');
  await hydrated(page, '.tiny');
  const picks = page.locator('.tiny').getByTestId('tiny-pick');
  await measure(
    page,
    'tiny nets | first test image (worker start + both nets)',
    () => picks.nth(0).click(),
    () => page.waitForSelector('.tiny[data-answered="1"]', T),
  );
  await measure(
    page,
    'tiny nets | second test image',
    () => picks.nth(1).click(),
    () => page.waitForSelector('.tiny[data-answered="2"]', T),
  );
  await context.close();
}

async function lab() {
  const { context, page } = await openPage('/resnet/?lab-depth=8&lab-width=4&lab-batch=8');
  await hydrated(page, '.lab');
  const l = page.locator('.lab');
  await measure(
    page,
    'training lab | start to 10 iterations',
    () => l.getByRole('button', { name: 'Start', exact: true }).click(),
    () => page.waitForFunction(() => Number(document.querySelector('.lab')?.getAttribute('data-steps')) >= 10, null, T),
  );
  await l.getByRole('button', { name: 'Pause' }).click();
  await context.close();
}

for (let run = 0; run < RUNS; run++) {
  if (ONLY.includes('classifier')) await classifier('/metrics/', 'classifier /metrics/ (MobileNet v1 0.75)');
  if (ONLY.includes('resnet-classifier')) await classifier('/resnet/', 'classifier /resnet/ (8-bit ResNet-50)');
  if (ONLY.includes('probe')) await probe();
  if (ONLY.includes('race')) await race();
  if (ONLY.includes('tiny')) await tiny();
  if (ONLY.includes('lab')) await lab();
}
await browser.close();
const load1 = os.loadavg()[0];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const f = (ms) => `${ms.toFixed(0)} ms`;
console.log(`bench:mainthread — ${new Date().toISOString()}, ${RUNS} run(s), headless Chromium, wasm`);
console.log(`machine: ${os.cpus().length} cores, load average ${load0.toFixed(1)} at start, ${load1.toFixed(1)} at end\n`);
console.log(
  '| demo | step | longest main-thread task, median (max) | tasks > 50 ms, median (max) | total blocking time, median (max) | step took (median) |',
);
console.log('|---|---|---|---|---|---|');
for (const [name, rows] of results) {
  const [demo, step] = name.split(' | ');
  const col = (k, fmt) => `${fmt(median(rows.map((r) => r[k])))} (${fmt(Math.max(...rows.map((r) => r[k])))})`;
  console.log(
    `| ${demo} | ${step} | ${col('longest', f)} | ${col('over50', (x) => String(x))} | ${col('tbt', f)} | ${(median(rows.map((r) => r.ms)) / 1000).toFixed(1)} s |`,
  );
}

if (TRACE) {
  // Thread CPU time does not grow when other processes take the cores: the figure to compare on a shared machine.
  console.log("\nFrom the traces, main-thread CPU time (not wall time) of the page's renderer:\n");
  console.log('| demo | step | CPU time of the costliest task, median (max) | CPU time of all tasks, median (max) |');
  console.log('|---|---|---|---|');
  for (const [name, rows] of results) {
    const [demo, step] = name.split(' | ');
    const col = (k) => `${f(median(rows.map((r) => r[k])))} (${f(Math.max(...rows.map((r) => r[k])))})`;
    console.log(`| ${demo} | ${step} | ${col('cpuLongest')} | ${col('cpuTotal')} |`);
  }
  for (const t of traces) explain(t.name, JSON.parse(t.buffer.toString('utf8')));
}
stop();
process.exit(0);

/** The page's main thread in a trace: CPU time (tdur) of its costliest task and of all its tasks, in ms. */
function mainThreadCpu(trace) {
  const ev = trace.traceEvents ?? trace;
  const mains = new Set(
    ev.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  const profilerStart = ev.filter((e) => e.name === 'CpuProfiler::StartProfiling').map((e) => e.ts);
  const tasks = ev
    .filter((e) => e.ph === 'X' && e.name === 'RunTask' && mains.has(`${e.pid}:${e.tid}`) && typeof e.tdur === 'number')
    .filter((e) => !profilerStart.some((t) => t >= e.ts && t <= e.ts + e.dur));
  return { cpuLongest: Math.max(0, ...tasks.map((e) => e.tdur)) / 1000, cpuTotal: tasks.reduce((s, e) => s + e.tdur, 0) / 1000 };
}

/** For each main-thread task over 50 ms in a trace: its largest trace events and JS functions by self time. */
function explain(name, trace) {
  const ev = trace.traceEvents ?? trace;
  const threadName = new Map();
  for (const e of ev) if (e.ph === 'M' && e.name === 'thread_name') threadName.set(`${e.pid}:${e.tid}`, e.args.name);
  const isMain = (e) => threadName.get(`${e.pid}:${e.tid}`) === 'CrRendererMain';
  // The V8 sampling profile of the main thread: node tree and (time, node) samples.
  const starts = new Map(ev.filter((e) => e.name === 'Profile' && isMain(e)).map((e) => [e.id, e.args.data.startTime]));
  const nodes = new Map();
  const samples = [];
  const clock = new Map();
  for (const e of ev) {
    if (e.name !== 'ProfileChunk' || !starts.has(e.id)) continue;
    const d = e.args.data;
    for (const n of d.cpuProfile?.nodes ?? [])
      nodes.set(`${e.id}:${n.id}`, { frame: n.callFrame, parent: n.parent === undefined ? null : `${e.id}:${n.parent}` });
    let t = clock.get(e.id) ?? starts.get(e.id);
    (d.cpuProfile?.samples ?? []).forEach((s, i) => {
      t += d.timeDeltas[i];
      samples.push([t, `${e.id}:${s}`]);
    });
    clock.set(e.id, t);
  }
  samples.sort((a, b) => a[0] - b[0]);
  const fn = (fr) =>
    `${fr.functionName || '(anonymous)'} ${(fr.url ?? '').replace(/^.*\//, '')}${fr.url ? `:${fr.lineNumber}:${fr.columnNumber}` : ''}`;
  // The profiler's own start is a long task of its own: left out.
  const started = (task) =>
    ev.some((e) => isMain(e) && e.name === 'CpuProfiler::StartProfiling' && e.ts >= task.ts && e.ts <= task.ts + task.dur);
  const tasks = ev.filter((e) => isMain(e) && e.ph === 'X' && e.name === 'RunTask' && e.dur >= 50_000 && !started(e));
  if (tasks.length) console.log(`\n### ${name}: ${tasks.length} task(s) over 50 ms`);
  for (const task of tasks) {
    const end = task.ts + task.dur;
    const inside = ev
      .filter((e) => e !== task && isMain(e) && e.ph === 'X' && e.ts >= task.ts && e.ts + e.dur <= end)
      .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    const stack = [];
    for (const e of inside) {
      while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
      if (stack.length) stack.at(-1).children = (stack.at(-1).children ?? 0) + e.dur;
      stack.push(e);
    }
    const self = new Map();
    for (const e of inside) {
      const d = e.args?.data ?? {};
      const key = [e.name, d.url?.replace(/^.*\//, ''), d.functionName, d.type].filter(Boolean).join(' ');
      self.set(key, (self.get(key) ?? 0) + e.dur - (e.children ?? 0));
    }
    const js = new Map();
    const within = samples.filter(([t]) => t >= task.ts && t <= end);
    within.forEach(([t, id], i) => {
      const n = nodes.get(id);
      if (!n) return;
      const dt = (within[i + 1]?.[0] ?? end) - t;
      js.set(fn(n.frame), (js.get(fn(n.frame)) ?? 0) + dt);
    });
    const top = (m) =>
      [...m]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 6)
        .map(([k, us]) => `${(us / 1000).toFixed(1)} ms ${k}`)
        .join('; ');
    console.log(`- ${f(task.dur / 1000)}: trace events (self) ${top(self)}\n  JS samples (self) ${top(js)}`);
  }
}
