// d3: one bar per bottleneck block, its height ‖F(x)‖ / ‖x‖ on the reader's photo, with a line at 1
// (the branch as large as its input; the legend under the chart says so). Bars are radio buttons (roving tabindex; arrows, Home, End) so
// the reader can pick a block by keyboard too. Plain module; the component keeps the state.
import { formatFixed } from '../../lib/format';
import { axisLeft, max, scaleBand, scaleLinear, select, type Selection } from 'd3';
import type { ResidualRatio } from '../../lib/probe/types';
import { blockLabel } from '../../lib/probe/residual-summary';

export interface ResidualBarsHandlers {
  select(index: number): void;
}

const M = { top: 14, right: 8, bottom: 40, left: 40 };

export function drawResidualBars(
  svgEl: SVGSVGElement,
  ratios: readonly ResidualRatio[],
  selected: number,
  width: number,
  on: ResidualBarsHandlers,
  focus: boolean,
): void {
  const height = 230;
  const svg = select(svgEl).attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height);
  svg.selectAll('*').remove();
  const x = scaleBand<number>()
    .domain(ratios.map((_, i) => i))
    .range([M.left, width - M.right])
    .padding(0.18);
  const top = Math.max(1.1, (max(ratios, (r) => r.ratio) ?? 1) * 1.08);
  const y = scaleLinear()
    .domain([0, top])
    .nice()
    .range([height - M.bottom, M.top]);

  svg
    .append('g')
    .attr('class', 'rb-axis')
    .attr('transform', `translate(${M.left},0)`)
    .attr('aria-hidden', 'true')
    .call(axisLeft(y).ticks(5).tickSizeOuter(0));
  svg
    .append('text')
    .attr('class', 'rb-axis-title')
    .attr('aria-hidden', 'true')
    .attr('transform', `translate(11,${(height - M.bottom + M.top) / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .text('‖F(x)‖ / ‖x‖');

  const one = y(1);
  svg
    .append('line')
    .attr('class', 'rb-one')
    .attr('x1', M.left)
    .attr('x2', width - M.right)
    .attr('y1', one)
    .attr('y2', one)
    .attr('aria-hidden', 'true');

  // Stage names under their blocks.
  const stages = [...new Set(ratios.map((r) => r.stage))];
  for (const s of stages) {
    const idx = ratios.flatMap((r, i) => (r.stage === s ? [i] : []));
    const x0 = x(idx[0]!)!;
    const x1 = x(idx[idx.length - 1]!)! + x.bandwidth();
    svg
      .append('text')
      .attr('class', 'rb-stage')
      .attr('aria-hidden', 'true')
      .attr('x', (x0 + x1) / 2)
      .attr('y', height - 6)
      .attr('text-anchor', 'middle')
      .text(`conv${s}_x`);
    svg
      .append('line')
      .attr('class', 'rb-stage-rule')
      .attr('aria-hidden', 'true')
      .attr('x1', x0)
      .attr('x2', x1)
      .attr('y1', height - 20)
      .attr('y2', height - 20);
  }

  const group = svg.append('g').attr('role', 'radiogroup').attr('aria-label', 'Residual blocks: pick one to see its maps');
  const bars: Selection<SVGGElement, ResidualRatio, SVGGElement, unknown> = group
    .selectAll<SVGGElement, ResidualRatio>('g')
    .data(ratios)
    .join('g')
    .attr('class', (r, i) => `rb-bar${r.projection ? ' projection' : ''}${i === selected ? ' selected' : ''}`)
    .attr('role', 'radio')
    .attr('aria-checked', (_, i) => String(i === selected))
    .attr('tabindex', (_, i) => (i === selected ? 0 : -1))
    .attr(
      'aria-label',
      (r) => `${blockLabel(r.block)}${r.projection ? ' (projection shortcut)' : ''}: ‖F(x)‖ / ‖x‖ = ${formatFixed(r.ratio, 2)}`,
    )
    .on('click', (_, r) => on.select(ratios.indexOf(r)))
    .on('keydown', (e: KeyboardEvent, r) => {
      const i = ratios.indexOf(r);
      const to =
        e.key === 'ArrowRight' || e.key === 'ArrowDown'
          ? i + 1
          : e.key === 'ArrowLeft' || e.key === 'ArrowUp'
            ? i - 1
            : e.key === 'Home'
              ? 0
              : e.key === 'End'
                ? ratios.length - 1
                : null;
      if (to === null) return;
      e.preventDefault();
      on.select(Math.max(0, Math.min(ratios.length - 1, to)));
    });
  // A full-height hit area: short bars are easy to click too.
  bars
    .append('rect')
    .attr('class', 'rb-hit')
    .attr('x', (_, i) => x(i)!)
    .attr('width', x.bandwidth())
    .attr('y', M.top)
    .attr('height', height - M.bottom - M.top);
  bars
    .append('rect')
    .attr('class', 'rb-rect')
    .attr('x', (_, i) => x(i)!)
    .attr('width', x.bandwidth())
    .attr('y', (r) => y(r.ratio))
    .attr('height', (r) => Math.max(1, y(0) - y(r.ratio)));
  bars
    .append('text')
    .attr('class', 'rb-tick')
    .attr('x', (_, i) => x(i)! + x.bandwidth() / 2)
    .attr('y', height - M.bottom + 12)
    .attr('text-anchor', 'middle')
    .attr('aria-hidden', 'true')
    .text((r) => r.block.replace(/^conv\d_block/, ''));
  if (focus) (bars.nodes()[selected] as SVGGElement | undefined)?.focus();
}
