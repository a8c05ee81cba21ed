// Training throughput of the lab's nets in Node (issue 9's benchmark): images per second for one
// SGD step and for a forward pass, per net and backend, and the speed-up of the wasm gradient
// kernels (src/lib/train/wasm-grad-kernels.ts) over the naive path (filter gradient summed in
// JavaScript, tfjs' own input-gradient loop). Figures, not a test.
//   npm run bench:train                 BENCH_STEPS=5 (timed steps after one warm-up), BENCH_BATCH=64
//   BENCH_NAIVE=0 to skip the slow naive runs, BENCH_CPU=0 to skip the cpu backend.
// Node runs the wasm backend single-threaded: tfjs 4.22 turns its threads off in Node
// (WASM_HAS_MULTITHREAD_SUPPORT), whatever setThreadsCount asks; the script reports the count used.
import os from 'node:os';
import * as tf from '@tensorflow/tfjs';
import * as wasm from '@tensorflow/tfjs-backend-wasm';
import { trainLib as lib, machine } from './train-lib.ts';

const env = (k, d) => (process.env[k] === undefined ? d : Number(process.env[k]));
const STEPS = env('BENCH_STEPS', 5);
const BATCH = env('BENCH_BATCH', 64);
wasm.setThreadsCount(env('BENCH_THREADS', 2));
lib.registerWasmGradKernels(tf, 'fast');
await tf.setBackend('wasm');
await tf.ready();
const threads = wasm.getThreadsCount();

const input = lib.FASHION_INPUT;
const NETS = [
  { label: 'ResNet-20, width 16', spec: () => lib.cifarResnetSpec(20, { width: 16 }) },
  { label: 'Plain-20, width 16', spec: () => lib.cifarResnetSpec(20, { width: 16, shortcuts: false }) },
  { label: 'ResNet-56, width 8', spec: () => lib.cifarResnetSpec(56, { width: 8 }) },
  { label: 'Tiny VGG', spec: () => lib.tinyVggSpec() },
];

// Synthetic images (the speed does not depend on the pixels).
const N = 512;
const set = {
  images: new Uint8Array(N * 784).map((_, i) => (i * 37) % 251),
  labels: new Uint8Array(N).map((_, i) => i % 10),
  count: N,
  rows: 28,
  cols: 28,
};
const norm = { mean: 0.286, std: 0.353 };

async function time(fn, steps) {
  await fn(); // warm-up: kernels compiled, XNNPACK operators created
  const t = [];
  for (let i = 0; i < steps; i++) {
    const t0 = performance.now();
    await fn();
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return t[Math.floor(t.length / 2)];
}

async function bench(spec, steps) {
  const net = lib.createNet(tf, spec, { input, seed: 1 });
  const opt = new lib.Sgd(tf, net, { learningRate: 0.01 });
  const order = new lib.BatchOrder(N, BATCH, 1);
  const stepMs = await time(async () => {
    const { x, y } = lib.makeBatch(tf, set, order.next(), norm);
    await lib.trainStep(tf, net, opt, x, y);
    tf.dispose([x, y]);
  }, steps);
  const fwdMs = await time(async () => {
    const { x, y } = lib.makeBatch(tf, set, order.next(), norm);
    const p = tf.tidy(() => net.logits(x, { training: false }));
    await p.data();
    tf.dispose([x, y, p]);
  }, steps);
  opt.dispose();
  net.dispose();
  return { stepMs, fwdMs, train: (1000 * BATCH) / stepMs, forward: (1000 * BATCH) / fwdMs };
}

const fmt = (r) =>
  `${r.train.toFixed(1).padStart(7)} img/s train (${r.stepMs.toFixed(0)} ms/step) | ${r.forward.toFixed(0).padStart(5)} img/s forward (${r.fwdMs.toFixed(0)} ms)`;
const m = machine();
console.log(
  `bench:train, batch ${BATCH}, 28×28×1, median of ${STEPS} after 1 warm-up; ${m.cpu}, ${m.cores} cores, load average ${os
    .loadavg()
    .map((v) => v.toFixed(1))
    .join(' ')}, Node ${process.version}`,
);
const rows = [];
for (const n of NETS) {
  const spec = n.spec();
  const a = lib.analyze(spec, input);
  const r = await bench(spec, STEPS);
  rows.push({ net: n.label, backend: `wasm (${threads} thread${threads === 1 ? '' : 's'}), new kernels`, ...r });
  console.log(`${n.label.padEnd(20)} ${(a.totals.macs / 1e6).toFixed(1).padStart(6)} M MACs/img  wasm fast  ${fmt(r)}`);
}
if (env('BENCH_NAIVE', 1)) {
  lib.registerWasmGradKernels(tf, 'naive');
  const spec = NETS[0].spec();
  const r = await bench(spec, Math.min(STEPS, 2));
  const fast = rows[0];
  console.log(
    `${NETS[0].label.padEnd(20)}               wasm naive ${fmt(r)}  → new kernels ${(fast.train / r.train).toFixed(1)}× faster per step`,
  );
  rows.push({ net: NETS[0].label, backend: 'wasm, naive gradients', ...r });
  lib.registerWasmGradKernels(tf, 'fast');
}
if (env('BENCH_CPU', 1)) {
  await tf.setBackend('cpu');
  // The cpu backend is far slower: a small net, one timed step.
  const spec = NETS[3].spec();
  const r = await bench(spec, 1);
  console.log(`${NETS[3].label.padEnd(20)}               cpu        ${fmt(r)}`);
}

// Then Chromium: wasm with 1 and 2 threads (Node's wasm has no threads) and WebGL.
if (env('BENCH_BROWSER', 1)) await import('./bench-train-browser.mjs');
