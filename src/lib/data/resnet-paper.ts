/**
 * Results and architecture facts from He et al., "Deep Residual Learning for Image Recognition"
 * (CVPR 2016), typed once for the ResNet page's tables. Error rates in percent on the ImageNet 2012
 * validation set unless the field says otherwise.
 */

/** Table 2: top-1 error, 10-crop testing, ImageNet validation. */
export const DEGRADATION = [
  { depth: 18, plain: 27.94, resnet: 27.88 },
  { depth: 34, plain: 28.54, resnet: 25.03 },
] as const;

/** Table 3: 10-crop testing on ImageNet validation; shortcut options for ResNet-34. */
export const SHORTCUT_OPTIONS = [
  {
    option: 'A',
    model: 'ResNet-34 A',
    shortcuts: 'Identity everywhere; zero-padding where channels increase (no extra parameters)',
    top1: 25.03,
    top5: 7.76,
  },
  {
    option: 'B',
    model: 'ResNet-34 B',
    shortcuts: 'Projection (1×1 conv) where channels increase, identity elsewhere',
    top1: 24.52,
    top5: 7.46,
  },
  { option: 'C', model: 'ResNet-34 C', shortcuts: 'Projection on every shortcut', top1: 24.19, top5: 7.4 },
] as const;

/** Table 1: blocks per stage and FLOPs (multiply-adds, ×10⁹) for a 224×224 input. */
export const RESNET_DEPTHS = [
  { depth: 18, block: 'basic', stages: [2, 2, 2, 2], gflops: 1.8 },
  { depth: 34, block: 'basic', stages: [3, 4, 6, 3], gflops: 3.6 },
  { depth: 50, block: 'bottleneck', stages: [3, 4, 6, 3], gflops: 3.8 },
  { depth: 101, block: 'bottleneck', stages: [3, 4, 23, 3], gflops: 7.6 },
  { depth: 152, block: 'bottleneck', stages: [3, 8, 36, 3], gflops: 11.3 },
] as const;

/** Fig. 3's caption: VGG-19 for comparison, in billions of FLOPs (multiply-adds). */
export const VGG19_GFLOPS = 19.6;

/** Table 4: single-model results on the validation set (ResNet-152, multi-scale testing). */
export const RESNET152_SINGLE = { top1: 19.38, top5: 4.49 } as const;

/** Table 5: the ensemble entered in ILSVRC 2015, top-5 error on the test set. */
export const RESNET_ENSEMBLE_TEST_TOP5 = 3.57;
/** §4.1: "We combine six models of different depth to form an ensemble" (Table 5). */
export const RESNET_ENSEMBLE_MODELS = 6;

/** Table 3: the bottleneck nets (option B), 10-crop testing on ImageNet validation. */
export const BOTTLENECK_10CROP = [
  { depth: 50, top1: 22.85, top5: 6.71 },
  { depth: 101, top1: 21.75, top5: 6.05 },
  { depth: 152, top1: 21.43, top5: 5.71 },
] as const;

/** §4.2, Table 6: CIFAR-10 test error of the deepest residual nets. */
export const CIFAR_DEEPEST = [
  { depth: 110, error: 6.43 },
  { depth: 1202, error: 7.93 },
] as const;

/** §3.4: the ImageNet training recipe. */
export const RESNET_TRAINING = {
  batchSize: 256,
  learningRate: 0.1,
  iterations: 600_000,
  weightDecay: 1e-4,
  momentum: 0.9,
  /** The learning rate is divided by this when the error plateaus. */
  learningRateDivisor: 10,
  scaleMin: 256,
  scaleMax: 480,
  cropSize: 224,
} as const;

/** He et al. 2016b (ECCV), the pre-activation paper (Abstract): a 1001-layer ResNet's CIFAR-10 test
 * error, and the depth of the ImageNet ResNet it improved. */
export const PREACT = { cifar10Depth: 1001, cifar10Error: 4.62, imagenetDepth: 200 } as const;
