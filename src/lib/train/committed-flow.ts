/**
 * Numbers the ResNet page's prose takes from the committed gradient-flow run (src/lib/data/
 * gradient-flow.ts): first-to-last ratios and each net's range over its convolutions. Here, not in
 * lib/data, because the ratio is the gradient-flow figure's own summary (gradient-summary.ts).
 */
import { gradientFlowConfig, type InitScheme, type NetKey } from '../data/gradient-flow';
import { CLASSIFIER_ID, flowRatio, type FlowRatio, type GradMetric } from './gradient-summary';

/** First-to-last ratio of one net in one configuration (throws if it cannot be computed). */
export function committedRatio(
  batchNorm: boolean,
  init: InitScheme,
  key: NetKey,
  metric: GradMetric = 'outputGradRms',
): FlowRatio & { readonly name: string } {
  const net = gradientFlowConfig(batchNorm, init).nets.find((n) => n.key === key);
  const r = net ? flowRatio(net.layers, metric) : null;
  if (!net || !r) throw new Error(`gradient-flow.json: no ${metric} ratio for ${key}`);
  return { ...r, name: net.name };
}

/** Smallest and largest value of a metric over one net's convolutions (the classifier left out). */
export function convRange(
  batchNorm: boolean,
  init: InitScheme,
  key: NetKey,
  metric: GradMetric,
): { readonly min: number; readonly max: number } {
  const net = gradientFlowConfig(batchNorm, init).nets.find((n) => n.key === key);
  const v = (net?.layers ?? []).filter((l) => l.id !== CLASSIFIER_ID).map((l) => l[metric]);
  if (v.length === 0) throw new Error(`gradient-flow.json: no convolutions for ${key}`);
  return { min: Math.min(...v), max: Math.max(...v) };
}
