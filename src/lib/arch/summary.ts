/** Per-model summaries for pages and charts: totals, per-stage totals, and where the parameters are
 * versus where the work (MACs) is, layer by layer. */
import { analyze } from './analyze';
import type { LayerKind, Shape, StageInfo, Totals, ArchSpec } from './types';

export interface WeightLayerShare {
  readonly id: string;
  readonly kind: LayerKind;
  readonly stageIndex: number;
  /** true for a projection shortcut's conv. */
  readonly shortcut: boolean;
  readonly params: number;
  readonly paramsKeras: number;
  readonly macs: number;
  /** Fraction of the model's parameters (torchvision convention) in this layer. */
  readonly paramShare: number;
  /** Fraction of the model's MACs done by this layer. */
  readonly macShare: number;
}

export interface ModelSummary {
  readonly id: string;
  readonly name: string;
  readonly input: Shape;
  readonly outShape: Shape;
  /** Weight layers on the longest path (the "16" of VGG-16). */
  readonly depth: number;
  /** Steps (layers of every kind) in the walk. */
  readonly layerCount: number;
  readonly totals: Totals;
  /** Keras convention split: `paramsKeras` = trainable + non-trainable (BatchNorm moving stats). */
  readonly trainableKeras: number;
  readonly nonTrainableKeras: number;
  /** Conv biases Keras adds and torchvision leaves out (ResNets; 0 for VGG, which has them in both).
   * `paramsKeras − params = kerasConvBiases + nonTrainableKeras`. */
  readonly kerasConvBiases: number;
  readonly stages: readonly StageInfo[];
  /** Every conv and fully connected layer (projections included), in step order, for bar charts. */
  readonly weightLayers: readonly WeightLayerShare[];
  /** Parameters not in conv/fc layers (BatchNorm γ, β), torchvision convention. */
  readonly otherParams: number;
  /** The layer with the most parameters and its share (VGG-16: fc1, ≈ 74%). */
  readonly heaviest: WeightLayerShare;
  /** Fractions of parameters and MACs in convs versus fully connected layers. */
  readonly convParamShare: number;
  readonly convMacShare: number;
}

export function summarize(spec: ArchSpec, input: Shape = spec.input): ModelSummary {
  const m = analyze(spec, input);
  const { params, macs } = m.totals;
  const weightLayers: WeightLayerShare[] = [];
  let nonTrainableKeras = 0;
  for (const s of m.steps) {
    nonTrainableKeras += s.nonTrainableKeras;
    if (s.kind !== 'conv' && s.kind !== 'fc') continue;
    weightLayers.push({
      id: s.id,
      kind: s.kind,
      stageIndex: s.stageIndex,
      shortcut: s.path === 'shortcut',
      params: s.params,
      paramsKeras: s.paramsKeras,
      macs: s.macs,
      paramShare: s.params / params,
      macShare: s.macs / macs,
    });
  }
  const heaviest = weightLayers.reduce((a, b) => (b.params > a.params ? b : a));
  const convs = weightLayers.filter((l) => l.kind === 'conv');
  const sum = (xs: readonly WeightLayerShare[], k: 'params' | 'macs'): number => xs.reduce((a, l) => a + l[k], 0);
  return {
    id: spec.id,
    name: spec.name,
    input,
    outShape: m.outShape,
    depth: m.depth,
    layerCount: m.steps.length,
    totals: m.totals,
    trainableKeras: m.totals.paramsKeras - nonTrainableKeras,
    nonTrainableKeras,
    kerasConvBiases: m.totals.paramsKeras - nonTrainableKeras - params,
    stages: m.stages,
    weightLayers,
    otherParams: params - sum(weightLayers, 'params'),
    heaviest,
    convParamShare: sum(convs, 'params') / params,
    convMacShare: sum(convs, 'macs') / macs,
  };
}
