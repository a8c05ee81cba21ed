/**
 * Numbers the prose derives from the data tables. Pages import these instead of typing results,
 * and unit tests pin them, so a change in the data shows up everywhere at once.
 */
import { KERAS_MODELS, kerasModel, type KerasModel } from './data/keras-applications';

/** Top-1 and top-5 error (100 − accuracy), in percentage points. */
export const top1Error = (m: KerasModel): number => round(100 - m.top1, 1);
export const top5Error = (m: KerasModel): number => round(100 - m.top5, 1);

export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export interface PairComparison {
  readonly a: KerasModel;
  readonly b: KerasModel;
  /** b's parameters as a fraction of a's (exact counts where both rows have them). */
  readonly paramsRatio: number;
  readonly sizeRatio: number;
  readonly cpuRatio: number;
  readonly gpuRatio: number;
  /** b.top1 − a.top1, in points. */
  readonly top1Gain: number;
  readonly top5Gain: number;
  /** a's top-5 error divided by b's. */
  readonly top5ErrorRatio: number;
}

/** How model `bName` compares with model `aName`: every ratio is b / a. */
export function comparePair(aName: string, bName: string): PairComparison {
  const a = kerasModel(aName);
  const b = kerasModel(bName);
  const params =
    a.paramsExact !== undefined && b.paramsExact !== undefined
      ? b.paramsExact / a.paramsExact
      : b.paramsM / a.paramsM;
  return {
    a,
    b,
    paramsRatio: params,
    sizeRatio: b.sizeMB / a.sizeMB,
    cpuRatio: b.cpuMs / a.cpuMs,
    gpuRatio: b.gpuMs / a.gpuMs,
    top1Gain: round(b.top1 - a.top1, 1),
    top5Gain: round(b.top5 - a.top5, 1),
    top5ErrorRatio: top5Error(a) / top5Error(b),
  };
}

export interface Top1Top5Relation {
  /** Mean over all rows of top-5 error ÷ top-1 error. */
  readonly meanErrorRatio: number;
  readonly minErrorRatio: { readonly value: number; readonly model: string };
  readonly maxErrorRatio: { readonly value: number; readonly model: string };
  /** Mean over all rows of (top-5 accuracy − top-1 accuracy), in points. */
  readonly meanGap: number;
  readonly minGap: { readonly value: number; readonly model: string };
  readonly maxGap: { readonly value: number; readonly model: string };
  readonly count: number;
}

/** How top-5 error relates to top-1 error across a table of models. */
export function top1Top5Relation(models: readonly KerasModel[] = KERAS_MODELS): Top1Top5Relation {
  if (models.length === 0) throw new Error('top1Top5Relation needs at least one model');
  const ratios = models.map((m) => ({ value: top5Error(m) / top1Error(m), model: m.name }));
  const gaps = models.map((m) => ({ value: round(m.top5 - m.top1, 1), model: m.name }));
  const mean = (xs: readonly { value: number }[]) => xs.reduce((s, x) => s + x.value, 0) / xs.length;
  const extreme = (xs: readonly { value: number; model: string }[], pick: (a: number, b: number) => boolean) =>
    xs.reduce((best, x) => (pick(x.value, best.value) ? x : best));
  return {
    meanErrorRatio: mean(ratios),
    minErrorRatio: extreme(ratios, (a, b) => a < b),
    maxErrorRatio: extreme(ratios, (a, b) => a > b),
    meanGap: mean(gaps),
    minGap: extreme(gaps, (a, b) => a < b),
    maxGap: extreme(gaps, (a, b) => a > b),
    count: models.length,
  };
}
