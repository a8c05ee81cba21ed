// The typed messages between the page and the engine's worker. Only plain data and transferable
// images cross; tensors never do. Every request has an id; the worker answers with any number of
// progress messages and then exactly one 'ok' or 'error' for that id.
import type { ModelSpec } from '../inference/models';
import type { LayerInfo, Activation } from '../inference/layer-activations';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export type BackendChoice = 'auto' | BackendName;

export interface BackendInfo {
  name: BackendName;
  /** Why this backend, and any fallback that happened, in words for the reader. */
  note: string;
  /** wasm only: threads in use (1 when single-threaded) and whether SIMD is on. */
  threads?: number;
  simd?: boolean;
}

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

export type Request =
  | { type: 'start'; backend: BackendChoice; /** wasm threads wanted (1 = off); only before wasm first starts. */ threads?: number }
  | { type: 'load'; model: ModelSpec }
  | { type: 'put-image'; imageId: string; image: ImageSource }
  | { type: 'classify'; model: ModelSpec; imageId: string }
  | { type: 'layers'; model: ModelSpec }
  | { type: 'activation'; model: ModelSpec; imageId: string; layer: string; count: number }
  | { type: 'memory' }
  /** Benchmarks: a raw model.predict on the preprocessed image, timed inside the worker. */
  | { type: 'raw-predict'; model: ModelSpec; imageId: string; runs: number }
  | { type: 'cancel'; target: number };

export interface Results {
  start: BackendInfo;
  load: ModelInfo;
  'put-image': { width: number; height: number };
  classify: ClassifyResult;
  /** null for a graph model (no list of layers). */
  layers: LayerInfo[] | null;
  activation: Activation;
  memory: MemoryInfo;
  'raw-predict': { ms: number[] };
  cancel: null;
}

export type RequestType = Request['type'];
export type RequestOf<K extends RequestType> = Extract<Request, { type: K }>;

export interface Envelope {
  id: number;
  /** Requests on the same channel are latest-wins: a new one cancels the one before. */
  channel?: string;
  req: Request;
}

export interface SerializedError {
  name: string;
  message: string;
  kind?: string;
  attempts?: readonly string[];
}

export type Reply =
  | { id: number; type: 'progress'; fraction: number; loaded: number; total: number }
  | { id: number; type: 'ok'; value: unknown }
  | { id: number; type: 'error'; error: SerializedError };
