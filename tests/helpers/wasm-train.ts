// Starts tfjs on the wasm backend with the fast convolution-gradient kernels (what training uses).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmGradKernels } from '../../src/lib/train/wasm-grad-kernels';
import { FASHION_FILES, decodeFashionMnist, type FashionMnist } from '../../src/lib/train/fashion-mnist';

let started: Promise<typeof tf> | null = null;

/** tfjs on wasm (threads set explicitly: 2 on these machines), gradient kernels registered. */
export function wasmTf(threads = 2): Promise<typeof tf> {
  started ??= (async () => {
    setThreadsCount(threads);
    registerWasmGradKernels(tf);
    await tf.setBackend('wasm');
    await tf.ready();
    return tf;
  })();
  return started;
}

/** Runs fn on another backend and switches back to wasm (tensors made inside are disposed). An
 * async fn is awaited before switching back (else it would run on wasm after its first await). */
export async function onBackend<T>(name: 'cpu' | 'wasm', fn: () => T | Promise<T>): Promise<T> {
  const before = tf.getBackend();
  await tf.setBackend(name);
  try {
    return await fn();
  } finally {
    await tf.setBackend(before);
  }
}

export const FASHION_DIR = join(resolve(import.meta.dirname, '../..'), 'public', 'data', 'fashion-mnist');

let fashion: Promise<FashionMnist> | null = null;

/** The committed Fashion-MNIST subset, decoded once per test file. */
export function committedFashion(): Promise<FashionMnist> {
  fashion ??= decodeFashionMnist({
    trainImages: readFileSync(join(FASHION_DIR, FASHION_FILES.trainImages)),
    trainLabels: readFileSync(join(FASHION_DIR, FASHION_FILES.trainLabels)),
    testImages: readFileSync(join(FASHION_DIR, FASHION_FILES.testImages)),
    testLabels: readFileSync(join(FASHION_DIR, FASHION_FILES.testLabels)),
  });
  return fashion;
}
