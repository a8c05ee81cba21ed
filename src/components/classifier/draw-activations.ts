// Canvas: a layer's activation maps as a grid, each map on its own scale (viridis: dark = low, yellow =
// high), painted here on the page by the site's one map painter (src/lib/inference/map-tiles.ts).
import { mapGrid, paintTiles } from '../../lib/inference/map-tiles';

export function drawActivations(canvas: HTMLCanvasElement, maps: readonly Float32Array[], h: number, w: number, maxWidth: number): void {
  const grid = mapGrid(maps.length, maxWidth, { gap: 2, minCell: 34, maxCell: 72 });
  const dpr = Math.min(2, globalThis.devicePixelRatio || 1);
  canvas.width = Math.max(1, Math.round(grid.width * dpr));
  canvas.height = Math.max(1, Math.round(grid.height * dpr));
  canvas.style.width = `${grid.width}px`;
  canvas.style.height = `${grid.height}px`;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, grid.width, grid.height);
  const tile = document.createElement('canvas');
  tile.width = w;
  tile.height = h;
  paintTiles(ctx, tile, maps, grid, 'each');
}
