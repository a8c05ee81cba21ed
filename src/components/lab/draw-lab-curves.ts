/**
 * One of the lab's charts (training loss, training error or test error against iteration), drawn with
 * d3 into an <svg>: the reference runs as thin dashed lines behind, the reader's two nets on top.
 * Nets differ in colour (CSS classes, light and dark values in TrainingLab's styles) AND in marker
 * shape (squares for the plain net, circles for the residual one), so colour is never the only cue.
 * It owns no state and draws without transitions (nothing moves for prefers-reduced-motion either).
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
  symbolSquare,
  type ScaleContinuousNumeric,
} from 'd3';
import type { NetKey } from '../../lib/train/lab-methods';

export interface CurvePoint {
  readonly x: number;
  readonly y: number;
}

export interface CurveSeries {
  readonly key: NetKey;
  readonly role: 'live' | 'reference';
  readonly points: readonly CurvePoint[];
}

export interface CurveChart {
  readonly width: number;
  readonly xMax: number;
  readonly yTitle: string;
  /** Log y axis (the loss chart's toggle). */
  readonly log: boolean;
  /** y values are fractions shown as percentages (the error charts), on a fixed 0–100% axis. */
  readonly percent: boolean;
  readonly series: readonly CurveSeries[];
}

const MARGIN = { top: 10, right: 12, bottom: 36, left: 48 };
export const CURVE_HEIGHT = 210;
/** At most this many markers per live line (plus its last point), so a long run stays readable. */
const MARKERS = 10;

const MARKER_SHAPE = { plain: symbolSquare, residual: symbolCircle } as const;

/** Marker path of a net, also used by the legend. */
export const markerPath = (key: NetKey, area = 36): string => symbol(MARKER_SHAPE[key], area)() ?? '';

/** Evenly spaced points of a line for its markers, always including the last. */
function markerPoints(points: readonly CurvePoint[], count = MARKERS): CurvePoint[] {
  if (points.length <= count) return [...points];
  const step = (points.length - 1) / (count - 1);
  const out: CurvePoint[] = [];
  for (let i = 0; i < count; i++) out.push(points[Math.round(i * step)]!);
  return out;
}

export interface CurveDrawing {
  update(c: CurveChart): void;
}

/**
 * Builds the chart's groups once; each update only sets attributes and joins the few lines and
 * markers, so a redraw during training touches no more of the DOM than it must (the page's main
 * thread stays free: see the lab's longtask test).
 */
export function createCurves(svgEl: SVGSVGElement): CurveDrawing {
  const svg = select(svgEl);
  svg.selectAll('*').remove();
  const grid = svg.append('g').attr('class', 'lab-grid');
  const xAxis = svg.append('g').attr('class', 'lab-axis');
  const yAxis = svg.append('g').attr('class', 'lab-axis');
  const xTitle = svg.append('text').attr('class', 'lab-axis-title').attr('text-anchor', 'middle').text('iteration');
  const yTitle = svg.append('text').attr('class', 'lab-axis-title').attr('text-anchor', 'middle');
  const lines = svg.append('g').attr('class', 'lab-lines');
  const markers = svg.append('g').attr('class', 'lab-marker-groups');

  function update(c: CurveChart): void {
    const { width } = c;
    const height = CURVE_HEIGHT;
    const usable = (p: CurvePoint): boolean => Number.isFinite(p.y) && (!c.log || p.y > 0) && p.x <= c.xMax;
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const s of c.series)
      for (const p of s.points)
        if (usable(p)) {
          lo = Math.min(lo, p.y);
          hi = Math.max(hi, p.y);
        }
    const any = Number.isFinite(lo);
    let y: ScaleContinuousNumeric<number, number>;
    if (c.percent) y = scaleLinear().domain([0, 1]);
    else if (c.log)
      y = scaleLog()
        .domain([any ? lo * 0.9 : 0.1, any ? hi * 1.1 : 10])
        .nice();
    else
      y = scaleLinear()
        .domain([0, any ? hi * 1.05 : 2.5])
        .nice();
    y.range([height - MARGIN.bottom, MARGIN.top]);
    const x = scaleLinear()
      .domain([0, Math.max(1, c.xMax)])
      .range([MARGIN.left, width - MARGIN.right]);

    svg.attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height);
    const ticksY = c.log ? 4 : 5;
    // Grid lines: an unlabelled d3 axis whose ticks span the plot.
    grid
      .attr('transform', `translate(${MARGIN.left},0)`)
      .call(
        axisLeft(y)
          .ticks(ticksY)
          .tickSize(-(width - MARGIN.left - MARGIN.right))
          .tickFormat(() => ''),
      )
      .call((a) => a.select('.domain').remove());
    xAxis.attr('transform', `translate(0,${height - MARGIN.bottom})`).call(
      axisBottom(x)
        .ticks(Math.max(2, Math.floor(width / 90)))
        .tickFormat((d) => Number(d).toLocaleString('en-US')),
    );
    yAxis.attr('transform', `translate(${MARGIN.left},0)`).call(
      axisLeft(y)
        .ticks(ticksY)
        .tickFormat((d) => (c.percent ? `${Math.round(100 * Number(d))}%` : String(+Number(d).toPrecision(2)))),
    );
    xTitle.attr('x', (MARGIN.left + width - MARGIN.right) / 2).attr('y', height - 4);
    yTitle.attr('transform', `translate(12,${(MARGIN.top + height - MARGIN.bottom) / 2}) rotate(-90)`).text(c.yTitle);

    const path = line<CurvePoint>()
      .defined(usable)
      .x((p) => x(p.x))
      .y((p) => y(p.y));
    // References first, so the live lines are drawn over them.
    const ordered = [...c.series.filter((s) => s.role === 'reference'), ...c.series.filter((s) => s.role === 'live')];
    lines
      .selectAll<SVGPathElement, CurveSeries>('path')
      .data(ordered, (s) => `${s.role}-${s.key}`)
      .join('path')
      .attr('class', (s) => `lab-line lab-${s.key} lab-${s.role}`)
      .attr('data-net', (s) => s.key)
      .attr('data-role', (s) => s.role)
      .attr('data-points', (s) => s.points.length)
      .attr('fill', 'none')
      .attr('d', (s) => path(s.points as CurvePoint[]) ?? '');
    const liveSeries = c.series.filter((s) => s.role === 'live');
    markers
      .selectAll<SVGGElement, CurveSeries>('g')
      .data(liveSeries, (s) => s.key)
      .join('g')
      .attr('class', (s) => `lab-markers lab-${s.key}`)
      .each(function (s) {
        select(this)
          .selectAll('path')
          .data(markerPoints(s.points.filter(usable)))
          .join('path')
          .attr('d', markerPath(s.key))
          .attr('transform', (p) => `translate(${x(p.x)},${y(p.y)})`);
      });
  }
  return { update };
}
