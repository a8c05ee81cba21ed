// d3: top-k error against k (k = 1…10) over the labelled gallery photos.
import { axisBottom, axisLeft, line, scaleLinear, select } from 'd3';

export function drawCurve(svgEl: SVGSVGElement, points: readonly { k: number; error: number }[], width: number): void {
  const height = 200;
  const m = { top: 12, right: 14, bottom: 38, left: 46 };
  const x = scaleLinear()
    .domain([1, points.length])
    .range([m.left, width - m.right]);
  const y = scaleLinear()
    .domain([0, 1])
    .range([height - m.bottom, m.top]);
  const svg = select(svgEl).attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height);
  svg.selectAll('*').remove();
  svg
    .append('g')
    .attr('transform', `translate(0, ${height - m.bottom})`)
    .call(
      axisBottom(x)
        .ticks(points.length)
        .tickFormat((d) => String(d)),
    );
  svg
    .append('g')
    .attr('transform', `translate(${m.left}, 0)`)
    .call(
      axisLeft(y)
        .ticks(5)
        .tickFormat((d) => `${Math.round(Number(d) * 100)}%`),
    );
  svg
    .append('text')
    .attr('x', (m.left + width - m.right) / 2)
    .attr('y', height - 4)
    .attr('text-anchor', 'middle')
    .attr('class', 'axis-title')
    .text('k (guesses allowed)');
  svg
    .append('path')
    .datum(points)
    .attr('class', 'curve-line')
    .attr('fill', 'none')
    .attr(
      'd',
      line<{ k: number; error: number }>()
        .x((d) => x(d.k))
        .y((d) => y(d.error)),
    );
  svg
    .selectAll('circle')
    .data(points)
    .join('circle')
    .attr('class', (d) => (d.k === 1 || d.k === 5 ? 'curve-dot key' : 'curve-dot'))
    .attr('cx', (d) => x(d.k))
    .attr('cy', (d) => y(d.error))
    .attr('r', (d) => (d.k === 1 || d.k === 5 ? 5 : 3));
}
