// Canvas: activation maps as a grid of tiles on ONE colour scale (viridis, dark = the set's lowest
// value, yellow = its highest), so tiles can be compared with each other. Used for a layer's most
// active channels and for the F(x) / x / F(x)+x rows. Plain module; components only call it.
import { interpolateViridis, rgb } from 'd3';
import { paintLevels } from '../../lib/probe/heatmap';

// One RGBA pixel per level as a 32-bit word (little-endian: R in the low byte, as every browser
// platform stores ImageData), so a tile is coloured with one store per pixel: a cold first draw of
// 16 maps of 112×112 stays a few milliseconds, well clear of a long task.
const LUT32 = new Uint32Array(256);
for (let i = 0; i < 256; i++) {
  const c = rgb(interpolateViridis(i / 255));
  LUT32[i] = ((255 << 24) | (Math.round(c.b) << 16) | (Math.round(c.g) << 8) | Math.round(c.r)) >>> 0;
}

/** A CSS gradient of the same scale, for the legend. */
export const VIRIDIS_CSS = `linear-gradient(to right, ${[0, 0.25, 0.5, 0.75, 1].map((t) => interpolateViridis(t)).join(', ')})`;

export interface MapGrid {
  cols: number;
  rows: number;
  cell: number;
  width: number;
  height: number;
}

/** Tiles in `cols` columns (as many as fit `maxWidth` when omitted), cells between minCell and maxCell. */
export function mapGrid(n: number, maxWidth: number, opts: { cols?: number; gap?: number; minCell?: number; maxCell?: number } = {}): MapGrid {
  const gap = opts.gap ?? 3;
  const minCell = opts.minCell ?? 40;
  const maxCell = opts.maxCell ?? 96;
  const cols = Math.max(1, Math.min(n, opts.cols ?? Math.floor((maxWidth + gap) / (minCell + gap))));
  const rows = Math.ceil(n / cols);
  const cell = Math.max(8, Math.min(maxCell, Math.floor((maxWidth + gap) / cols - gap)));
  return { cols, rows, cell, width: cols * cell + (cols - 1) * gap, height: rows * cell + (rows - 1) * gap };
}

export function drawMaps(
  canvas: HTMLCanvasElement,
  maps: readonly Float32Array[],
  h: number,
  w: number,
  scale: { min: number; max: number },
  maxWidth: number,
  opts: { cols?: number; minCell?: number; maxCell?: number } = {},
): MapGrid {
  const gap = 3;
  const grid = mapGrid(maps.length, maxWidth, { ...opts, gap });
  const dpr = Math.min(2, globalThis.devicePixelRatio || 1);
  canvas.width = Math.max(1, Math.round(grid.width * dpr));
  canvas.height = Math.max(1, Math.round(grid.height * dpr));
  canvas.style.width = `${grid.width}px`;
  canvas.style.height = `${grid.height}px`;
  const ctx = canvas.getContext('2d');
  if (!ctx) return grid;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, grid.width, grid.height);
  // Nearest-neighbour: a 7×7 map shows its 49 cells, not a blur.
  ctx.imageSmoothingEnabled = false;
  const tile = document.createElement('canvas');
  tile.width = w;
  tile.height = h;
  const tctx = tile.getContext('2d');
  if (!tctx) return grid;
  const image = tctx.createImageData(w, h);
  const px = new Uint32Array(image.data.buffer);
  maps.forEach((map, k) => {
    paintLevels(px, map, scale.min, scale.max, LUT32);
    tctx.putImageData(image, 0, 0);
    ctx.drawImage(tile, (k % grid.cols) * (grid.cell + gap), Math.floor(k / grid.cols) * (grid.cell + gap), grid.cell, grid.cell);
  });
  return grid;
}
