/**
 * Registers convolution gradients for the tfjs wasm backend, built on its fast forward `Conv2D`
 * (the kernels and their maths: wasm-conv-grads.ts). tfjs 4.22's wasm backend has no
 * `Conv2DBackpropFilter` at all and its `Conv2DBackpropInput` is a plain loop, so training a conv
 * net on wasm either fails or crawls. tfjs is passed in: the registration must happen on the same
 * tfjs instance that owns the backend.
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { Tf } from '../tf';
import {
  conv2DBackpropFilterFast,
  conv2DBackpropFilterNaive,
  conv2DBackpropInputFast,
  type FilterAttrs,
  type InputAttrs,
} from './wasm-conv-grads';
import type { Ctx, WasmBackendLike } from './wasm-kernel-ops';

type TensorInfo = tfjs.TensorInfo;

export type GradKernelMode = 'fast' | 'naive';

const originals = new WeakMap<Tf, tfjs.KernelConfig | undefined>();

/**
 * Registers `Conv2DBackpropFilter` and `Conv2DBackpropInput` for the wasm backend on this tfjs.
 * Call once, before or after `setBackend('wasm')` (the kernels need no setup). `'naive'` installs
 * the JavaScript filter gradient and restores tfjs' own input-gradient loop (benchmarks only).
 */
export function registerWasmGradKernels(tf: Tf, mode: GradKernelMode = 'fast'): void {
  if (!originals.has(tf)) originals.set(tf, tf.getKernel('Conv2DBackpropInput', 'wasm'));
  for (const name of ['Conv2DBackpropFilter', 'Conv2DBackpropInput']) {
    if (tf.getKernel(name, 'wasm')) tf.unregisterKernel(name, 'wasm');
  }
  const ctxOf = (backend: unknown): Ctx => ({ tf, backend: backend as WasmBackendLike });
  tf.registerKernel({
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc: ({ inputs, attrs, backend }) => {
      const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
      const a = attrs as unknown as FilterAttrs;
      return mode === 'fast' ? conv2DBackpropFilterFast(ctxOf(backend), x, dy, a) : conv2DBackpropFilterNaive(ctxOf(backend), x, dy, a);
    },
  });
  const original = originals.get(tf);
  if (mode === 'naive' && original) {
    tf.registerKernel(original);
    // tfjs runs a kernel's setup (binding its C++ function) when the backend starts; a kernel put
    // back after that needs its setup run by hand.
    const started = tf.findBackend('wasm');
    if (started && original.setupFunc) original.setupFunc(started);
    return;
  }
  tf.registerKernel({
    kernelName: 'Conv2DBackpropInput',
    backendName: 'wasm',
    kernelFunc: ({ inputs, attrs, backend }) => {
      const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
      return conv2DBackpropInputFast(ctxOf(backend), dy, filter, attrs as unknown as InputAttrs);
    },
  });
}
