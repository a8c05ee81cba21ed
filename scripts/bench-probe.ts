#!/usr/bin/env node
// `npm run bench:probe` (after `npm run models && npm run build`): prints figures, asserts nothing.
// "Your photo through ResNet-50" in the built site's own classifier worker (headless Chromium, wasm with
// threads when the page is cross-origin isolated), on coffee.jpg with the default 8-bit ResNet-50:
// - every step of the Keras ResNet-50 spec's walk (175 layers) with its 16 most active channels
//   (probe-layer), in order: the first step of each block runs one forward pass for the whole block
//   (its worker time), the block's other steps come from the cache; then the walk again, all cached
//   (the round trip the page sees when a step is shown again);
// - single cold steps (a fresh image each, nothing cached) at four depths;
// - the 16 blocks' ‖F(x)‖ / ‖x‖ (residuals) and one block's three rows of maps (residual-maps);
// - one Grad-CAM (goal ≤ 2 s).
// The machine's load average is printed with the figures: the machine may be shared.
import os from 'node:os';
import { analyze, getModel } from '../src/lib/arch';
import { startPreview, launchChromium, watchLongTasks, longTasks } from './bench-site.mjs';

const PORT = Number(process.env['BENCH_PORT'] ?? 4397);
const BASE = `http://127.0.0.1:${PORT}`;
const RUNS = Number(process.env['BENCH_RUNS'] ?? 5);
const MODEL = process.env['BENCH_MODEL'] ?? 'resnet50_uint8';
const COUNT = 16;

// The walk's layer ids come from the spec itself (no tfjs in it).
const steps = analyze(getModel('resnet50-keras')).steps.map((s) => ({ id: s.id, stage: s.stageIndex }));

const stop = await startPreview(PORT);
const browser = await launchChromium();
const quantile = (xs: readonly number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
};
const median = (xs: readonly number[]): number => quantile(xs, 0.5);
const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
const [load0 = 0] = os.loadavg();

/** The fields of the classifier engine's replies this script reads (the protocol has the full types). */
interface Reply {
  ms: number;
  shape: number[];
  note: string;
  threads?: number;
  numTensors: number;
}
/** What the page exposes to benchmarks. */
interface BenchWindow {
  __classifierEngine: { request(req: object, opts?: { transfer: Transferable[] }): Promise<Reply> };
}

const context = await browser.newContext();
const page = await context.newPage();
await watchLongTasks(page);
await page.goto(`${BASE}/metrics/`);
await page.locator('.classifier').scrollIntoViewIfNeeded();
await page.waitForSelector('.classifier[data-ready="true"]');

// The fields of the registry's spec the worker uses (src/lib/inference/models.ts); `arch` names the
// spec whose layer ids the probes accept.
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
const r = await page.evaluate(
  async ({ spec, steps, count, runs, singles }) => {
    const w = window as unknown as BenchWindow;
    const engine = w.__classifierEngine;
    const backend = await engine.request({ type: 'start', backend: 'wasm' });
    const bitmap = await createImageBitmap(await (await fetch('/gallery/coffee.jpg')).blob());
    await engine.request({ type: 'put-image', imageId: 'bench', image: bitmap }, { transfer: [bitmap] });
    await engine.request({ type: 'load', model: spec });
    await engine.request({ type: 'classify', model: spec, imageId: 'bench' }); // warm-up
    const timed = async (req: object) => {
      const t0 = performance.now();
      const value = await engine.request(req);
      return { value, trip: performance.now() - t0 };
    };
    const walk: { id: string; stage: number; ms: number; trip: number; shape: number[] }[] = [];
    const tWalk = performance.now();
    for (const s of steps) {
      const { value, trip } = await timed({ type: 'probe-layer', model: spec, imageId: 'bench', layer: s.id, count });
      walk.push({ ...s, ms: value.ms, trip, shape: value.shape });
    }
    const walkTotal = performance.now() - tWalk;
    const cached: { ms: number; trip: number }[] = [];
    for (const s of steps) {
      const { value, trip } = await timed({ type: 'probe-layer', model: spec, imageId: 'bench', layer: s.id, count });
      cached.push({ ms: value.ms, trip });
    }
    const single: { layer: string; ms: number; shape: number[] }[] = [];
    for (const layer of singles) {
      const fresh = await createImageBitmap(await (await fetch('/gallery/coffee.jpg')).blob());
      await engine.request({ type: 'put-image', imageId: 'single', image: fresh }, { transfer: [fresh] });
      const { value } = await timed({ type: 'probe-layer', model: spec, imageId: 'single', layer, count });
      single.push({ layer, ms: value.ms, shape: value.shape });
    }
    const residuals: number[] = [];
    for (let i = 0; i < runs; i++) residuals.push((await timed({ type: 'residuals', model: spec, imageId: 'bench' })).trip);
    const maps: number[] = [];
    for (let i = 0; i < runs; i++)
      maps.push((await timed({ type: 'residual-maps', model: spec, imageId: 'bench', block: 'conv2_block1', count })).trip);
    const gradcam: { ms: number; trip: number }[] = [];
    for (let i = 0; i < runs; i++) {
      const { value, trip } = await timed({ type: 'gradcam', model: spec, imageId: 'bench', classIndex: 967 });
      gradcam.push({ ms: value.ms, trip });
    }
    const memory = await engine.request({ type: 'memory' });
    return {
      note: backend.note,
      threads: backend.threads ?? 1,
      walk,
      walkTotal,
      cached,
      single,
      residuals,
      maps,
      gradcam,
      memory,
    };
  },
  { spec, steps, count: COUNT, runs: RUNS, singles: ['conv1_relu', 'conv3_block1_out', 'conv4_block6_out', 'conv5_block3_out'] },
);
const { longest, over50 } = await longTasks(page);
await context.close();
await browser.close();
const [load1 = 0] = os.loadavg();

const f = (ms: number): string => `${ms.toFixed(0)} ms`;
console.log(`bench:probe — ${new Date().toISOString()}, ${MODEL} on coffee.jpg, ${r.note}`);
console.log(`machine: ${os.cpus().length} cores, load average ${load0.toFixed(1)} at start, ${load1.toFixed(1)} at end\n`);
console.log(`| what | median | p90 | max | total |`);
console.log(`|---|---|---|---|---|`);
const passes = r.walk.filter((c) => c.ms > 0).map((c) => c.ms);
console.log(
  `| the walk, ${r.walk.length} steps in order: ${passes.length} forward passes (one per block, worker) | ${f(median(passes))} | ${f(quantile(passes, 0.9))} | ${f(Math.max(...passes))} | ${(sum(passes) / 1000).toFixed(1)} s |`,
);
const walkTrip = r.walk.map((c) => c.trip);
console.log(
  `| the walk, every step (page round trip) | ${f(median(walkTrip))} | ${f(quantile(walkTrip, 0.9))} | ${f(Math.max(...walkTrip))} | ${(r.walkTotal / 1000).toFixed(1)} s |`,
);
const cachedTrip = r.cached.map((c) => c.trip);
console.log(
  `| the walk again, cached (page round trip; worker ms ${r.cached.every((c) => c.ms === 0) ? '0 for all' : 'not all 0'}) | ${median(cachedTrip).toFixed(1)} ms | ${quantile(cachedTrip, 0.9).toFixed(1)} ms | ${Math.max(...cachedTrip).toFixed(1)} ms | ${(sum(cachedTrip) / 1000).toFixed(2)} s |`,
);
for (const x of r.single) console.log(`| one cold step, ${x.layer} [${x.shape.join('×')}] with its block (worker) | ${f(x.ms)} | | | |`);
console.log(`| residuals (16 ratios, round trip), ${RUNS} runs | ${f(median(r.residuals))} | | ${f(Math.max(...r.residuals))} | |`);
console.log(`| residual-maps conv2_block1 × ${COUNT} (round trip), ${RUNS} runs | ${f(median(r.maps))} | | ${f(Math.max(...r.maps))} | |`);
const gc = r.gradcam.map((g) => g.ms);
console.log(`| Grad-CAM espresso (worker), ${RUNS} runs; first ${f(gc[0] ?? Number.NaN)} | ${f(median(gc))} | | ${f(Math.max(...gc))} | |`);
console.log(`| Grad-CAM espresso (round trip) | ${f(median(r.gradcam.map((g) => g.trip)))} | | | |`);
// Where the walk's time goes, per stage of the spec.
const byStage = new Map<number, number[]>();
for (const c of r.walk) if (c.ms > 0) byStage.set(c.stage, [...(byStage.get(c.stage) ?? []), c.ms]);
console.log(`\nforward passes of the walk per stage (median): ${[...byStage].map(([s, xs]) => `stage ${s}: ${f(median(xs))}`).join(', ')}`);
console.log(
  `worker tensors after the run: ${r.memory.numTensors}; longest main-thread task: ${f(longest)}, tasks over 50 ms: ${over50} (the figures' own painting: npm run bench:mainthread)`,
);
stop();
process.exit(0);
