// One net's top-3 as horizontal bars (d3): the class name, a bar as long as its probability and the
// percentage. The true class, when known, is marked with a tick so the reader sees right and wrong
// at a glance without relying on colour alone.
import { scaleLinear, select } from 'd3';
import type { Guess } from '../../lib/tiny/classify';

export function drawTop3(
  svgEl: SVGSVGElement,
  guesses: readonly Guess[],
  classes: readonly string[],
  truth: number | null,
  width: number,
): void {
  const rowH = 26;
  const labelW = 96;
  const valueW = 52;
  const height = rowH * guesses.length;
  const x = scaleLinear()
    .domain([0, 1])
    .range([0, Math.max(40, width - labelW - valueW)]);
  const svg = select(svgEl).attr('viewBox', `0 0 ${width} ${height}`).attr('height', height);
  svg.selectAll('*').remove();
  const row = svg
    .selectAll('g')
    .data(guesses)
    .join('g')
    .attr('transform', (_, i) => `translate(0,${i * rowH})`);
  row
    .append('text')
    .attr('class', 'tiny-bar-label')
    .attr('x', labelW - 6)
    .attr('y', rowH / 2)
    .attr('dy', '0.35em')
    .attr('text-anchor', 'end')
    .text((d) => `${d.label === truth ? '✓ ' : ''}${classes[d.label] ?? d.label}`);
  row
    .append('rect')
    .attr('class', (_, i) => (i === 0 ? 'tiny-bar top' : 'tiny-bar'))
    .attr('x', labelW)
    .attr('y', 5)
    .attr('height', rowH - 10)
    .attr('width', (d) => Math.max(1, x(d.probability)));
  row
    .append('text')
    .attr('class', 'tiny-bar-value')
    .attr('x', (d) => labelW + Math.max(1, x(d.probability)) + 4)
    .attr('y', rowH / 2)
    .attr('dy', '0.35em')
    .text((d) => `${(100 * d.probability).toFixed(1)}%`);
}
