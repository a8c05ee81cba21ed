/**
 * A gradient snapshot (per-layer norms of one backward pass, `gradientNorms`) in words and numbers:
 * how much gradient the first convolutions of each net get compared with the last ones, in orders
 * of magnitude. The gradient-flow figure prints this sentence under its chart, and the ResNet page's
 * prose uses the same numbers from the committed run, so text and picture cannot disagree.
 * Pure: no tfjs, no DOM.
 */
import { cifarResnetSpec } from '../arch/resnet';
import type { LayerGradNorm } from '../data/gradient-flow';
import { formatFixed, formatScientific } from '../format';

/** What the figure plots per layer. */
export type GradMetric = 'outputGradRms' | 'weightGradNorm';

export const GRAD_METRICS: readonly { readonly id: GradMetric; readonly label: string; readonly short: string }[] = [
  { id: 'outputGradRms', label: 'output gradient ‖∂L/∂y‖ per value (RMS)', short: 'output-gradient RMS' },
  { id: 'weightGradNorm', label: 'weight gradient ‖∂L/∂W‖', short: 'weight-gradient norm' },
];

export const metricLabel = (m: GradMetric): string => GRAD_METRICS.find((x) => x.id === m)?.short ?? m;

/** The classifier's name in every CIFAR-style spec (src/lib/arch/resnet.ts `head`): it is left out
 * of the ratio, whose question is how the gradient fares through the stack of convolutions. */
export const CLASSIFIER_ID = 'predictions';

/** How many layers at each end are averaged (geometric mean), so one odd layer does not decide. */
export const END_LAYERS = 3;

export interface FlowRatio {
  /** Geometric mean of the metric over the first `k` convolutions (input side). */
  readonly first: number;
  /** The same over the last `k` convolutions (before the classifier). */
  readonly last: number;
  /** first / last. */
  readonly ratio: number;
  /** log10(ratio): negative when the gradient shrinks towards the input. */
  readonly orders: number;
  readonly k: number;
  readonly convLayers: number;
}

const geoMean = (xs: readonly number[]): number => Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);

/** First-to-last ratio of one net's gradient; null when it cannot be computed (too few layers, or a
 * zero or non-finite value, e.g. after a diverged run). */
export function flowRatio(layers: readonly LayerGradNorm[], metric: GradMetric, k = END_LAYERS): FlowRatio | null {
  const convs = layers.filter((l) => l.id !== CLASSIFIER_ID);
  const n = Math.min(k, Math.floor(convs.length / 2));
  if (n < 1) return null;
  const values = convs.map((l) => l[metric]);
  if (values.some((v) => !Number.isFinite(v) || v <= 0)) return null;
  const first = geoMean(values.slice(0, n));
  const last = geoMean(values.slice(-n));
  const ratio = first / last;
  return { first, last, ratio, orders: Math.log10(ratio), k: n, convLayers: convs.length };
}

/** The ratio in words: "9.3 orders of magnitude less", "within a factor of 4.2 (more)". */
export function describeRatio(r: FlowRatio, digits = 1): string {
  const o = Math.abs(r.orders);
  if (o < 1) {
    const f = r.ratio >= 1 ? r.ratio : 1 / r.ratio;
    return `${formatFixed(f, digits)} times ${r.ratio >= 1 ? 'more' : 'less'}`;
  }
  return `${formatFixed(o, digits)} orders of magnitude ${r.orders < 0 ? 'less' : 'more'}`;
}

export interface NetSnapshot {
  /** e.g. "Plain-56", "ResNet-56". */
  readonly name: string;
  readonly layers: readonly LayerGradNorm[];
}

export interface FlowSummary {
  readonly metric: GradMetric;
  readonly nets: readonly { readonly name: string; readonly layers: number; readonly ratio: FlowRatio | null }[];
  /** One or two sentences for the figure's live text. */
  readonly sentence: string;
}

/** The snapshot's summary: each net's first-to-last ratio and a sentence that states it. */
export function summariseFlow(nets: readonly NetSnapshot[], metric: GradMetric, k = END_LAYERS): FlowSummary {
  const rows = nets.map((n) => ({ name: n.name, layers: n.layers.length, ratio: flowRatio(n.layers, metric, k) }));
  const what = metricLabel(metric);
  const parts = rows.map((r) => {
    if (!r.ratio) return `${r.name}: no ratio (a layer's gradient is zero or not finite).`;
    return `${r.name}: its first ${r.ratio.k} convolutions get ${describeRatio(r.ratio)} ${what} than its last ${r.ratio.k} (${formatScientific(r.ratio.first)} against ${formatScientific(r.ratio.last)}).`;
  });
  return { metric, nets: rows, sentence: parts.join(' ') };
}

/** "Plain-56", "ResNet-56": the name the lab session gives each net (its spec's name, shortened). */
export function labNetName(key: 'plain' | 'residual', depth: number): string {
  return cifarResnetSpec(depth, { shortcuts: key === 'residual' }).name.replace(/ \(CIFAR-10.*\)$/, '');
}
