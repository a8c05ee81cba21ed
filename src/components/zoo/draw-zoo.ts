/**
 * Draws the model-zoo scatter plot into an <svg> with d3: axes, one line per family joined in series
 * order, the Pareto frontier as a step line, and one focusable marker per model. It owns no state:
 * ZooChart.svelte passes the state in and receives hover/focus/pin events back.
 *
 * Markers use a roving tabindex (one marker in the tab order; arrow keys move between markers in
 * order of cost), Enter/Space pin, and every marker carries data attributes the e2e tests read.
 */
import { axisBottom, line, curveStepAfter, curveLinear, scaleLinear, scaleLog, select, transition, type Selection } from 'd3';
import { drawPercentAxis } from '../chart/percent-axis';
import { KERAS_MODELS, type KerasModel } from '../../lib/data/keras-applications';
import { costAxis, metric } from '../../lib/zoo/axes';
import { EMPHASISED, FAMILY_LABEL, groupByFamily } from '../../lib/zoo/families';
import { plottedFrontier, splitPlottable } from '../../lib/zoo/missing';
import type { ZooView } from '../../lib/zoo/view';
import { formatFixed, formatPercent } from '../../lib/format';
import { familyColor, familyHollow, familySymbol } from './family-style';

export interface ZooHandlers {
  /** A marker got the pointer or keyboard focus (null: nothing). x/y in px within the svg. */
  onInspect(name: string | null, at: { x: number; y: number } | null): void;
  onPin(name: string): void;
  /** Id of the element that shows the inspected model's row (aria-describedby of every marker). */
  readonly tooltipId: string;
}

/** What one update draws: the reader's view at a width. */
export interface ZooFrame {
  readonly state: ZooView;
  /** Width of the container, px. */
  readonly width: number;
  /** Transitions off for prefers-reduced-motion. */
  readonly animate: boolean;
}

const MARGIN = { top: 28, right: 18, bottom: 50, left: 52 };
const DURATION = 350;

/** Height for a given width: wide enough to read on a phone, not taller than a laptop screen. */
export const chartHeight = (width: number): number => Math.round(Math.min(470, Math.max(320, width * 0.62)));

type Svg = Selection<SVGSVGElement, unknown, null, undefined>;

export interface ZooChartDrawing {
  update(frame: ZooFrame): void;
  focus(name: string): void;
}

export function createZooChart(svgEl: SVGSVGElement, handlers: ZooHandlers): ZooChartDrawing {
  const svg: Svg = select(svgEl);
  svg.selectAll('*').remove();
  const grid = svg.append('g').attr('class', 'zoo-grid').attr('aria-hidden', 'true');
  const xAxisG = svg.append('g').attr('class', 'zoo-axis zoo-axis-x').attr('aria-hidden', 'true');
  const yAxisG = svg.append('g').attr('class', 'zoo-axis zoo-axis-y').attr('aria-hidden', 'true');
  const xTitle = svg.append('text').attr('class', 'zoo-axis-title').attr('aria-hidden', 'true');
  const yTitle = svg.append('text').attr('class', 'zoo-axis-title').attr('aria-hidden', 'true');
  const linesG = svg.append('g').attr('class', 'zoo-family-lines').attr('aria-hidden', 'true');
  const frontierG = svg.append('g').attr('class', 'zoo-frontier').attr('aria-hidden', 'true');
  const frontierPath = frontierG.append('path').attr('class', 'zoo-frontier-line');
  const frontierLabel = frontierG.append('text').attr('class', 'zoo-frontier-label');
  const pointsG = svg.append('g').attr('class', 'zoo-points');

  let order: string[] = [];
  /** The marker in the tab order (roving tabindex); VGG16 first, as the site's subject. */
  let active = 'VGG16';
  let current: ZooFrame | null = null;

  function move(from: string, delta: number | 'first' | 'last'): void {
    if (order.length === 0) return;
    const i = order.indexOf(from);
    const j = delta === 'first' ? 0 : delta === 'last' ? order.length - 1 : Math.min(order.length - 1, Math.max(0, i + delta));
    const name = order[j];
    if (name !== undefined) focus(name);
  }

  function setActive(name: string): void {
    active = name;
    pointsG.selectAll<SVGGElement, KerasModel>('g.zoo-point').attr('tabindex', (d) => (d.name === name ? 0 : -1));
  }

  function focus(name: string): void {
    const node = pointsG
      .selectAll<SVGGElement, KerasModel>('g.zoo-point')
      .filter((d) => d.name === name)
      .node();
    if (!node) return;
    setActive(name);
    node.focus();
  }

  function update(view: ZooFrame): void {
    const t0 = performance.now();
    current = view;
    const { state, width } = view;
    const height = chartHeight(width);
    const innerW = Math.max(10, width - MARGIN.left - MARGIN.right);
    const innerH = height - MARGIN.top - MARGIN.bottom;
    svg.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);

    const xAxis = costAxis(state.x);
    const yMetric = metric(state.y);
    const shown = KERAS_MODELS.filter((m) => !state.hidden.includes(m.family));
    // Only rows with both coordinates are drawn; ZooChart prints which rows this view leaves out.
    const points = splitPlottable(shown, xAxis, yMetric).points;
    const visible = points.map((p) => p.model);
    const xOf = new Map(points.map((p) => [p.model.name, p.x]));
    const yOf = new Map(points.map((p) => [p.model.name, p.y]));
    const xv = (m: KerasModel): number => xOf.get(m.name) ?? 0;
    const yv = (m: KerasModel): number => yOf.get(m.name) ?? 0;

    // Domains cover every row that has the value, so hiding a family never rescales the chart under the reader.
    const xs = KERAS_MODELS.map(xAxis.value).filter((v) => v !== null);
    const ys = KERAS_MODELS.map(yMetric.value).filter((v) => v !== null);
    const xMin = Math.min(...xs);
    const xMax = Math.max(...xs);
    const x =
      state.scale === 'log'
        ? scaleLog()
            .domain([xMin / 1.3, xMax * 1.3])
            .range([0, innerW])
        : scaleLinear()
            .domain([0, xMax * 1.05])
            .nice()
            .range([0, innerW]);
    const y = scaleLinear()
      .domain([Math.floor(Math.min(...ys)) - 1, Math.ceil(Math.max(...ys)) + 0.5])
      .range([innerH, 0]);
    const px = (m: KerasModel) => MARGIN.left + x(xv(m));
    const py = (m: KerasModel) => MARGIN.top + y(yv(m));

    const ticksX = Math.max(2, Math.floor(innerW / 80));
    const xAx = axisBottom(x)
      .ticks(ticksX, state.scale === 'log' ? '~s' : undefined)
      .tickSizeOuter(0);
    xAxisG.attr('transform', `translate(${MARGIN.left},${MARGIN.top + innerH})`).call(xAx);
    if (state.scale === 'log') {
      // Log axes label only a few ticks on narrow screens, or the labels collide.
      const keep = innerW < 420 ? /^(1|2|5)/ : /^(1|2|3|5)/;
      xAxisG.selectAll<SVGTextElement, number>('.tick text').text(function (d) {
        const s = this.textContent ?? '';
        return keep.test(String(d)) ? s : '';
      });
    }
    drawPercentAxis(yAxisG, grid, y, MARGIN, innerW);
    xTitle
      .attr('x', MARGIN.left + innerW / 2)
      .attr('y', height - 8)
      .attr('text-anchor', 'middle')
      .text(`${xAxis.label}${state.scale === 'log' ? ', log scale' : ''}`);
    yTitle.attr('x', 4).attr('y', 14).attr('text-anchor', 'start').text(yMetric.label);

    const animate = view.animate;
    // One shared transition per update. Calling d3's `transition()` here also keeps d3-transition in
    // the bundle: d3 is marked side-effect free, so `selection.transition` alone would be tree-shaken.
    const shared = animate ? transition().duration(DURATION) : null;
    // d3's Selection is invariant in its four type parameters, and this helper takes every selection of the chart.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const tr = <S extends Selection<any, any, any, any>>(s: S): S => (shared ? (s.transition(shared) as unknown as S) : s);

    // Family lines, each family in its series order.
    const groups = groupByFamily(visible);
    const familyLine = line<KerasModel>().x(px).y(py).curve(curveLinear);
    const paths = linesG
      .selectAll<SVGPathElement, (typeof groups)[number]>('path')
      .data(groups, (g) => g.family)
      .join('path')
      .attr('data-family', (g) => g.family)
      .style('stroke', (g) => familyColor(g.family));
    tr(paths).attr('d', (g) => familyLine([...g.models]) ?? '');

    // The Pareto frontier over what is shown, as a staircase: the best accuracy you can buy at each cost.
    const frontier = plottedFrontier(shown, xAxis, yMetric);
    frontierPath.attr('data-models', frontier.map((m) => m.name).join(','));
    const last = frontier[frontier.length - 1];
    const stair = last ? [...frontier, { ...last, __end: true } as KerasModel] : [];
    const stairLine = line<KerasModel>()
      .x((m) => ('__end' in m ? MARGIN.left + innerW : px(m)))
      .y(py)
      .curve(curveStepAfter);
    tr(frontierPath).attr('d', stairLine(stair) ?? '');
    const first = frontier[0];
    frontierLabel
      .attr('text-anchor', 'end')
      .attr('x', MARGIN.left + innerW)
      .attr('y', last ? py(last) - 8 : -100)
      .text(`Pareto frontier (best ${yMetric.short} for its ${xAxis.noun})`);
    if (!first) frontierLabel.text('');

    // Markers. Emphasised and pinned models get a larger marker and a name.
    const marks = pointsG
      .selectAll<SVGGElement, KerasModel>('g.zoo-point')
      .data(visible, (m) => m.name)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'zoo-point');
        const btn = g.append('g').attr('class', 'zoo-hit');
        btn.append('circle').attr('class', 'zoo-halo').attr('r', 13);
        btn.append('path').attr('class', 'zoo-marker');
        g.append('text').attr('class', 'zoo-label').attr('aria-hidden', 'true');
        return g;
      });
    marks
      .attr('data-model', (m) => m.name)
      .attr('data-family', (m) => m.family)
      .attr('data-x', (m) => xv(m))
      .attr('data-y', (m) => yv(m))
      .attr('data-cx', (m) => formatFixed(px(m), 1))
      .attr('data-cy', (m) => formatFixed(py(m), 1))
      .attr('data-frontier', (m) => String(frontier.includes(m)))
      .attr('data-pinned', (m) => String(state.pinned.includes(m.name)))
      .attr('tabindex', (m) => (m.name === active ? 0 : -1))
      .attr('aria-describedby', handlers.tooltipId)
      .attr('role', 'button')
      .attr('aria-pressed', (m) => String(state.pinned.includes(m.name)))
      .attr(
        'aria-label',
        (m) =>
          `${m.name} (${FAMILY_LABEL[m.family]}): ${xAxis.format(xv(m))} ${xAxis.noun}, ${formatPercent(yv(m))} ${yMetric.short}` +
          `${frontier.includes(m) ? ', on the Pareto frontier' : ''}. Press Enter to pin for comparison.`,
      )
      .classed('is-emphasised', (m) => EMPHASISED.includes(m.name))
      .classed('is-pinned', (m) => state.pinned.includes(m.name))
      .classed('is-frontier', (m) => frontier.includes(m))
      .style('--fam', (m) => familyColor(m.family));
    marks
      .select<SVGPathElement>('path.zoo-marker')
      .attr('d', (m) => familySymbol(m.family, EMPHASISED.includes(m.name) || state.pinned.includes(m.name) ? 150 : 70))
      .classed('is-hollow', (m) => familyHollow(m.family));
    marks
      .select<SVGTextElement>('text.zoo-label')
      .text((m) => (EMPHASISED.includes(m.name) || state.pinned.includes(m.name) ? m.name : ''))
      .attr('text-anchor', (m) => (px(m) > MARGIN.left + innerW * 0.7 ? 'end' : 'start'))
      .attr('x', (m) => (px(m) > MARGIN.left + innerW * 0.7 ? -9 : 9))
      .attr('y', (m) => (m.name === 'VGG19' || m.name === 'ResNet152' ? -8 : 13));
    tr(marks).attr('transform', (m) => `translate(${px(m)},${py(m)})`);

    const at = (m: KerasModel) => ({ x: px(m), y: py(m) });
    marks
      .on('pointerenter', (_e, m) => handlers.onInspect(m.name, at(m)))
      .on('pointerleave', () => {
        if (!svgEl.contains(document.activeElement)) handlers.onInspect(null, null);
      })
      .on('focus', (_e, m) => {
        setActive(m.name);
        handlers.onInspect(m.name, at(m));
      })
      .on('blur', (e: FocusEvent) => {
        if (!(e.relatedTarget instanceof Element && svgEl.contains(e.relatedTarget))) handlers.onInspect(null, null);
      })
      .on('click', (_e, m) => handlers.onPin(m.name))
      .on('keydown', (e: KeyboardEvent, m) => {
        const keys: Record<string, number | 'first' | 'last'> = {
          ArrowRight: 1,
          ArrowDown: 1,
          ArrowLeft: -1,
          ArrowUp: -1,
          Home: 'first',
          End: 'last',
        };
        const delta = keys[e.key];
        if (delta !== undefined) {
          e.preventDefault();
          move(m.name, delta);
        } else if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          handlers.onPin(m.name);
        }
      });

    // Keyboard order: by cost, then accuracy (left to right on the chart).
    order = [...visible].sort((a, b) => xv(a) - xv(b) || yv(a) - yv(b)).map((m) => m.name);
    // Keep the DOM in the same order, so screen readers list the markers left to right too.
    const byName = new Map(order.map((n, i) => [n, i]));
    marks.sort((a, b) => (byName.get(a.name) ?? 0) - (byName.get(b.name) ?? 0));
    if (!visible.some((m) => m.name === active) && order[0]) setActive(order[0]);

    performance.measure('zoo:draw', { start: t0, end: performance.now() });
    svgEl.dataset['drawn'] = String(Number(svgEl.dataset['drawn'] ?? 0) + 1);
  }

  return {
    update,
    focus: (name: string) => {
      if (current) focus(name);
    },
  };
}
