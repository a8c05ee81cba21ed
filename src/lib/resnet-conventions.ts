/**
 * Why ResNet-50's parameter count differs between libraries. Every convolution in a bottleneck
 * ResNet is followed by a BatchNorm over its output channels; torchvision's convolutions have no
 * bias (the BatchNorm's shift makes it redundant), Keras's do, and Keras's `count_params()` also
 * counts each BatchNorm's moving mean and variance (non-trainable). Both extras are "one number per
 * output channel of every convolution", so they follow from the sum of those channels.
 */
import { RESNET_DEPTHS } from './data/resnet-paper';

const STAGE_WIDTHS = [64, 128, 256, 512] as const;
const STEM_CHANNELS = 64;
/** A bottleneck's last 1×1 conv widens by 4 (Fig. 5 of the paper). */
const EXPANSION = 4;

/** Output channels summed over every convolution of a bottleneck ResNet (stem, blocks, projections). */
export function bottleneckConvChannelSum(stages: readonly number[]): number {
  let sum = STEM_CHANNELS;
  stages.forEach((blocks, i) => {
    const w = STAGE_WIDTHS[i];
    if (w === undefined) throw new Error('a ResNet has four stages');
    sum += blocks * (w + w + EXPANSION * w); // 1×1, 3×3, 1×1 in each block
    sum += EXPANSION * w; // the projection shortcut of the stage's first block
  });
  return sum;
}

export interface ConventionGap {
  /** One bias per output channel of every convolution (Keras has them, torchvision not). */
  readonly convBiases: number;
  /** BatchNorm moving mean + moving variance: two numbers per channel, counted by Keras only. */
  readonly bnMovingStats: number;
  readonly total: number;
}

export function resnet50ConventionGap(): ConventionGap {
  const r50 = RESNET_DEPTHS.find((d) => d.depth === 50);
  if (!r50) throw new Error('ResNet-50 missing from RESNET_DEPTHS');
  const channels = bottleneckConvChannelSum(r50.stages);
  return { convBiases: channels, bnMovingStats: 2 * channels, total: 3 * channels };
}

/** Weights (no biases) of a basic block: two 3×3 convolutions at width c. */
export const basicBlockWeights = (c: number): number => 2 * 3 * 3 * c * c;

/** Weights (no biases) of a bottleneck block of inner width c: 1×1 (4c→c), 3×3 (c→c), 1×1 (c→4c). */
export const bottleneckBlockWeights = (c: number): number => EXPANSION * c * c + 3 * 3 * c * c + c * EXPANSION * c;
