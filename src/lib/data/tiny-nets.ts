/**
 * The two tiny nets the project trained on Fashion-MNIST (`npm run train:tiny`,
 * scripts/train-tiny.mjs): a VGG-style net and a ResNet-20, saved as tfjs layers models under
 * public/tiny-models/<id>/. Test errors and confusion matrices were measured on the committed
 * 2,000-image test subset from the saved files; a unit test reproduces them from the weights.
 */
import raw from './tiny-nets.json';

export interface TinyNet {
  readonly id: 'tiny-vgg' | 'tiny-resnet20';
  readonly name: string;
  readonly specId: string;
  /** Site path of model.json. */
  readonly model: string;
  /** model.json + weights.bin. */
  readonly bytes: number;
  /** tfjs countParams() (batch-norm moving statistics included). */
  readonly params: number;
  /** Trainable parameters, from the spec. */
  readonly trainableParams: number;
  readonly macsPerImage: number;
  readonly train: {
    readonly iterations: number;
    readonly batchSize: number;
    readonly learningRate: number;
    readonly momentum: number;
    readonly weightDecay: number;
    readonly init: 'he' | 'glorot';
    readonly seed: number;
    readonly seconds: number;
  };
  readonly testCount: number;
  readonly testErrors: number;
  readonly testError: number;
  /** confusion[true][predicted], counts over the test subset. */
  readonly confusion: readonly (readonly number[])[];
}

export interface TinyNets {
  readonly version: 1;
  readonly generatedBy: string;
  readonly date: string;
  readonly dataset: {
    readonly name: string;
    readonly trainImages: number;
    readonly testImages: number;
    readonly normalisation: { readonly mean: number; readonly std: number };
  };
  readonly classes: readonly string[];
  readonly backend: { readonly name: string; readonly threads: number };
  /** The machine the nets were trained on (`npm run train:tiny` records it). */
  readonly machine?: { readonly cpu: string; readonly cores: number };
  readonly nets: readonly TinyNet[];
}

/** Checks the shape and invariants (throws with the first problem). */
export function checkTinyNets(x: unknown): TinyNets {
  const t = x as TinyNets;
  const fail = (m: string): never => {
    throw new Error(`tiny-nets.json: ${m}`);
  };
  if (typeof t !== 'object' || t === null || t.version !== 1) fail('version must be 1');
  if (t.classes.length !== 10) fail('ten classes');
  if (t.nets.map((n) => n.id).join(',') !== 'tiny-vgg,tiny-resnet20') fail('nets must be tiny-vgg, tiny-resnet20');
  for (const n of t.nets) {
    if (n.confusion.length !== 10 || n.confusion.some((r) => r.length !== 10)) fail(`${n.id}: confusion must be 10×10`);
    const total = n.confusion.flat().reduce((a, b) => a + b, 0);
    const right = n.confusion.reduce((a, r, i) => a + (r[i] ?? 0), 0);
    if (total !== n.testCount) fail(`${n.id}: confusion sums to ${total}, not ${n.testCount}`);
    if (total - right !== n.testErrors) fail(`${n.id}: confusion off-diagonal ${total - right} ≠ testErrors ${n.testErrors}`);
    if (Math.abs(n.testError - n.testErrors / n.testCount) > 1e-5) fail(`${n.id}: testError`);
    if (n.bytes > 2.2 * 2 ** 20) fail(`${n.id}: ${n.bytes} bytes is over the 2 MB budget`);
  }
  return t;
}

export const TINY_NETS_DATA: TinyNets = checkTinyNets(raw);

/**
 * The name the figure shows: the spec's name without the dataset it was designed for ("ResNet-20
 * (CIFAR-10)" is the architecture of He et al. §4.2; these weights were trained on Fashion-MNIST).
 */
export const tinyNetLabel = (n: Pick<TinyNet, 'name'>): string => n.name.replace(/\s*\(CIFAR-10\)$/, '');
