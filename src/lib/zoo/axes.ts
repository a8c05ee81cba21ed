/**
 * The axes a reader can put on the model-zoo chart: every numeric cost column of the Keras table on
 * X, top-1 or top-5 accuracy on Y. Each axis knows how to read a row and how to print its value, so
 * the chart, the tooltip, the table and the exports all say the same thing.
 */
import type { KerasModel } from '../data/keras-applications';
import { formatFixed, formatMillions } from '../format';

export type CostAxisId = 'params' | 'size' | 'depth' | 'cpu' | 'gpu';
export type MetricId = 'top1' | 'top5';
export type ScaleId = 'linear' | 'log';

export interface CostAxis {
  readonly id: CostAxisId;
  /** Axis title, with unit. */
  readonly label: string;
  /** The quantity in running text: "VGG16's parameters". */
  readonly noun: string;
  /** The row's value, or null where the source prints "-". */
  readonly value: (m: KerasModel) => number | null;
  readonly format: (v: number) => string;
}

export interface Metric {
  readonly id: MetricId;
  readonly label: string;
  /** Short name in running text: "+3.6 points top-1". */
  readonly short: string;
  /** The accuracy in percent, or null where the source gives none. */
  readonly value: (m: KerasModel) => number | null;
}

export const COST_AXES: readonly CostAxis[] = [
  { id: 'params', label: 'Parameters (millions)', noun: 'parameters', value: (m) => m.paramsM, format: (v) => formatMillions(v) },
  { id: 'size', label: 'Weights file size (MB)', noun: 'file size', value: (m) => m.sizeMB, format: (v) => `${v} MB` },
  { id: 'depth', label: 'Depth (layers, as Keras counts them)', noun: 'depth', value: (m) => m.depth, format: (v) => `${v}` },
  {
    id: 'cpu',
    label: 'CPU time per step of 32 images (ms)',
    noun: 'CPU time',
    value: (m) => m.cpuMs,
    format: (v) => `${formatFixed(v, 1)} ms`,
  },
  {
    id: 'gpu',
    label: 'GPU time per step of 32 images (ms)',
    noun: 'GPU time',
    value: (m) => m.gpuMs,
    format: (v) => `${formatFixed(v, 1)} ms`,
  },
];

export const METRICS: readonly Metric[] = [
  { id: 'top1', label: 'Top-1 accuracy (%)', short: 'top-1', value: (m) => m.top1 },
  { id: 'top5', label: 'Top-5 accuracy (%)', short: 'top-5', value: (m) => m.top5 },
];

export const SCALES: readonly ScaleId[] = ['linear', 'log'];

export function costAxis(id: CostAxisId): CostAxis {
  const axis = COST_AXES.find((a) => a.id === id);
  if (!axis) throw new Error(`Unknown cost axis "${id}"`);
  return axis;
}

export function metric(id: MetricId): Metric {
  const found = METRICS.find((m) => m.id === id);
  if (!found) throw new Error(`Unknown metric "${id}"`);
  return found;
}

export const isCostAxisId = (s: string): s is CostAxisId => COST_AXES.some((a) => a.id === s);
