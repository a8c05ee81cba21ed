/**
 * The sentence a reader gets after pinning two models: every ratio and difference computed from the
 * Keras table, never typed. The first pinned model is the reference ("a"); every ratio reads
 * "b has r× a's …". Any two rows can be pinned, so a value the source does not give (a ConvNeXt
 * top-5, an EfficientNetV2 timing) is reported as missing rather than computed from nothing.
 */
import { paramsRatio, round } from '../table-numbers';
import { kerasRow, type KerasModel } from '../data/keras-applications';
import { formatRatio, formatSigned } from '../format';
import { costAxis, metric, type CostAxisId, type MetricId } from './axes';
import { listNames } from './missing';

export interface ComparisonLine {
  readonly id: CostAxisId | MetricId | 'top5Error';
  readonly label: string;
  /** b relative to a, as printed; "not given for X" where a value is missing. */
  readonly text: string;
  /** null where either row lacks the value. */
  readonly value: number | null;
}

export interface ModelComparison {
  readonly a: string;
  readonly b: string;
  /** "ResNet50 has 0.185× VGG16’s parameters and +3.6 points top-1." for the chosen axes. */
  readonly headline: string;
  /** Every cost ratio and accuracy difference, b against a. */
  readonly lines: readonly ComparisonLine[];
}

const ratioOf = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : b / a);

/** Ratio of b to a on one cost axis (exact parameter counts where both rows have them); null if a value is missing. */
export function costRatio(aName: string, bName: string, axis: CostAxisId): number | null {
  const a = kerasRow(aName);
  const b = kerasRow(bName);
  if (axis === 'params') return paramsRatio(a, b);
  const x = costAxis(axis);
  return ratioOf(x.value(a), x.value(b));
}

/** b's accuracy minus a's, in points, on one metric; null if a value is missing. */
export function accuracyGain(aName: string, bName: string, m: MetricId): number | null {
  const y = metric(m);
  const a = y.value(kerasRow(aName));
  const b = y.value(kerasRow(bName));
  return a === null || b === null ? null : round(b - a, 1);
}

/** Which of the two rows lack the value: "ConvNeXtTiny", "EfficientNetV2S and ConvNeXtBase". */
function lacking(a: KerasModel, b: KerasModel, value: (m: KerasModel) => number | null): string {
  return listNames([a, b].filter((m) => value(m) === null).map((m) => m.name));
}

export function compareModels(aName: string, bName: string, axis: CostAxisId, m: MetricId): ModelComparison {
  const a = kerasRow(aName);
  const b = kerasRow(bName);
  const x = costAxis(axis);
  const y = metric(m);
  const r = costRatio(aName, bName, axis);
  const gain = accuracyGain(aName, bName, m);
  const costPart =
    r === null ? `the source gives no ${x.noun} for ${lacking(a, b, x.value)}` : `${bName} has ${formatRatio(r)} ${aName}’s ${x.noun}`;
  const accPart = gain === null ? `no ${y.short} accuracy for ${lacking(a, b, y.value)}` : `${formatSigned(gain)} points ${y.short}`;
  const headline =
    r === null
      ? `${bName} against ${aName}: ${costPart}; ${accPart}.`
      : `${costPart} and ${gain === null ? `the source gives ${accPart}` : accPart}.`;
  const costLines: ComparisonLine[] = (['params', 'size', 'depth', 'cpu', 'gpu'] as const).map((id) => {
    const v = costRatio(aName, bName, id);
    const text = v === null ? `not given for ${lacking(a, b, costAxis(id).value)}` : `${formatRatio(v)} ${aName}’s`;
    return { id, label: costAxis(id).noun, value: v, text };
  });
  const gainLine = (id: MetricId, label: string): ComparisonLine => {
    const v = accuracyGain(aName, bName, id);
    return { id, label, value: v, text: v === null ? `not given for ${lacking(a, b, metric(id).value)}` : `${formatSigned(v)} points` };
  };
  const e5a = a.top5 === null ? null : round(100 - a.top5, 1);
  const e5b = b.top5 === null ? null : round(100 - b.top5, 1);
  const e5 = ratioOf(e5a, e5b);
  const accuracyLines: ComparisonLine[] = [
    gainLine('top1', 'top-1 accuracy'),
    gainLine('top5', 'top-5 accuracy'),
    {
      id: 'top5Error',
      label: 'top-5 error',
      value: e5,
      text: e5 === null ? `not given for ${lacking(a, b, (row) => row.top5)}` : `${formatRatio(e5)} ${aName}’s`,
    },
  ];
  return { a: aName, b: bName, headline, lines: [...costLines, ...accuracyLines] };
}
