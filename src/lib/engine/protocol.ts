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

/**
 * One layer of a loaded layers model on one image, for the ResNet-50 diagram: its `count` most
 * active channels (by mean activation), with one colour scale (min, max) over all of them.
 */
export interface ProbeLayer {
  /** The layer as asked for: a spec id (e.g. "conv2_block1_1_conv") or the model's own layer name. */
  layer: string;
  /** The loaded model's layer that computes it (the converted ResNet-50 uses Keras 2.2 names, e.g. "res2a_branch2a"). */
  modelLayer?: string;
  /** The loaded model's output shape for this layer, batch dimension dropped: [H, W, C] or [N]. */
  shape: number[];
  h: number;
  w: number;
  c: number;
  /** Channel index of each map, most active first. For an [N] layer each unit is a 1×1 map (h = w = 1, c = N). */
  channels: number[];
  maps: Float32Array[];
  /** The shared colour scale of these maps. */
  min: number;
  max: number;
  /** Worker time for this answer (0 when it came from the per-image cache). */
  ms: number;
}

/**
 * One bottleneck block measured on an image (He et al. 2016, §4.2 and Fig. 7): the residual branch's
 * output F(x) and the shortcut's x, both taken just before the addition.
 */
export interface ResidualRatio {
  /** Keras block name, e.g. "conv2_block1". */
  block: string;
  /** Stage 2–5 (conv2_x … conv5_x). */
  stage: number;
  /** True when the shortcut is a 1×1 projection (first block of each stage), not the identity. */
  projection: boolean;
  /** ‖F(x)‖₂ over the whole [H, W, C] tensor. */
  branchNorm: number;
  /** ‖x‖₂ over the whole [H, W, C] tensor. */
  shortcutNorm: number;
  /** branchNorm / shortcutNorm. */
  ratio: number;
}

/** The three maps of one block for the chosen channels: F(x), x and F(x) + x (before the ReLU). */
export interface ResidualMaps {
  block: string;
  h: number;
  w: number;
  c: number;
  /** The channels shown: the most active of F(x) + x. */
  channels: number[];
  branch: Float32Array[];
  shortcut: Float32Array[];
  sum: Float32Array[];
  /** One colour scale for all three rows. */
  min: number;
  max: number;
}

/** Grad-CAM (Selvaraju et al., ICCV 2017) for one class on the last convolutional stage. */
export interface GradCam {
  classIndex: number;
  /** The layer the map is computed on (ResNet-50: "conv5_block3_out", 7×7×2048). */
  layer: string;
  /** The loaded model's layer behind `layer` (the converted ResNet-50's "activation_48"). */
  modelLayer?: string;
  h: number;
  w: number;
  /** ReLU(Σ_k α_k A^k), h·w values, row-major, not normalised. */
  map: Float32Array;
  /** Largest value of `map` (0 when the class has no positive evidence). */
  max: number;
  /** The class score the gradient was taken of (the logit, before the softmax). */
  score: number;
  ms: number;
}

export type Request =
  | { type: 'start'; backend: BackendChoice; /** wasm threads wanted (1 = off); only before wasm first starts. */ threads?: number }
  | { type: 'load'; model: ModelSpec }
  | { type: 'put-image'; imageId: string; image: ImageSource }
  | { type: 'classify'; model: ModelSpec; imageId: string }
  | { type: 'layers'; model: ModelSpec }
  | { type: 'activation'; model: ModelSpec; imageId: string; layer: string; count: number }
  | { type: 'memory' }
  /** ResNet-50 diagram: one layer's most active channels on an image (cached per image and layer). */
  | { type: 'probe-layer'; model: ModelSpec; imageId: string; layer: string; count: number }
  /** The 16 (or however many) bottleneck blocks' ‖F(x)‖ / ‖x‖ on an image. */
  | { type: 'residuals'; model: ModelSpec; imageId: string }
  | { type: 'residual-maps'; model: ModelSpec; imageId: string; block: string; count: number }
  /** Refused with a message for a graph model (no gradients through it here). */
  | { type: 'gradcam'; model: ModelSpec; imageId: string; classIndex: number }
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
  'probe-layer': ProbeLayer;
  residuals: ResidualRatio[];
  'residual-maps': ResidualMaps;
  gradcam: GradCam;
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
