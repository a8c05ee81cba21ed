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
const hasBothAccuracies = (m: KerasModel): m is BothAccuracies => m.top5 !== null;

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
 * (the prose quotes every field); the zoo chart, which pins any two rows, uses zoo/pin-comparison.ts. */
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
  /** Pearson correlation, over the rows used, of top-1 accuracy with top-5 error ÷ top-1 error. */
  readonly accuracyRatioCorrelation: number;
  /** Highest minus lowest top-1 error, and top-5 error, over the rows used (points). */
  readonly top1ErrorSpan: number;
  readonly top5ErrorSpan: number;
}

/** Pearson correlation of two equally long series. */
export function correlation(xs: readonly number[], ys: readonly number[]): number {
  if (xs.length !== ys.length || xs.length < 2) throw new Error('correlation needs two series of the same length, at least 2');
  const mean = (v: readonly number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  xs.forEach((x, i) => {
    const dy = ys[i]! - my;
    sxy += (x - mx) * dy;
    sxx += (x - mx) ** 2;
    syy += dy ** 2;
  });
  return sxy / Math.sqrt(sxx * syy);
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
    accuracyRatioCorrelation:
      models.length < 2
        ? Number.NaN
        : correlation(
            models.map((m) => m.top1),
            ratios.map((r) => r.value),
          ),
    top1ErrorSpan: round(Math.max(...models.map(top1Error)) - Math.min(...models.map(top1Error)), 1),
    top5ErrorSpan: round(Math.max(...models.map(top5Error)) - Math.min(...models.map(top5Error)), 1),
  };
}

/** A ResNet row against a VGG row whose top-1 accuracy it matches or beats. */
export interface ResnetVggPair {
  readonly resnet: string;
  readonly vgg: string;
  /** ResNet parameters ÷ VGG parameters (exact counts). */
  readonly paramsRatio: number;
}

/**
 * Every pairing of a VGG row with a ResNet (V1 or V2) row at least as accurate (top-1), sorted by the
 * parameter ratio, smallest first: the "ResNet has 1/7 of VGG's parameters" check of the comparison page.
 */
export function resnetVggPairs(all: readonly KerasModel[] = KERAS_MODELS): ResnetVggPair[] {
  const vggs = all.filter((m) => m.family === 'VGG');
  const resnets = all.filter((m) => m.family === 'ResNet' || m.family === 'ResNetV2');
  return vggs
    .flatMap((v) => resnets.filter((r) => r.top1 >= v.top1).map((r) => ({ resnet: r.name, vgg: v.name, paramsRatio: paramsRatio(v, r) })))
    .sort((a, b) => a.paramsRatio - b.paramsRatio);
}

/** Top-1 gain (points) of each ResNet V2 row over the V1 row of the same depth, in the table's order. */
export function v2Gains(all: readonly KerasModel[] = KERAS_MODELS): { readonly v1: string; readonly v2: string; readonly gain: number }[] {
  return all
    .filter((m) => m.family === 'ResNetV2')
    .flatMap((v2) => {
      const v1 = all.find((m) => m.family === 'ResNet' && `${m.name}V2` === v2.name);
      return v1 ? [{ v1: v1.name, v2: v2.name, gain: round(v2.top1 - v1.top1, 1) }] : [];
    });
}
