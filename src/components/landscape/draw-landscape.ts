/**
 * One loss landscape as a filled contour plot (d3-contour): the loss over an n × n grid of
 * α, β ∈ [−range, range] (rows are β, drawn upward), on thresholds shared with the other plots so that
 * one colour means one loss everywhere, on a linear or log scale; the trained net (the centre) as a
 * cross, an optional cursor ring on one grid point. It owns no state: the figure (or the live one in
 * the lab) passes the grid and the view in, and reads pointer positions back with `cellAt`.
 * Also the shared legend. Marks carry data attributes the e2e tests read.
 */
import { contours, geoIdentity, geoPath, interpolateViridis, select } from 'd3';
import type { LevelScale } from '../../lib/landscape/levels';
import { formatLoss } from '../../lib/landscape/levels';

/** The losses of one map: `loss[j * n + i]` at α = i-th, β = j-th coordinate (as `LandscapeGrid`). */
export interface LandscapeData {
  readonly n: number;
  readonly range: number;
  readonly loss: readonly number[];
}

export interface LandscapePlotView {
  /** Ascending loss thresholds, shared by every plot drawn side by side (levels.ts `sharedLevels`). */
  readonly levels: readonly number[];
  readonly scale: LevelScale;
  /** Width and height of the whole square SVG, axes included, in px. */
  readonly size: number;
  /** The grid point under the pointer or the keyboard cursor, if any. */
  readonly cursor?: { readonly i: number; readonly j: number } | null;
}

const MARGIN = { top: 6, right: 6, bottom: 24, left: 30 };

/** The colour of the band at or above `levels[index]` (viridis from dark to light: low to high loss). */
export function levelColour(index: number, count: number): string {
  return interpolateViridis(count <= 1 ? 0 : index / (count - 1));
}

/** The side of the plotting square inside an SVG of `size` px. */
const inner = (size: number): number => size - Math.max(MARGIN.left + MARGIN.right, MARGIN.top + MARGIN.bottom);

/**
 * The grid point nearest to a pointer at (x, y) px in the SVG's own coordinates, or null outside the
 * plot (half a cell around it counts as inside).
 */
export function cellAt(x: number, y: number, size: number, n: number): { i: number; j: number } | null {
  const side = inner(size);
  const step = side / (n - 1);
  const i = Math.round((x - MARGIN.left) / step);
  const j = n - 1 - Math.round((y - MARGIN.top) / step);
  return i >= 0 && j >= 0 && i < n && j < n ? { i, j } : null;
}

/** Values on the scale the contours are traced in; non-finite losses count as above every level. */
function traced(loss: readonly number[], levels: readonly number[], scale: LevelScale): { values: number[]; thresholds: number[] } {
  const f = scale === 'log' ? (v: number): number => Math.log10(v) : (v: number): number => v;
  const top = levels.length ? f(levels[levels.length - 1]!) + 1 : 1;
  const values = loss.map((v) =>
    Number.isFinite(v) && (scale === 'linear' || v > 0) ? f(v) : Number.isNaN(v) || v > 0 ? top : f(levels[0] ?? 1) - 1,
  );
  return { values, thresholds: levels.map(f) };
}

export function drawLandscape(svgEl: SVGSVGElement, grid: LandscapeData, view: LandscapePlotView): void {
  const { n, range } = grid;
  const { size, levels, scale } = view;
  const side = inner(size);
  const svg = select(svgEl);
  svg.attr('viewBox', `0 0 ${size} ${size}`).attr('width', size).attr('height', size).attr('data-scale', scale);
  svg.selectAll('*').remove();
  const clipId = `${svgEl.id || 'landscape'}-clip`;
  svg
    .append('defs')
    .append('clipPath')
    .attr('id', clipId)
    .append('rect')
    .attr('x', MARGIN.left)
    .attr('y', MARGIN.top)
    .attr('width', side)
    .attr('height', side);

  // d3-contour puts sample (i, j) at (i + 0.5, j + 0.5); sample 0 goes to the plot's edge, β upward.
  const k = side / (n - 1);
  const project = geoIdentity()
    .reflectY(true)
    .scale(k)
    .translate([MARGIN.left - 0.5 * k, MARGIN.top + side + 0.5 * k]);
  const path = geoPath(project);
  const { values, thresholds } = traced(grid.loss, levels, scale);
  const bands = contours().size([n, n]).thresholds(thresholds)(values);
  svg
    .append('g')
    .attr('class', 'ls-bands')
    .attr('clip-path', `url(#${clipId})`)
    .attr('aria-hidden', 'true')
    .selectAll('path')
    .data(bands)
    .join('path')
    .attr('class', 'ls-band')
    .attr('data-level', (_, i) => i)
    .attr('fill', (_, i) => levelColour(i, levels.length))
    .attr('d', (b) => path(b) ?? '');

  // Axes: α across, β up, ticks at −range, 0, range.
  const axes = svg.append('g').attr('class', 'ls-axes').attr('aria-hidden', 'true');
  axes.append('rect').attr('class', 'ls-frame').attr('x', MARGIN.left).attr('y', MARGIN.top).attr('width', side).attr('height', side);
  const ticks = [-range, 0, range];
  const tickLabel = (v: number): string => (v === 0 ? '0' : `${v < 0 ? '−' : ''}${Math.abs(v)}`);
  for (const v of ticks) {
    const t = (v + range) / (2 * range);
    axes
      .append('text')
      .attr('class', 'ls-tick')
      .attr('x', MARGIN.left + t * side)
      .attr('y', MARGIN.top + side + 12)
      .attr('text-anchor', 'middle')
      .text(tickLabel(v));
    axes
      .append('text')
      .attr('class', 'ls-tick')
      .attr('x', MARGIN.left - 4)
      .attr('y', MARGIN.top + (1 - t) * side + 4)
      .attr('text-anchor', 'end')
      .text(tickLabel(v));
  }
  axes
    .append('text')
    .attr('class', 'ls-axis-title')
    .attr('x', MARGIN.left + side / 2)
    .attr('y', size - 2)
    .attr('text-anchor', 'middle')
    .text('α (direction δ)');
  axes
    .append('text')
    .attr('class', 'ls-axis-title')
    .attr('transform', `translate(9,${MARGIN.top + side / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .text('β (η)');

  const px = (i: number): number => MARGIN.left + i * k;
  const py = (j: number): number => MARGIN.top + side - j * k;
  const mid = (n - 1) / 2;
  svg
    .append('path')
    .attr('class', 'ls-centre')
    .attr('aria-hidden', 'true')
    .attr('d', `M${px(mid) - 5},${py(mid)}h10M${px(mid)},${py(mid) - 5}v10`);
  if (view.cursor) {
    svg
      .append('circle')
      .attr('class', 'ls-cursor')
      .attr('aria-hidden', 'true')
      .attr('data-i', view.cursor.i)
      .attr('data-j', view.cursor.j)
      .attr('cx', px(view.cursor.i))
      .attr('cy', py(view.cursor.j))
      .attr('r', Math.max(3, Math.min(7, k * 0.6)));
  }
}

/** The shared legend: one swatch per band, from its threshold up. */
export function drawLandscapeLegend(svgEl: SVGSVGElement, levels: readonly number[], scale: LevelScale, width: number): void {
  const svg = select(svgEl);
  const h = 34;
  svg.attr('viewBox', `0 0 ${width} ${h}`).attr('width', width).attr('height', h).attr('data-scale', scale);
  svg.selectAll('*').remove();
  const count = levels.length;
  if (count === 0) return;
  const w = (width - 2) / count;
  const g = svg.append('g').attr('class', 'ls-legend');
  levels.forEach((lv, i) => {
    g.append('rect')
      .attr('class', 'ls-swatch')
      .attr('x', 1 + i * w)
      .attr('y', 2)
      .attr('width', w)
      .attr('height', 12)
      .attr('fill', levelColour(i, count));
    // Room for a label about every 70 px: the first, the last, and evenly between.
    const labels = Math.max(2, Math.min(count, Math.floor(width / 70)));
    const every = Math.max(1, Math.round((count - 1) / (labels - 1)));
    if (i % every === 0 || i === count - 1) {
      if (i !== count - 1 && count - 1 - i < every / 2) return;
      g.append('text')
        .attr('class', 'ls-tick')
        .attr('x', i === count - 1 ? width - 1 : 1 + i * w)
        .attr('y', 28)
        .attr('text-anchor', i === 0 ? 'start' : i === count - 1 ? 'end' : 'middle')
        .text(formatLoss(lv));
    }
  });
}
