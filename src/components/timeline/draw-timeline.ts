/**
 * Draws the ILSVRC timeline with d3: one bar per year's winner (top-5 error), VGG's 2014 second place
 * beside GoogLeNet, the 5.1% human reference line, and names on the networks the site discusses.
 * Bars are focusable with a roving tabindex (arrow keys move between them); the island shows the
 * inspected entry's team, model and sources.
 */
import { axisBottom, scaleBand, scaleLinear, select } from 'd3';
import { drawPercentAxis } from '../chart/percent-axis';
import { formatFixed } from '../../lib/format';
import { HUMAN_LINE, timelineEntries, type TimelineEntry } from '../../lib/zoo/timeline';

export interface TimelineHandlers {
  onInspect(key: string): void;
  readonly readoutId: string;
}

const MARGIN = { top: 34, right: 12, bottom: 30, left: 44 };

export const timelineHeight = (width: number): number => Math.round(Math.min(360, Math.max(280, width * 0.5)));

/** Bar colour: the site's subjects in their model-zoo family colours, everything else neutral. */
const COLOR: Readonly<Record<string, string>> = {
  '2014-1': 'var(--zoo-Inception)',
  '2014-2': 'var(--zoo-VGG)',
  '2015-1': 'var(--zoo-ResNet)',
};

/**
 * Where each name sits, in % of the y axis. 2014 and 2015 have short, narrow bars side by side, so
 * their names stand higher up in the empty space above them, left-aligned and joined to their bars
 * by a leader line; AlexNet's name sits just above its value.
 */
const NAME_LEVEL: Readonly<Record<string, number>> = { '2012-1': 19, '2014-1': 15.5, '2014-2': 20.5, '2015-1': 11 };

export interface TimelineDrawing {
  update(width: number): void;
}

export function createTimeline(svgEl: SVGSVGElement, handlers: TimelineHandlers): TimelineDrawing {
  const entries = timelineEntries();
  const years = [...new Set(entries.map((e) => e.year))];
  const svg = select(svgEl);
  svg.selectAll('*').remove();
  const grid = svg.append('g').attr('class', 'tl-grid').attr('aria-hidden', 'true');
  const xAxisG = svg.append('g').attr('class', 'tl-axis').attr('aria-hidden', 'true');
  const yAxisG = svg.append('g').attr('class', 'tl-axis').attr('aria-hidden', 'true');
  const yTitle = svg.append('text').attr('class', 'tl-axis-title').attr('aria-hidden', 'true').text('Top-5 error (%)');
  const barsG = svg.append('g').attr('class', 'tl-bars');
  // Values and names live outside the focusable bars, so each bar's accessible name is its aria-label alone.
  const labelsG = svg.append('g').attr('class', 'tl-labels').attr('aria-hidden', 'true');
  const human = svg.append('g').attr('class', 'tl-human').attr('data-top5-error', HUMAN_LINE.top5Error);
  human.append('line');
  human.append('text').attr('aria-hidden', 'true');
  let active = entries[0]?.key ?? '';

  const setActive = (key: string) => {
    active = key;
    barsG.selectAll<SVGGElement, TimelineEntry>('g.tl-bar').attr('tabindex', (e) => (e.key === key ? 0 : -1));
  };

  function update(width: number): void {
    const t0 = performance.now();
    const height = timelineHeight(width);
    const innerW = Math.max(10, width - MARGIN.left - MARGIN.right);
    const innerH = height - MARGIN.top - MARGIN.bottom;
    svg.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);

    const x = scaleBand<number>().domain(years).range([0, innerW]).paddingInner(0.22).paddingOuter(0.1);
    const y = scaleLinear().domain([0, 30]).range([innerH, 0]);
    const narrow = innerW < 420;
    xAxisG.attr('transform', `translate(${MARGIN.left},${MARGIN.top + innerH})`).call(
      axisBottom(x)
        .tickFormat((d) => (narrow ? `’${String(d).slice(2)}` : String(d)))
        .tickSizeOuter(0),
    );
    drawPercentAxis(yAxisG, grid, y, MARGIN, innerW);
    yTitle.attr('x', 4).attr('y', 14);

    // A year with two entries (2014) splits its band: winner left, VGG right.
    const perYear = (year: number) => entries.filter((e) => e.year === year).length;
    const barX = (e: TimelineEntry) => {
      const n = perYear(e.year);
      return MARGIN.left + (x(e.year) ?? 0) + ((e.place - 1) * x.bandwidth()) / n;
    };
    const barW = (e: TimelineEntry) => x.bandwidth() / perYear(e.year) - (perYear(e.year) > 1 ? 1 : 0);

    const bars = barsG
      .selectAll<SVGGElement, TimelineEntry>('g.tl-bar')
      .data(entries, (e) => e.key)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'tl-bar');
        g.append('rect');
        return g;
      })
      .attr('data-year', (e) => e.year)
      .attr('data-place', (e) => e.place)
      .attr('data-team', (e) => e.team)
      .attr('data-top5-error', (e) => e.top5Error)
      .attr('tabindex', (e) => (e.key === active ? 0 : -1))
      .attr('role', 'button')
      .attr('aria-describedby', handlers.readoutId)
      .attr(
        'aria-label',
        (e) => `${e.year}, ${e.place === 1 ? 'winner' : `place ${e.place}`}: ${e.team}, ${e.model}, ${e.top5Error}% top-5 error`,
      )
      .classed('is-runner-up', (e) => e.place > 1)
      .style('--bar', (e) => COLOR[e.key] ?? 'var(--zoo-neutral)');
    bars
      .select('rect')
      .attr('x', barX)
      .attr('width', barW)
      .attr('y', (e) => MARGIN.top + y(e.top5Error))
      .attr('height', (e) => innerH - y(e.top5Error));
    const labels = labelsG
      .selectAll<SVGGElement, TimelineEntry>('g.tl-label')
      .data(entries, (e) => e.key)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'tl-label');
        g.append('text').attr('class', 'tl-value');
        g.append('line').attr('class', 'tl-leader');
        g.append('text').attr('class', 'tl-name');
        return g;
      });
    labels
      .select('text.tl-value')
      .attr('x', (e) => barX(e) + barW(e) / 2)
      .attr('y', (e) => MARGIN.top + y(e.top5Error) - 4)
      .attr('text-anchor', 'middle')
      .text((e) => (narrow ? formatFixed(e.top5Error, 1) : `${e.top5Error}%`));
    const nameY = (e: TimelineEntry) => MARGIN.top + y(NAME_LEVEL[e.key] ?? e.top5Error);
    labels
      .select('text.tl-name')
      .attr('x', (e) => barX(e))
      .attr('y', nameY)
      .text((e) => e.annotation ?? '');
    labels
      .select('line.tl-leader')
      .attr('x1', (e) => barX(e) + 1)
      .attr('x2', (e) => barX(e) + 1)
      .attr('y1', (e) => nameY(e) + 3)
      .attr('y2', (e) => MARGIN.top + y(e.top5Error) - 15)
      .attr('visibility', (e) => (e.annotation && e.key !== '2012-1' ? 'visible' : 'hidden'));

    // Human reference line across the whole chart, labelled at its right end above the bars of 2016–17.
    const hy = MARGIN.top + y(HUMAN_LINE.top5Error);
    human
      .select('line')
      .attr('x1', MARGIN.left)
      .attr('x2', MARGIN.left + innerW)
      .attr('y1', hy)
      .attr('y2', hy);
    human
      .select('text')
      .attr('x', MARGIN.left + innerW)
      .attr('y', hy - 22)
      .attr('text-anchor', 'end')
      .text(`Human: ${HUMAN_LINE.top5Error}%`);

    bars
      .on('pointerenter', (_e, d) => handlers.onInspect(d.key))
      .on('focus', (_e, d) => {
        setActive(d.key);
        handlers.onInspect(d.key);
      })
      .on('click', (_e, d) => handlers.onInspect(d.key))
      .on('keydown', (ev: KeyboardEvent, d) => {
        const i = entries.findIndex((e) => e.key === d.key);
        const j =
          ev.key === 'ArrowRight' || ev.key === 'ArrowDown'
            ? i + 1
            : ev.key === 'ArrowLeft' || ev.key === 'ArrowUp'
              ? i - 1
              : ev.key === 'Home'
                ? 0
                : ev.key === 'End'
                  ? entries.length - 1
                  : null;
        if (j === null) return;
        ev.preventDefault();
        const next = entries[Math.max(0, Math.min(entries.length - 1, j))];
        if (!next) return;
        setActive(next.key);
        barsG
          .selectAll<SVGGElement, TimelineEntry>('g.tl-bar')
          .filter((e) => e.key === next.key)
          .node()
          ?.focus();
      });

    performance.measure('timeline:draw', { start: t0, end: performance.now() });
    svgEl.dataset['drawn'] = String(Number(svgEl.dataset['drawn'] ?? 0) + 1);
  }

  return { update };
}
