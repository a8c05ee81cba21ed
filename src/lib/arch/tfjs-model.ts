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
import type { Convention, LayerSpec, ArchSpec, Shape } from './types';

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
      return extra > 0
        ? tf.pad(sub, [
            [0, 0],
            [0, 0],
            [0, 0],
            [0, extra],
          ])
        : sub;
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

/** Registers every tfjs layer a step creates, so a build stopped half-way can free their weights. */
type Track = <L extends tf.layers.Layer>(layer: L) => L;

function windowed(
  layer: { name: string; pad: number; stride: number },
  k: number,
  x: Sym,
  make: (padding: 'same' | 'valid') => tf.layers.Layer,
  track: Track,
): Sym {
  if (layer.pad === 0) return track(make('valid')).apply(x) as Sym;
  if (layer.stride === 1 && 2 * layer.pad === k - 1) return track(make('same')).apply(x) as Sym;
  const padded = track(tf.layers.zeroPadding2d({ padding: layer.pad, name: `${layer.name}_pad` })).apply(x) as Sym;
  return track(make('valid')).apply(padded) as Sym;
}

/** Zeros through the backend's Fill kernel. tfjs' 'zeros' initializer makes the zeros in JavaScript
 * and copies them in: on the wasm backend that took ~1.2 s per 16.8M weights here, Fill ~80 ms, so
 * VGG-16 at 224×224 builds in about a second instead of tens of seconds. */
function fillZeros(): ReturnType<typeof tf.initializers.zeros> {
  const init = tf.initializers.zeros();
  // Weight shapes are fully known when a layer builds (no batch axis, no nulls).
  init.apply = (shape, dtype) => tf.fill(shape as number[], 0, dtype);
  return init;
}

function applyLayer(layer: LayerSpec, xs: readonly Sym[], convention: Convention, zeros: boolean, track: Track): Sym {
  const init = zeros ? { kernelInitializer: fillZeros() } : {};
  const [x] = xs;
  if (!x) throw new Error(`${layer.name}: no input`);
  const name = layer.name;
  switch (layer.kind) {
    case 'conv':
      return windowed(
        layer,
        layer.kernel,
        x,
        (padding) =>
          tf.layers.conv2d({
            name,
            filters: layer.filters,
            kernelSize: layer.kernel,
            strides: layer.stride,
            padding,
            useBias: layer.bias === 'always' || convention === 'keras',
            ...init,
          }),
        track,
      );
    case 'bn':
      return track(tf.layers.batchNormalization({ name, axis: -1, epsilon: 1.001e-5 })).apply(x) as Sym;
    case 'relu':
      return track(tf.layers.activation({ name, activation: 'relu' })).apply(x) as Sym;
    case 'softmax':
      return track(tf.layers.activation({ name, activation: 'softmax' })).apply(x) as Sym;
    case 'maxpool':
      return windowed(
        layer,
        layer.size,
        x,
        (padding) =>
          tf.layers.maxPooling2d({
            name,
            poolSize: layer.size,
            strides: layer.stride,
            padding,
          }),
        track,
      );
    case 'global-avg-pool':
      return track(tf.layers.globalAveragePooling2d({ name })).apply(x) as Sym;
    case 'flatten':
      return track(tf.layers.flatten({ name })).apply(x) as Sym;
    case 'fc':
      return track(tf.layers.dense({ name, units: layer.units, ...init })).apply(x) as Sym;
    case 'add':
      return track(tf.layers.add({ name })).apply([...xs]) as Sym;
    case 'pad-shortcut':
      return track(new ZeroPadShortcut({ name, filters: layer.filters, stride: layer.stride })).apply(x) as Sym;
  }
}

/** One layer of the spec added to a model being built (for progress bars). */
export interface BuildProgress {
  /** Steps built so far (1 after the first layer). */
  readonly done: number;
  readonly total: number;
  /** The step just built (its id is the tfjs layer name). */
  readonly id: string;
  readonly stageIndex: number;
}

/** The build as a generator: yields after each spec step (weights are allocated as each layer is
 * applied), returns the model. Every created layer goes into `created`, so a caller that stops early
 * can dispose their weights. */
function* buildSteps(spec: ArchSpec, opts: BuildOptions, created: tf.layers.Layer[]): Generator<BuildProgress, tf.LayersModel> {
  const convention = opts.convention ?? 'keras';
  const analysed = analyze(spec, opts.input ?? spec.input);
  const { h, w, c } = analysed.input;
  const track: Track = (layer) => {
    created.push(layer);
    return layer;
  };
  const input = tf.input({ shape: [h, w, c], name: 'input' });
  const tensors = new Map<string, Sym>([['input', input]]);
  let last: Sym = input;
  const total = analysed.steps.length;
  for (const step of analysed.steps) {
    const xs = step.inputs.map((id) => {
      const t = tensors.get(id);
      if (!t) throw new Error(`${step.id}: unknown input ${id}`);
      return t;
    });
    last = applyLayer(step.spec, xs, convention, opts.init === 'zeros', track);
    tensors.set(step.id, last);
    yield { done: step.index + 1, total, id: step.id, stageIndex: step.stageIndex };
  }
  return tf.model({ inputs: input, outputs: last, name: spec.id });
}

/** Build an untrained tfjs model of the spec. Dispose it with `model.dispose()` when done. */
export function buildModel(spec: ArchSpec, opts: BuildOptions = {}): tf.LayersModel {
  const steps = buildSteps(spec, opts, []);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

export interface StepwiseHooks {
  /** Called after each layer is built. */
  readonly onProgress?: (p: BuildProgress) => void;
  /** Checked between layers: an aborted build frees the weights made so far and rejects with the
   * signal's reason. */
  readonly signal?: AbortSignal;
  /** Awaited between layers so a page can paint its progress bar and take a Cancel click
   * (default: a macrotask). */
  readonly pause?: () => Promise<void>;
}

const macrotask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** `buildModel` that yields between layers: for demos that show progress and can be cancelled. */
export async function buildModelStepwise(spec: ArchSpec, opts: BuildOptions = {}, hooks: StepwiseHooks = {}): Promise<tf.LayersModel> {
  const created: tf.layers.Layer[] = [];
  const steps = buildSteps(spec, opts, created);
  const pause = hooks.pause ?? macrotask;
  try {
    for (;;) {
      hooks.signal?.throwIfAborted();
      const next = steps.next();
      if (next.done) return next.value;
      hooks.onProgress?.(next.value);
      await pause();
    }
  } catch (err) {
    // Layers applied to symbolic tensors hold one reference each: dispose() frees their weights.
    for (const layer of created) if (layer.built) layer.dispose();
    throw err;
  }
}

/** Sum of the sizes of the trainable weights (the torchvision-convention count). */
export const countTrainable = (model: tf.LayersModel): number =>
  model.trainableWeights.reduce((n, v) => n + v.shape.reduce((a: number, b) => a * (b ?? 1), 1), 0);
