// A confusion matrix drawn with d3 into an <svg> the component owns: rows are the true classes,
// columns the predicted ones, each cell shaded by its share of its row and labelled with its count.
// Colours come from Starlight's CSS variables (accent on the page background), so it follows light
// and dark mode; the text colour flips on dark cells to keep contrast.
import { axisLeft, axisTop, scaleBand, select } from 'd3';

export function drawConfusion(
  svgEl: SVGSVGElement,
  confusion: readonly (readonly number[])[],
  classes: readonly string[],
  title: string,
): void {
  const n = classes.length;
  const cell = 26;
  const margin = { top: 30, right: 6, bottom: 6, left: 84 };
  const size = cell * n;
  const width = margin.left + size + margin.right;
  const height = margin.top + size + margin.bottom;
  const band = scaleBand<number>()
    .domain(Array.from({ length: n }, (_, i) => i))
    .range([0, size]);

  const svg = select(svgEl).attr('viewBox', `0 0 ${width} ${height}`);
  svg.selectAll('*').remove();
  svg.append('title').text(title);
  const g = svg.append('g').attr('transform', `translate(${margin.left},${margin.top})`);

  const cells = confusion.flatMap((row, t) => {
    const total = row.reduce((a, b) => a + b, 0) || 1;
    return row.map((count, p) => ({ t, p, count, share: count / total }));
  });
  const c = g
    .selectAll('g.tiny-cell')
    .data(cells)
    .join('g')
    .attr('class', 'tiny-cell')
    .attr('transform', (d) => `translate(${band(d.p) ?? 0},${band(d.t) ?? 0})`);
  c.append('rect')
    .attr('width', cell - 1)
    .attr('height', cell - 1)
    .attr('class', (d) => (d.t === d.p ? 'tiny-cell-diag' : 'tiny-cell-off'))
    // Square root so the few mistakes stay visible next to the large diagonal.
    .attr('fill-opacity', (d) => (d.count === 0 ? 0 : 0.08 + 0.92 * Math.sqrt(d.share)));
  c.append('text')
    .attr('x', (cell - 1) / 2)
    .attr('y', (cell - 1) / 2)
    .attr('dy', '0.35em')
    .attr('text-anchor', 'middle')
    .attr('class', (d) => (Math.sqrt(d.share) > 0.55 ? 'tiny-cell-text on-dark' : 'tiny-cell-text'))
    .text((d) => (d.count === 0 ? '' : String(d.count)));
  c.append('title').text((d) => `true ${classes[d.t]}, predicted ${classes[d.p]}: ${d.count}`);

  // Class names down the left (true), class numbers along the top (predicted): d3-axis labels, no lines.
  g.append('g')
    .attr('aria-hidden', 'true')
    .call(
      axisLeft(band)
        .tickSize(0)
        .tickPadding(6)
        .tickFormat((i) => classes[i] ?? String(i)),
    )
    .call((a) => a.select('.domain').remove())
    .call((a) => a.selectAll('.tick text').attr('class', 'tiny-axis'));
  g.append('g')
    .attr('aria-hidden', 'true')
    .call(axisTop(band).tickSize(0).tickPadding(6).tickFormat(String))
    .call((a) => a.select('.domain').remove())
    .call((a) => a.selectAll('.tick text').attr('class', 'tiny-axis'));
}
