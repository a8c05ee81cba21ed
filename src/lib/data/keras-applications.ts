/**
 * The Keras Applications table: ImageNet-1k accuracy, size, parameters, depth and inference time of
 * the pretrained models Keras ships. Typed once here; every page, chart and ratio reads it.
 *
 * Source: https://keras.io/api/applications/ ("Available models"), whose text is
 * keras-team/keras-io templates/api/applications/index.md: all 38 rows, in the source's order, with
 * the values as printed. Where the source prints "-" the value is null here (and "—" on the site):
 * the ConvNeXt rows have no top-5 accuracy, and the EfficientNetV2 and ConvNeXt rows no depth and no
 * timings. Exact parameter counts come from the earlier version of the same page (keras-io commit
 * 01b6d6c, "Parameters" as integers), which listed every model up to EfficientNetB7.
 */

export type Family =
  | 'Xception'
  | 'VGG'
  | 'ResNet'
  | 'ResNetV2'
  | 'Inception'
  | 'MobileNet'
  | 'DenseNet'
  | 'NASNet'
  | 'EfficientNet'
  | 'EfficientNetV2'
  | 'ConvNeXt';

export interface KerasModel {
  /** Name as the source prints it, e.g. "ResNet50V2". */
  readonly name: string;
  readonly family: Family;
  /** Size of the weights file in megabytes, as the source rounds it. */
  readonly sizeMB: number;
  /** Top-1 accuracy on the ImageNet validation set, in percent (e.g. 74.9). */
  readonly top1: number;
  /** Top-5 accuracy on the ImageNet validation set, in percent; null where the source gives none. */
  readonly top5: number | null;
  /** Parameters in millions, as the source rounds them (e.g. 25.6). */
  readonly paramsM: number;
  /** Exact parameter count from the earlier version of the same page, where it gave one. */
  readonly paramsExact?: number;
  /** Depth as the source counts it; null where the source gives none. */
  readonly depth: number | null;
  /** Milliseconds per inference step (batch of 32) on the source's CPU; null where not given. */
  readonly cpuMs: number | null;
  /** Milliseconds per inference step (batch of 32) on the source's GPU; null where not given. */
  readonly gpuMs: number | null;
}

/** A row with every column filled: what prose and the race may quote without a missing-value check. */
export type CompleteKerasModel = KerasModel & {
  readonly top5: number;
  readonly depth: number;
  readonly cpuMs: number;
  readonly gpuMs: number;
};

export const KERAS_SOURCE = {
  title: 'Keras Applications',
  url: 'https://keras.io/api/applications/',
  accessed: '2026-12',
  /** The source's own notes under the table, verbatim (both depth notes are printed there). */
  notes: {
    accuracy: 'The top-1 and top-5 accuracy refers to the model’s performance on the ImageNet validation dataset.',
    depth: 'Depth refers to the topological depth of the network. This includes activation layers, batch normalization layers etc.',
    depthCounts: 'Depth counts the number of layers with parameters.',
    timing:
      'Time per inference step is the average of 30 batches and 10 repetitions. CPU: AMD EPYC Processor (with IBPB) (92 core), RAM: 1.7T, GPU: Tesla A100, batch size: 32.',
  },
  /** The timing note's facts, for prose (a unit test checks each against the verbatim note). */
  timing: { cpu: 'AMD EPYC', cpuCores: 92, gpu: 'Tesla A100', batchSize: 32, batches: 30, repetitions: 10 },
} as const;

/**
 * The keras-applications README ("Performance", keras-team/keras-applications, read offline): how the
 * same library measured its models' top-k errors, on the ILSVRC 2012 validation set. keras.io's table
 * does not say how it cropped; this is the library's own statement for its (older) table, whose
 * errors are given to three decimals and "may slightly differ from the original ones".
 */
export const KERAS_README = {
  top1Protocol: 'Top-1: single center crop, top-1 error',
  top5Protocol: 'Top-5: single center crop, top-5 error',
  rows: {
    VGG16: { top1Error: 28.732, top5Error: 9.95 },
    ResNet50: { top1Error: 25.296, top5Error: 7.98 },
  },
} as const;

const row = (
  name: string,
  family: Family,
  sizeMB: number,
  top1: number,
  top5: number | null,
  paramsM: number,
  depth: number | null,
  cpuMs: number | null,
  gpuMs: number | null,
  paramsExact?: number,
): KerasModel =>
  paramsExact === undefined
    ? { name, family, sizeMB, top1, top5, paramsM, depth, cpuMs, gpuMs }
    : { name, family, sizeMB, top1, top5, paramsM, depth, cpuMs, gpuMs, paramsExact };

// Columns: name, family, size MB, top-1 %, top-5 %, params M, depth, CPU ms, GPU ms, exact params.
export const KERAS_MODELS: readonly KerasModel[] = [
  row('Xception', 'Xception', 88, 79.0, 94.5, 22.9, 81, 109.4, 8.1, 22_910_480),
  row('VGG16', 'VGG', 528, 71.3, 90.1, 138.4, 16, 69.5, 4.2, 138_357_544),
  row('VGG19', 'VGG', 549, 71.3, 90.0, 143.7, 19, 84.8, 4.4, 143_667_240),
  row('ResNet50', 'ResNet', 98, 74.9, 92.1, 25.6, 107, 58.2, 4.6, 25_636_712),
  row('ResNet50V2', 'ResNetV2', 98, 76.0, 93.0, 25.6, 103, 45.6, 4.4, 25_613_800),
  row('ResNet101', 'ResNet', 171, 76.4, 92.8, 44.7, 209, 89.6, 5.2, 44_707_176),
  row('ResNet101V2', 'ResNetV2', 171, 77.2, 93.8, 44.7, 205, 72.7, 5.4, 44_675_560),
  row('ResNet152', 'ResNet', 232, 76.6, 93.1, 60.4, 311, 127.4, 6.5, 60_419_944),
  row('ResNet152V2', 'ResNetV2', 232, 78.0, 94.2, 60.4, 307, 107.5, 6.6, 60_380_648),
  row('InceptionV3', 'Inception', 92, 77.9, 93.7, 23.9, 189, 42.2, 6.9, 23_851_784),
  row('InceptionResNetV2', 'Inception', 215, 80.3, 95.3, 55.9, 449, 130.2, 10.0, 55_873_736),
  row('MobileNet', 'MobileNet', 16, 70.4, 89.5, 4.3, 55, 22.6, 3.4, 4_253_864),
  row('MobileNetV2', 'MobileNet', 14, 71.3, 90.1, 3.5, 105, 25.9, 3.8, 3_538_984),
  row('DenseNet121', 'DenseNet', 33, 75.0, 92.3, 8.1, 242, 77.1, 5.4, 8_062_504),
  row('DenseNet169', 'DenseNet', 57, 76.2, 93.2, 14.3, 338, 96.4, 6.3, 14_307_880),
  row('DenseNet201', 'DenseNet', 80, 77.3, 93.6, 20.2, 402, 127.2, 6.7, 20_242_984),
  row('NASNetMobile', 'NASNet', 23, 74.4, 91.9, 5.3, 389, 27.0, 6.7, 5_326_716),
  row('NASNetLarge', 'NASNet', 343, 82.5, 96.0, 88.9, 533, 344.5, 20.0, 88_949_818),
  row('EfficientNetB0', 'EfficientNet', 29, 77.1, 93.3, 5.3, 132, 46.0, 4.9, 5_330_571),
  row('EfficientNetB1', 'EfficientNet', 31, 79.1, 94.4, 7.9, 186, 60.2, 5.6, 7_856_239),
  row('EfficientNetB2', 'EfficientNet', 36, 80.1, 94.9, 9.2, 186, 80.8, 6.5, 9_177_569),
  row('EfficientNetB3', 'EfficientNet', 48, 81.6, 95.7, 12.3, 210, 140.0, 8.8, 12_320_535),
  row('EfficientNetB4', 'EfficientNet', 75, 82.9, 96.4, 19.5, 258, 308.3, 15.1, 19_466_823),
  row('EfficientNetB5', 'EfficientNet', 118, 83.6, 96.7, 30.6, 312, 579.2, 25.3, 30_562_527),
  row('EfficientNetB6', 'EfficientNet', 166, 84.0, 96.8, 43.3, 360, 958.1, 40.4, 43_265_143),
  row('EfficientNetB7', 'EfficientNet', 256, 84.3, 97.0, 66.7, 438, 1578.9, 61.6, 66_658_687),
  row('EfficientNetV2B0', 'EfficientNetV2', 29, 78.7, 94.3, 7.2, null, null, null),
  row('EfficientNetV2B1', 'EfficientNetV2', 34, 79.8, 95.0, 8.2, null, null, null),
  row('EfficientNetV2B2', 'EfficientNetV2', 42, 80.5, 95.1, 10.2, null, null, null),
  row('EfficientNetV2B3', 'EfficientNetV2', 59, 82.0, 95.8, 14.5, null, null, null),
  row('EfficientNetV2S', 'EfficientNetV2', 88, 83.9, 96.7, 21.6, null, null, null),
  row('EfficientNetV2M', 'EfficientNetV2', 220, 85.3, 97.4, 54.4, null, null, null),
  row('EfficientNetV2L', 'EfficientNetV2', 479, 85.7, 97.5, 119.0, null, null, null),
  row('ConvNeXtTiny', 'ConvNeXt', 109.42, 81.3, null, 28.6, null, null, null),
  row('ConvNeXtSmall', 'ConvNeXt', 192.29, 82.3, null, 50.2, null, null, null),
  row('ConvNeXtBase', 'ConvNeXt', 338.58, 85.3, null, 88.5, null, null, null),
  row('ConvNeXtLarge', 'ConvNeXt', 755.07, 86.3, null, 197.7, null, null, null),
  row('ConvNeXtXLarge', 'ConvNeXt', 1310, 86.7, null, 350.1, null, null, null),
];

/** Whether a row has every column (the source printed no "-" in it). */
const isComplete = (m: KerasModel): m is CompleteKerasModel => m.top5 !== null && m.depth !== null && m.cpuMs !== null && m.gpuMs !== null;

/** The row named `name`, possibly with missing values; throws on a typo. */
export function kerasRow(name: string): KerasModel {
  const found = KERAS_MODELS.find((m) => m.name === name);
  if (!found) throw new Error(`No model named "${name}" in the Keras Applications table`);
  return found;
}

/**
 * The row named `name`, with every column filled. Prose and the race quote top-5, depth and timings
 * straight from it, so a row the source leaves incomplete fails the build instead of printing "null".
 */
export function kerasModel(name: string): CompleteKerasModel {
  const m = kerasRow(name);
  if (!isComplete(m)) throw new Error(`The Keras Applications table gives no top-5, depth or timing for "${name}"`);
  return m;
}
