/**
 * Convolution gradients for the tfjs wasm backend, built on its fast forward `Conv2D` (XNNPACK).
 * tfjs 4.22's wasm backend has no `Conv2DBackpropFilter` at all and its `Conv2DBackpropInput` is a
 * plain loop, so training a conv net on wasm either fails or crawls. Both gradients are convolutions
 * themselves (the maths of issue 9):
 *
 * - Filter gradient dW[a, b, ci, co] = Σ_{n,i,j} xpad[n, i·s + a, j·s + b, ci] · dy[n, i, j, co]:
 *   a 'valid' forward conv of the padded input with batch and channels swapped (`[C_in, H, W, N]`)
 *   by the "filter" dy moved to `[H_out, W_out, N, C_out]`, dilated by the stride. The padded input
 *   is cropped so the output is exactly `[C_in, k_h, k_w, C_out]`, then transposed to
 *   `[k_h, k_w, C_in, C_out]`.
 * - Input gradient: a 'valid' conv of dy dilated by the stride (zeros between rows and columns),
 *   padded by k − 1 − pad before and by whatever makes the output the input's size after, with the
 *   filter flipped in both spatial axes and its in/out channels swapped.
 *
 * The kernels call the backend's own kernel functions (Transpose, PadV2, Slice, Reverse, Reshape,
 * Conv2D) on TensorInfos and free every intermediate, so they work wherever the wasm backend runs
 * (Node, a page, a Web Worker). tfjs is passed in: the registration must happen on the same tfjs
 * instance that owns the backend.
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { Tf } from '../tf';

type TensorInfo = tfjs.TensorInfo;
type Pad = 'same' | 'valid' | number | [[number, number], [number, number], [number, number], [number, number]];

/**
 * The parts of the wasm backend these kernels use (the full class is not exported as a type).
 *
 * Wasm only, by construction: both kernels are registered with `backendName: 'wasm'`, so tfjs
 * dispatches them only to the wasm backend, and the `backend` they receive is always that backend.
 * `typedArrayFromHeap` (the naive benchmark kernel) is a view on the wasm module's own memory, not
 * a read from a GPU; nothing here calls `readSync`/`dataSync`, and these kernels never run on
 * WebGL or WebGPU.
 */
interface WasmBackendLike {
  disposeData(dataId: object, force?: boolean): boolean;
  makeOutput(shape: number[], dtype: 'float32'): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): Float32Array;
}

interface Ctx {
  readonly tf: Tf;
  readonly backend: WasmBackendLike;
}

/** Runs another registered wasm kernel directly on TensorInfos (no tape, no engine tracking). */
function run(ctx: Ctx, name: string, inputs: Record<string, TensorInfo>, attrs: Record<string, unknown>): TensorInfo {
  const kernel = ctx.tf.getKernel(name, 'wasm');
  if (!kernel) throw new Error(`wasm kernel ${name} is not registered`);
  return kernel.kernelFunc({ inputs: inputs as never, attrs: attrs as never, backend: ctx.backend as never }) as TensorInfo;
}

const free = (ctx: Ctx, ...infos: TensorInfo[]): void => {
  for (const t of infos) ctx.backend.disposeData(t.dataId);
};

function reshape(ctx: Ctx, x: TensorInfo, shape: number[]): TensorInfo {
  return run(ctx, 'Reshape', { x }, { shape });
}

/** Crops (negative amounts) or zero-pads (positive) rows and columns of an NHWC tensor. */
function padOrCrop(ctx: Ctx, x: TensorInfo, top: number, bottom: number, left: number, right: number): TensorInfo {
  const [n, h, w, c] = x.shape as [number, number, number, number];
  let cur = x;
  const owned: TensorInfo[] = [];
  if (top < 0 || bottom < 0 || left < 0 || right < 0) {
    const t = Math.max(0, -top);
    const l = Math.max(0, -left);
    const hh = h - t - Math.max(0, -bottom);
    const ww = w - l - Math.max(0, -right);
    cur = run(ctx, 'Slice', { x: cur }, { begin: [0, t, l, 0], size: [n, hh, ww, c] });
    owned.push(cur);
  }
  if (top > 0 || bottom > 0 || left > 0 || right > 0) {
    const padded = run(
      ctx,
      'PadV2',
      { x: cur },
      {
        paddings: [
          [0, 0],
          [Math.max(0, top), Math.max(0, bottom)],
          [Math.max(0, left), Math.max(0, right)],
          [0, 0],
        ],
        constantValue: 0,
      },
    );
    free(ctx, ...owned);
    return padded;
  }
  if (owned.length === 0) return run(ctx, 'Identity', { x: cur }, {});
  return cur;
}

/** Inserts s − 1 zero rows/columns after every row/column of dy (the last ones included). */
function dilate(ctx: Ctx, dy: TensorInfo, sh: number, sw: number): TensorInfo {
  const [n, h, w, c] = dy.shape as [number, number, number, number];
  const a = reshape(ctx, dy, [n * h * w, 1, c]);
  const b = run(
    ctx,
    'PadV2',
    { x: a },
    {
      paddings: [
        [0, 0],
        [0, sw - 1],
        [0, 0],
      ],
      constantValue: 0,
    },
  );
  const d = reshape(ctx, b, [n * h, 1, w * sw * c]);
  const e = run(
    ctx,
    'PadV2',
    { x: d },
    {
      paddings: [
        [0, 0],
        [0, sh - 1],
        [0, 0],
      ],
      constantValue: 0,
    },
  );
  const out = reshape(ctx, e, [n, h * sh, w * sw, c]);
  free(ctx, a, b, d, e);
  return out;
}

function convInfo(tf: Tf, xShape: number[], filterShape: number[], strides: number | [number, number], pad: Pad, dimRoundingMode: unknown) {
  return tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    strides,
    1,
    pad as never,
    dimRoundingMode as never,
    false,
    'channelsLast',
  );
}

interface FilterAttrs {
  strides: number | [number, number];
  pad: Pad;
  dataFormat?: string;
  dimRoundingMode?: unknown;
  filterShape: number[];
}
interface InputAttrs {
  strides: number | [number, number];
  pad: Pad;
  dataFormat?: string;
  dimRoundingMode?: unknown;
  inputShape: number[];
}

function checkFormat(dataFormat: string | undefined): void {
  if (dataFormat !== undefined && dataFormat !== 'NHWC') throw new Error(`wasm conv gradients support NHWC only, got ${dataFormat}`);
}

/** dW as one forward convolution (see the file comment). */
export function conv2DBackpropFilterFast(ctx: Ctx, x: TensorInfo, dy: TensorInfo, attrs: FilterAttrs): TensorInfo {
  checkFormat(attrs.dataFormat);
  const info = convInfo(ctx.tf, x.shape, attrs.filterShape, attrs.strides, attrs.pad, attrs.dimRoundingMode);
  const {
    strideHeight: sh,
    strideWidth: sw,
    filterHeight: kh,
    filterWidth: kw,
    outHeight: ho,
    outWidth: wo,
    inHeight: h,
    inWidth: w,
    padInfo,
  } = info;
  const needH = kh + (ho - 1) * sh;
  const needW = kw + (wo - 1) * sw;
  const xt = run(ctx, 'Transpose', { x }, { perm: [3, 1, 2, 0] }); // [C_in, H, W, N]
  const xp = padOrCrop(ctx, xt, padInfo.top, needH - h - padInfo.top, padInfo.left, needW - w - padInfo.left);
  const f = run(ctx, 'Transpose', { x: dy }, { perm: [1, 2, 0, 3] }); // [H_out, W_out, N, C_out]
  const conv = run(
    ctx,
    'Conv2D',
    { x: xp, filter: f },
    {
      strides: 1,
      pad: 'valid',
      dataFormat: 'NHWC',
      dilations: [sh, sw],
      dimRoundingMode: undefined,
    },
  ); // [C_in, k_h, k_w, C_out]
  const out = run(ctx, 'Transpose', { x: conv }, { perm: [1, 2, 0, 3] });
  free(ctx, xt, xp, f, conv);
  return out;
}

/** dx as one forward convolution (see the file comment). */
export function conv2DBackpropInputFast(ctx: Ctx, dy: TensorInfo, filter: TensorInfo, attrs: InputAttrs): TensorInfo {
  checkFormat(attrs.dataFormat);
  const info = convInfo(ctx.tf, attrs.inputShape, filter.shape, attrs.strides, attrs.pad, attrs.dimRoundingMode);
  const { strideHeight: sh, strideWidth: sw, filterHeight: kh, filterWidth: kw, inHeight: h, inWidth: w, padInfo } = info;
  const owned: TensorInfo[] = [];
  let d = dy;
  if (sh > 1 || sw > 1) {
    d = dilate(ctx, dy, sh, sw);
    owned.push(d);
  }
  const [, dh, dw] = d.shape as [number, number, number, number];
  const top = kh - 1 - padInfo.top;
  const left = kw - 1 - padInfo.left;
  const dp = padOrCrop(ctx, d, top, h + kh - 1 - top - dh, left, w + kw - 1 - left - dw);
  const flipped = run(ctx, 'Reverse', { x: filter }, { dims: [0, 1] });
  const f = run(ctx, 'Transpose', { x: flipped }, { perm: [0, 1, 3, 2] }); // [k_h, k_w, C_out, C_in]
  const out = run(
    ctx,
    'Conv2D',
    { x: dp, filter: f },
    {
      strides: 1,
      pad: 'valid',
      dataFormat: 'NHWC',
      dilations: 1,
      dimRoundingMode: undefined,
    },
  );
  free(ctx, ...owned, dp, flipped, f);
  return out;
}

/** The slow path for comparison: dW by direct summation in JavaScript (what a backend without a
 * filter-gradient kernel would have to do). For benchmarks only. */
export function conv2DBackpropFilterNaive(ctx: Ctx, x: TensorInfo, dy: TensorInfo, attrs: FilterAttrs): TensorInfo {
  const info = convInfo(ctx.tf, x.shape, attrs.filterShape, attrs.strides, attrs.pad, attrs.dimRoundingMode);
  const {
    strideHeight: sh,
    strideWidth: sw,
    filterHeight: kh,
    filterWidth: kw,
    outHeight: ho,
    outWidth: wo,
    inHeight: h,
    inWidth: w,
    inChannels: ci,
    outChannels: co,
    batchSize: n,
    padInfo,
  } = info;
  const xs = ctx.backend.typedArrayFromHeap(x);
  const dys = ctx.backend.typedArrayFromHeap(dy);
  const out = ctx.backend.makeOutput([kh, kw, ci, co], 'float32');
  const dw = ctx.backend.typedArrayFromHeap(out);
  dw.fill(0);
  for (let a = 0; a < kh; a++)
    for (let b = 0; b < kw; b++) {
      for (let b0 = 0; b0 < n; b0++)
        for (let i = 0; i < ho; i++) {
          const r = i * sh + a - padInfo.top;
          if (r < 0 || r >= h) continue;
          for (let j = 0; j < wo; j++) {
            const c = j * sw + b - padInfo.left;
            if (c < 0 || c >= w) continue;
            const xo = ((b0 * h + r) * w + c) * ci;
            const yo = ((b0 * ho + i) * wo + j) * co;
            const wo0 = (a * kw + b) * ci * co;
            for (let p = 0; p < ci; p++) {
              const xv = xs[xo + p]!;
              const base = wo0 + p * co;
              for (let q = 0; q < co; q++) dw[base + q]! += xv * dys[yo + q]!;
            }
          }
        }
    }
  return out;
}

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
