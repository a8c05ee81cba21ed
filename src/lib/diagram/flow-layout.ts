/**
 * `layoutFlow`: where every glyph of a network diagram goes, computed from an analysed spec (no DOM,
 * no d3). The network left to right, one glyph per layer (sized by ./glyph-sizes.ts), except residual
 * (and plain) blocks, which collapse to one glyph unless their index is in `expanded`. Residual blocks
 * get a skip arc from their input to their add; projection and zero-pad shortcut layers sit on the
 * arc when the block is expanded.
 */
import type { AnalyzedModel, BlockInfo, BlockType, LayerInfo, LayerKind, ShortcutType } from '../arch';
import { ADD_SIZE, channelWidth, isCollapsible, layerHeight, layerWidth, spatialHeight } from './glyph-sizes';

/** Extra width of a collapsed block: its glyph is drawn as a small stack of cards. */
const STACK_OFFSET = 8;
const GAP = { layer: 4, block: 10, stage: 22 } as const;

export interface Glyph {
  /** Stable key for d3 joins: a layer id, or a block id for a collapsed block. */
  readonly key: string;
  readonly kind: 'layer' | 'block';
  /** For a layer glyph, its layer kind; for a block, undefined. */
  readonly layerKind: LayerKind | undefined;
  readonly blockType: BlockType;
  /** Index into `AnalyzedModel.blocks` of the block this glyph belongs to (or is). */
  readonly block: number;
  readonly stage: number;
  /** Steps covered, inclusive: one for a layer, the block's range for a collapsed block. */
  readonly first: number;
  readonly last: number;
  /** On a residual block's shortcut (drawn on the arc). */
  readonly shortcut: boolean;
  /** Top-left corner and size, in diagram pixels. */
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface SkipArc {
  readonly block: number;
  readonly shortcut: ShortcutType;
  readonly collapsed: boolean;
  /** From the block input on the centre line to the add (or the collapsed glyph's right edge). */
  readonly x1: number;
  readonly x2: number;
  /** Height of the arc's flat top. */
  readonly top: number;
}

export interface StageBand {
  readonly index: number;
  readonly name: string;
  readonly x1: number;
  readonly x2: number;
}

/** An expanded block's bracket, which collapses it again when clicked. */
export interface BlockBracket {
  readonly block: number;
  readonly x1: number;
  readonly x2: number;
  readonly y: number;
}

export interface FlowLayout {
  readonly glyphs: readonly Glyph[];
  readonly arcs: readonly SkipArc[];
  readonly stages: readonly StageBand[];
  readonly brackets: readonly BlockBracket[];
  readonly width: number;
  readonly height: number;
  /** y of the centre line the glyphs sit on. */
  readonly centerY: number;
  /** Index into `glyphs` of the glyph that shows each step. */
  readonly glyphOfStep: readonly number[];
}

const PAD_X = 16;
/** Room above the centre line for stage labels, brackets and arcs with shortcut glyphs on them. */
const CENTER_Y = 124;
const LANE_OFFSET = 72;
const SHORTCUT_SCALE = 0.45;

export function layoutFlow(model: AnalyzedModel, expanded: ReadonlySet<number> = new Set()): FlowLayout {
  const glyphs: Glyph[] = [];
  const arcs: SkipArc[] = [];
  const stages: StageBand[] = [];
  const brackets: BlockBracket[] = [];
  const glyphOfStep = new Array<number>(model.steps.length).fill(0);
  const cy = CENTER_Y;
  const laneY = cy - LANE_OFFSET;
  let x = PAD_X;

  const place = (s: LayerInfo, b: BlockInfo, blockIndex: number, atX: number, shortcut: boolean): Glyph => {
    const scale = shortcut ? SHORTCUT_SCALE : 1;
    const w = layerWidth(s);
    const h = layerHeight(s) * scale;
    const centre = shortcut ? laneY : cy;
    const g: Glyph = {
      key: s.id,
      kind: 'layer',
      layerKind: s.kind,
      blockType: b.type,
      block: blockIndex,
      stage: b.stageIndex,
      first: s.index,
      last: s.index,
      shortcut,
      x: atX,
      y: centre - h / 2,
      w,
      h,
    };
    glyphOfStep[s.index] = glyphs.length;
    glyphs.push(g);
    return g;
  };

  for (const stage of model.stages) {
    const stageX = x;
    for (let bi = 0; bi < model.blocks.length; bi++) {
      const b = model.blocks[bi]!;
      if (b.stageIndex !== stage.index) continue;
      const blockX = x;
      if (isCollapsible(b) && !expanded.has(bi)) {
        const w = channelWidth(b.outShape.c) + STACK_OFFSET;
        const h = spatialHeight(b.outShape.h);
        for (let k = b.first; k <= b.last; k++) glyphOfStep[k] = glyphs.length;
        glyphs.push({
          key: b.id,
          kind: 'block',
          layerKind: undefined,
          blockType: b.type,
          block: bi,
          stage: b.stageIndex,
          first: b.first,
          last: b.last,
          shortcut: false,
          x,
          y: cy - h / 2,
          w,
          h,
        });
        x += w;
        if (b.shortcut)
          arcs.push({
            block: bi,
            shortcut: b.shortcut,
            collapsed: true,
            x1: blockX - GAP.block / 2,
            x2: x + GAP.block / 2,
            top: cy - h / 2 - 12,
          });
      } else {
        const steps = model.steps.slice(b.first, b.last + 1);
        const main = steps.filter((s) => s.path !== 'shortcut');
        const side = steps.filter((s) => s.path === 'shortcut');
        let addX = 0;
        let mainEndX = x;
        for (const s of main) {
          if (s.kind === 'add') {
            // Shortcut layers sit on the arc, centred over the main path.
            const span = side.reduce((sum, t) => sum + layerWidth(t), 0) + GAP.layer * Math.max(0, side.length - 1);
            let sx = (blockX + mainEndX) / 2 - span / 2;
            for (const t of side) sx += place(t, b, bi, sx, true).w + GAP.layer;
            addX = x + ADD_SIZE / 2;
          }
          mainEndX = x + place(s, b, bi, x, false).w;
          x = mainEndX + GAP.layer;
        }
        x -= GAP.layer;
        if (b.shortcut) arcs.push({ block: bi, shortcut: b.shortcut, collapsed: false, x1: blockX - GAP.block / 2, x2: addX, top: laneY });
        if (isCollapsible(b)) brackets.push({ block: bi, x1: blockX, x2: x, y: laneY - 17 });
      }
      x += GAP.block;
    }
    x += GAP.stage - GAP.block;
    stages.push({ index: stage.index, name: stage.name, x1: stageX, x2: x - GAP.stage });
  }
  const maxBottom = glyphs.reduce((m, g) => Math.max(m, g.y + g.h), cy);
  return {
    glyphs,
    arcs,
    stages,
    brackets,
    glyphOfStep,
    width: Math.ceil(x - GAP.stage + PAD_X),
    height: Math.ceil(maxBottom + 22),
    centerY: cy,
  };
}

/** Where the marker stands at a step: centre of its glyph, or, inside a collapsed block, a point
 * that moves across the glyph as the step advances through the block's layers. */
export function markerPoint(layout: FlowLayout, step: number): { x: number; y: number } {
  const g = layout.glyphs[layout.glyphOfStep[step] ?? 0];
  if (!g) return { x: 0, y: layout.centerY };
  const t = g.last > g.first ? (step - g.first + 0.5) / (g.last - g.first + 1) : 0.5;
  return { x: g.x + g.w * t, y: g.y + g.h / 2 };
}

/** Glyph count of the default (all collapsed) view: what a reader first sees. */
export const collapsedGlyphCount = (model: AnalyzedModel): number =>
  model.blocks.reduce((n, b) => n + (isCollapsible(b) ? 1 : b.last - b.first + 1), 0);
