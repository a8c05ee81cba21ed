/**
 * Geometry of the "where the parameters are vs where the work is" chart: one column per weight
 * layer, its share of the parameters drawn up and its share of the MACs drawn down, on one
 * percentage scale (d3 scales; the island renders the marks, so the chart is server-rendered).
 */
import { scaleBand, scaleLinear } from 'd3';
import type { WeightLayerShare } from '../../lib/arch';

export interface Bar {
  readonly layer: WeightLayerShare;
  readonly x: number;
  readonly w: number;
  /** Parameters bar: from `mid - up` to `mid`. */
  readonly up: number;
  /** MACs bar: from `mid` to `mid + down`. */
  readonly down: number;
}

export interface BarsGeometry {
  readonly width: number;
  readonly height: number;
  readonly mid: number;
  readonly left: number;
  readonly bars: readonly Bar[];
  /** Percent ticks and their distance from the middle line. */
  readonly ticks: readonly { readonly pct: number; readonly d: number }[];
}

export function barsGeometry(layers: readonly WeightLayerShare[], opts: { width?: number; half?: number } = {}): BarsGeometry {
  const width = opts.width ?? 640;
  const half = opts.half ?? 120;
  const left = 44;
  const top = 22;
  const maxShare = Math.max(...layers.map((l) => Math.max(l.paramShare, l.macShare)));
  const y = scaleLinear().domain([0, maxShare]).range([0, half]).nice();
  const x = scaleBand<number>()
    .domain(layers.map((_, i) => i))
    .range([left, width - 8])
    .paddingInner(0.2);
  const mid = top + half;
  return {
    width,
    height: mid + half + 26,
    mid,
    left,
    bars: layers.map((layer, i) => ({ layer, x: x(i) ?? 0, w: x.bandwidth(), up: y(layer.paramShare), down: y(layer.macShare) })),
    ticks: y
      .ticks(4)
      .filter((t) => t > 0)
      .map((t) => ({ pct: Math.round(t * 100), d: y(t) })),
  };
}
