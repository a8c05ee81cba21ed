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

/** What the VGG page says about the fully connected layers, from the spec: their widths, and the first
 * one's inputs (the last pooled map, flattened) and parameters (weights + biases). */
export interface VggFcFacts {
  /** Units of each fully connected layer, in order (VGG: 4096, 4096, 1000). */
  readonly units: readonly number[];
  /** The last pooled feature map, which the first fully connected layer flattens (7×7×512). */
  readonly lastMap: { readonly h: number; readonly w: number; readonly c: number };
  /** lastMap.h · lastMap.w · lastMap.c. */
  readonly firstInputs: number;
  /** firstInputs · units[0] + units[0]. */
  readonly firstParams: number;
  /** Filters of the first and of the widest convolution (64 and 512). */
  readonly convFilters: { readonly first: number; readonly max: number };
  readonly convLayers: number;
}

export function vggFcFacts(config: VggConfig): VggFcFacts {
  const steps = analyze(vggSpecFromConfig(config)).steps;
  const fcs = steps.filter((s) => s.spec.kind === 'fc');
  const convs = steps.flatMap((s) => (s.spec.kind === 'conv' ? [s.spec.filters] : []));
  const pools = steps.filter((s) => s.spec.kind === 'maxpool');
  const last = pools[pools.length - 1];
  const first = fcs[0];
  if (!last || !first || first.spec.kind !== 'fc' || convs.length === 0) throw new Error('vggFcFacts: not a VGG spec');
  const lastMap = { h: last.outShape.h, w: last.outShape.w, c: last.outShape.c };
  return {
    units: fcs.map((s) => (s.spec.kind === 'fc' ? s.spec.units : 0)),
    lastMap,
    firstInputs: lastMap.h * lastMap.w * lastMap.c,
    firstParams: first.params,
    convFilters: { first: convs[0]!, max: Math.max(...convs) },
    convLayers: convs.length,
  };
}
