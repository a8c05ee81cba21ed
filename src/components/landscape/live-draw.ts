/**
 * The live map of one net: the landscape figure's contour plot (draw-landscape.ts), plus a ✕ on every
 * grid point whose loss was not finite, so a NaN point reads as a result rather than as the top colour
 * band. The marks are placed from the plot's own frame, so they follow its geometry.
 */
import { select } from 'd3';
import { drawLandscape, type LandscapeData, type LandscapePlotView } from './draw-landscape';

export function drawLiveLandscape(svgEl: SVGSVGElement, grid: LandscapeData, view: LandscapePlotView): void {
  drawLandscape(svgEl, grid, view);
  const svg = select(svgEl);
  const frame = svg.select<SVGRectElement>('.ls-frame');
  const [x0, y0, side] = ['x', 'y', 'width'].map((a) => Number(frame.attr(a)));
  const { n, loss } = grid;
  const step = side! / (n - 1);
  const r = Math.max(2.5, Math.min(6, step * 0.35));
  const nan = loss.flatMap((v, k) => (Number.isFinite(v) ? [] : [{ i: k % n, j: Math.floor(k / n) }]));
  svg
    .append('g')
    .attr('class', 'll-nan')
    .attr('aria-hidden', 'true')
    .selectAll('path')
    .data(nan)
    .join('path')
    .attr('data-nan', (d) => `${d.i},${d.j}`)
    .attr('d', (d) => {
      const x = x0! + d.i * step;
      const y = y0! + side! - d.j * step;
      return `M${x - r},${y - r}L${x + r},${y + r}M${x - r},${y + r}L${x + r},${y - r}`;
    });
}
