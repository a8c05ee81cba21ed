/**
 * Putting a race result next to the Keras table: milliseconds per image and per GMAC, so a phone,
 * a laptop and the source's 92-core server / A100 can be compared despite different input sizes and
 * batch sizes. MACs come from the spec at the raced input size (VGG-16 15.47 G, ResNet-50 3.86 G at 224).
 * The raced ResNet-50 is the Keras one (`resnet50-keras`: stride on the first 1×1 conv), the network
 * the Keras table timed and whose real weights the race can load; torchvision's placement (4.09 G)
 * would make every per-GMAC figure about 6% off.
 */
import { analyze, getModel, type ArchSpec, type Shape } from '../arch';
import { kerasModel } from '../data/keras-applications';
import type { TimingSummary } from './stats';

/** The Keras table times a batch of 32 images per inference step. */
const KERAS_BATCH = 32;

/** The two racers: their id in the race, the architecture spec raced, and the row name in the Keras table. */
export const RACERS = [
  { id: 'vgg16', spec: 'vgg16', keras: 'VGG16' },
  { id: 'resnet50', spec: 'resnet50-keras', keras: 'ResNet50' },
] as const;

/** The real weights the race can load for ResNet-50: the float32 Keras files (src/lib/inference/models). */
export const REAL_WEIGHTS_MODEL_ID = 'resnet50';
export type RacerId = (typeof RACERS)[number]['id'];

/** The architecture spec a racer builds and its MACs are counted from. */
export const racerSpec = (id: RacerId): ArchSpec => getModel(RACERS.find((r) => r.id === id)!.spec);

export const square = (side: number): Shape => ({ h: side, w: side, c: 3 });

/** Milliseconds per billion multiply-accumulates: lower is a faster device/backend. */
export function msPerGmac(ms: number, macs: number): number {
  if (!(macs > 0)) throw new Error('MACs must be positive');
  return ms / (macs / 1e9);
}

export interface KerasReference {
  readonly name: string;
  /** As the table prints it: per batch of 32 at 224×224. */
  readonly cpuMsPerBatch: number;
  readonly gpuMsPerBatch: number;
  /** ÷ 32: per image. */
  readonly cpuMsPerImage: number;
  readonly gpuMsPerImage: number;
  /** MACs of one image at 224×224, from the spec. */
  readonly macs: number;
  readonly cpuMsPerGmac: number;
  readonly gpuMsPerGmac: number;
}

export function kerasReference(id: RacerId): KerasReference {
  const racer = RACERS.find((r) => r.id === id)!;
  const row = kerasModel(racer.keras);
  const macs = analyze(racerSpec(id), square(224)).totals.macs;
  const cpuMsPerImage = row.cpuMs / KERAS_BATCH;
  const gpuMsPerImage = row.gpuMs / KERAS_BATCH;
  return {
    name: row.name,
    cpuMsPerBatch: row.cpuMs,
    gpuMsPerBatch: row.gpuMs,
    cpuMsPerImage,
    gpuMsPerImage,
    macs,
    cpuMsPerGmac: msPerGmac(cpuMsPerImage, macs),
    gpuMsPerGmac: msPerGmac(gpuMsPerImage, macs),
  };
}

/** What the raced model's weights were: all zeros, random (Glorot uniform), or the real Keras ones. */
export type Weights = 'zeros' | 'random' | 'keras';

export interface RaceRow {
  readonly id: RacerId;
  readonly weights: Weights;
  readonly name: string;
  readonly side: number;
  /** MACs of one image at the raced size. */
  readonly macs: number;
  readonly timing: TimingSummary;
  readonly msPerGmac: number;
  readonly keras: KerasReference;
}

export function raceRow(id: RacerId, weights: Weights, side: number, timing: TimingSummary): RaceRow {
  const spec = racerSpec(id);
  const macs = analyze(spec, square(side)).totals.macs;
  return { id, weights, name: spec.name, side, macs, timing, msPerGmac: msPerGmac(timing.median, macs), keras: kerasReference(id) };
}

export interface RaceComparison {
  /** VGG-16's median ÷ ResNet-50's median on this device. */
  readonly timeRatio: number;
  /** VGG-16's MACs ÷ ResNet-50's at the raced size. */
  readonly macRatio: number;
  /** The same time ratio in the Keras table (CPU, GPU). */
  readonly kerasCpuRatio: number;
  readonly kerasGpuRatio: number;
}

export function compareRows(vgg: RaceRow, resnet: RaceRow): RaceComparison {
  return {
    timeRatio: vgg.timing.median / resnet.timing.median,
    macRatio: vgg.macs / resnet.macs,
    kerasCpuRatio: vgg.keras.cpuMsPerBatch / resnet.keras.cpuMsPerBatch,
    kerasGpuRatio: vgg.keras.gpuMsPerBatch / resnet.keras.gpuMsPerBatch,
  };
}
