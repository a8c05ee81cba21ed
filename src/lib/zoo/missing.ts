/**
 * Not every row of the Keras table has every column: the source prints "-" for the ConvNeXt rows'
 * top-5 accuracy and for the EfficientNetV2 and ConvNeXt rows' depth and timings. A point needs both
 * of its coordinates, so the chart leaves those rows out of a view that needs a missing value and
 * says which ones and why, instead of drawing them at zero.
 */
import type { KerasModel } from '../data/keras-applications';
import type { CostAxis, Metric } from './axes';
import { paretoFrontier } from './pareto';

/** One point of the chart: the row and its two coordinates, both known. */
export interface PlotPoint {
  readonly model: KerasModel;
  readonly x: number;
  readonly y: number;
}

export interface LeftOut {
  /** What the source does not give, as running text: "top-5 accuracy", "CPU time". */
  readonly what: string;
  readonly models: readonly string[];
}

export interface PlotSplit {
  readonly points: readonly PlotPoint[];
  /** Rows left out, grouped by the missing quantity (cost first, then accuracy); empty if none. */
  readonly leftOut: readonly LeftOut[];
}

const ACCURACY_WORDS: Readonly<Record<string, string>> = { top1: 'top-1 accuracy', top5: 'top-5 accuracy' };

/** Splits `models` into plottable points and the rows missing the x or the y value. */
export function splitPlottable(models: readonly KerasModel[], x: CostAxis, y: Metric): PlotSplit {
  const points: PlotPoint[] = [];
  const noX: string[] = [];
  const noY: string[] = [];
  for (const m of models) {
    const xv = x.value(m);
    const yv = y.value(m);
    if (xv === null) noX.push(m.name);
    else if (yv === null) noY.push(m.name);
    else points.push({ model: m, x: xv, y: yv });
  }
  const leftOut: LeftOut[] = [];
  if (noX.length > 0) leftOut.push({ what: x.noun, models: noX });
  if (noY.length > 0) leftOut.push({ what: ACCURACY_WORDS[y.id] ?? y.short, models: noY });
  return { points, leftOut };
}

/** "a", "a and b", "a, b and c". */
export function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** The note under the chart: null when every shown row is drawn. */
export function leftOutNote(split: PlotSplit): string | null {
  if (split.leftOut.length === 0) return null;
  const parts = split.leftOut.map((g) => {
    const n = g.models.length;
    return `${n === 1 ? '1 model is' : `${n} models are`} left out of this view because the source gives no ${g.what} for ${n === 1 ? 'it' : 'them'}: ${listNames(g.models)}.`;
  });
  return parts.join(' ');
}

/** The Pareto frontier of the drawn points only: a row missing either value cannot be on it. */
export function plottedFrontier(models: readonly KerasModel[], x: CostAxis, y: Metric): KerasModel[] {
  const points = splitPlottable(models, x, y).points;
  return paretoFrontier(
    points,
    (p) => p.x,
    (p) => p.y,
  ).map((p) => p.model);
}
