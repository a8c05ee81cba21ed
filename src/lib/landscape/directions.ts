/**
 * Random directions in weight space with filter normalisation (Li, Xu, Taylor, Studer & Goldstein
 * 2018, §4): a direction δ has one tensor per trainable variable of a `Net`, Gaussian for every conv
 * and fc kernel, each filter (output channel: the kernel's last axis, an fc unit counting as a 1×1
 * filter) then rescaled to the Frobenius norm of the same filter in the weights, ‖δ_j‖ = ‖θ_j‖.
 * Biases and batch-norm parameters get a zero direction, as Li et al. do; the moving statistics are
 * not trainable and never move. Seeded (src/lib/train/rng.ts): the same net, seed and label give the
 * same direction bit for bit, on any backend.
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { Net } from '../train/net';
import { mulberry32, normals, subSeed } from '../train/rng';
import type { Tf } from '../tf';

/** A direction in a net's weight space: `tensors[i]` goes with `net.trainable[i]`. */
export interface Direction {
  readonly seed: number;
  readonly tensors: readonly tfjs.Tensor[];
  /** Whether `tensors[i]` is a (filter-normalised) kernel direction; false: zero (bias, batch norm). */
  readonly moves: readonly boolean[];
}

/** The layer name of each conv and fc kernel among the net's variables. */
function kernelLayers(net: Net): Map<tfjs.Variable, string> {
  const out = new Map<tfjs.Variable, string>();
  for (const step of net.weightSteps) {
    const k = net.params.get(step.spec.name)?.kernel;
    if (k) out.set(k, step.spec.name);
  }
  return out;
}

/** `d` with each filter (slice along the last axis) rescaled to the norm of the same filter of `w`. */
function filterNormalise(tf: Tf, d: tfjs.Tensor, w: tfjs.Tensor): tfjs.Tensor {
  return tf.tidy(() => {
    const axes = d.shape.slice(0, -1).map((_, i) => i);
    const norm = (t: tfjs.Tensor): tfjs.Tensor => tf.sqrt(tf.sum(tf.square(t), axes, true));
    return tf.mul(d, tf.div(norm(w), tf.maximum(norm(d), 1e-12)));
  });
}

/**
 * A filter-normalised random direction for `net`'s current weights. `seed` names the direction (the
 * x and y axes of a plot use two seeds); each layer draws from its own stream (`subSeed(seed, name)`),
 * so a direction does not depend on variable names' global prefixes or on the order of creation.
 */
export function randomDirection(tf: Tf, net: Net, seed: number): Direction {
  const kernels = kernelLayers(net);
  const tensors = tf.tidy(() =>
    net.trainable.map((v) => {
      const layer = kernels.get(v);
      if (layer === undefined) return tf.zerosLike(v);
      const size = v.shape.reduce((a, b) => a * b, 1);
      const raw = tf.tensor(normals(mulberry32(subSeed(seed, `landscape/${layer}`)), size), v.shape, 'float32');
      return filterNormalise(tf, raw, v);
    }),
  );
  return { seed, tensors, moves: net.trainable.map((v) => kernels.has(v)) };
}

export function disposeDirection(tf: Tf, d: Direction): void {
  tf.dispose([...d.tensors]);
}
