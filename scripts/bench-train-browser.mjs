// Training throughput in headless Chromium on the wasm backend with 1 and 2 threads (Node cannot
// run tfjs' threaded wasm build). Bundles the training library with tfjs for the browser (esbuild),
// serves it cross-origin isolated (COOP/COEP, which wasm threads need) and times ResNet-20 width 16,
// 28×28, batch 64: the goal is ≥ 100 images/s with 2 threads. Run by `npm run bench:train`
// after the Node figures (BENCH_BROWSER=0 skips it), or alone: `npm exec node scripts/bench-train-browser.mjs`.
import { build } from 'esbuild';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';

const env = (k, d) => (process.env[k] === undefined ? d : Number(process.env[k]));
const STEPS = env('BENCH_STEPS', 5);
const BATCH = env('BENCH_BATCH', 64);
const PORT = env('BENCH_PORT', 4352);
const wasmDir = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));

const page = `
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths, setThreadsCount, getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmGradKernels, createNet, Sgd, BatchOrder, makeBatch, trainStep } from './src/lib/train/index';
import { cifarResnetSpec } from './src/lib/arch';
window.runBench = async (threads, steps, batch, backend) => {
  if (backend === 'wasm') {
    setWasmPaths('/wasm/');
    setThreadsCount(threads);
    registerWasmGradKernels(tf);
  }
  if (!(await tf.setBackend(backend))) throw new Error(backend + ' did not start');
  await tf.ready();
  const N = 512;
  const set = { images: new Uint8Array(N * 784).map((_, i) => (i * 37) % 251), labels: new Uint8Array(N).map((_, i) => i % 10), count: N, rows: 28, cols: 28 };
  const norm = { mean: 0.286, std: 0.353 };
  const net = createNet(tf, cifarResnetSpec(20, { width: 16 }), { input: { h: 28, w: 28, c: 1 }, seed: 1 });
  const opt = new Sgd(tf, net, { learningRate: 0.01 });
  const order = new BatchOrder(N, batch, 1);
  const med = async (fn) => { await fn(); const t = []; for (let i = 0; i < steps; i++) { const t0 = performance.now(); await fn(); t.push(performance.now() - t0); } t.sort((a, b) => a - b); return t[Math.floor(t.length / 2)]; };
  const stepMs = await med(async () => { const { x, y } = makeBatch(tf, set, order.next(), norm); await trainStep(tf, net, opt, x, y); tf.dispose([x, y]); });
  const fwdMs = await med(async () => { const { x, y } = makeBatch(tf, set, order.next(), norm); const p = tf.tidy(() => net.logits(x, { training: false })); await p.data(); tf.dispose([x, y, p]); });
  return { backend, threads: backend === 'wasm' ? getThreadsCount() : 0, isolated: self.crossOriginIsolated, mt: await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'), stepMs, fwdMs };
};
`;

const out = await build({
  stdin: { contents: page, resolveDir: process.cwd(), loader: 'ts' },
  bundle: true,
  format: 'esm',
  platform: 'browser',
  write: false,
  minify: false,
  define: { 'process.env.NODE_ENV': '"production"' },
  external: ['fs', 'path', 'os', 'perf_hooks', 'worker_threads', 'crypto', 'string_decoder', 'util'],
});
const js = out.outputFiles[0].text;
const server = createServer((req, res) => {
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
  const url = new URL(req.url, 'http://x');
  if (url.pathname === '/') {
    res.setHeader('Content-Type', 'text/html');
    res.end('<!doctype html><title>bench</title><script type="module" src="/bench.js"></script>');
    return;
  }
  if (url.pathname === '/bench.js') {
    res.setHeader('Content-Type', 'text/javascript');
    res.end(js);
    return;
  }
  if (process.env.BENCH_DEBUG) console.log('GET', url.pathname);
  if (url.pathname.startsWith('/wasm/')) {
    res.setHeader('Content-Type', 'application/wasm');
    res.end(readFileSync(join(wasmDir, url.pathname.slice(6))));
    return;
  }
  res.statusCode = 404;
  res.end();
});
await new Promise((r) => server.listen(PORT, '127.0.0.1', r));
const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: [...CHROMIUM_ARGS],
});
try {
  // wasm with 1 and 2 threads, then WebGL (SwiftShader here: no GPU on these machines).
  for (const [backend, threads] of [
    ['wasm', 1],
    ['wasm', 2],
    ['webgl', 0],
  ]) {
    const p = await browser.newPage();
    // tfjs caps its pool at half of navigator.hardwareConcurrency (one thread on 2 cores); the site's
    // worker reports twice the wanted count while wasm starts (src/workers/backends.ts), and so does this.
    const cores = Number(process.env.BENCH_CORES ?? (threads > 1 ? 2 * threads : 0));
    if (cores) await p.addInitScript(`Object.defineProperty(navigator, 'hardwareConcurrency', { get: () => ${cores} })`);
    p.on('pageerror', (e) => console.error('page error:', e.message));
    await p.goto(`http://127.0.0.1:${PORT}/`);
    await p.waitForFunction(() => typeof window.runBench === 'function');
    const r = await p.evaluate(
      ([t, s, b, be]) => window.runBench(t, s, b, be),
      [threads, backend === 'webgl' ? Math.min(STEPS, 2) : STEPS, BATCH, backend],
    );
    const what =
      backend === 'wasm'
        ? `wasm, ${r.threads} thread${r.threads === 1 ? ' ' : 's'} (isolated: ${r.isolated}, threads supported: ${r.mt})`
        : 'WebGL (SwiftShader)';
    console.log(
      `ResNet-20, width 16   Chromium ${what}  ${((1000 * BATCH) / r.stepMs).toFixed(1).padStart(6)} img/s train (${r.stepMs.toFixed(0)} ms/step) | ${((1000 * BATCH) / r.fwdMs).toFixed(0).padStart(5)} img/s forward (${r.fwdMs.toFixed(0)} ms)`,
    );
    await p.close();
  }
} finally {
  await browser.close();
  server.close();
}
