// The classifier engine's methods (src/workers/classifier.worker.ts serves them on an EngineSession,
// the page calls them through the worker runtime, src/lib/worker-rpc). Only plain data and
// transferable images cross; tensors never do.
import type { ModelEntry } from '../inference/models';
import type { LoadedLayer, Activation } from '../inference/layer-activations';
import type { BackendChoice, BackendInfo, BackendName } from '../worker-rpc/backend';
import type { PerfTimeline } from '../perf/marks';
import type { GradCam, ProbeLayer, ResidualMaps, ResidualRatio } from '../probe/types';
import type { BlockDeletion, GallerySweepAnswer, LesionAnswer, SweepAnswer } from '../probe/lesion-types';

/** A decoded picture the environment can turn into pixels: ImageBitmap or ImageData in browsers. */
export type ImageSource = ImageBitmap | ImageData | { width: number; height: number; data: Uint8Array | Uint8ClampedArray };

/** What the page learns about a loaded model. */
export interface ModelInfo {
  id: string;
  url: string;
  format: 'layers' | 'graph';
  inputSize: number;
  bytes: number;
  /** The host the weights came from, and whether it was a fallback rather than this site. */
  host: string;
  fallback: boolean;
  /** Bytes read from the files kept by an earlier visit (Cache Storage) instead of the network. */
  cachedBytes: number;
  /** Why the files could not be kept for the next visit (a full quota), or null. */
  notKept: string | null;
}

/** While a model loads: what is happening beyond the bytes (a retry, offline), null when nothing. */
export interface LoadEvent {
  note: string | null;
}

export interface ClassifyResult {
  /** 1000 probabilities in Keras class order. */
  probs: Float32Array;
  preprocessMs: number;
  inferenceMs: number;
  backend: BackendName;
}

export interface MemoryInfo {
  numTensors: number;
  numBytes: number;
  modelsCached: number;
  imagesHeld: number;
}

/** The engine's methods: arguments, and what each answers. */
export interface EngineMethods {
  /** wasm threads wanted (1 = off); only before wasm first starts. */
  start: { args: { backend: BackendChoice; threads?: number }; result: BackendInfo };
  load: { args: { model: ModelEntry }; result: ModelInfo; event: LoadEvent };
  'put-image': { args: { imageId: string; image: ImageSource }; result: { width: number; height: number } };
  classify: { args: { model: ModelEntry; imageId: string }; result: ClassifyResult };
  /** null for a graph model (no list of layers). */
  layers: { args: { model: ModelEntry }; result: LoadedLayer[] | null };
  activation: { args: { model: ModelEntry; imageId: string; layer: string; count: number }; result: Activation };
  memory: { args: Record<string, never>; result: MemoryInfo };
  /** Drops every loaded model (the page cleared the saved model files), so the next job downloads again. */
  'forget-models': { args: Record<string, never>; result: null };
  /** ResNet-50 diagram: one layer's most active channels on an image (cached per image and layer). */
  'probe-layer': { args: { model: ModelEntry; imageId: string; layer: string; count: number }; result: ProbeLayer };
  /** The 16 (or however many) bottleneck blocks' ‖F(x)‖ / ‖x‖ on an image. */
  residuals: { args: { model: ModelEntry; imageId: string }; result: ResidualRatio[] };
  'residual-maps': { args: { model: ModelEntry; imageId: string; block: string; count: number }; result: ResidualMaps };
  /** Refused with a message for a graph model (no gradients through it here). */
  gradcam: { args: { model: ModelEntry; imageId: string; classIndex: number }; result: GradCam };
  /** Benchmarks: the worker's marks, measures and fetches (`npm run bench:cold`). */
  timeline: { args: Record<string, never>; result: PerfTimeline };
  /** Benchmarks: a raw model.predict on the preprocessed image, timed inside the worker. */
  'raw-predict': { args: { model: ModelEntry; imageId: string; runs: number }; result: { ms: number[] } };
  /** Block deletion (Veit et al. 2016, §4): the blocks in `off` (indices) removed, their shortcuts kept. */
  lesion: { args: { model: ModelEntry; imageId: string; off: number[] }; result: LesionAnswer };
  /** Each block removed in turn on one image; each deletion streamed as it is done. */
  'lesion-sweep': { args: { model: ModelEntry; imageId: string }; result: SweepAnswer; event: BlockDeletion };
  /** Over labelled photos (sent along, one held at a time): how many keep the true class in the top-5 with each block removed. */
  'lesion-gallery': {
    args: { model: ModelEntry; photos: { image: ImageSource; trueClass: number }[] };
    result: GallerySweepAnswer;
    event: GallerySweepAnswer;
  };
}
