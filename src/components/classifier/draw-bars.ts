// d3: the top-5 bar chart (probability per class, best first). Plain module; the component only calls it.
import { formatFraction } from '../../lib/format';
import { select, scaleLinear } from 'd3';

export interface Bar {
  label: string;
  p: number;
  /** The reader's true label: drawn in the accent colour. */
  isTrue: boolean;
}

const ROW = 30;

export function drawBars(svgEl: SVGSVGElement, bars: readonly Bar[], width: number): void {
  const labelW = Math.min(170, Math.max(110, width * 0.42));
  const x = scaleLinear()
    .domain([0, 1])
    .range([0, Math.max(40, width - labelW - 58)]);
  const svg = select(svgEl)
    .attr('viewBox', `0 0 ${width} ${bars.length * ROW}`)
    .attr('width', width)
    .attr('height', bars.length * ROW);
  const rows = svg
    .selectAll<SVGGElement, Bar>('g.bar')
    .data(bars)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'bar');
      g.append('text').attr('class', 'bar-label');
      g.append('rect').attr('class', 'bar-track');
      g.append('rect').attr('class', 'bar-fill');
      g.append('text').attr('class', 'bar-value');
      return g;
    })
    .attr('transform', (_, i) => `translate(0, ${i * ROW})`)
    .classed('is-true', (d) => d.isTrue);
  rows
    .select('text.bar-label')
    .attr('x', labelW - 8)
    .attr('y', ROW / 2)
    .attr('dy', '0.35em')
    .attr('text-anchor', 'end')
    .text((d) => (d.label.length > 22 ? d.label.slice(0, 21) + '…' : d.label));
  rows
    .select('rect.bar-track')
    .attr('x', labelW)
    .attr('y', 6)
    .attr('height', ROW - 12)
    .attr('width', x(1));
  rows
    .select('rect.bar-fill')
    .attr('x', labelW)
    .attr('y', 6)
    .attr('height', ROW - 12)
    .attr('width', (d) => Math.max(1, x(d.p)));
  rows
    .select('text.bar-value')
    .attr('x', (d) => labelW + x(d.p) + 6)
    .attr('y', ROW / 2)
    .attr('dy', '0.35em')
    .text((d) => formatFraction(d.p));
}
