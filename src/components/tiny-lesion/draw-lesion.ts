/**
 * The block-deletion charts (d3). Bars: for each removable block, the test error of each net with that
 * block removed, side by side (plain-20 on the left of each pair, ResNet-20 on the right: colour is
 * never the only cue; clicking a pair picks that block), each net's intact error as a dashed rule, and chance (90%) as a labelled rule.
 * Curve: error against k random blocks removed, the mean over seeds as a line with the spread (± one
 * standard deviation) as a band. They own no state; the island passes each view in. Marks carry data
 * attributes the e2e tests read; the numbers themselves are in the figure's table.
 */
import { area, axisBottom, axisLeft, line, scaleBand, scaleLinear, select, symbol, symbolCircle, symbolTriangle, type Selection } from 'd3';
import type { LesionNet } from '../../lib/data/tiny-lesion';
import type { RandomSummary } from '../../lib/tiny/lesion-prose';
import { formatPercent } from '../../lib/format';

const MARGIN = { top: 18, right: 12, bottom: 42, left: 48 };
type G = Selection<SVGGElement, unknown, null, undefined>;
const height = (width: number): number => Math.round(Math.min(320, Math.max(230, width * 0.5)));
const netClass = (i: number): string => (i === 0 ? 'tl-plain' : 'tl-residual');
const pct = (v: number): string => formatPercent(v, 0);

function frame(svgEl: SVGSVGElement): { svg: Selection<SVGSVGElement, unknown, null, undefined>; g: (cls: string) => G } {
  const svg = select(svgEl);
  svg.selectAll('*').remove();
  return { svg, g: (cls) => svg.append('g').attr('class', cls).attr('aria-hidden', 'true') };
}

function axes(xAxisG: G, yAxisG: G, y: ReturnType<typeof scaleLinear<number, number>>, innerW: number, h: number): void {
  yAxisG
    .attr('transform', `translate(${MARGIN.left},0)`)
    .call(
      axisLeft(y)
        .ticks(5)
        .tickFormat((v) => pct(100 * Number(v)))
        .tickSize(-innerW),
    )
    .call((s) => s.selectAll('.tick line').attr('class', 'tl-grid'));
  xAxisG.attr('transform', `translate(0,${h - MARGIN.bottom})`);
}

/** An axis title under the plot (the axis itself is labelled for screen readers elsewhere). */
function axisTitle(svg: Selection<SVGSVGElement, unknown, null, undefined>, x: number, y: number, text: string): void {
  svg
    .append('text')
    .attr('class', 'tl-axis-title')
    .attr('aria-hidden', 'true')
    .attr('x', x)
    .attr('y', y)
    .attr('text-anchor', 'middle')
    .text(text);
}

function rule(g: G, cls: string, x0: number, x1: number, yv: number, text: string | null): void {
  g.append('line').attr('class', cls).attr('x1', x0).attr('x2', x1).attr('y1', yv).attr('y2', yv);
  if (text)
    g.append('text')
      .attr('class', `${cls}-label`)
      .attr('x', x1 - 4)
      .attr('y', yv - 4)
      .attr('text-anchor', 'end')
      .text(text);
}

export interface BarsView {
  readonly nets: readonly LesionNet[];
  readonly testImages: number;
  readonly selected: string;
  readonly width: number;
  readonly chance: number;
  readonly onpick: (id: string) => void;
}

export function drawLesionBars(svgEl: SVGSVGElement, view: BarsView): void {
  const { nets, testImages, width, chance } = view;
  const h = height(width);
  const { svg, g } = frame(svgEl);
  svg.attr('viewBox', `0 0 ${width} ${h}`).attr('width', width).attr('height', h);
  const innerW = width - MARGIN.left - MARGIN.right;
  const blocks = nets[0]?.blocks ?? [];
  const x = scaleBand<string>()
    .domain(blocks.map((b) => b.id))
    .range([MARGIN.left, width - MARGIN.right])
    .paddingInner(0.25)
    .paddingOuter(0.1);
  const sub = scaleBand<number>()
    .domain(nets.map((_, i) => i))
    .range([0, x.bandwidth()])
    .padding(0.06);
  const y = scaleLinear()
    .domain([0, 1])
    .range([h - MARGIN.bottom, MARGIN.top]);
  const yAxisG = g('tl-axis');
  const xAxisG = g('tl-axis');
  axes(xAxisG, yAxisG, y, innerW, h);
  xAxisG.call(axisBottom(x).tickFormat((id) => blocks.find((b) => b.id === id)?.label ?? id));
  axisTitle(svg, MARGIN.left + innerW / 2, h - 6, 'block removed (stage.block)');
  const sel = g('tl-selected');
  const bx = x(view.selected);
  if (bx !== undefined)
    sel
      .append('rect')
      .attr('x', bx - 3)
      .attr('y', MARGIN.top - 4)
      .attr('width', x.bandwidth() + 6)
      .attr('height', h - MARGIN.bottom - MARGIN.top + 4);
  const bars = g('tl-bars');
  nets.forEach((net, i) => {
    bars
      .selectAll(`rect.${netClass(i)}`)
      .data(net.blocks)
      .join('rect')
      .attr('class', `tl-bar ${netClass(i)}`)
      .attr('data-net', net.id)
      .attr('data-block', (b) => b.id)
      .attr('data-errors', (b) => b.errors)
      .attr('x', (b) => (x(b.id) ?? 0) + (sub(i) ?? 0))
      .attr('width', sub.bandwidth())
      .attr('y', (b) => y(b.errors / testImages))
      .attr('height', (b) => y(0) - y(b.errors / testImages))
      .on('click', (_, b) => view.onpick(b.id));
  });
  const rules = g('tl-rules');
  nets.forEach((net, i) =>
    rule(rules, `tl-intact ${netClass(i)}`, MARGIN.left, width - MARGIN.right, y(net.intactErrors / testImages), null),
  );
  rule(rules, 'tl-chance', MARGIN.left, width - MARGIN.right, y(chance), `chance ${pct(100 * chance)}`);
}

export interface CurveView {
  readonly nets: readonly { readonly id: string; readonly summary: readonly RandomSummary[] }[];
  readonly width: number;
  readonly chance: number;
}

const SHAPES = [symbolCircle, symbolTriangle] as const;
export const curveMark = (i: number, size = 40): string => symbol(SHAPES[i] ?? symbolCircle, size)() ?? '';

export function drawLesionCurve(svgEl: SVGSVGElement, view: CurveView): void {
  const { nets, width, chance } = view;
  const h = height(width);
  const { svg, g } = frame(svgEl);
  svg.attr('viewBox', `0 0 ${width} ${h}`).attr('width', width).attr('height', h);
  const innerW = width - MARGIN.left - MARGIN.right;
  const kMax = Math.max(1, ...nets.map((n) => n.summary.length - 1));
  const x = scaleLinear()
    .domain([0, kMax])
    .range([MARGIN.left + 8, width - MARGIN.right - 8]);
  const y = scaleLinear()
    .domain([0, 1])
    .range([h - MARGIN.bottom, MARGIN.top]);
  const yAxisG = g('tl-axis');
  const xAxisG = g('tl-axis');
  axes(xAxisG, yAxisG, y, innerW, h);
  xAxisG.call(
    axisBottom(x)
      .ticks(kMax)
      .tickFormat((v) => String(v)),
  );
  axisTitle(svg, MARGIN.left + innerW / 2, h - 6, 'random blocks removed (k)');
  rule(g('tl-rules'), 'tl-chance', MARGIN.left, width - MARGIN.right, y(chance), `chance ${pct(100 * chance)}`);
  const bands = g('tl-bands');
  const lines = g('tl-lines');
  const marks = g('tl-marks');
  nets.forEach((net, i) => {
    const band = area<RandomSummary>()
      .x((d) => x(d.k))
      .y0((d) => y(Math.max(0, d.mean - d.sd)))
      .y1((d) => y(Math.min(1, d.mean + d.sd)));
    bands
      .append('path')
      .attr('class', `tl-band ${netClass(i)}`)
      .attr('d', band([...net.summary]));
    const path = line<RandomSummary>()
      .x((d) => x(d.k))
      .y((d) => y(d.mean));
    lines
      .append('path')
      .attr('class', `tl-line ${netClass(i)}`)
      .attr('d', path([...net.summary]));
    marks
      .selectAll(`path.${netClass(i)}`)
      .data(net.summary)
      .join('path')
      .attr('class', `tl-mark ${netClass(i)}`)
      .attr('data-net', net.id)
      .attr('data-k', (d) => d.k)
      .attr('data-mean', (d) => d.mean)
      .attr('transform', (d) => `translate(${x(d.k)},${y(d.mean)})`)
      .attr('d', curveMark(i));
  });
}
