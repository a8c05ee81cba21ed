// Canvas: a layer's activation maps as a grid, each map on its own scale (viridis: dark = low, yellow = high).
// Plain module; the component only calls it. Normalisation and layout live in src/lib/inference/activations.
import { interpolateViridis, rgb } from 'd3';
import { gridLayout, normaliseTo255 } from '../../lib/inference/activations';

const LUT: [number, number, number][] = Array.from({ length: 256 }, (_, i) => {
  const c = rgb(interpolateViridis(i / 255));
  return [c.r, c.g, c.b];
});

export function drawActivations(canvas: HTMLCanvasElement, maps: readonly Float32Array[], h: number, w: number, maxWidth: number): void {
  const layout = gridLayout(maps.length, maxWidth, { gap: 2, minCell: 34, maxCell: 72 });
  const dpr = Math.min(2, globalThis.devicePixelRatio || 1);
  canvas.width = Math.max(1, Math.round(layout.width * dpr));
  canvas.height = Math.max(1, Math.round(layout.height * dpr));
  canvas.style.width = `${layout.width}px`;
  canvas.style.height = `${layout.height}px`;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, layout.width, layout.height);
  ctx.imageSmoothingEnabled = false;
  const tile = document.createElement('canvas');
  tile.width = w;
  tile.height = h;
  const tctx = tile.getContext('2d');
  if (!tctx) return;
  const image = tctx.createImageData(w, h);
  maps.forEach((map, k) => {
    const bytes = normaliseTo255(map);
    for (let i = 0; i < bytes.length; i++) {
      const [r, g, b] = LUT[bytes[i]!]!;
      image.data[i * 4] = r;
      image.data[i * 4 + 1] = g;
      image.data[i * 4 + 2] = b;
      image.data[i * 4 + 3] = 255;
    }
    tctx.putImageData(image, 0, 0);
    const pos = layout.positions[k]!;
    ctx.drawImage(tile, pos.x, pos.y, layout.cell, layout.cell);
  });
}
