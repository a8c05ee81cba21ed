// The live landscape's cost in headless Chromium on wasm with 2 threads (Node cannot run tfjs' threaded
// wasm build): the lab's session trains its default pair (Plain-20 and ResNet-20, width 8, batch 64) for
// a few steps, then maps the default live grid (11 × 11 points on 256 images) around both nets with the
// same code as the lab's worker (src/lib/train/lab-landscape.ts). Prints points per second and one
// point's time against one training step of the same net. Figures, not a test.
//   npm run bench:landscape            BENCH_STEPS=8 training steps, BENCH_GRID=11, BENCH_IMAGES=256, BENCH_THREADS=2
import { build } from 'esbuild';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import os from 'node:os';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';

const env = (k: string, d: number): number => (process.env[k] === undefined ? d : Number(process.env[k]));
const STEPS = env('BENCH_STEPS', 8);
const GRID = env('BENCH_GRID', 11);
const IMAGES = env('BENCH_IMAGES', 256);
const THREADS = env('BENCH_THREADS', 2);
const PORT = env('BENCH_PORT', 4373);
const wasmDir = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));

const page = `
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths, setThreadsCount, getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmGradKernels } from './src/lib/train/wasm-grad-kernels';
import { LabSession } from './src/lib/train/lab-session';
import { mapLabLandscape } from './src/lib/train/lab-landscape';
import { DEFAULT_LAB_SETTINGS } from './src/lib/train/lab-methods';
window.runBench = async (threads, steps, grid, images) => {
  setWasmPaths('/wasm/');
  setThreadsCount(threads);
  registerWasmGradKernels(tf);
  if (!(await tf.setBackend('wasm'))) throw new Error('wasm did not start');
  await tf.ready();
  // Synthetic images (the speed does not depend on the pixels).
  const set = (n) => ({ images: new Uint8Array(n * 784).map((_, i) => (i * 37) % 251), labels: new Uint8Array(n).map((_, i) => i % 10), count: n, rows: 28, cols: 28 });
  const stepMs = { plain: [], residual: [] };
  const session = new LabSession({ tf, loadData: async () => ({ train: set(1024), test: set(256) }), post: (e) => {
    if (e.type === 'step') for (const n of e.nets) stepMs[n.key].push(n.msPerStep);
  } });
  await session.handle({ type: 'start', settings: { ...DEFAULT_LAB_SETTINGS, maxIterations: steps + 1, evalEvery: 1000, evalCount: 50, gradEvery: 0 } });
  await session.settled();
  const before = tf.memory().numTensors;
  const pointMs = { plain: [], residual: [] };
  let last = { key: '', t: 0 };
  const t0 = performance.now();
  await mapLabLandscape(tf, session, { steps: grid, images, seed: 1 }, new AbortController().signal, (e) => {
    if (e.type !== 'progress') return;
    const now = performance.now();
    if (e.done > 0 && last.key === e.key) pointMs[e.key].push(now - last.t);
    last = { key: e.key, t: now };
  });
  const totalMs = performance.now() - t0;
  const med = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
  return {
    threads: getThreadsCount(), totalMs, leaked: tf.memory().numTensors - before,
    nets: ['plain', 'residual'].map((k) => ({ key: k, stepMs: med(stepMs[k].slice(1)), pointMs: med(pointMs[k]) })),
  };
};
`;

const out = await build({
  stdin: { contents: page, resolveDir: process.cwd(), loader: 'ts' },
  bundle: true,
  format: 'esm',
  platform: 'browser',
  write: false,
  define: { 'process.env.NODE_ENV': '"production"' },
  external: ['fs', 'path', 'os', 'perf_hooks', 'worker_threads', 'crypto', 'string_decoder', 'util'],
});
const js = out.outputFiles[0]!.text;
const server = createServer((req, res) => {
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
  const url = new URL(req.url ?? '/', 'http://x');
  if (url.pathname === '/') {
    res.setHeader('Content-Type', 'text/html');
    res.end('<!doctype html><title>bench</title><script type="module" src="/bench.js"></script>');
  } else if (url.pathname === '/bench.js') {
    res.setHeader('Content-Type', 'text/javascript');
    res.end(js);
  } else if (url.pathname.startsWith('/wasm/')) {
    res.setHeader('Content-Type', 'application/wasm');
    res.end(readFileSync(join(wasmDir, url.pathname.slice(6))));
  } else {
    res.statusCode = 404;
    res.end();
  }
});
await new Promise<void>((r) => server.listen(PORT, '127.0.0.1', r));
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
try {
  const p = await browser.newPage();
  // tfjs caps its pool at half of navigator.hardwareConcurrency; the site's worker reports twice the
  // wanted count while wasm starts (src/workers/backends.ts), and so does this.
  await p.addInitScript(`Object.defineProperty(navigator, 'hardwareConcurrency', { get: () => ${2 * THREADS} })`);
  p.on('pageerror', (e) => console.error('page error:', e.message));
  await p.goto(`http://127.0.0.1:${PORT}/`);
  await p.waitForFunction(() => typeof (window as unknown as { runBench?: unknown }).runBench === 'function');
  type Result = { threads: number; totalMs: number; leaked: number; nets: { key: string; stepMs: number; pointMs: number }[] };
  const r = await p.evaluate(
    ([t, s, g, i]) => (window as unknown as { runBench: (...a: number[]) => Promise<Result> }).runBench(t!, s!, g!, i!),
    [THREADS, STEPS, GRID, IMAGES],
  );
  const points = 2 * GRID * GRID;
  console.log(
    `bench:landscape, Chromium, wasm with ${r.threads} thread(s); ${os.cpus()[0]?.model ?? 'cpu'}, ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((v) => v.toFixed(1))
      .join(' ')}`,
  );
  console.log(
    `Live grid: ${GRID} × ${GRID} points on ${IMAGES} images around Plain-20 and ResNet-20 (width 8): ${points} points in ${(r.totalMs / 1000).toFixed(1)} s, ${((1000 * points) / r.totalMs).toFixed(2)} points/s; tensors left: ${r.leaked}`,
  );
  for (const n of r.nets)
    console.log(
      `  ${n.key.padEnd(8)} one point ${n.pointMs.toFixed(0)} ms (${(1000 / n.pointMs).toFixed(2)} points/s) | one training step (batch 64) ${n.stepMs.toFixed(0)} ms | point / step ${(n.pointMs / n.stepMs).toFixed(2)}`,
    );
} finally {
  await browser.close();
  server.close();
}
