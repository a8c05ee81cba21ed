/**
 * A trainable net from an architecture spec, written with tfjs ops (not tfjs layers) so training
 * controls every detail the lab needs: seeded initialisation, batch norm with its own gradient, and
 * "probes" that expose the loss gradient with respect to any layer's output. The walk follows
 * `analyze(spec).steps`, the same steps (and layer names) `buildModel` turns into tfjs layers, so
 * the trained weights load into a layers model one to one (`toLayersWeights`).
 *
 * - Convs use the spec's padding explicitly (PyTorch's symmetric padding, as `buildModel` does).
 * - The option-A shortcut (subsample by the stride, append zero channels) is a fixed 1×1 conv with
 *   an identity-then-zeros filter: tfjs has no gradient for strided slices, and this costs little.
 * - The final softmax is left to the loss: `logits()` returns the scores before it.
 */
import type * as tfjs from '@tensorflow/tfjs';
import { analyze } from '../arch/analyze';
import type { AnalyzedModel, LayerInfo, ArchSpec, Shape } from '../arch/types';
import { BN_EPSILON, makeBatchNormTrain, type BatchStats } from './batch-norm';
import { mulberry32, normals, subSeed } from './rng';
import type { InitScheme } from '../data/gradient-flow';
import type { Tf } from '../tf';

export type { InitScheme };

export interface NetOptions {
  readonly input: Shape;
  readonly seed: number;
  readonly init?: InitScheme;
  /** Weight of the old value in the batch-norm moving averages. Default 0.9. */
  readonly bnMomentum?: number;
}

interface LayerParams {
  kernel?: tfjs.Variable;
  bias?: tfjs.Variable;
  gamma?: tfjs.Variable;
  beta?: tfjs.Variable;
  movingMean?: tfjs.Variable;
  movingVariance?: tfjs.Variable;
  /** The fixed filter of an option-A shortcut (not trained). */
  fixed?: tfjs.Tensor4D;
}

export interface ForwardOptions {
  /** Batch statistics (true) or moving averages (false) in batch norm. */
  readonly training: boolean;
  /** Zero tensors added to these steps' outputs: the gradient w.r.t. a probe is the gradient
   * w.r.t. that layer's output. */
  readonly probes?: ReadonlyMap<string, tfjs.Tensor>;
  /** Receives each batch-norm layer's batch statistics (training only). */
  readonly onStats?: (layer: string, stats: BatchStats) => void;
}

export interface Net {
  readonly spec: ArchSpec;
  readonly analysed: AnalyzedModel;
  /** Trainable variables, in walk order. */
  readonly trainable: readonly tfjs.Variable[];
  /** Conv and fc steps (the weight layers and projections), in walk order. */
  readonly weightSteps: readonly LayerInfo[];
  readonly params: ReadonlyMap<string, Readonly<LayerParams>>;
  logits(x: tfjs.Tensor4D, opts: ForwardOptions): tfjs.Tensor2D;
  /** Writes new moving averages from one step's batch statistics. */
  updateMovingStats(stats: ReadonlyMap<string, BatchStats>): void;
  dispose(): void;
}

function initKernel(
  tf: Tf,
  scheme: InitScheme,
  seed: number,
  prefix: string,
  name: string,
  shape: number[],
  fanIn: number,
  fanOut: number,
): tfjs.Variable {
  const size = shape.reduce((a, b) => a * b, 1);
  const rand = mulberry32(subSeed(seed, name));
  let values: Float32Array;
  if (scheme === 'he') {
    values = normals(rand, size);
    const std = Math.sqrt(2 / fanIn);
    for (let i = 0; i < size; i++) values[i]! *= std;
  } else {
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    values = new Float32Array(size);
    for (let i = 0; i < size; i++) values[i] = (rand() * 2 - 1) * limit;
  }
  return tf.variable(tf.tensor(values, shape, 'float32'), true, `${prefix}${name}/kernel`);
}

/** The option-A shortcut as a 1×1 conv: output channel c copies input channel c, the rest are 0. */
function shortcutFilter(tf: Tf, inC: number, outC: number): tfjs.Tensor4D {
  const v = new Float32Array(inC * outC);
  for (let c = 0; c < inC; c++) v[c * outC + c] = 1;
  return tf.tensor4d(v, [1, 1, inC, outC]);
}

// tfjs variable names are global: each net gets its own prefix.
let netCount = 0;

export function createNet(tf: Tf, spec: ArchSpec, opts: NetOptions): Net {
  const prefix = `${spec.id}#${++netCount}/`;
  const analysed = analyze(spec, opts.input);
  const scheme = opts.init ?? 'he';
  const momentum = opts.bnMomentum ?? 0.9;
  const bnTrain = makeBatchNormTrain(tf);
  const params = new Map<string, LayerParams>();
  const trainable: tfjs.Variable[] = [];
  const weightSteps: LayerInfo[] = [];
  // In a tidy: the initial-value tensors go, the variables (and the kept shortcut filters) stay.
  tf.tidy(() => {
    for (const step of analysed.steps) {
      const l = step.spec;
      const inC = step.inShape.c;
      if (l.kind === 'conv') {
        const kernel = initKernel(
          tf,
          scheme,
          opts.seed,
          prefix,
          l.name,
          [l.kernel, l.kernel, inC, l.filters],
          l.kernel * l.kernel * inC,
          l.kernel * l.kernel * l.filters,
        );
        const p: LayerParams = { kernel };
        trainable.push(kernel);
        if (l.bias === 'always') {
          p.bias = tf.variable(tf.zeros([l.filters]), true, `${prefix}${l.name}/bias`);
          trainable.push(p.bias);
        }
        params.set(l.name, p);
        weightSteps.push(step);
      } else if (l.kind === 'fc') {
        const fanIn = step.inShape.h * step.inShape.w * inC;
        const kernel = initKernel(tf, scheme, opts.seed, prefix, l.name, [fanIn, l.units], fanIn, l.units);
        const bias = tf.variable(tf.zeros([l.units]), true, `${prefix}${l.name}/bias`);
        trainable.push(kernel, bias);
        params.set(l.name, { kernel, bias });
        weightSteps.push(step);
      } else if (l.kind === 'bn') {
        const gamma = tf.variable(tf.ones([inC]), true, `${prefix}${l.name}/gamma`);
        const beta = tf.variable(tf.zeros([inC]), true, `${prefix}${l.name}/beta`);
        trainable.push(gamma, beta);
        params.set(l.name, {
          gamma,
          beta,
          movingMean: tf.variable(tf.zeros([inC]), false, `${prefix}${l.name}/moving_mean`),
          movingVariance: tf.variable(tf.ones([inC]), false, `${prefix}${l.name}/moving_variance`),
        });
      } else if (l.kind === 'pad-shortcut') {
        params.set(l.name, { fixed: tf.keep(shortcutFilter(tf, inC, l.filters)) });
      }
    }
  });

  const need = <T>(v: T | undefined, what: string): T => {
    if (v === undefined) throw new Error(`${spec.id}: missing ${what}`);
    return v;
  };

  function logits(x: tfjs.Tensor4D, f: ForwardOptions): tfjs.Tensor2D {
    const out = new Map<string, tfjs.Tensor>([['input', x]]);
    let last: tfjs.Tensor = x;
    for (const step of analysed.steps) {
      const l = step.spec;
      const [a, b] = step.inputs.map((id) => need(out.get(id), `input ${id} of ${step.id}`));
      const xin = need(a, `input of ${step.id}`);
      const p = params.get(l.name);
      let y: tfjs.Tensor;
      switch (l.kind) {
        case 'conv': {
          const pad =
            l.pad === 0
              ? 'valid'
              : ([
                  [0, 0],
                  [l.pad, l.pad],
                  [l.pad, l.pad],
                  [0, 0],
                ] as [[number, number], [number, number], [number, number], [number, number]]);
          y = tf.conv2d(xin as tfjs.Tensor4D, need(p?.kernel, 'kernel') as tfjs.Tensor4D, l.stride, pad);
          if (p?.bias) y = tf.add(y, p.bias);
          break;
        }
        case 'bn': {
          const q = need(p, 'bn params');
          const gamma = need(q.gamma, 'gamma') as tfjs.Tensor1D;
          const beta = need(q.beta, 'beta') as tfjs.Tensor1D;
          y = f.training
            ? bnTrain(xin as tfjs.Tensor4D, gamma, beta, f.onStats ? (s) => f.onStats?.(l.name, s) : undefined)
            : tf.batchNorm(xin as tfjs.Tensor4D, need(q.movingMean, 'mean'), need(q.movingVariance, 'variance'), beta, gamma, BN_EPSILON);
          break;
        }
        case 'relu':
          y = tf.relu(xin);
          break;
        case 'softmax':
          y = xin;
          break; // logits: the loss applies the softmax
        case 'maxpool': {
          const pad = l.pad === 0 ? 'valid' : l.pad;
          y = tf.maxPool(xin as tfjs.Tensor4D, l.size, l.stride, pad as never);
          break;
        }
        case 'global-avg-pool':
          y = tf.mean(xin, [1, 2]);
          break;
        case 'flatten':
          y = tf.reshape(xin, [xin.shape[0] ?? -1, -1]);
          break;
        case 'fc':
          y = tf.add(tf.matMul(xin as tfjs.Tensor2D, need(p?.kernel, 'kernel') as tfjs.Tensor2D), need(p?.bias, 'bias'));
          break;
        case 'add':
          y = tf.add(xin, need(b, `second input of ${step.id}`));
          break;
        case 'pad-shortcut':
          y = tf.conv2d(xin as tfjs.Tensor4D, need(p?.fixed, 'shortcut filter'), l.stride, 'valid');
          break;
      }
      const probe = f.probes?.get(step.id);
      if (probe) y = tf.add(y, probe);
      out.set(step.id, y);
      last = y;
    }
    return last as tfjs.Tensor2D;
  }

  return {
    spec,
    analysed,
    trainable,
    weightSteps,
    params,
    logits,
    updateMovingStats(stats) {
      tf.tidy(() => {
        for (const [name, s] of stats) {
          const p = params.get(name);
          if (!p?.movingMean || !p.movingVariance) continue;
          p.movingMean.assign(tf.add(tf.mul(p.movingMean, momentum), tf.mul(s.mean, 1 - momentum)));
          p.movingVariance.assign(tf.add(tf.mul(p.movingVariance, momentum), tf.mul(s.variance, 1 - momentum)));
        }
      });
    },
    dispose() {
      for (const p of params.values()) {
        for (const v of [p.kernel, p.bias, p.gamma, p.beta, p.movingMean, p.movingVariance, p.fixed]) v?.dispose();
      }
    },
  };
}

/** The net's weights in the order a tfjs layers model built from the same spec lists them
 * (`buildModel(spec, { convention: 'torchvision', input })`): per layer kernel, bias; gamma, beta,
 * moving mean, moving variance. */
export function toLayersWeights(net: Net): { name: string; tensor: tfjs.Tensor }[] {
  const out: { name: string; tensor: tfjs.Tensor }[] = [];
  for (const step of net.analysed.steps) {
    const p = net.params.get(step.spec.name);
    if (!p) continue;
    const n = step.spec.name;
    if (p.kernel) out.push({ name: `${n}/kernel`, tensor: p.kernel });
    if (p.bias) out.push({ name: `${n}/bias`, tensor: p.bias });
    if (p.gamma && p.beta && p.movingMean && p.movingVariance) {
      out.push(
        { name: `${n}/gamma`, tensor: p.gamma },
        { name: `${n}/beta`, tensor: p.beta },
        { name: `${n}/moving_mean`, tensor: p.movingMean },
        { name: `${n}/moving_variance`, tensor: p.movingVariance },
      );
    }
  }
  return out;
}
