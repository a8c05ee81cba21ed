// The race's bar chart, drawn with d3 into an <svg> the component owns: one horizontal bar per model
// for the median forward-pass time on this device, a whisker from the fastest to the slowest timed
// run, and the value printed at the bar's end. Colours come from Starlight's CSS variables, so the
// chart follows light and dark mode.
import { axisBottom, max, scaleBand, scaleLinear, select } from 'd3';

export interface RaceBar {
  readonly label: string;
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

const fmtMs = (ms: number): string => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));

export function drawRace(svgEl: SVGSVGElement, bars: readonly RaceBar[], width: number): void {
  const margin = { top: 8, right: 72, bottom: 36, left: 92 };
  const rowHeight = 40;
  const height = margin.top + margin.bottom + rowHeight * bars.length;
  const innerW = Math.max(80, width - margin.left - margin.right);
  const x = scaleLinear()
    .domain([0, max(bars, (b) => b.max) ?? 1])
    .nice()
    .range([0, innerW]);
  const y = scaleBand<string>()
    .domain(bars.map((b) => b.label))
    .range([0, rowHeight * bars.length])
    .padding(0.3);

  const svg = select(svgEl).attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height);
  svg.selectAll('*').remove();
  const g = svg.append('g').attr('transform', `translate(${margin.left},${margin.top})`);

  // Grid and axis labels: d3-axis ticks reaching up across the rows as grid lines, no domain line.
  const axis = g.append('g').attr('class', 'race-axis').attr('aria-hidden', 'true');
  axis
    .append('g')
    .attr('transform', `translate(0,${rowHeight * bars.length})`)
    .call(
      axisBottom(x)
        .ticks(Math.max(2, Math.floor(innerW / 80)))
        .tickFormat((d) => String(d))
        .tickSize(-rowHeight * bars.length)
        .tickPadding(7),
    )
    .call((a) => a.select('.domain').remove())
    .call((a) => a.selectAll('.tick line').attr('class', 'race-grid'));
  axis
    .append('text')
    .attr('x', innerW / 2)
    .attr('y', rowHeight * bars.length + 32)
    .attr('text-anchor', 'middle')
    .text('median ms per image (line: fastest to slowest run)');

  const row = g
    .selectAll('g.race-row')
    .data(bars)
    .join('g')
    .attr('class', 'race-row')
    .attr('transform', (b) => `translate(0,${y(b.label) ?? 0})`);
  const bw = y.bandwidth();
  row
    .append('text')
    .attr('class', 'race-label')
    .attr('x', -8)
    .attr('y', bw / 2)
    .attr('dy', '0.35em')
    .attr('text-anchor', 'end')
    .text((b) => b.label);
  row
    .append('rect')
    .attr('class', 'race-bar')
    .attr('x', 0)
    .attr('y', 0)
    .attr('height', bw)
    .attr('width', (b) => Math.max(1, x(b.median)));
  row
    .append('line')
    .attr('class', 'race-whisker')
    .attr('x1', (b) => x(b.min))
    .attr('x2', (b) => x(b.max))
    .attr('y1', bw / 2)
    .attr('y2', bw / 2);
  row
    .append('text')
    .attr('class', 'race-value')
    .attr('x', (b) => x(Math.max(b.median, b.max)) + 6)
    .attr('y', bw / 2)
    .attr('dy', '0.35em')
    .text((b) => `${fmtMs(b.median)} ms`);
}
