/**
 * Training a `Net`: batches in a seeded order, one SGD-with-momentum step, error on a set, and the
 * per-layer gradient norms of one real backward pass. tfjs is passed in; every function frees what
 * it makes (the caller owns only what it is handed back).
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { ImageSet } from './fashion-mnist';
import type { Net } from './net';
import type { BatchStats } from './batch-norm';
import type { LayerGradNorm } from '../data/gradient-flow';
import { mulberry32, permutation, subSeed } from './rng';
import type { Tf } from '../tf';

export type { LayerGradNorm };

export interface Normalisation {
  readonly mean: number;
  readonly std: number;
}

/** Images idx[0..] of a set as a normalised float batch [n, rows, cols, 1] and their labels. */
export function makeBatch(tf: Tf, set: ImageSet, idx: ArrayLike<number>, norm: Normalisation): { x: tfjs.Tensor4D; y: tfjs.Tensor1D } {
  const px = set.rows * set.cols;
  const n = idx.length;
  const xs = new Float32Array(n * px);
  const ys = new Int32Array(n);
  const scale = 1 / (255 * norm.std);
  const shift = norm.mean / norm.std;
  for (let i = 0; i < n; i++) {
    const k = idx[i]!;
    const o = k * px;
    for (let p = 0; p < px; p++) xs[i * px + p] = set.images[o + p]! * scale - shift;
    ys[i] = set.labels[k]!;
  }
  return { x: tf.tensor4d(xs, [n, set.rows, set.cols, 1]), y: tf.tensor1d(ys, 'int32') };
}

/** Seeded batch order: a new permutation of the set every epoch, the same for the same seed. */
export class BatchOrder {
  private readonly rand: () => number;
  private perm: Uint32Array;
  private pos = 0;
  epoch = 0;
  constructor(
    private readonly count: number,
    private readonly batchSize: number,
    seed: number,
  ) {
    this.rand = mulberry32(subSeed(seed, 'batches'));
    this.perm = permutation(this.rand, count);
  }
  next(): Uint32Array {
    if (this.pos + this.batchSize > this.count) {
      this.perm = permutation(this.rand, this.count);
      this.pos = 0;
      this.epoch++;
    }
    const b = this.perm.subarray(this.pos, this.pos + this.batchSize);
    this.pos += this.batchSize;
    return b;
  }
}

/** Mean softmax cross-entropy of logits against integer labels. */
export function crossEntropy(tf: Tf, logits: tfjs.Tensor2D, labels: tfjs.Tensor1D): tfjs.Scalar {
  return tf.tidy(() => {
    const onehot = tf.oneHot(labels, logits.shape[1]);
    return tf.neg(tf.mean(tf.sum(tf.mul(onehot, tf.logSoftmax(logits)), 1))) as tfjs.Scalar;
  });
}

export interface SgdSettings {
  readonly learningRate: number;
  /** Default 0.9 (He et al.). */
  readonly momentum?: number;
  /** L2 weight decay on conv and fc kernels. Default 1e-4 (He et al.). */
  readonly weightDecay?: number;
}

/** SGD with momentum (v ← μv + g + λw; w ← w − ηv, PyTorch's form), its velocities as variables. */
export class Sgd {
  private readonly velocity = new Map<tfjs.Variable, tfjs.Variable>();
  constructor(
    private readonly tf: Tf,
    private readonly net: Net,
    public settings: SgdSettings,
  ) {}

  apply(grads: Record<string, tfjs.Tensor>): void {
    const { tf } = this;
    const mu = this.settings.momentum ?? 0.9;
    const wd = this.settings.weightDecay ?? 1e-4;
    const lr = this.settings.learningRate;
    tf.tidy(() => {
      for (const v of this.net.trainable) {
        const g = grads[v.name];
        if (!g) continue;
        let vel = this.velocity.get(v);
        if (!vel) {
          vel = tf.variable(tf.zerosLike(v), false);
          this.velocity.set(v, vel);
        }
        const decayed = wd > 0 && v.name.endsWith('/kernel') ? tf.add(g, tf.mul(v, wd)) : g;
        vel.assign(tf.add(tf.mul(vel, mu), decayed));
        v.assign(tf.sub(v, tf.mul(vel, lr)));
      }
    });
  }

  dispose(): void {
    for (const v of this.velocity.values()) v.dispose();
    this.velocity.clear();
  }
}

export interface StepResult {
  /** The batch's mean loss before the update (NaN or ±Infinity when the run diverged). */
  readonly loss: number;
  /** Wrong predictions in the batch (training mode, before the update). */
  readonly errors: number;
}

/**
 * One training step on one batch: forward in training mode, backward, update, moving averages.
 *
 * No synchronous read (GPU backends rule): the loss, the error count, a finite flag and the
 * gradients are computed inside `tidy`, the three scalars are read with one `await data()` outside
 * it, and only then, if the loss is finite, are the weights and the moving statistics updated.
 * Everything the step makes (gradients, batch statistics, scalars) is freed on every path.
 */
export async function trainStep(tf: Tf, net: Net, opt: Sgd, x: tfjs.Tensor4D, y: tfjs.Tensor1D): Promise<StepResult> {
  const stats = new Map<string, BatchStats>();
  // Set inside the closures below (hence the cast: no narrowing to null at the declaration).
  let errs = null as tfjs.Tensor | null;
  let out: { value: tfjs.Scalar; grads: tfjs.NamedTensorMap; finite: tfjs.Tensor } | null = null;
  try {
    out = tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => {
        // The batch statistics are made inside the gradient scope, which frees them on exit: keep
        // them for the moving averages, then free them below.
        const logits = net.logits(x, {
          training: true,
          onStats: (name, s) => stats.set(name, { mean: tf.keep(s.mean), variance: tf.keep(s.variance) }),
        });
        errs = tf.keep(tf.sum(tf.cast(tf.notEqual(tf.argMax(logits, 1), tf.cast(y, 'int32')), 'int32')));
        return crossEntropy(tf, logits, y);
      }, net.trainable as tfjs.Variable[]);
      return { value, grads, finite: tf.all(tf.isFinite(value)) };
    });
    if (!errs) throw new Error('no forward pass');
    const [finite, loss, errors] = await Promise.all([out.finite.data(), out.value.data(), errs.data()]);
    // A diverged step must not write NaN into the weights the caller may still want to inspect.
    if (finite[0] === 1) {
      opt.apply(out.grads);
      net.updateMovingStats(stats);
    }
    return { loss: loss[0]!, errors: errors[0]! };
  } finally {
    for (const st of stats.values()) tf.dispose([st.mean, st.variance]);
    if (errs) tf.dispose(errs);
    if (out) tf.dispose([out.value, out.finite, ...Object.values(out.grads)]);
  }
}

/** Predicted classes of a set in inference mode (moving statistics), in batches. */
export async function predict(tf: Tf, net: Net, set: ImageSet, norm: Normalisation, batch = 250, count = set.count): Promise<Int32Array> {
  const n = Math.min(count, set.count);
  const out = new Int32Array(n);
  for (let s = 0; s < n; s += batch) {
    const idx = Array.from({ length: Math.min(batch, n - s) }, (_, i) => s + i);
    const { x, y } = makeBatch(tf, set, idx, norm);
    const pred = tf.tidy(() => tf.argMax(net.logits(x, { training: false }), 1));
    out.set((await pred.data()) as Int32Array, s);
    tf.dispose([x, y, pred]);
  }
  return out;
}

/** Fraction of the first `count` images of a set classified wrongly (inference mode). */
export async function errorRate(tf: Tf, net: Net, set: ImageSet, norm: Normalisation, count = set.count, batch = 250): Promise<number> {
  const pred = await predict(tf, net, set, norm, batch, count);
  let wrong = 0;
  for (let i = 0; i < pred.length; i++) if (pred[i] !== set.labels[i]) wrong++;
  return wrong / pred.length;
}

/** Per-layer gradient norms from one backward pass (training mode, as a training step would see
 * it, without updating anything). Layers: every conv and fc step, projections included. */
export async function gradientNorms(tf: Tf, net: Net, x: tfjs.Tensor4D, y: tfjs.Tensor1D): Promise<LayerGradNorm[]> {
  const steps = net.weightSteps;
  const batch = x.shape[0];
  const norms = tf.tidy(() => {
    const probes = new Map<string, tfjs.Tensor>();
    for (const s of steps) {
      const shape = s.kind === 'fc' ? [batch, s.outShape.c] : [batch, s.outShape.h, s.outShape.w, s.outShape.c];
      probes.set(s.id, tf.zeros(shape));
    }
    const kernels = steps.map((s) => {
      const k = net.params.get(s.spec.name)?.kernel;
      if (!k) throw new Error(`${s.id}: no kernel`);
      return k;
    });
    const xs = [...probes.values(), ...kernels];
    const { grads } = tf.valueAndGrads((..._args: tfjs.Tensor[]) => crossEntropy(tf, net.logits(x, { training: true, probes }), y))(xs);
    return tf.stack(grads.map((g) => tf.norm(g)));
  });
  const v = await norms.data();
  norms.dispose();
  return steps.map((s, i) => ({
    id: s.id,
    layer: i + 1,
    stageIndex: s.stageIndex,
    outputGradNorm: v[i]!,
    outputGradRms: v[i]! / Math.sqrt(batch * s.outShape.h * s.outShape.w * s.outShape.c),
    weightGradNorm: v[steps.length + i]!,
  }));
}

/** A 10×10 (classes × classes) confusion matrix: rows are true labels, columns predictions. */
export function confusionMatrix(labels: ArrayLike<number>, predicted: ArrayLike<number>, classes = 10): number[][] {
  const m = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < predicted.length; i++) {
    const row = m[labels[i]!];
    if (row) row[predicted[i]!] = (row[predicted[i]!] ?? 0) + 1;
  }
  return m;
}
