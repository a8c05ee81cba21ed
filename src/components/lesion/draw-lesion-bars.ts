// d3: 16 bars, one per bottleneck block of ResNet-50, for the block-deletion figure: the intact top-1's
// probability with that block removed (its rank written above), or how many labelled photos keep their
// true class in the top-5 with it removed. A dashed line marks the value with every block in place.
// Plain module; the island keeps the state. Bars not yet computed are drawn as empty slots.
import { axisLeft, scaleBand, scaleLinear, select } from 'd3';

export interface LesionBar {
  /** "2.1": stage and place, under the bar. */
  short: string;
  /** The block's full label, for the bar's title. */
  label: string;
  projection: boolean;
  /** null while not computed; NaN when the output was not a number. */
  value: number | null;
  /** Above the bar (a rank, a count); '' for none. */
  note: string;
  /** The bar's title (what a pointer or a screen reader hears). */
  title: string;
}

export interface LesionBarsOptions {
  width: number;
  max: number;
  /** The value with every block in place (dashed line), or null. */
  reference: number | null;
  yTitle: string;
  tick: (v: number) => string;
  ticks: number;
}

const M = { top: 18, right: 8, bottom: 30, left: 48 };

export function drawLesionBars(svgEl: SVGSVGElement, bars: readonly LesionBar[], o: LesionBarsOptions): void {
  const height = 220;
  const width = o.width;
  const svg = select(svgEl).attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height);
  svg.selectAll('*').remove();
  const x = scaleBand<number>()
    .domain(bars.map((_, i) => i))
    .range([M.left, width - M.right])
    .padding(0.2);
  const y = scaleLinear()
    .domain([0, o.max])
    .range([height - M.bottom, M.top]);
  svg
    .append('g')
    .attr('class', 'lb-axis')
    .attr('aria-hidden', 'true')
    .attr('transform', `translate(${M.left},0)`)
    .call(
      axisLeft(y)
        .ticks(o.ticks)
        .tickFormat((v) => o.tick(Number(v)))
        .tickSizeOuter(0),
    );
  svg
    .append('text')
    .attr('class', 'lb-axis-title')
    .attr('aria-hidden', 'true')
    .attr('transform', `translate(10,${(height - M.bottom + M.top) / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .text(o.yTitle);
  if (o.reference !== null && Number.isFinite(o.reference)) {
    const r = y(o.reference);
    svg
      .append('line')
      .attr('class', 'lb-ref')
      .attr('aria-hidden', 'true')
      .attr('x1', M.left)
      .attr('x2', width - M.right)
      .attr('y1', r)
      .attr('y2', r);
  }
  const g = svg
    .selectAll('g.lb-bar')
    .data(bars)
    .join('g')
    .attr('class', (b) => `lb-bar${b.projection ? ' projection' : ''}${b.value === null ? ' pending' : ''}`)
    .attr('data-value', (b) => (b.value === null ? '' : String(b.value)));
  g.append('title').text((b) => b.title);
  const bw = x.bandwidth();
  g.append('rect')
    .attr('class', 'lb-rect')
    .attr('x', (_, i) => x(i)!)
    .attr('width', bw)
    .attr('y', (b) => (b.value !== null && Number.isFinite(b.value) ? y(Math.min(o.max, b.value)) : y(0) - 1))
    .attr('height', (b) => (b.value !== null && Number.isFinite(b.value) ? Math.max(1, y(0) - y(Math.min(o.max, b.value))) : 1));
  g.append('text')
    .attr('class', 'lb-note')
    .attr('aria-hidden', 'true')
    .attr('text-anchor', 'middle')
    .attr('x', (_, i) => x(i)! + bw / 2)
    .attr('y', (b) => (b.value !== null && Number.isFinite(b.value) ? y(Math.min(o.max, b.value)) - 4 : y(0) - 5))
    .text((b) => (b.value !== null && !Number.isFinite(b.value) ? 'NaN' : b.note));
  g.append('text')
    .attr('class', 'lb-tick')
    .attr('aria-hidden', 'true')
    .attr('text-anchor', 'middle')
    .attr('x', (_, i) => x(i)! + bw / 2)
    .attr('y', height - M.bottom + 13)
    .text((b) => b.short);
  svg
    .append('text')
    .attr('class', 'lb-axis-title')
    .attr('aria-hidden', 'true')
    .attr('x', (M.left + width - M.right) / 2)
    .attr('y', height - 3)
    .attr('text-anchor', 'middle')
    .text('block removed (stage.block)');
}
