/**
 * Why ResNet-50's parameter count differs between libraries. Every convolution in a bottleneck
 * ResNet is followed by a BatchNorm over its output channels; torchvision's convolutions have no
 * bias (the BatchNorm's shift makes it redundant), Keras's do, and Keras's `count_params()` also
 * counts each BatchNorm's moving mean and variance (non-trainable). The architecture library counts
 * both conventions from one spec; this module names the pieces the ResNet page explains.
 */
import { analyze, getModel, summarize } from './arch';

export interface ConventionGap {
  /** torchvision's count: convolutions without bias, BatchNorm's γ and β. */
  readonly torchvision: number;
  /** Keras's `count_params()`. */
  readonly keras: number;
  /** One bias per output channel of every convolution (Keras has them, torchvision not). */
  readonly convBiases: number;
  /** BatchNorm moving mean + moving variance: two numbers per channel, counted by Keras only. */
  readonly bnMovingStats: number;
  readonly total: number;
}

export function resnet50ConventionGap(): ConventionGap {
  const s = summarize(getModel('resnet50'));
  return {
    torchvision: s.totals.params,
    keras: s.totals.paramsKeras,
    convBiases: s.kerasConvBiases,
    bnMovingStats: s.nonTrainableKeras,
    total: s.kerasConvBiases + s.nonTrainableKeras,
  };
}

/** Convolution weights (no biases, no BatchNorm) of one block of a ResNet, by stage and block index. */
function blockConvWeights(modelId: 'resnet34' | 'resnet50', stage: number, block: number): number {
  const m = analyze(getModel(modelId));
  return m.steps
    .filter((s) => s.stageIndex === stage && s.blockIndex === block && s.spec.kind === 'conv' && s.path !== 'shortcut')
    .reduce((sum, s) => sum + s.params, 0);
}

/** A basic block of ResNet-34's first residual stage: two 3×3 convolutions on 64 channels. */
export const basicBlockWeights = (): number => blockConvWeights('resnet34', 1, 1);

/** A bottleneck block of ResNet-50's first residual stage: 1×1 (256→64), 3×3 (64→64), 1×1 (64→256). */
export const bottleneckBlockWeights = (): number => blockConvWeights('resnet50', 1, 1);

/** Channels of the blocks those two functions count, from the spec: the bottleneck's wide ends and
 * its narrow middle (256 and 64), and the basic block's width (64). */
export function exampleBlockChannels(): { readonly bottleneckWide: number; readonly bottleneckNarrow: number; readonly basic: number } {
  const main = (modelId: 'resnet34' | 'resnet50') =>
    analyze(getModel(modelId)).steps.filter(
      (s) => s.stageIndex === 1 && s.blockIndex === 1 && s.spec.kind === 'conv' && s.path !== 'shortcut',
    );
  const b = main('resnet50');
  const basic = main('resnet34');
  if (b.length !== 3 || basic.length !== 2) throw new Error('exampleBlockChannels: unexpected block layout');
  return { bottleneckWide: b[0]!.inShape.c, bottleneckNarrow: b[0]!.outShape.c, basic: basic[0]!.inShape.c };
}

export interface LayersWithParameters {
  readonly conv: number;
  readonly bn: number;
  readonly fc: number;
  /** conv + bn + fc: Keras's "depth" (it counts the layers with parameters). */
  readonly total: number;
  /** Convolutions on a shortcut path (projections), which the paper's "50 layers" leaves out. */
  readonly shortcutConvs: number;
  /** Weight layers in the paper's sense: convolutions and fully connected layers on the main path. */
  readonly paperDepth: number;
}

/** The layers with parameters in a network as Keras builds it, counted from the architecture spec. */
export function layersWithParameters(modelId: string): LayersWithParameters {
  const steps = analyze(getModel(modelId)).steps;
  const count = (kind: string, path?: 'shortcut') =>
    steps.filter((s) => s.spec.kind === kind && (path === undefined || s.path === path)).length;
  const conv = count('conv');
  const bn = count('bn');
  const fc = count('fc');
  const shortcutConvs = count('conv', 'shortcut');
  return { conv, bn, fc, total: conv + bn + fc, shortcutConvs, paperDepth: conv - shortcutConvs + fc };
}
