// The probe's pixels, painted on OffscreenCanvas in its paint worker: a layer's maps as a grid of tiles
// on ONE colour scale (the site's one map painter, src/lib/inference/map-tiles.ts), and Grad-CAM
// upsampled over the photo (inferno, transparent where the class has no evidence). Each returns an
// ImageBitmap the page puts on screen without touching its pixels.
import { interpolateInferno, rgb } from 'd3';
import { blendCam, camSize, INFERNO_FROM, upsample } from './heatmap';
import { mapGrid, paintTiles, type MapGrid } from '../inference/map-tiles';
import type { CamPaint, MapsPaint } from './paint-methods';

// Grad-CAM's colours, one table per channel.
const R = new Uint8Array(256);
const G = new Uint8Array(256);
const B = new Uint8Array(256);
for (let i = 0; i < 256; i++) {
  const c = rgb(interpolateInferno(INFERNO_FROM + (1 - INFERNO_FROM) * (i / 255)));
  R[i] = c.r;
  G[i] = c.g;
  B[i] = c.b;
}

const GAP = 3;

/** The maps as tiles of `mapGrid` on the set's one colour scale (map-tiles.ts paints them). */
export function paintMaps(p: MapsPaint): { bitmap: ImageBitmap; grid: MapGrid } {
  const grid = mapGrid(p.maps.length, p.maxWidth, {
    gap: GAP,
    ...(p.cols === undefined ? {} : { cols: p.cols }),
    ...(p.minCell === undefined ? {} : { minCell: p.minCell }),
    ...(p.maxCell === undefined ? {} : { maxCell: p.maxCell }),
  });
  const canvas = new OffscreenCanvas(Math.max(1, Math.round(grid.width * p.dpr)), Math.max(1, Math.round(grid.height * p.dpr)));
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D context on an OffscreenCanvas');
  ctx.setTransform(p.dpr, 0, 0, p.dpr, 0, 0);
  paintTiles(ctx, new OffscreenCanvas(p.w, p.h), p.maps, grid, { min: p.min, max: p.max });
  return { bitmap: canvas.transferToImageBitmap(), grid };
}

/** The photo as the network sees it (the whole image, resized), with the Grad-CAM map upsampled bilinearly over it. */
export function paintCam(photo: ImageBitmap, p: CamPaint): { bitmap: ImageBitmap; width: number; height: number } {
  const { width, height } = camSize(photo.width, photo.height, p.maxWidth);
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('no 2D context on an OffscreenCanvas');
  ctx.drawImage(photo, 0, 0, width, height);
  if (p.peak > 0) {
    const under = ctx.getImageData(0, 0, width, height);
    blendCam(under.data, upsample(p.map, p.h, p.w, height, width), p.peak, R, G, B);
    ctx.putImageData(under, 0, 0);
  }
  return { bitmap: canvas.transferToImageBitmap(), width, height };
}
