// What the ResNet-50 probes answer (He et al. 2016; Selvaraju et al. 2017): plain data that crosses
// from the engine's worker to the page. Here, not in the engine's method map, so the engine imports the
// probes and nothing in the probes imports the engine.
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
  /** Worker time this answer took (0 when it came from the per-image cache: see `cached`). */
  ms: number;
  /** True when the answer came from the per-image cache (or along with a sibling layer's pass). */
  cached: boolean;
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
