// The probe's pixels, painted on OffscreenCanvas in its paint worker: a layer's maps as a grid of tiles
// on ONE colour scale (viridis: dark = the set's lowest value, yellow = its highest), and Grad-CAM
// upsampled over the photo (inferno, transparent where the class has no evidence). Each returns an
// ImageBitmap the page puts on screen without touching its pixels.
import { interpolateInferno, interpolateViridis, rgb } from 'd3';
import { blendCam, camSize, INFERNO_FROM, mapGrid, paintLevels, upsample, type MapGrid } from './heatmap';
import type { CamPaint, MapsPaint } from './paint-methods';

// One RGBA pixel per level as a 32-bit word (little-endian: R in the low byte, as every browser
// platform stores ImageData), so a tile is coloured with one store per pixel.
const VIRIDIS32 = new Uint32Array(256);
const R = new Uint8Array(256);
const G = new Uint8Array(256);
const B = new Uint8Array(256);
for (let i = 0; i < 256; i++) {
  const v = rgb(interpolateViridis(i / 255));
  VIRIDIS32[i] = ((255 << 24) | (Math.round(v.b) << 16) | (Math.round(v.g) << 8) | Math.round(v.r)) >>> 0;
  const c = rgb(interpolateInferno(INFERNO_FROM + (1 - INFERNO_FROM) * (i / 255)));
  R[i] = c.r;
  G[i] = c.g;
  B[i] = c.b;
}

const GAP = 3;

/** The maps as tiles of `mapGrid`, each h × w map scaled to its cell nearest-neighbour (a 7×7 map shows its 49 cells). */
export function paintMaps(p: MapsPaint): { bitmap: ImageBitmap; grid: MapGrid } {
  const grid = mapGrid(p.maps.length, p.maxWidth, { gap: GAP, ...(p.cols === undefined ? {} : { cols: p.cols }), ...(p.minCell === undefined ? {} : { minCell: p.minCell }), ...(p.maxCell === undefined ? {} : { maxCell: p.maxCell }) });
  const canvas = new OffscreenCanvas(Math.max(1, Math.round(grid.width * p.dpr)), Math.max(1, Math.round(grid.height * p.dpr)));
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D context on an OffscreenCanvas');
  ctx.setTransform(p.dpr, 0, 0, p.dpr, 0, 0);
  ctx.imageSmoothingEnabled = false;
  const tile = new OffscreenCanvas(p.w, p.h);
  const tctx = tile.getContext('2d');
  if (!tctx) throw new Error('no 2D context on an OffscreenCanvas');
  const image = tctx.createImageData(p.w, p.h);
  const px = new Uint32Array(image.data.buffer);
  p.maps.forEach((map, k) => {
    paintLevels(px, map, p.min, p.max, VIRIDIS32);
    tctx.putImageData(image, 0, 0);
    ctx.drawImage(tile, (k % grid.cols) * (grid.cell + GAP), Math.floor(k / grid.cols) * (grid.cell + GAP), grid.cell, grid.cell);
  });
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
