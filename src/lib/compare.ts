/**
 * Numbers the prose derives from the data tables. Pages import these instead of typing results,
 * and unit tests pin them, so a change in the data shows up everywhere at once.
 */
import { KERAS_MODELS, kerasModel, type CompleteKerasModel, type KerasModel } from './data/keras-applications';

/** Top-1 and top-5 error (100 − accuracy), in percentage points. */
export const top1Error = (m: Pick<KerasModel, 'top1'>): number => round(100 - m.top1, 1);
export const top5Error = (m: { readonly top5: number }): number => round(100 - m.top5, 1);

/** Rows with both accuracies: the only ones a top-1/top-5 statistic can use. */
export type BothAccuracies = KerasModel & { readonly top5: number };
export const hasBothAccuracies = (m: KerasModel): m is BothAccuracies => m.top5 !== null;

export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export interface PairComparison {
  readonly a: CompleteKerasModel;
  readonly b: CompleteKerasModel;
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

/** b's parameters over a's: exact counts where both rows have them, the rounded millions otherwise. */
export function paramsRatio(a: KerasModel, b: KerasModel): number {
  return a.paramsExact !== undefined && b.paramsExact !== undefined ? b.paramsExact / a.paramsExact : b.paramsM / a.paramsM;
}

/** How model `bName` compares with model `aName`: every ratio is b / a. Both rows must be complete
 * (the prose quotes every field); the zoo chart, which pins any two rows, uses zoo/comparison.ts. */
export function comparePair(aName: string, bName: string): PairComparison {
  const a = kerasModel(aName);
  const b = kerasModel(bName);
  return {
    a,
    b,
    paramsRatio: paramsRatio(a, b),
    sizeRatio: b.sizeMB / a.sizeMB,
    cpuRatio: b.cpuMs / a.cpuMs,
    gpuRatio: b.gpuMs / a.gpuMs,
    top1Gain: round(b.top1 - a.top1, 1),
    top5Gain: round(b.top5 - a.top5, 1),
    top5ErrorRatio: top5Error(a) / top5Error(b),
  };
}

export interface Top1Top5Relation {
  /** Mean over the rows with both accuracies of top-5 error ÷ top-1 error. */
  readonly meanErrorRatio: number;
  readonly minErrorRatio: { readonly value: number; readonly model: string };
  readonly maxErrorRatio: { readonly value: number; readonly model: string };
  /** Mean over all rows of (top-5 accuracy − top-1 accuracy), in points. */
  readonly meanGap: number;
  readonly minGap: { readonly value: number; readonly model: string };
  readonly maxGap: { readonly value: number; readonly model: string };
  /** Rows with both accuracies, the ones every statistic here is computed on. */
  readonly count: number;
  /** Rows left out because the source gives no top-5 accuracy for them. */
  readonly withoutTop5: readonly string[];
  /** The most and the least accurate (top-1) of the rows used. */
  readonly mostAccurate: string;
  readonly leastAccurate: string;
}

/** How top-5 error relates to top-1 error across a table of models. */
export function top1Top5Relation(all: readonly KerasModel[] = KERAS_MODELS): Top1Top5Relation {
  const models = all.filter(hasBothAccuracies);
  if (models.length === 0) throw new Error('top1Top5Relation needs at least one model with both accuracies');
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
    withoutTop5: all.filter((m) => !hasBothAccuracies(m)).map((m) => m.name),
    mostAccurate: models.reduce((best, m) => (m.top1 > best.top1 ? m : best)).name,
    leastAccurate: models.reduce((worst, m) => (m.top1 < worst.top1 ? m : worst)).name,
  };
}
