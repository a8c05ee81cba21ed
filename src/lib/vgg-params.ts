/**
 * VGG's parameters per weight layer, for the configurations table and the VGG page. The counting is
 * the architecture library's (src/lib/arch), run on a spec built from the paper's Table 1, so the
 * page, the diagram and the tfjs model can never disagree. Input 224×224 RGB.
 */
import type { VggConfig } from './data/vgg-configs';
import { analyze, vggSpecFromConfig } from './arch';

export interface LayerParams {
  readonly label: string;
  readonly params: number;
  readonly kind: 'conv' | 'fc';
}

/** Parameters (weights + biases) of every weight layer in order, labelled in the paper's notation. */
export function vggLayerParams(config: VggConfig): LayerParams[] {
  return analyze(vggSpecFromConfig(config)).steps.flatMap((s): LayerParams[] => {
    if (s.spec.kind === 'conv') return [{ label: `conv${s.spec.kernel}-${s.spec.filters}`, kind: 'conv', params: s.params }];
    if (s.spec.kind === 'fc') return [{ label: `FC-${s.spec.units}`, kind: 'fc', params: s.params }];
    return [];
  });
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
