/**
 * The loss of a trained `Net` around its weights θ: at θ + α·δ + β·η for two directions δ, η
 * (directions.ts), on a fixed set of images, in inference mode (batch norm on its moving statistics,
 * which never move). Over an n × n grid of α, β ∈ [−r, r] (n odd, so the centre is the trained net)
 * and along 1-D slices.
 *
 * The net's own variables are moved to each point and put back exactly (bit for bit) at the end, on
 * every path: abort, fault or success. So nothing else may use the net while a map is computed.
 * The signal is checked between points; everything made here is freed on every path. Reads are
 * `await data()` only (GPU backends).
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { Net } from '../train/net';
import { crossEntropy } from '../train/trainer';
import type { Direction } from './directions';
import { gridCoords, type LandscapeGrid, type LandscapeSlice } from './coords';
import type { Tf } from '../tf';

/** Images and labels the loss is measured on (already normalised as in training). */
export interface LossSet {
  readonly x: tfjs.Tensor4D;
  readonly y: tfjs.Tensor1D;
}

export interface LandscapeRunOptions {
  readonly signal?: AbortSignal;
  /** After each point: how many are done, out of how many. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Images per forward pass (memory: a deep net keeps every layer's output). Default 64. */
  readonly batchSize?: number;
}

export { gridCoords, type LandscapeGrid, type LandscapeSlice } from './coords';

function abortError(signal: AbortSignal): unknown {
  const r: unknown = signal.reason;
  return typeof r === 'object' && r !== null && (r as { name?: unknown }).name === 'AbortError'
    ? r
    : new DOMException('The landscape was cancelled.', 'AbortError');
}

/** Mean cross-entropy of the net as it stands, on the whole set (inference mode). */
export async function setLoss(tf: Tf, net: Net, set: LossSet, batchSize = 64): Promise<number> {
  const n = set.x.shape[0];
  const sums: tfjs.Scalar[] = [];
  try {
    for (let s = 0; s < n; s += batchSize) {
      const size = Math.min(batchSize, n - s);
      sums.push(
        tf.tidy(() => {
          const x = tf.slice(set.x, [s, 0, 0, 0], [size, -1, -1, -1]);
          const y = tf.slice(set.y, [s], [size]);
          return tf.mul(crossEntropy(tf, net.logits(x, { training: false }), y), size);
        }),
      );
    }
    const values = await Promise.all(sums.map((t) => t.data()));
    return values.reduce((a, v) => a + v[0]!, 0) / n;
  } finally {
    tf.dispose(sums);
  }
}

/**
 * The loss at each point (α, β): weights θ + α·dirs[0] + β·dirs[1] (β ignored with one direction).
 * Non-finite losses are returned as they are (a chaotic landscape may overflow).
 */
export async function lossesAt(
  tf: Tf,
  net: Net,
  dirs: readonly Direction[],
  set: LossSet,
  points: readonly (readonly [number, number])[],
  opts: LandscapeRunOptions = {},
): Promise<number[]> {
  const vars = net.trainable;
  for (const d of dirs) if (d.tensors.length !== vars.length) throw new Error('This direction belongs to another net');
  const { signal } = opts;
  if (signal?.aborted) throw abortError(signal);
  // Only the variables some direction moves (kernels) are written; the rest stay as they are.
  const moved = vars.map((_, k) => dirs.some((d) => d.moves[k] === true));
  const origin: (tfjs.Tensor | null)[] = vars.map((v, k) => (moved[k] ? tf.clone(v) : null));
  const out: number[] = [];
  try {
    for (const [a, b] of points) {
      if (signal?.aborted) throw abortError(signal);
      tf.tidy(() => {
        vars.forEach((v, k) => {
          const o = origin[k];
          if (!o) return;
          const coef = [a, b];
          let w: tfjs.Tensor = o;
          dirs.forEach((d, di) => {
            if (coef[di] !== 0) w = tf.add(w, tf.mul(d.tensors[k]!, coef[di]!));
          });
          v.assign(w);
        });
      });
      out.push(await setLoss(tf, net, set, opts.batchSize));
      opts.onProgress?.(out.length, points.length);
    }
    return out;
  } finally {
    tf.tidy(() => {
      vars.forEach((v, k) => {
        const o = origin[k];
        if (o) v.assign(o);
      });
    });
    tf.dispose(origin.filter((o): o is tfjs.Tensor => o !== null));
  }
}

/** The loss over an n × n grid of α, β ∈ [−range, range] along two directions (rows are β). */
export async function lossGrid(
  tf: Tf,
  net: Net,
  dirs: readonly [Direction, Direction],
  set: LossSet,
  grid: { readonly n: number; readonly range?: number },
  opts: LandscapeRunOptions = {},
): Promise<LandscapeGrid> {
  const range = grid.range ?? 1;
  const c = gridCoords(grid.n, range);
  const points = c.flatMap((b) => c.map((a) => [a, b] as const));
  return { n: grid.n, range, loss: await lossesAt(tf, net, dirs, set, points, opts) };
}

/** The loss along one direction, at n points of α ∈ [−range, range]. */
export async function lossSlice(
  tf: Tf,
  net: Net,
  dir: Direction,
  set: LossSet,
  slice: { readonly n: number; readonly range?: number },
  opts: LandscapeRunOptions = {},
): Promise<LandscapeSlice> {
  const range = slice.range ?? 1;
  const points = gridCoords(slice.n, range).map((a) => [a, 0] as const);
  return { n: slice.n, range, loss: await lossesAt(tf, net, [dir], set, points, opts) };
}
