/**
 * Parameter arithmetic for VGG's configurations (weights + biases; 224×224 RGB input, so the last
 * feature map is 7×7×512 after five 2×2 poolings). Pure functions over vgg-configs.ts.
 */
import type { VggConfig, VggLayer } from './data/vgg-configs';

export const VGG_INPUT_CHANNELS = 3;
/** 224 / 2⁵: the spatial size of the feature map entering the first FC layer. */
export const VGG_FINAL_MAP = 7;

export interface LayerParams {
  readonly label: string;
  readonly params: number;
  readonly kind: 'conv' | 'fc';
}

/** Parameters of every weight layer in order (LRN has none and is skipped). */
export function vggLayerParams(config: VggConfig): LayerParams[] {
  const out: LayerParams[] = [];
  let channels = VGG_INPUT_CHANNELS;
  for (const block of config.blocks) {
    for (const l of block) {
      if (l.kind !== 'conv') continue;
      out.push({ label: `conv${l.size}-${l.channels}`, kind: 'conv', params: l.size * l.size * channels * l.channels + l.channels });
      channels = l.channels;
    }
  }
  let inputs = VGG_FINAL_MAP * VGG_FINAL_MAP * channels;
  for (const l of config.classifier as readonly VggLayer[]) {
    if (l.kind !== 'fc') continue;
    out.push({ label: `FC-${l.units}`, kind: 'fc', params: inputs * l.units + l.units });
    inputs = l.units;
  }
  return out;
}

export interface VggParamSummary {
  readonly total: number;
  readonly conv: number;
  readonly fc: number;
  /** The first fully connected layer (7·7·512 → 4096), the single largest layer. */
  readonly firstFc: number;
  readonly firstFcShare: number;
  readonly fcShare: number;
}

export function vggParamSummary(config: VggConfig): VggParamSummary {
  const layers = vggLayerParams(config);
  const sum = (ls: readonly LayerParams[]) => ls.reduce((s, l) => s + l.params, 0);
  const total = sum(layers);
  const conv = sum(layers.filter((l) => l.kind === 'conv'));
  const fcLayers = layers.filter((l) => l.kind === 'fc');
  const fc = sum(fcLayers);
  const firstFc = fcLayers[0]?.params ?? 0;
  return { total, conv, fc, firstFc, firstFcShare: firstFc / total, fcShare: fc / total };
}

/**
 * Weights (no biases) of a stack of `n` k×k convolutions with C channels in and out, in units of
 * C²: three 3×3 layers give 27, one 7×7 layer 49 (§2.3 of the paper).
 */
export const stackWeightsPerC2 = (n: number, k: number): number => n * k * k;

/** Receptive field of `n` stacked k×k stride-1 convolutions: k + (n − 1)(k − 1). */
export const stackReceptiveField = (n: number, k: number): number => k + (n - 1) * (k - 1);
