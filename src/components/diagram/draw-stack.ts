/**
 * Compare mode: models as columns on one vertical scale of MACs or parameters (d3). Each segment is
 * a layer or a residual block, its height its share; a column's height is the model's total.
 */
import { select } from 'd3';
import { formatInt } from '../../lib/format';
import type { StackLayout, StackSegment } from '../../lib/diagram/stack-layout';
import { formatShortCount } from '../../lib/format';

export interface StackHandlers {
  hover(column: number, segment: StackSegment | null): void;
}

export function drawStack(svgEl: SVGSVGElement, layout: StackLayout, handlers: StackHandlers): void {
  const svg = select(svgEl);
  svg.selectAll('*').remove();
  const totalH = layout.height + 40;
  svg.attr('viewBox', `0 0 ${layout.width} ${totalH}`).attr('width', layout.width).attr('height', totalH);
  const unit = layout.metric === 'macs' ? 'MACs' : 'parameters';
  layout.columns.forEach((col, ci) => {
    // Keyboard: each column is one tab stop; arrow keys walk its segments and show their numbers.
    let cursor = -1;
    const g = svg
      .append('g')
      .attr('class', 'stack-col')
      .attr('data-model', col.model.spec.id)
      .attr('tabindex', 0)
      .attr('role', 'slider')
      .attr('aria-label', `${col.model.spec.name}: ${formatInt(col.total)} ${unit}; arrow keys move through its layers and blocks`)
      .attr('aria-valuemin', 1)
      .attr('aria-valuemax', col.segments.length)
      .attr('aria-valuenow', 1)
      .on('keydown', (e: KeyboardEvent) => {
        const n = col.segments.length;
        const moves: Record<string, number> = {
          ArrowDown: cursor + 1,
          ArrowRight: cursor + 1,
          ArrowUp: cursor - 1,
          ArrowLeft: cursor - 1,
          Home: 0,
          End: n - 1,
        };
        const to = moves[e.key];
        if (to === undefined) return;
        e.preventDefault();
        cursor = Math.max(0, Math.min(n - 1, to));
        const seg = col.segments[cursor]!;
        g.selectAll('g.stack-seg').classed('picked', (d) => d === seg);
        g.attr('aria-valuenow', cursor + 1).attr('aria-valuetext', `${seg.label}: ${formatInt(seg.value)} ${unit}`);
        handlers.hover(ci, seg);
      })
      .on('blur', () => {
        g.selectAll('g.stack-seg').classed('picked', false);
        handlers.hover(ci, null);
      });
    g.append('text')
      .attr('class', 'stack-title')
      .attr('x', col.x + col.width / 2)
      .attr('y', 16)
      .attr('text-anchor', 'middle')
      .text(col.model.spec.name);
    const seg = g
      .selectAll<SVGGElement, StackSegment>('g.stack-seg')
      .data(col.segments)
      .join('g')
      .attr('class', (d) => `stack-seg${d.stage % 2 ? ' odd' : ''}`)
      .attr('data-key', (d) => d.key)
      .on('mouseenter', (_e, d) => handlers.hover(ci, d))
      .on('mouseleave', () => handlers.hover(ci, null));
    seg
      .append('rect')
      .attr('x', col.x)
      .attr('y', (d) => d.y)
      .attr('width', col.width)
      .attr('height', (d) => d.h);
    seg.append('title').text((d) => `${d.label}: ${formatInt(d.value)} ${unit}`);
    seg
      .filter((d) => d.h >= 13)
      .append('text')
      .attr('class', 'stack-label')
      .attr('x', col.x + 5)
      .attr('y', (d) => d.y + Math.min(d.h / 2 + 4, 14))
      .text((d) => `${d.label} ${formatShortCount(d.value)}`);
    const bottom = (col.segments[0]?.y ?? 0) + col.height;
    g.append('text')
      .attr('class', 'stack-total')
      .attr('x', col.x + col.width / 2)
      .attr('y', bottom + 18)
      .attr('text-anchor', 'middle')
      .text(`${formatInt(col.total)} ${unit}`);
  });
}
