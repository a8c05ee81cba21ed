/**
 * Draws a network's flow layout into an <svg> with d3 and moves the "image" marker between steps.
 * The island owns the state (model, step, expanded blocks); this module only draws and reports
 * clicks, hovers and focus back through `handlers`. Stepping touches two glyphs and the marker, never
 * the whole drawing, so walking ResNet-152's 500+ layers stays cheap.
 */
// Importing `transition` (not only `select`) keeps d3-transition, which adds .transition() and
// .interrupt() to selections, from being tree-shaken away.
import { easeCubicInOut, select, transition, type Selection } from 'd3';
import type { AnalyzedModel } from '../../lib/arch';
import { markerPoint, type FlowLayout, type Glyph } from '../../lib/diagram/flow-layout';
import { blockLabel, layerLabel } from '../../lib/diagram/facts';

export interface NetworkHandlers {
  /** A glyph was clicked: step to `step`; a collapsed block also asks to expand. */
  pick(step: number, glyph: Glyph): void;
  /** Expand or collapse residual block `block`. */
  toggle(block: number): void;
  /** The pointer is over a glyph (or left them all: null). */
  hover(glyph: Glyph | null): void;
}

export interface NetworkDrawing {
  render(model: AnalyzedModel, layout: FlowLayout): void;
  /** Highlight `step` and move the marker there over `duration` ms (0: jump). */
  setStep(step: number, duration: number, focus: boolean): void;
  destroy(): void;
}

const MARKER = 18;

export function drawNetwork(svgEl: SVGSVGElement, handlers: NetworkHandlers): NetworkDrawing {
  const svg = select(svgEl);
  svg.selectAll('*').remove();
  const gStages = svg.append('g').attr('class', 'net-stages');
  const gArcs = svg.append('g').attr('class', 'net-arcs').attr('aria-hidden', 'true');
  const gBrackets = svg.append('g').attr('class', 'net-brackets');
  const gGlyphs = svg.append('g').attr('class', 'net-glyphs');
  const marker = svg.append('g').attr('class', 'net-marker').attr('aria-hidden', 'true').style('pointer-events', 'none');
  // The marker: a tiny framed picture (sky, sun, hill) standing for the input image.
  marker
    .append('rect')
    .attr('x', -MARKER / 2)
    .attr('y', -MARKER / 2)
    .attr('width', MARKER)
    .attr('height', MARKER)
    .attr('rx', 3)
    .attr('class', 'net-marker-frame');
  marker.append('circle').attr('cx', 3.5).attr('cy', -3.5).attr('r', 2.4).attr('class', 'net-marker-sun');
  marker
    .append('path')
    .attr('d', `M${-MARKER / 2 + 1.5},${MARKER / 2 - 1.5} L-2,0 L2,4 L4.5,1.5 L${MARKER / 2 - 1.5},${MARKER / 2 - 1.5} Z`)
    .attr('class', 'net-marker-hill');

  let layout: FlowLayout | null = null;
  let model: AnalyzedModel | null = null;
  let current = -1;
  let glyphSel: Selection<SVGGElement, Glyph, SVGGElement, unknown> | null = null;

  const glyphNode = (step: number): SVGGElement | null => {
    if (!layout || !glyphSel) return null;
    return (glyphSel.nodes()[layout.glyphOfStep[step] ?? -1] as SVGGElement | undefined) ?? null;
  };

  function render(m: AnalyzedModel, l: FlowLayout): void {
    const t0 = performance.now();
    const hadFocus = svgEl.contains(document.activeElement);
    model = m;
    layout = l;
    svg.attr('width', l.width).attr('height', l.height).attr('viewBox', `0 0 ${l.width} ${l.height}`);

    const bandTop = 4;
    const bandBottom = l.height - 4;
    const stages = gStages
      .selectAll<SVGGElement, FlowLayout['stages'][number]>('g.net-stage')
      .data(l.stages, (d) => `${m.spec.id}:${d.index}`)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'net-stage');
        g.append('rect').attr('class', 'net-stage-band');
        g.append('text').attr('class', 'net-stage-name');
        g.append('text').attr('class', 'net-stage-shape');
        return g;
      });
    stages.classed('odd', (d) => d.index % 2 === 1);
    stages
      .select('rect')
      .attr('x', (d) => d.x1 - 6)
      .attr('y', bandTop)
      .attr('width', (d) => d.x2 - d.x1 + 12)
      .attr('height', bandBottom - bandTop)
      .attr('rx', 6);
    stages
      .select('text.net-stage-name')
      .attr('x', (d) => d.x1)
      .attr('y', bandTop + 14)
      .text((d) => d.name);
    stages
      .select('text.net-stage-shape')
      .attr('x', (d) => d.x1)
      .attr('y', bandBottom - 6)
      .text((d) => {
        const s = m.stages[d.index]!.outShape;
        return `${s.h}×${s.w}×${s.c}`;
      });

    gArcs
      .selectAll<SVGPathElement, FlowLayout['arcs'][number]>('path')
      .data(l.arcs, (d) => `${m.spec.id}:${d.block}`)
      .join('path')
      .attr('class', (d) => `net-arc net-arc-${d.shortcut}`)
      .attr('d', (d) => {
        const r = Math.min(14, (d.x2 - d.x1) / 3);
        const y0 = l.centerY;
        return `M${d.x1},${y0} L${d.x1},${d.top + r} Q${d.x1},${d.top} ${d.x1 + r},${d.top} L${d.x2 - r},${d.top} Q${d.x2},${d.top} ${d.x2},${d.top + r} L${d.x2},${d.collapsed ? y0 : y0 - 8}`;
      });

    const brackets = gBrackets
      .selectAll<SVGGElement, FlowLayout['brackets'][number]>('g.net-bracket')
      .data(l.brackets, (d) => `${m.spec.id}:${d.block}`)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'net-bracket');
        // A transparent target over the whole bracket and its label: thin strokes and glyphs of text
        // alone leave holes through which a click falls to the stage band behind.
        g.append('rect').attr('class', 'net-bracket-hit');
        g.append('path');
        g.append('text');
        g.on('click', (_e, d) => handlers.toggle(d.block));
        return g;
      });
    brackets.attr('data-block', (d) => d.block);
    brackets
      .select('rect')
      .attr('x', (d) => d.x1)
      .attr('y', (d) => d.y - 16)
      .attr('width', (d) => d.x2 - d.x1)
      .attr('height', 22);
    brackets.select('path').attr('d', (d) => `M${d.x1},${d.y + 6} L${d.x1},${d.y} L${d.x2},${d.y} L${d.x2},${d.y + 6}`);
    brackets
      .select('text')
      .attr('x', (d) => d.x1 + 2)
      .attr('y', (d) => d.y - 4)
      .text((d) => `− collapse ${m.blocks[d.block]!.name}`);

    glyphSel = gGlyphs
      .selectAll<SVGGElement, Glyph>('g.glyph')
      .data(l.glyphs, (d) => `${m.spec.id}:${d.key}`)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'glyph').attr('role', 'button');
        g.on('click', (_e, d) => handlers.pick(d.first, d));
        g.on('mouseenter', (_e, d) => handlers.hover(d));
        g.on('mouseleave', () => handlers.hover(null));
        g.each(function (d) {
          const el = select(this);
          if (d.kind === 'block') {
            // A collapsed block: a small stack of cards, with a "+" that says it opens.
            for (let i = 2; i >= 0; i--) el.append('rect').attr('class', `card card-${i}`);
            el.append('text').attr('class', 'glyph-plus').text('+');
          } else if (d.layerKind === 'add') {
            el.append('circle').attr('class', 'shape');
            el.append('path').attr('class', 'glyph-plus-sign');
          } else {
            el.append('rect').attr('class', 'shape');
          }
        });
        return g;
      })
      .order();
    glyphSel
      .attr(
        'class',
        (d) =>
          `glyph ${d.kind === 'block' ? `glyph-block glyph-${d.blockType}` : `glyph-layer kind-${d.layerKind ?? ''}`}${d.shortcut ? ' on-shortcut' : ''}`,
      )
      .attr('data-key', (d) => d.key)
      .attr('data-first', (d) => d.first)
      .attr('data-last', (d) => d.last)
      .attr('tabindex', -1)
      .attr('aria-label', (d) => (d.kind === 'block' ? blockLabel(m, d.block) : layerLabel(m, d.first)))
      .attr('aria-expanded', (d) => (d.kind === 'block' ? 'false' : null));
    glyphSel.each(function (d) {
      const el = select(this);
      if (d.kind === 'block') {
        el.selectAll<SVGRectElement, unknown>('rect.card').each(function (_u, j) {
          const i = 2 - j; // cards were appended back to front
          select(this)
            .attr('x', d.x + i * (4 / 2) * 2)
            .attr('y', d.y - i * 3 + 6)
            .attr('width', d.w - 8)
            .attr('height', d.h - 6)
            .attr('rx', 2);
        });
        el.select('text')
          .attr('x', d.x + d.w / 2 + 2)
          .attr('y', d.y + d.h / 2 + 6);
      } else if (d.layerKind === 'add') {
        el.select('circle')
          .attr('cx', d.x + d.w / 2)
          .attr('cy', d.y + d.h / 2)
          .attr('r', d.w / 2);
        const cx = d.x + d.w / 2;
        const cy = d.y + d.h / 2;
        el.select('path').attr('d', `M${cx - 4.5},${cy} H${cx + 4.5} M${cx},${cy - 4.5} V${cy + 4.5}`);
      } else {
        el.select('rect')
          .attr('x', d.x)
          .attr('y', d.y)
          .attr('width', d.w)
          .attr('height', d.h)
          .attr('rx', d.layerKind === 'fc' ? 4 : 1);
      }
    });
    marker.raise();
    const step = current;
    current = -1;
    if (step >= 0 && step < m.steps.length) setStep(step, 0, hadFocus);
    // Read by scripts/bench-diagram.mjs; a handful of entries per session.
    performance.measure('diagram:render', { start: t0, detail: { glyphs: l.glyphs.length } });
  }

  function setStep(step: number, duration: number, focus: boolean): void {
    if (!layout || !model) return;
    const t0 = performance.now();
    const prev = current >= 0 ? glyphNode(current) : null;
    const next = glyphNode(step);
    if (prev && prev !== next) select(prev).classed('current', false).attr('tabindex', -1);
    for (const node of gGlyphs.selectAll('.current').nodes())
      if (node !== next)
        select(node as Element)
          .classed('current', false)
          .attr('tabindex', -1);
    if (next) select(next).classed('current', true).attr('tabindex', 0);
    if (focus && next) next.focus({ preventScroll: true });
    current = step;
    const p = markerPoint(layout, step);
    const g = layout.glyphs[layout.glyphOfStep[step] ?? 0];
    // The marker rides just above its glyph, so the glyph stays visible under it.
    const y = g ? Math.min(g.y - MARKER / 2 - 4, layout.centerY - 20) : layout.centerY;
    const to = `translate(${p.x},${y})`;
    marker.interrupt();
    if (duration > 0) marker.transition(transition().duration(duration).ease(easeCubicInOut)).attr('transform', to);
    else marker.attr('transform', to);
    performance.measure('diagram:step', { start: t0 });
  }

  return {
    render,
    setStep,
    destroy: () => {
      marker.interrupt();
      svg.selectAll('*').remove();
    },
  };
}
