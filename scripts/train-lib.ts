// The training library for the Node scripts run with tsx (train-tiny, train-reference, gradient-flow,
// bench-train): the TypeScript sources themselves, on the project's own @tensorflow packages; and tfjs
// started on the wasm backend.
import os from 'node:os';
import * as tf from '@tensorflow/tfjs';
import * as wasm from '@tensorflow/tfjs-backend-wasm';
import * as train from '../src/lib/train/index';
import { buildModel } from '../src/lib/arch/tfjs-model';
import { analyze, cifarResnetSpec } from '../src/lib/arch';
import type { GradKernelMode } from '../src/lib/train/wasm-grad-kernels';

export const trainLib = { ...train, buildModel, cifarResnetSpec, analyze };

/** tfjs on wasm, `setThreadsCount(threads)` set explicitly, the fast gradient kernels registered.
 * Returns the thread count the backend reports using. */
export async function startWasm(threads: number, mode: GradKernelMode = 'fast'): Promise<{ tf: typeof tf; threads: number }> {
  // Note: tfjs 4.22 turns wasm threads off in Node (flag WASM_HAS_MULTITHREAD_SUPPORT is false
  // there, tfjs issue 3830), so the count actually used (returned) is 1 in Node whatever is asked.
  wasm.setThreadsCount(threads);
  train.registerWasmGradKernels(tf, mode);
  await tf.setBackend('wasm');
  await tf.ready();
  return { tf, threads: wasm.getThreadsCount() };
}

export function machine(): { cpu: string; cores: number; memoryGiB: number; node: string; platform: string } {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
  };
}
