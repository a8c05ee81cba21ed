/**
 * Tensor operations for the wasm gradient kernels, on TensorInfos with no tape.
 * They call the backend's own kernel functions (Transpose, PadV2, Slice, Reverse, Reshape, Conv2D)
 * and the gradients free every intermediate, so they work wherever the wasm backend runs (Node, a
 * page, a Web Worker).
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { Tf } from '../tf';

type TensorInfo = tfjs.TensorInfo;

/**
 * The parts of the wasm backend these kernels use (the full class is not exported as a type).
 *
 * Wasm only, by construction: both kernels are registered with `backendName: 'wasm'`, so tfjs
 * dispatches them only to the wasm backend, and the `backend` they receive is always that backend.
 * `typedArrayFromHeap` (the naive benchmark kernel) is a view on the wasm module's own memory, not
 * a read from a GPU; nothing here calls `readSync`/`dataSync`, and these kernels never run on
 * WebGL or WebGPU.
 */
export interface WasmBackendLike {
  disposeData(dataId: object, force?: boolean): boolean;
  makeOutput(shape: number[], dtype: 'float32'): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): Float32Array;
}

/** What each kernel call gets: the tfjs that owns the backend, and the backend. */
export interface Ctx {
  readonly tf: Tf;
  readonly backend: WasmBackendLike;
}

/** Runs another registered wasm kernel directly on TensorInfos (no tape, no engine tracking). */
export function run(ctx: Ctx, name: string, inputs: Record<string, TensorInfo>, attrs: Record<string, unknown>): TensorInfo {
  const kernel = ctx.tf.getKernel(name, 'wasm');
  if (!kernel) throw new Error(`wasm kernel ${name} is not registered`);
  return kernel.kernelFunc({ inputs: inputs as never, attrs: attrs as never, backend: ctx.backend as never }) as TensorInfo;
}

export const free = (ctx: Ctx, ...infos: TensorInfo[]): void => {
  for (const t of infos) ctx.backend.disposeData(t.dataId);
};

function reshape(ctx: Ctx, x: TensorInfo, shape: number[]): TensorInfo {
  return run(ctx, 'Reshape', { x }, { shape });
}

/** Crops (negative amounts) or zero-pads (positive) rows and columns of an NHWC tensor. */
export function padOrCrop(ctx: Ctx, x: TensorInfo, top: number, bottom: number, left: number, right: number): TensorInfo {
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
export function dilate(ctx: Ctx, dy: TensorInfo, sh: number, sw: number): TensorInfo {
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
