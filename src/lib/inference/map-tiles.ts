// Activation maps as a grid of square tiles: the one layout and the one painter for every map picture
// on the site (the classifier's "what a layer sees" on the page, the ResNet-50 probe's maps in its paint
// worker). Each h × w map is coloured through viridis (dark = low, yellow = high), either on its own
// scale or on one scale shared by the set, and scaled nearest-neighbour into its cell, so a 7×7 map
// shows its 49 cells. No DOM here: the caller hands in the 2D context and a tile canvas.
import { interpolateViridis, rgb } from 'd3';

/** Tiles in `cols` columns of square `cell` CSS pixels, `gap` apart; `positions` in reading order. */
export interface MapGrid {
  cols: number;
  rows: number;
  cell: number;
  gap: number;
  width: number;
  height: number;
  positions: { x: number; y: number }[];
}

export interface MapGridOptions {
  /** Columns (as many as fit `maxWidth` with cells of at least `minCell` when omitted). */
  cols?: number;
  gap?: number;
  minCell?: number;
  /** No larger than this: a 7×7 map blown up to 200 px helps nobody. */
  maxCell?: number;
}

/**
 * Colours a map through a 256-entry lookup table on the shared scale [min, max] (a flat scale gives
 * level 0 everywhere): one 32-bit store per pixel, so a cold first draw of a layer stays short.
 */
export function paintLevels(out: Uint32Array, map: ArrayLike<number>, min: number, max: number, lut: Uint32Array): void {
  const range = max - min;
  if (!(range > 0) || !Number.isFinite(range)) {
    out.fill(lut[0]!, 0, map.length);
    return;
  }
  const k = 255 / range;
  for (let i = 0; i < map.length; i++) {
    let v = ((map[i]! - min) * k + 0.5) | 0;
    v = v < 0 ? 0 : v > 255 ? 255 : v;
    out[i] = lut[v]!;
  }
}

/** The smallest and largest value over several maps. */
export function rangeOf(maps: readonly ArrayLike<number>[]): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const m of maps)
    for (let i = 0; i < m.length; i++) {
      const v = m[i]!;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  return Number.isFinite(min) ? { min, max } : { min: 0, max: 0 };
}

/** Lays out n maps as a grid that fits maxWidth. */
export function mapGrid(n: number, maxWidth: number, opts: MapGridOptions = {}): MapGrid {
  const gap = opts.gap ?? 3;
  const minCell = opts.minCell ?? 40;
  const maxCell = opts.maxCell ?? 96;
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number ≥ 0, got ${n}`);
  if (n === 0) return { cols: 0, rows: 0, cell: 0, gap, width: 0, height: 0, positions: [] };
  const cols = Math.max(1, Math.min(n, opts.cols ?? Math.floor((maxWidth + gap) / (minCell + gap))));
  const rows = Math.ceil(n / cols);
  const cell = Math.max(1, Math.min(maxCell, Math.floor((maxWidth + gap) / cols - gap)));
  const positions = Array.from({ length: n }, (_, i) => ({ x: (i % cols) * (cell + gap), y: Math.floor(i / cols) * (cell + gap) }));
  return { cols, rows, cell, gap, width: cols * cell + (cols - 1) * gap, height: rows * cell + (rows - 1) * gap, positions };
}

// One RGBA pixel per level as a 32-bit word (little-endian: R in the low byte, as every browser
// platform stores ImageData), so a tile is coloured with one store per pixel.
const VIRIDIS32 = new Uint32Array(256);
for (let i = 0; i < 256; i++) {
  const v = rgb(interpolateViridis(i / 255));
  VIRIDIS32[i] = ((255 << 24) | (Math.round(v.b) << 16) | (Math.round(v.g) << 8) | Math.round(v.r)) >>> 0;
}

/** A CSS gradient of the same scale, for legends. */
export const VIRIDIS_CSS = `linear-gradient(to right, ${[0, 0.25, 0.5, 0.75, 1].map((t) => interpolateViridis(t)).join(', ')})`;

type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/**
 * Paints `maps` (each h × w, row-major) into `ctx` at the grid's cells, through `tile` (an h × w
 * canvas). `scale`: one [min, max] for the whole set (tiles comparable with each other), or 'each'
 * (every map from its own lowest to its highest value, so a weak channel still shows its pattern).
 */
export function paintTiles(
  ctx: Context2D,
  tile: HTMLCanvasElement | OffscreenCanvas,
  maps: readonly ArrayLike<number>[],
  grid: MapGrid,
  scale: { min: number; max: number } | 'each',
): void {
  const tctx = tile.getContext('2d') as Context2D | null;
  if (!tctx) throw new Error('no 2D context for the map tiles');
  ctx.imageSmoothingEnabled = false;
  const image = tctx.createImageData(tile.width, tile.height);
  const px = new Uint32Array(image.data.buffer);
  maps.forEach((map, k) => {
    const { min, max } = scale === 'each' ? rangeOf([map]) : scale;
    paintLevels(px, map, min, max, VIRIDIS32);
    tctx.putImageData(image, 0, 0);
    const pos = grid.positions[k]!;
    ctx.drawImage(tile, pos.x, pos.y, grid.cell, grid.cell);
  });
}
