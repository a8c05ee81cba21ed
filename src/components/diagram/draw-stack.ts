/**
 * Compare mode: models as columns on one vertical scale of MACs or parameters (d3). Each segment is
 * a layer or a residual block, its height its share; a column's height is the model's total.
 */
import { select } from 'd3';
import { formatInt } from '../../lib/format';
import type { StackLayout, StackSegment } from '../../lib/diagram/layout';

export interface StackHandlers {
  hover(column: number, segment: StackSegment | null): void;
}

const short = (n: number): string =>
  n >= 1e9 ? `${(n / 1e9).toFixed(2)} G` : n >= 1e6 ? `${(n / 1e6).toFixed(1)} M` : n >= 1e3 ? `${(n / 1e3).toFixed(0)} k` : String(n);

export function drawStack(svgEl: SVGSVGElement, layout: StackLayout, handlers: StackHandlers): void {
  const svg = select(svgEl);
  svg.selectAll('*').remove();
  const totalH = layout.height + 40;
  svg.attr('viewBox', `0 0 ${layout.width} ${totalH}`).attr('width', layout.width).attr('height', totalH);
  const unit = layout.metric === 'macs' ? 'MACs' : 'parameters';
  layout.columns.forEach((col, ci) => {
    const g = svg.append('g').attr('class', 'stack-col').attr('data-model', col.model.spec.id);
    g.append('text').attr('class', 'stack-title').attr('x', col.x + col.width / 2).attr('y', 16).attr('text-anchor', 'middle').text(col.model.spec.name);
    const seg = g.selectAll('g.stack-seg').data(col.segments).join('g')
      .attr('class', (d) => `stack-seg${d.stage % 2 ? ' odd' : ''}`)
      .attr('data-key', (d) => d.key)
      .on('mouseenter', (_e, d) => handlers.hover(ci, d))
      .on('mouseleave', () => handlers.hover(ci, null));
    seg.append('rect').attr('x', col.x).attr('y', (d) => d.y).attr('width', col.width).attr('height', (d) => d.h);
    seg.append('title').text((d) => `${d.label}: ${formatInt(d.value)} ${unit}`);
    seg.filter((d) => d.h >= 13).append('text').attr('class', 'stack-label')
      .attr('x', col.x + 5).attr('y', (d) => d.y + Math.min(d.h / 2 + 4, 14))
      .text((d) => `${d.label} ${short(d.value)}`);
    const bottom = (col.segments[0]?.y ?? 0) + col.height;
    g.append('text').attr('class', 'stack-total').attr('x', col.x + col.width / 2).attr('y', bottom + 18).attr('text-anchor', 'middle')
      .text(`${formatInt(col.total)} ${unit}`);
  });
}
