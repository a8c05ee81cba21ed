/**
 * ResNets of He et al. 2016 and their plain twins.
 * - ImageNet nets (Table 1): a 7×7 stem and four stages of basic (two 3×3 convs) or bottleneck
 *   (1×1, 3×3, 1×1 with 4× expansion) blocks. Where the shape changes, the shortcut is a 1×1 conv +
 *   BatchNorm projection (option B); elsewhere it is the identity. As in torchvision (and the MAC
 *   figures everyone quotes: ResNet-50 ≈ 4.09 G), a bottleneck's stride sits on its 3×3 conv ("v1.5");
 *   the paper's Caffe models and Keras put it on the first 1×1 conv (`bottleneckStride: '1x1'`),
 *   which changes MACs but not parameters.
 * - CIFAR-10 nets of §4.2: 6n+2 layers, a 3×3 stem and three stages of n basic blocks with 16, 32
 *   and 64 filters on 32×32, 16×16 and 8×8 maps; shortcuts are identities, and where the shape
 *   changes option A: subsample by 2 and pad the new channels with zeros (no parameters).
 * Layer names follow Keras' `keras.applications.ResNet50` (conv2_block1_1_conv, conv2_block1_0_conv
 * for the projection, conv2_block1_add, conv2_block1_out, avg_pool, predictions).
 */
import type { BlockSpec, LayerSpec, ArchSpec, StageSpec } from './types';
import { RESNET_DEPTHS as PAPER_DEPTHS } from '../data/resnet-paper';

export type ResNetDepth = (typeof PAPER_DEPTHS)[number]['depth'];

/** Block type and blocks per stage of a depth, read from the paper's Table 1 (typed once in data). */
export function resnetDepthConfig(depth: ResNetDepth): { readonly block: 'basic' | 'bottleneck'; readonly blocks: readonly number[] } {
  const found = PAPER_DEPTHS.find((d) => d.depth === depth);
  if (!found) throw new Error(`No ResNet of depth ${String(depth)} in the paper's Table 1`);
  return { block: found.block, blocks: found.stages };
}

export interface ResNetOptions {
  /** false: the plain twin (same layers, no shortcuts, no adds). Default true. */
  readonly shortcuts?: boolean;
  /** Which conv of a bottleneck carries the stride: '3x3' (torchvision, default) or '1x1' (paper, Keras). */
  readonly bottleneckStride?: '3x3' | '1x1';
  readonly classes?: number;
}

const conv = (name: string, filters: number, kernel: number, stride: number, bias: 'always' | 'keras-only' = 'keras-only'): LayerSpec => ({
  kind: 'conv',
  name,
  filters,
  kernel,
  stride,
  pad: (kernel - 1) >> 1,
  bias,
});

/** conv → bn (→ relu unless it is the last conv of the main path). Without batch norm (`bn`
 * false, for training experiments) the conv keeps its bias in every convention instead. */
function convBn(prefix: string, filters: number, kernel: number, stride: number, relu: boolean, bn = true): LayerSpec[] {
  const layers: LayerSpec[] = bn
    ? [conv(`${prefix}_conv`, filters, kernel, stride), { kind: 'bn', name: `${prefix}_bn` }]
    : [conv(`${prefix}_conv`, filters, kernel, stride, 'always')];
  if (relu) layers.push({ kind: 'relu', name: `${prefix}_relu` });
  return layers;
}

interface BlockArgs {
  readonly id: string;
  readonly name: string;
  readonly type: 'basic' | 'bottleneck';
  readonly inC: number;
  readonly width: number;
  readonly stride: number;
  readonly shortcuts: boolean;
  readonly option: 'A' | 'B';
  readonly bottleneckStride: '3x3' | '1x1';
  /** Batch norm after each conv (default true). */
  readonly bn?: boolean;
}

function residualBlock(a: BlockArgs): BlockSpec {
  const p = a.id;
  let main: LayerSpec[];
  let outC: number;
  if (a.type === 'basic') {
    outC = a.width;
    main = [...convBn(`${p}_1`, a.width, 3, a.stride, true, a.bn), ...convBn(`${p}_2`, a.width, 3, 1, false, a.bn)];
  } else {
    outC = a.width * 4;
    const s1 = a.bottleneckStride === '1x1' ? a.stride : 1;
    const s3 = a.bottleneckStride === '3x3' ? a.stride : 1;
    main = [...convBn(`${p}_1`, a.width, 1, s1, true), ...convBn(`${p}_2`, a.width, 3, s3, true), ...convBn(`${p}_3`, outC, 1, 1, false)];
  }
  const relu: LayerSpec = { kind: 'relu', name: `${p}_out` };
  if (!a.shortcuts) return { id: p, name: a.name, type: a.type, main, out: [relu] };
  const changes = a.stride !== 1 || a.inC !== outC;
  const shortcut = !changes
    ? { type: 'identity' as const, layers: [] }
    : a.option === 'B'
      ? { type: 'projection' as const, layers: convBn(`${p}_0`, outC, 1, a.stride, false) }
      : { type: 'zero-pad' as const, layers: [{ kind: 'pad-shortcut', name: `${p}_0_pad`, filters: outC, stride: a.stride } as const] };
  return { id: p, name: a.name, type: a.type, main, shortcut, out: [{ kind: 'add', name: `${p}_add` }, relu] };
}

function head(classes: number): StageSpec {
  return {
    id: 'head',
    name: 'head',
    blocks: [
      {
        id: 'head',
        name: 'Head',
        type: 'head',
        main: [
          { kind: 'global-avg-pool', name: 'avg_pool' },
          { kind: 'fc', name: 'predictions', units: classes },
          { kind: 'softmax', name: 'probs' },
        ],
        out: [],
      },
    ],
  };
}

/** ResNet-18/34/50/101/152 for ImageNet, or their plain twins (`shortcuts: false`). */
export function resnetSpec(depth: ResNetDepth, opts: ResNetOptions = {}): ArchSpec {
  const shortcuts = opts.shortcuts ?? true;
  const classes = opts.classes ?? 1000;
  const cfg = resnetDepthConfig(depth);
  const stages: StageSpec[] = [
    {
      id: 'conv1',
      name: 'conv1',
      blocks: [
        {
          id: 'stem',
          name: 'Stem',
          type: 'stem',
          main: [
            { kind: 'conv', name: 'conv1_conv', filters: 64, kernel: 7, stride: 2, pad: 3, bias: 'keras-only' },
            { kind: 'bn', name: 'conv1_bn' },
            { kind: 'relu', name: 'conv1_relu' },
            { kind: 'maxpool', name: 'pool1_pool', size: 3, stride: 2, pad: 1 },
          ],
          out: [],
        },
      ],
    },
  ];
  let inC = 64;
  cfg.blocks.forEach((n, s) => {
    const width = 64 << s;
    const blocks: BlockSpec[] = [];
    for (let b = 0; b < n; b++) {
      const block = residualBlock({
        id: `conv${s + 2}_block${b + 1}`,
        name: `conv${s + 2}_x block ${b + 1}`,
        type: cfg.block,
        inC,
        width,
        stride: b === 0 && s > 0 ? 2 : 1,
        shortcuts,
        option: 'B',
        bottleneckStride: opts.bottleneckStride ?? '3x3',
      });
      inC = cfg.block === 'basic' ? width : width * 4;
      blocks.push(block);
    }
    stages.push({ id: `conv${s + 2}`, name: `conv${s + 2}_x`, blocks });
  });
  stages.push(head(classes));
  const blockWord = cfg.block === 'basic' ? 'basic blocks (two 3×3 convs)' : 'bottleneck blocks (1×1, 3×3, 1×1 convs)';
  return {
    id: shortcuts ? `resnet${depth}` : `plain${depth}`,
    name: shortcuts ? `ResNet-${depth}` : `Plain-${depth}`,
    family: shortcuts ? 'resnet' : 'plain',
    input: { h: 224, w: 224, c: 3 },
    classes,
    stages,
    source: { id: 'he2016', at: 'Table 1' },
    description: shortcuts
      ? `${depth} weight layers: a 7×7 stem, four stages of ${blockWord} with shortcut connections, then one fully connected layer.`
      : `The ${depth}-layer net of ResNet-${depth} with every shortcut removed: ${depth} weight layers stacked plainly.`,
  };
}

export interface CifarResNetOptions {
  /** false: the plain twin. Default true. */
  readonly shortcuts?: boolean;
  readonly classes?: number;
  /** Filters of the first stage (the stem too); the stages have width, 2·width, 4·width. Default 16 (the paper). */
  readonly width?: number;
  /** Batch norm after every conv. Default true (the paper); false for the training lab's
   * "without batch norm" runs, where each conv gets a bias instead. */
  readonly batchNorm?: boolean;
}

/** The CIFAR-10 ResNets of §4.2: depth 6n+2 (20, 32, 44, 56, 110, …), or their plain twins. */
export function cifarResnetSpec(depth: number, opts: CifarResNetOptions = {}): ArchSpec {
  const n = (depth - 2) / 6;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`CIFAR ResNet depth must be 6n+2 (20, 32, 44, …), got ${depth}`);
  const shortcuts = opts.shortcuts ?? true;
  const classes = opts.classes ?? 10;
  const base = opts.width ?? 16;
  if (!Number.isInteger(base) || base < 1) throw new RangeError(`CIFAR ResNet width must be a positive integer, got ${base}`);
  const bn = opts.batchNorm ?? true;
  const stages: StageSpec[] = [
    {
      id: 'conv1',
      name: 'conv1',
      blocks: [{ id: 'stem', name: 'Stem', type: 'stem', main: convBn('conv1', base, 3, 1, true, bn), out: [] }],
    },
  ];
  let inC = base;
  for (let s = 0; s < 3; s++) {
    const width = base << s;
    const blocks: BlockSpec[] = [];
    for (let b = 0; b < n; b++) {
      blocks.push(
        residualBlock({
          id: `stage${s + 1}_block${b + 1}`,
          name: `stage ${s + 1} block ${b + 1}`,
          type: 'basic',
          inC,
          width,
          stride: b === 0 && s > 0 ? 2 : 1,
          shortcuts,
          option: 'A',
          bottleneckStride: '3x3',
          bn,
        }),
      );
      inC = width;
    }
    stages.push({ id: `stage${s + 1}`, name: `stage${s + 1} (${width} filters)`, blocks });
  }
  stages.push(head(classes));
  // Variants of the paper's nets say so in their id and name (the defaults keep the registry's ids).
  const variant = `${base === 16 ? '' : `-w${base}`}${bn ? '' : '-nobn'}`;
  const variantName = `${base === 16 ? '' : `, width ${base}`}${bn ? '' : ', no batch norm'}`;
  return {
    id: `${shortcuts ? `cifar-resnet${depth}` : `cifar-plain${depth}`}${variant}`,
    name: `${shortcuts ? `ResNet-${depth}` : `Plain-${depth}`} (CIFAR-10${variantName})`,
    family: shortcuts ? 'cifar-resnet' : 'cifar-plain',
    input: { h: 32, w: 32, c: 3 },
    classes,
    stages,
    source: { id: 'he2016', at: '§4.2' },
    description: shortcuts
      ? `${depth} weight layers for 32×32 CIFAR-10 images: three stages of ${n} basic blocks (${base}, ${2 * base}, ${4 * base} filters) with parameter-free shortcuts.`
      : `ResNet-${depth} for CIFAR-10 without its shortcuts: ${depth} weight layers stacked plainly.`,
  };
}
