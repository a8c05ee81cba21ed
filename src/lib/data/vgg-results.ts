/**
 * VGG results from Simonyan & Zisserman (ICLR 2015), in percent.
 */

/** Table 3's scales: the rows VGG_DEPTH_TREND copies were trained at S = 256 and tested at Q = S;
 * the jittered rows were trained with S ∈ [256, 512] and tested at Q = 0.5 (Smin + Smax) (§4.1). */
export const VGG_TABLE3 = { trainScale: 256, jitterMin: 256, jitterMax: 512 } as const;
export const vggJitterTestScale = (): number => 0.5 * (VGG_TABLE3.jitterMin + VGG_TABLE3.jitterMax);

/** Table 3: single-scale evaluation on the ILSVRC-2012 validation set, training scale S = 256. */
export const VGG_DEPTH_TREND = [
  { config: 'A', weightLayers: 11, top1: 29.6, top5: 10.4 },
  { config: 'A-LRN', weightLayers: 11, top1: 29.7, top5: 10.5 },
  { config: 'B', weightLayers: 13, top1: 28.7, top5: 9.9 },
  { config: 'C', weightLayers: 16, top1: 28.1, top5: 9.4 },
  { config: 'D', weightLayers: 16, top1: 27.0, top5: 8.8 },
  { config: 'E', weightLayers: 19, top1: 27.3, top5: 9.0 },
] as const;

/** Table 3: the same nets trained with scale jittering S ∈ [256, 512], tested at Q = 384. */
export const VGG_JITTERED = [
  { config: 'D', top1: 25.6, top5: 8.1 },
  { config: 'E', top1: 25.5, top5: 8.0 },
] as const;

/** Table 7: top-5 error on the ILSVRC test set. */
export const VGG_TEST_RESULTS = {
  /** The nets of the 2014 submission's ensemble. */
  submissionNets: 7,
  /** The 2014 submission: an ensemble of 7 nets. */
  submission7Nets: 7.3,
  /** The configurations of the post-submission ensemble. */
  postSubmissionConfigs: ['D', 'E'],
  /** After the challenge: an ensemble of the 2 best nets (D and E), multi-crop and dense evaluation. */
  postSubmission2Nets: 6.8,
  /** The best single net. */
  singleNet: 7.0,
} as const;

/** §3.1: the training recipe. */
export const VGG_TRAINING = {
  batchSize: 256,
  momentum: 0.9,
  weightDecay: 5e-4,
  dropout: 0.5,
  learningRate: 1e-2,
  learningRateDrops: 3,
  iterations: 370_000,
  epochs: 74,
  cropSize: 224,
  jitterMin: 256,
  jitterMax: 512,
  /** §3.1: the two fixed training scales S. */
  fixedScales: [256, 384],
  /** §3.1: from configuration A, the deeper nets took the first four conv layers and the last three FC layers. */
  initFromA: { convLayers: 4, fcLayers: 3 },
  /** §3.3: four NVIDIA Titan Black GPUs, two to three weeks per net. */
  gpus: 4,
  gpuModel: 'NVIDIA Titan Black',
  weeksPerNet: [2, 3],
} as const;
