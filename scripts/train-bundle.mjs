// Bundles the training library (TypeScript) for Node scripts, tfjs left external so the bundle
// uses the project's own @tensorflow packages; then starts tfjs on the requested backend.
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';

export async function loadTrainLib(name) {
  const out = await build({
    stdin: {
      contents: `export * from './src/lib/train/index';
        export { buildModel } from './src/lib/arch/tfjs-model';
        export { cifarResnetSpec, analyze } from './src/lib/arch';`,
      resolveDir: process.cwd(),
      loader: 'ts',
    },
    bundle: true, format: 'esm', platform: 'node', write: false, external: ['@tensorflow/*'],
  });
  mkdirSync('node_modules/.cache', { recursive: true });
  const file = new URL(`../node_modules/.cache/${name}.mjs`, import.meta.url);
  writeFileSync(file, out.outputFiles[0].text);
  return import(file.href);
}

/** tfjs on wasm, `setThreadsCount(threads)` set explicitly, the fast gradient kernels registered.
 * Returns the thread count the backend reports using. */
export async function startWasm(lib, threads, mode = 'fast') {
  const tf = await import('@tensorflow/tfjs');
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  // Note: tfjs 4.22 turns wasm threads off in Node (flag WASM_HAS_MULTITHREAD_SUPPORT is false
  // there, tfjs issue 3830), so the count actually used (returned) is 1 in Node whatever is asked.
  wasm.setThreadsCount(threads);
  lib.registerWasmGradKernels(tf, mode);
  await tf.setBackend('wasm');
  await tf.ready();
  return { tf, threads: wasm.getThreadsCount() };
}

export function machine() {
  const cpus = os.cpus();
  return { cpu: cpus[0]?.model ?? 'unknown', cores: cpus.length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.arch()}` };
}
