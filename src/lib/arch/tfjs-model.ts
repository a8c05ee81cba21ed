/**
 * Turns a spec into a tfjs LayersModel (functional API), one named tfjs layer per spec layer.
 * This is the only file of `src/lib/arch/` that imports tfjs: import it with `await import(...)` from
 * a demo so pages that only draw diagrams never ship tfjs. The caller picks the backend.
 *
 * Counting: tfjs' `model.countParams()` counts every weight, BatchNorm's moving mean and variance
 * included (like Keras' `count_params()`). So:
 * - `convention: 'keras'` (default): convs get biases and `countParams()` equals the spec's
 *   `paramsKeras` (ResNet-50: 25,636,712).
 * - `convention: 'torchvision'`: ResNet convs have no bias; the *trainable* weights sum to the spec's
 *   `params` (ResNet-50: 25,557,032) and `countParams()` adds the BatchNorm moving statistics.
 * VGG has no BatchNorm and always has biases: both conventions give the same count. Its first fully
 * connected layer flattens the last pool, so its size (and the model's count) depends on the input:
 * 7×7×512×4096 weights at 224×224, 1×1×512×4096 at 32×32; the spec's analysis follows the same rule.
 *
 * Padding: a conv or pool with stride 1 and padding (k−1)/2 uses tfjs 'same' padding (identical);
 * any other padding becomes an explicit ZeroPadding2D layer named `<layer>_pad` followed by a 'valid'
 * op, which reproduces PyTorch's symmetric padding exactly (TF's 'same' pads asymmetrically when the
 * stride is 2). Zero-padding a max-pool equals PyTorch's −∞ padding here because it follows a ReLU.
 * The option-A shortcut (`pad-shortcut`) is the small custom layer `ZeroPadShortcut` below.
 */
import * as tf from '@tensorflow/tfjs';
import { analyze } from './analyze';
import type { Convention, LayerSpec, ModelSpec, Shape } from './types';

/** Option-A shortcut: x[:, ::s, ::s, :] with zero channels appended up to `filters`. No weights. */
export class ZeroPadShortcut extends tf.layers.Layer {
  static className = 'ZeroPadShortcut';
  readonly filters: number;
  readonly stride: number;
  constructor(args: { filters: number; stride: number; name: string }) {
    super({ name: args.name });
    this.filters = args.filters;
    this.stride = args.stride;
  }
  override computeOutputShape(shape: tf.Shape | tf.Shape[]): tf.Shape {
    const s = (Array.isArray(shape[0]) ? shape[0] : shape) as tf.Shape;
    const side = (n: number | null | undefined): number | null => (n == null ? null : Math.ceil(n / this.stride));
    return [s[0] ?? null, side(s[1]), side(s[2]), this.filters];
  }
  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
      const s = this.stride;
      // begin/end masks 0b1111: every axis runs over its full range, striding only height and width.
      const sub = tf.stridedSlice(x, [0, 0, 0, 0], [0, 0, 0, 0], [1, s, s, 1], 0b1111, 0b1111);
      const extra = this.filters - (x.shape[3] ?? 0);
      return extra > 0 ? tf.pad(sub, [[0, 0], [0, 0], [0, 0], [0, extra]]) : sub;
    });
  }
  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), filters: this.filters, stride: this.stride };
  }
}
tf.serialization.registerClass(ZeroPadShortcut);

export interface BuildOptions {
  /** Parameter convention (conv biases in ResNets). Default 'keras'. */
  readonly convention?: Convention;
  /** Input shape; default the spec's (224×224×3 or 32×32×3). */
  readonly input?: Shape;
  /** 'random' (default): Keras' default initialisers (Glorot uniform), for training. 'zeros': all
   * kernels and biases zero, much faster to build (VGG's 100M-weight fc1), for loading weights into. */
  readonly init?: 'random' | 'zeros';
}

type Sym = tf.SymbolicTensor;

function windowed(layer: { name: string; pad: number; stride: number }, k: number, x: Sym, make: (padding: 'same' | 'valid') => tf.layers.Layer): Sym {
  if (layer.pad === 0) return make('valid').apply(x) as Sym;
  if (layer.stride === 1 && 2 * layer.pad === k - 1) return make('same').apply(x) as Sym;
  const padded = tf.layers.zeroPadding2d({ padding: layer.pad, name: `${layer.name}_pad` }).apply(x) as Sym;
  return make('valid').apply(padded) as Sym;
}

function applyLayer(layer: LayerSpec, xs: readonly Sym[], convention: Convention, zeros: boolean): Sym {
  const init = zeros ? { kernelInitializer: 'zeros' as const } : {};
  const [x] = xs;
  if (!x) throw new Error(`${layer.name}: no input`);
  const name = layer.name;
  switch (layer.kind) {
    case 'conv':
      return windowed(layer, layer.kernel, x, (padding) => tf.layers.conv2d({
        name, filters: layer.filters, kernelSize: layer.kernel, strides: layer.stride, padding,
        useBias: layer.bias === 'always' || convention === 'keras', ...init,
      }));
    case 'bn':
      return tf.layers.batchNormalization({ name, axis: -1, epsilon: 1.001e-5 }).apply(x) as Sym;
    case 'relu':
      return tf.layers.activation({ name, activation: 'relu' }).apply(x) as Sym;
    case 'softmax':
      return tf.layers.activation({ name, activation: 'softmax' }).apply(x) as Sym;
    case 'maxpool':
      return windowed(layer, layer.size, x, (padding) => tf.layers.maxPooling2d({
        name, poolSize: layer.size, strides: layer.stride, padding,
      }));
    case 'global-avg-pool':
      return tf.layers.globalAveragePooling2d({ name }).apply(x) as Sym;
    case 'flatten':
      return tf.layers.flatten({ name }).apply(x) as Sym;
    case 'fc':
      return tf.layers.dense({ name, units: layer.units, ...init }).apply(x) as Sym;
    case 'add':
      return tf.layers.add({ name }).apply([...xs]) as Sym;
    case 'pad-shortcut':
      return new ZeroPadShortcut({ name, filters: layer.filters, stride: layer.stride }).apply(x) as Sym;
  }
}

/** Build an untrained tfjs model of the spec. Dispose it with `model.dispose()` when done. */
export function buildModel(spec: ModelSpec, opts: BuildOptions = {}): tf.LayersModel {
  const convention = opts.convention ?? 'keras';
  const analysed = analyze(spec, opts.input ?? spec.input);
  const { h, w, c } = analysed.input;
  const input = tf.input({ shape: [h, w, c], name: 'input' });
  const tensors = new Map<string, Sym>([['input', input]]);
  let last: Sym = input;
  for (const step of analysed.steps) {
    const xs = step.inputs.map((id) => {
      const t = tensors.get(id);
      if (!t) throw new Error(`${step.id}: unknown input ${id}`);
      return t;
    });
    last = applyLayer(step.spec, xs, convention, opts.init === 'zeros');
    tensors.set(step.id, last);
  }
  return tf.model({ inputs: input, outputs: last, name: spec.id });
}

/** Sum of the sizes of the trainable weights (the torchvision-convention count). */
export const countTrainable = (model: tf.LayersModel): number =>
  model.trainableWeights.reduce((n, v) => n + v.shape.reduce((a: number, b) => a * (b ?? 1), 1), 0);
