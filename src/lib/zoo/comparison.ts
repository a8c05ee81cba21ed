/**
 * The sentence a reader gets after pinning two models: every ratio and difference computed from the
 * Keras table through comparePair, never typed. The first pinned model is the reference ("a"); every
 * ratio reads "b has r× a's …".
 */
import { comparePair } from '../compare';
import { formatSigned } from '../format';
import { costAxis, metric, type CostAxisId, type MetricId } from './axes';

/** 0.18529 → "0.185×", 5.397 → "5.40×": three significant digits. */
export const formatRatio = (r: number): string => `${r.toPrecision(3)}×`;

export interface ComparisonLine {
  readonly id: CostAxisId | MetricId | 'top5Error';
  readonly label: string;
  /** b relative to a, as printed. */
  readonly text: string;
  readonly value: number;
}

export interface ModelComparison {
  readonly a: string;
  readonly b: string;
  /** "ResNet50 has 0.185× VGG16's parameters and +3.6 points top-1." for the chosen axes. */
  readonly headline: string;
  /** Every cost ratio and accuracy difference, b against a. */
  readonly lines: readonly ComparisonLine[];
}

/** Ratio of b to a on one cost axis (exact parameter counts where both rows have them). */
export function costRatio(aName: string, bName: string, axis: CostAxisId): number {
  const c = comparePair(aName, bName);
  switch (axis) {
    case 'params':
      return c.paramsRatio;
    case 'size':
      return c.sizeRatio;
    case 'cpu':
      return c.cpuRatio;
    case 'gpu':
      return c.gpuRatio;
    case 'depth':
      return c.b.depth / c.a.depth;
  }
}

/** b's accuracy minus a's, in points, on one metric. */
export function accuracyGain(aName: string, bName: string, m: MetricId): number {
  const c = comparePair(aName, bName);
  return m === 'top1' ? c.top1Gain : c.top5Gain;
}

export function compareModels(aName: string, bName: string, axis: CostAxisId, m: MetricId): ModelComparison {
  const c = comparePair(aName, bName);
  const x = costAxis(axis);
  const y = metric(m);
  const headline =
    `${bName} has ${formatRatio(costRatio(aName, bName, axis))} ${aName}’s ${x.noun} ` +
    `and ${formatSigned(accuracyGain(aName, bName, m))} points ${y.short}.`;
  const costLines: ComparisonLine[] = (['params', 'size', 'depth', 'cpu', 'gpu'] as const).map((id) => {
    const r = costRatio(aName, bName, id);
    return { id, label: costAxis(id).noun, value: r, text: `${formatRatio(r)} ${aName}’s` };
  });
  const accuracyLines: ComparisonLine[] = [
    { id: 'top1', label: 'top-1 accuracy', value: c.top1Gain, text: `${formatSigned(c.top1Gain)} points` },
    { id: 'top5', label: 'top-5 accuracy', value: c.top5Gain, text: `${formatSigned(c.top5Gain)} points` },
    {
      id: 'top5Error',
      label: 'top-5 error',
      value: 1 / c.top5ErrorRatio,
      text: `${formatRatio(1 / c.top5ErrorRatio)} ${aName}’s`,
    },
  ];
  return { a: aName, b: bName, headline, lines: [...costLines, ...accuracyLines] };
}
