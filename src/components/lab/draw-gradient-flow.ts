/**
 * The gradient-flow chart (d3): one mark per weight layer (input side first) of each net, the
 * gradient norm on a log y axis; the plain net in circles, the residual net in triangles (colour is
 * never the only cue), a faint line through each net's marks, and thin rules where a stage starts.
 * It owns no state: GradientFlow.svelte passes each snapshot in. Marks carry data attributes the
 * e2e tests read; the numbers themselves are in the figure's table for keyboard and screen readers.
 */
import {
  axisBottom,
  axisLeft,
  line,
  scaleLinear,
  scaleLog,
  select,
  symbol,
  symbolCircle,
  symbolTriangle,
  transition,
  type Selection,
} from 'd3';
import type { NetKey } from '../../lib/train/lab-methods';
import type { LayerGradNorm } from '../../lib/data/gradient-flow';
import type { GradMetric } from '../../lib/train/gradient-summary';
import { formatScientific } from '../../lib/format';
import { formatPowerOfTen } from '../../lib/format';

export interface FlowNet {
  readonly key: NetKey;
  readonly name: string;
  readonly layers: readonly LayerGradNorm[];
}

export interface FlowView {
  readonly nets: readonly FlowNet[];
  readonly metric: GradMetric;
  readonly width: number;
  /** Transitions off for prefers-reduced-motion. */
  readonly animate: boolean;
}

const MARGIN = { top: 22, right: 12, bottom: 40, left: 58 };
const DURATION = 300;
const chartHeight = (width: number): number => Math.round(Math.min(400, Math.max(260, width * 0.58)));

const SHAPE = { plain: symbolCircle, residual: symbolTriangle } as const;
/** The same path the legend draws, so chart and legend match. */
export const markPath = (key: NetKey, size = 42): string => symbol(SHAPE[key], size)() ?? '';

type G = Selection<SVGGElement, unknown, null, undefined>;

export interface FlowChart {
  update(view: FlowView): void;
}

export function createFlowChart(svgEl: SVGSVGElement): FlowChart {
  const svg = select(svgEl);
  svg.selectAll('*').remove();
  const stagesG: G = svg.append('g').attr('class', 'gf-stages').attr('aria-hidden', 'true');
  const xAxisG: G = svg.append('g').attr('class', 'gf-axis').attr('aria-hidden', 'true');
  const yAxisG: G = svg.append('g').attr('class', 'gf-axis').attr('aria-hidden', 'true');
  const xTitle = svg.append('text').attr('class', 'gf-axis-title').attr('aria-hidden', 'true').attr('text-anchor', 'middle');
  const yTitle = svg.append('text').attr('class', 'gf-axis-title').attr('aria-hidden', 'true').attr('text-anchor', 'middle');
  const linesG: G = svg.append('g').attr('class', 'gf-lines').attr('aria-hidden', 'true');
  const marksG: G = svg.append('g').attr('class', 'gf-marks').attr('aria-hidden', 'true');

  return {
    update(view) {
      const { nets, metric, width } = view;
      const height = chartHeight(width);
      svg.attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height);
      const innerW = width - MARGIN.left - MARGIN.right;
      const innerH = height - MARGIN.top - MARGIN.bottom;
      const count = Math.max(1, ...nets.map((n) => n.layers.length));
      const x = scaleLinear()
        .domain([0.5, count + 0.5])
        .range([MARGIN.left, MARGIN.left + innerW]);
      const values = nets.flatMap((n) => n.layers.map((l) => l[metric])).filter((v) => Number.isFinite(v) && v > 0);
      // Whole decades, with room above and below the marks.
      const lo = values.length ? Math.floor(Math.log10(Math.min(...values))) : -6;
      const hi = values.length ? Math.ceil(Math.log10(Math.max(...values))) : 0;
      // A fifth of a decade beyond the ticks, so marks on a whole decade are not cut by the frame.
      const y = scaleLog()
        .domain([10 ** (lo - 0.2), 10 ** (Math.max(hi, lo + 1) + 0.2)])
        .range([MARGIN.top + innerH, MARGIN.top]);
      const decades = Math.max(hi, lo + 1) - lo;
      const every = Math.ceil(decades / Math.max(3, Math.floor(innerH / 36)));
      const ticks: number[] = [];
      for (let e = lo; e <= Math.max(hi, lo + 1); e += every) ticks.push(10 ** e);
      // One shared transition (imported, so d3-transition is bundled and patches selections).
      const t = transition().duration(view.animate ? DURATION : 0);

      xAxisG.attr('transform', `translate(0,${MARGIN.top + innerH})`).call(
        axisBottom(x)
          .ticks(Math.min(count, Math.floor(innerW / 48)))
          .tickFormat((d) => String(d))
          .tickSizeOuter(0),
      );
      yAxisG.attr('transform', `translate(${MARGIN.left},0)`).call(
        axisLeft(y)
          .tickValues(ticks)
          .tickFormat((d) => formatPowerOfTen(Math.round(Math.log10(Number(d)))))
          .tickSize(-innerW)
          .tickSizeOuter(0),
      );
      yAxisG.selectAll('.tick line').attr('class', 'gf-grid');
      xTitle
        .attr('x', MARGIN.left + innerW / 2)
        .attr('y', height - 6)
        .text('weight layer (input side → output side)');
      yTitle
        .attr('transform', `translate(14,${MARGIN.top + innerH / 2}) rotate(-90)`)
        .text(metric === 'outputGradRms' ? 'output gradient, RMS (log)' : 'weight gradient ‖∂L/∂W‖ (log)');

      // Where a stage starts (from the first net; both nets share the stage layout).
      const first = nets[0]?.layers ?? [];
      const starts = first.filter((l, i) => i > 0 && l.stageIndex !== first[i - 1]!.stageIndex && l.id !== 'predictions');
      stagesG
        .selectAll<SVGGElement, LayerGradNorm>('g')
        .data(starts, (d) => d.id)
        .join((enter) => {
          const g = enter.append('g');
          g.append('line').attr('class', 'gf-stage-line');
          g.append('text').attr('class', 'gf-stage-label');
          return g;
        })
        .each(function (d) {
          const g = select(this);
          const xs = x(d.layer - 0.5);
          g.select('line')
            .attr('x1', xs)
            .attr('x2', xs)
            .attr('y1', MARGIN.top)
            .attr('y2', MARGIN.top + innerH);
          g.select('text')
            .attr('x', xs + 3)
            .attr('y', MARGIN.top - 6)
            .text(innerW > 300 ? `stage ${d.stageIndex}` : `s${d.stageIndex}`);
        });

      const path = line<LayerGradNorm>()
        .defined((l) => l[metric] > 0 && Number.isFinite(l[metric]))
        .x((l) => x(l.layer))
        .y((l) => y(l[metric]));
      linesG
        .selectAll<SVGPathElement, FlowNet>('path')
        .data(nets, (n) => n.key)
        .join('path')
        .attr('class', (n) => `gf-line gf-${n.key}`)
        .transition(t)
        .attr('d', (n) => path(n.layers as LayerGradNorm[]) ?? '');

      marksG
        .selectAll<SVGGElement, FlowNet>('g')
        .data(nets, (n) => n.key)
        .join('g')
        .attr('class', (n) => `gf-net gf-${n.key}`)
        .each(function (n) {
          const pts = n.layers.filter((l) => Number.isFinite(l[metric]) && l[metric] > 0);
          select(this)
            .selectAll<SVGPathElement, LayerGradNorm>('path')
            .data(pts, (l) => l.id)
            .join((enter) =>
              enter
                .append('path')
                .attr('transform', (l) => `translate(${x(l.layer)},${y(l[metric])})`)
                .call((p) => p.append('title')),
            )
            .attr('class', 'gf-mark')
            .attr('d', markPath(n.key, width < 500 ? 26 : 42))
            .attr('data-net', n.key)
            .attr('data-layer', (l) => l.layer)
            .attr('data-id', (l) => l.id)
            .attr('data-value', (l) => l[metric])
            .call((p) => p.select('title').text((l) => `${n.name}, layer ${l.layer} (${l.id}): ${formatScientific(l[metric], 2)}`))
            .transition(t)
            .attr('transform', (l) => `translate(${x(l.layer)},${y(l[metric])})`);
        });
    },
  };
}
