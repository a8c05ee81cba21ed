/**
 * VGG's configurations A–E, as Table 1 of Simonyan & Zisserman (ICLR 2015) lists them, with the
 * parameter counts in millions that the paper's Table 2 prints. Typed once; the VGG page's table
 * and the parameter arithmetic (vgg-params.ts) read it.
 *
 * Notation as in the paper: "conv3-64" is a 3×3 convolution with 64 output channels (stride 1,
 * padding 1, followed by ReLU); "conv1-256" a 1×1 convolution; every block ends in a 2×2 max-pool
 * with stride 2; LRN is local response normalisation (only in A-LRN).
 */

export type VggLayer =
  | { readonly kind: 'conv'; readonly size: 1 | 3; readonly channels: number }
  | { readonly kind: 'lrn' }
  | { readonly kind: 'fc'; readonly units: number };

export interface VggConfig {
  readonly name: 'A' | 'A-LRN' | 'B' | 'C' | 'D' | 'E';
  /** Weight layers (conv + FC), as the paper's header row counts them. */
  readonly weightLayers: number;
  /** Five convolutional blocks, each followed by a max-pool. */
  readonly blocks: readonly (readonly VggLayer[])[];
  /** The three fully connected layers. */
  readonly classifier: readonly VggLayer[];
  /** Parameters in millions as printed in the paper's Table 2. */
  readonly paperParamsM: number;
}

const c3 = (channels: number): VggLayer => ({ kind: 'conv', size: 3, channels });
const c1 = (channels: number): VggLayer => ({ kind: 'conv', size: 1, channels });
const lrn: VggLayer = { kind: 'lrn' };
const classifier: readonly VggLayer[] = [
  { kind: 'fc', units: 4096 },
  { kind: 'fc', units: 4096 },
  { kind: 'fc', units: 1000 },
];

export const VGG_CONFIGS: readonly VggConfig[] = [
  {
    name: 'A',
    weightLayers: 11,
    paperParamsM: 133,
    classifier,
    blocks: [[c3(64)], [c3(128)], [c3(256), c3(256)], [c3(512), c3(512)], [c3(512), c3(512)]],
  },
  {
    name: 'A-LRN',
    weightLayers: 11,
    paperParamsM: 133,
    classifier,
    blocks: [[c3(64), lrn], [c3(128)], [c3(256), c3(256)], [c3(512), c3(512)], [c3(512), c3(512)]],
  },
  {
    name: 'B',
    weightLayers: 13,
    paperParamsM: 133,
    classifier,
    blocks: [
      [c3(64), c3(64)],
      [c3(128), c3(128)],
      [c3(256), c3(256)],
      [c3(512), c3(512)],
      [c3(512), c3(512)],
    ],
  },
  {
    name: 'C',
    weightLayers: 16,
    paperParamsM: 134,
    classifier,
    blocks: [
      [c3(64), c3(64)],
      [c3(128), c3(128)],
      [c3(256), c3(256), c1(256)],
      [c3(512), c3(512), c1(512)],
      [c3(512), c3(512), c1(512)],
    ],
  },
  {
    name: 'D',
    weightLayers: 16,
    paperParamsM: 138,
    classifier,
    blocks: [
      [c3(64), c3(64)],
      [c3(128), c3(128)],
      [c3(256), c3(256), c3(256)],
      [c3(512), c3(512), c3(512)],
      [c3(512), c3(512), c3(512)],
    ],
  },
  {
    name: 'E',
    weightLayers: 19,
    paperParamsM: 144,
    classifier,
    blocks: [
      [c3(64), c3(64)],
      [c3(128), c3(128)],
      [c3(256), c3(256), c3(256), c3(256)],
      [c3(512), c3(512), c3(512), c3(512)],
      [c3(512), c3(512), c3(512), c3(512)],
    ],
  },
];

export function vggConfig(name: VggConfig['name']): VggConfig {
  const found = VGG_CONFIGS.find((c) => c.name === name);
  if (!found) throw new Error(`No VGG configuration "${name}"`);
  return found;
}

/** The paper's layer notation: "conv3-64", "conv1-512", "LRN", "FC-4096". */
export function layerLabel(l: VggLayer): string {
  if (l.kind === 'conv') return `conv${l.size}-${l.channels}`;
  if (l.kind === 'lrn') return 'LRN';
  return `FC-${l.units}`;
}
