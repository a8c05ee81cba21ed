// Canvas: the photo as the network sees it (the whole image, resized), with the Grad-CAM map
// upsampled bilinearly over it: transparent where the class has no evidence, warm and opaque where
// it has the most. Plain module; the maths is in src/lib/probe/heatmap.
import { interpolateInferno, rgb } from 'd3';
import { upsample } from '../../lib/probe/heatmap';

// Separate channel tables: the blend loop below runs once per photo pixel.
const R = new Uint8Array(256);
const G = new Uint8Array(256);
const B = new Uint8Array(256);
for (let i = 0; i < 256; i++) {
  const c = rgb(interpolateInferno(0.15 + 0.85 * (i / 255)));
  R[i] = c.r;
  G[i] = c.g;
  B[i] = c.b;
}

export const INFERNO_CSS = `linear-gradient(to right, ${[0, 0.25, 0.5, 0.75, 1].map((t) => interpolateInferno(0.15 + 0.85 * t)).join(', ')})`;

export function drawGradCam(canvas: HTMLCanvasElement, photo: CanvasImageSource & { width: number; height: number }, map: Float32Array, h: number, w: number, peak: number, maxWidth: number): void {
  const scale = Math.min(1, maxWidth / photo.width, 360 / photo.height);
  const W = Math.max(1, Math.round(photo.width * scale));
  const H = Math.max(1, Math.round(photo.height * scale));
  canvas.width = W;
  canvas.height = H;
  canvas.style.width = `${W}px`;
  canvas.style.height = `${H}px`;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) return;
  ctx.drawImage(photo, 0, 0, W, H);
  if (!(peak > 0)) return;
  const big = upsample(map, h, w, H, W);
  const under = ctx.getImageData(0, 0, W, H);
  const d = under.data;
  const k = 1 / peak;
  for (let i = 0; i < big.length; i++) {
    const v = big[i]! * k;
    const t = v < 0 ? 0 : v > 1 ? 1 : v;
    const level = (t * 255 + 0.5) | 0;
    const a = 0.15 + 0.55 * t;
    const j = i * 4;
    d[j] = d[j]! * (1 - a) + R[level]! * a;
    d[j + 1] = d[j + 1]! * (1 - a) + G[level]! * a;
    d[j + 2] = d[j + 2]! * (1 - a) + B[level]! * a;
  }
  ctx.putImageData(under, 0, 0);
}
