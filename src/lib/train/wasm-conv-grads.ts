/**
 * Convolution gradients for the tfjs wasm backend, built on its fast forward `Conv2D` (XNNPACK).
 * Both gradients are convolutions themselves (the maths of issue 9):
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
 * Plus a slow JavaScript filter gradient, for benchmarks. Registered by wasm-grad-kernels.ts.
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { Tf } from '../tf';
import { dilate, free, padOrCrop, run, type Ctx } from './wasm-kernel-ops';

type TensorInfo = tfjs.TensorInfo;
type Pad = 'same' | 'valid' | number | [[number, number], [number, number], [number, number], [number, number]];

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

export interface FilterAttrs {
  strides: number | [number, number];
  pad: Pad;
  dataFormat?: string;
  dimRoundingMode?: unknown;
  filterShape: number[];
}
export interface InputAttrs {
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
