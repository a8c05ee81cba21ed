/**
 * Types of the architecture spec (declarative, what the papers' tables say) and of the analysis
 * (computed from the spec for one input size). Every layer carries its `kind`: nothing is ever
 * inferred from a layer's name.
 */

/** A tensor shape without the batch axis, channels last (as in Keras and tfjs). */
export interface Shape {
  readonly h: number;
  readonly w: number;
  readonly c: number;
}

/** Parameter-counting convention.
 * - `torchvision`: learnable parameters only. ResNet convs have no bias (BatchNorm's β makes a bias
 *   redundant); BatchNorm counts γ and β; running mean/variance are buffers, not parameters.
 * - `keras`: what Keras' `model.count_params()` (and tfjs' `model.countParams()`) report for
 *   `keras.applications`: every conv has a bias, and BatchNorm counts γ, β *and* its moving mean and
 *   moving variance (non-trainable weights are still weights). */
export type Convention = 'torchvision' | 'keras';

export interface ConvLayer {
  readonly kind: 'conv';
  readonly name: string;
  readonly filters: number;
  readonly kernel: number;
  readonly stride: number;
  /** Zero padding on each side (PyTorch semantics: symmetric). */
  readonly pad: number;
  /** `always`: the conv has a bias in every convention (VGG). `keras-only`: only Keras adds one (ResNet). */
  readonly bias: 'always' | 'keras-only';
}
export interface BatchNormLayer {
  readonly kind: 'bn';
  readonly name: string;
}
export interface ReluLayer {
  readonly kind: 'relu';
  readonly name: string;
}
export interface MaxPoolLayer {
  readonly kind: 'maxpool';
  readonly name: string;
  readonly size: number;
  readonly stride: number;
  readonly pad: number;
}
export interface GlobalAvgPoolLayer {
  readonly kind: 'global-avg-pool';
  readonly name: string;
}
export interface FlattenLayer {
  readonly kind: 'flatten';
  readonly name: string;
}
export interface FcLayer {
  readonly kind: 'fc';
  readonly name: string;
  readonly units: number;
}
export interface SoftmaxLayer {
  readonly kind: 'softmax';
  readonly name: string;
}
/** y = F(x) + x: sums the main path and the shortcut. */
export interface AddLayer {
  readonly kind: 'add';
  readonly name: string;
}
/** Option-A shortcut of He et al. §4.2: keep every `stride`-th pixel and append zero channels up to
 * `filters`. No parameters. */
export interface PadShortcutLayer {
  readonly kind: 'pad-shortcut';
  readonly name: string;
  readonly filters: number;
  readonly stride: number;
}

export type LayerSpec =
  | ConvLayer
  | BatchNormLayer
  | ReluLayer
  | MaxPoolLayer
  | GlobalAvgPoolLayer
  | FlattenLayer
  | FcLayer
  | SoftmaxLayer
  | AddLayer
  | PadShortcutLayer;

export type LayerKind = LayerSpec['kind'];

/** What kind of unit a block is (for the diagram's glyphs and labels). */
export type BlockType = 'stem' | 'vgg' | 'basic' | 'bottleneck' | 'head';

/** How a residual block's shortcut carries x: `identity` (no layers), `projection` (1×1 conv + BN,
 * option B) or `zero-pad` (option A, one `pad-shortcut` layer). */
export type ShortcutType = 'identity' | 'projection' | 'zero-pad';

/**
 * A block: the unit a diagram collapses to one glyph.
 * - Without `shortcut`: `main` then `out` run in sequence (VGG stages, stems, heads, plain blocks).
 * - With `shortcut`: the block input feeds both `main` and `shortcut.layers` (none for identity);
 *   `out[0]` is the `add` of both paths' ends, the rest of `out` follows it (the final ReLU).
 */
export interface BlockSpec {
  readonly id: string;
  readonly name: string;
  readonly type: BlockType;
  readonly main: readonly LayerSpec[];
  readonly shortcut?: { readonly type: ShortcutType; readonly layers: readonly LayerSpec[] };
  readonly out: readonly LayerSpec[];
}

export interface StageSpec {
  readonly id: string;
  /** Name as in the paper's tables, e.g. "conv3_x" or "block3". */
  readonly name: string;
  readonly blocks: readonly BlockSpec[];
}

export type Family = 'vgg' | 'resnet' | 'plain' | 'cifar-resnet' | 'cifar-plain';

export interface ArchSpec {
  /** Registry id, e.g. "resnet50". */
  readonly id: string;
  /** Display name, e.g. "ResNet-50". */
  readonly name: string;
  readonly family: Family;
  /** Default input (224×224×3 for ImageNet nets, 32×32×3 for CIFAR nets). */
  readonly input: Shape;
  readonly classes: number;
  readonly stages: readonly StageSpec[];
  /** Where the architecture is defined: a `SOURCES` id and a location in it. */
  readonly source: { readonly id: string; readonly at: string };
  /** One sentence on what the net is, for pickers and captions. */
  readonly description: string;
}

/** Which part of a block a layer sits on. `trunk`: not in a residual block's two paths (VGG, stems,
 * heads, plain blocks' layers, and the add/ReLU that close a residual block). */
export type PathRole = 'main' | 'shortcut' | 'trunk';

export interface Totals {
  /** Parameters, torchvision convention. */
  readonly params: number;
  /** Parameters, Keras convention (`count_params()`). */
  readonly paramsKeras: number;
  /** Multiply-accumulates of convs and fully connected layers. */
  readonly macs: number;
  /** Output elements of the layers (the activations a forward pass produces). */
  readonly activations: number;
  /** `activations` × 4 bytes (float32). */
  readonly activationBytes: number;
}

/** One layer of an analysed model: one step of the walk through the network. */
export interface LayerInfo {
  /** Position in `steps` (0-based). */
  readonly index: number;
  /** Unique and stable for a model spec: the Keras-style layer name (also the tfjs layer name). */
  readonly id: string;
  readonly spec: LayerSpec;
  readonly kind: LayerKind;
  /** Short human description of the operation, e.g. "3×3 conv, 64 filters, stride 2". */
  readonly op: string;
  readonly stageIndex: number;
  /** Index of the block within its stage. */
  readonly blockIndex: number;
  /** Index of the block over the whole model (`AnalyzedModel.blocks`). */
  readonly blockGlobalIndex: number;
  readonly path: PathRole;
  /** Ids of the layers feeding this one (`'input'` for the image). Two for an `add`. */
  readonly inputs: readonly string[];
  readonly inShape: Shape;
  readonly outShape: Shape;
  readonly params: number;
  readonly paramsKeras: number;
  /** Of `paramsKeras`, the non-trainable ones (BatchNorm moving mean and variance). */
  readonly nonTrainableKeras: number;
  readonly macs: number;
  readonly outElements: number;
  readonly outBytes: number;
  /** Receptive field side in input pixels (unclipped: it may exceed the image, padding included). */
  readonly rf: number;
  /** Cumulative stride ("jump"): input pixels between neighbouring outputs. */
  readonly jump: number;
  /** Input coordinate of the centre of output pixel 0 (with padding, may be below 0). */
  readonly rfStart: number;
  /** Counts as a weight layer for the depth (conv or fc on the main path; projections don't count). */
  readonly weightLayer: boolean;
  /** Running totals up to and including this step. */
  readonly cumulative: Totals;
}

export interface BlockInfo {
  readonly id: string;
  readonly name: string;
  readonly type: BlockType;
  readonly stageIndex: number;
  readonly blockIndex: number;
  readonly shortcut: ShortcutType | null;
  /** Id of the step feeding the block (`'input'` for the image): where an identity arc starts. */
  readonly inputId: string;
  /** Step range [first, last] (inclusive) of the block's layers. */
  readonly first: number;
  readonly last: number;
  readonly inShape: Shape;
  readonly outShape: Shape;
  readonly totals: Totals;
}

export interface StageInfo {
  readonly id: string;
  readonly name: string;
  readonly index: number;
  /** Step range [first, last] (inclusive). */
  readonly first: number;
  readonly last: number;
  readonly blockCount: number;
  /** Index in `AnalyzedModel.blocks` of the stage's first block. */
  readonly firstBlock: number;
  readonly outShape: Shape;
  readonly totals: Totals;
}

export interface AnalyzedModel {
  readonly spec: ArchSpec;
  readonly input: Shape;
  /** Every layer in the order a marker walks through the net. */
  readonly steps: readonly LayerInfo[];
  readonly blocks: readonly BlockInfo[];
  readonly stages: readonly StageInfo[];
  readonly totals: Totals;
  /** Weight layers on the longest path (VGG-16: 16, ResNet-50: 50). */
  readonly depth: number;
  readonly outShape: Shape;
  /** Look a step up by layer id. */
  readonly byId: ReadonlyMap<string, LayerInfo>;
}
