/**
 * 1-D slices of loss landscapes (d3): the loss along one direction, α ∈ [−range, range], one line per
 * net, the plain net dashed and the residual net solid (colour is never the only cue), on a linear or
 * log y axis. It owns no state; the figure passes the slices in.
 */
import { axisBottom, axisLeft, line, scaleLinear, scaleLog, select } from 'd3';
import type { LevelScale } from '../../lib/landscape/levels';
import { formatLevel } from '../../lib/format';
import { formatLoss } from '../../lib/landscape/levels';

export interface SliceLine {
  readonly key: 'plain' | 'residual';
  readonly name: string;
  readonly range: number;
  readonly loss: readonly number[];
}

export interface SliceView {
  readonly width: number;
  readonly height: number;
  readonly scale: LevelScale;
  /** Shared y extent (finite, and positive on a log scale), so the charts compare. */
  readonly extent: readonly [number, number];
}

const MARGIN = { top: 8, right: 16, bottom: 30, left: 58 };

export function drawSlices(svgEl: SVGSVGElement, lines: readonly SliceLine[], view: SliceView): void {
  const { width, height, scale } = view;
  const svg = select(svgEl);
  svg.attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height).attr('data-scale', scale);
  svg.selectAll('*').remove();
  const range = lines[0]?.range ?? 1;
  const x = scaleLinear()
    .domain([-range, range])
    .range([MARGIN.left, width - MARGIN.right]);
  const [lo, hi] = view.extent;
  const y = (scale === 'log' ? scaleLog().domain([lo, Math.max(hi, lo * 1.01)]) : scaleLinear().domain([Math.min(0, lo), hi]))
    .range([height - MARGIN.bottom, MARGIN.top])
    .clamp(true);
  svg
    .append('g')
    .attr('class', 'ls-axis')
    .attr('aria-hidden', 'true')
    .attr('transform', `translate(0,${height - MARGIN.bottom})`)
    .call(
      axisBottom(x)
        .ticks(5)
        .tickFormat((d) => formatLevel(Number(d)).replace('-', '−')),
    );
  svg
    .append('g')
    .attr('class', 'ls-axis')
    .attr('aria-hidden', 'true')
    .attr('transform', `translate(${MARGIN.left},0)`)
    .call(
      axisLeft(y)
        .ticks(4)
        .tickFormat((d) => formatLoss(Number(d))),
    );
  svg
    .append('text')
    .attr('class', 'ls-axis-title')
    .attr('aria-hidden', 'true')
    .attr('x', (MARGIN.left + width - MARGIN.right) / 2)
    .attr('y', height - 2)
    .attr('text-anchor', 'middle')
    .text('α along δ (β = 0)');
  const path = (l: SliceLine): string => {
    const step = (2 * l.range) / (l.loss.length - 1);
    return (
      line<number>()
        .defined((v) => Number.isFinite(v) && (scale === 'linear' || v > 0))
        .x((_, i) => x(-l.range + i * step))
        .y((v) => y(v))(l.loss as number[]) ?? ''
    );
  };
  svg
    .append('g')
    .attr('aria-hidden', 'true')
    .selectAll('path')
    .data(lines)
    .join('path')
    .attr('class', (l) => `ls-slice ls-${l.key}`)
    .attr('data-net', (l) => l.key)
    .attr('d', path);
}
