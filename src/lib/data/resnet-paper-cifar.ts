/**
 * He et al. 2016 §4.2 (CIFAR-10), the experiment the training lab reproduces in small: the residual
 * nets of Table 6 at the lab's depths and the training recipe. (The plain nets' curves are only in
 * Fig. 6; the paper gives no table for them.) Errors in percent on the CIFAR-10 test set.
 */

/** Table 6: CIFAR-10 test error of the 6n + 2-layer ResNets (parameters in millions). */
export const CIFAR_RESNETS = [
  { depth: 20, paramsM: 0.27, error: 8.75 },
  { depth: 32, paramsM: 0.46, error: 7.51 },
  { depth: 44, paramsM: 0.66, error: 7.17 },
  { depth: 56, paramsM: 0.85, error: 6.97 },
] as const;

/** §4.2: the nets are "trained on the training set", CIFAR-10's 50k images (10k for testing): batch
 * 128, learning rate 0.1 divided by 10 at 32k and 48k iterations, 64k in all — a schedule "determined
 * on a 45k/5k train/val split" — with 4-pixel padding, random 32×32 crops and flips; first-stage width 16. */
export const CIFAR_TRAINING = {
  batchSize: 128,
  learningRate: 0.1,
  /** The learning rate is divided by this… */
  learningRateDivisor: 10,
  /** …at these iterations. */
  learningRateDropsAt: [32_000, 48_000],
  iterations: 64_000,
  trainImages: 50_000,
  testImages: 10_000,
  /** The split on which the schedule (64k iterations) was chosen. */
  scheduleSplit: { train: 45_000, val: 5_000 },
  width: 16,
} as const;

/** Fig. 6 (left) and §4.2: the plain nets' depths; their training error grows with depth from the
 * shallowest on ("the deeper plain nets have higher training error"), so at 32 layers the plain net
 * already trains worse than at 20. */
export const CIFAR_PLAIN_DEPTHS = [20, 32, 44, 56] as const;

/** The depth from which the paper's plain nets are worse than a shallower one: the second depth of Fig. 6. */
export const plainDegradesFrom = (): number => CIFAR_PLAIN_DEPTHS[1];

/** Passes over the training set that the paper's schedule makes. */
export const cifarEpochs = (): number => (CIFAR_TRAINING.iterations * CIFAR_TRAINING.batchSize) / CIFAR_TRAINING.trainImages;

export function cifarResnet(depth: number): (typeof CIFAR_RESNETS)[number] {
  const r = CIFAR_RESNETS.find((x) => x.depth === depth);
  if (!r) throw new Error(`Table 6 has no ResNet-${depth} in CIFAR_RESNETS`);
  return r;
}
