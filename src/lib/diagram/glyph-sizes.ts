/**
 * The sizes of a network diagram's glyphs (no DOM, no d3): which blocks collapse to one glyph, and
 * how big a layer's glyph is. A glyph's height encodes the spatial side of its output tensor and its
 * width the channels, both on log scales (224 px and 4,096 channels would otherwise dwarf 7 px and 3
 * channels). Pointwise layers (ReLU, BatchNorm, softmax, flatten) are thin slices: they keep the
 * tensor's shape and hold no weights worth seeing.
 */
import type { BlockInfo, LayerInfo, LayerKind } from '../arch';

/** Blocks that collapse to one glyph: the units of ResNets and their plain twins. */
export const isCollapsible = (b: Pick<BlockInfo, 'type'>): boolean => b.type === 'basic' || b.type === 'bottleneck';

const THIN: ReadonlySet<LayerKind> = new Set(['relu', 'bn', 'softmax', 'flatten']);

/** Vertical size of a glyph for an output of side `side` px: 10 px for 1×1, 80 px for 224×224. */
export const spatialHeight = (side: number): number => 10 + 9 * Math.log2(Math.max(1, side));

/** Horizontal size for `c` channels: 6.8 px for 3 channels, 20 px for 64, 38 px for 4,096. */
export const channelWidth = (c: number): number => 2 + 3 * Math.log2(Math.max(1, c));

const THIN_WIDTH = 5;
/** Side of an add's glyph (the ⊕). */
export const ADD_SIZE = 16;

/** Width of one layer's glyph (before any scaling). */
export function layerWidth(step: Pick<LayerInfo, 'kind' | 'outShape'>): number {
  if (step.kind === 'add') return ADD_SIZE;
  if (THIN.has(step.kind)) return THIN_WIDTH;
  return channelWidth(step.outShape.c);
}

/** Height of one layer's glyph (before any scaling). */
export function layerHeight(step: Pick<LayerInfo, 'kind' | 'outShape'>): number {
  return step.kind === 'add' ? ADD_SIZE : spatialHeight(step.outShape.h);
}
