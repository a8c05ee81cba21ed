// Pure helpers for the probe's Grad-CAM picture (its paint worker runs them; map tiles and their
// colour levels: src/lib/inference/map-tiles.ts): the bilinear upsampling and blend that lay a 7×7
// Grad-CAM map over a photo. Numbers in, bytes out; no DOM.

/**
 * Bilinear resampling of an h×w map (row-major) to outH×outW, sampling at pixel centres the way
 * image resizers do (align_corners = false), so each of the 7×7 cells covers 1/7 of the photo.
 */
export function upsample(map: ArrayLike<number>, h: number, w: number, outH: number, outW: number): Float32Array {
  if (map.length < h * w) throw new RangeError(`expected ${h * w} values, got ${map.length}`);
  const out = new Float32Array(outH * outW);
  for (let y = 0; y < outH; y++) {
    const sy = Math.min(h - 1, Math.max(0, ((y + 0.5) * h) / outH - 0.5));
    const y0 = Math.floor(sy);
    const y1 = Math.min(h - 1, y0 + 1);
    const fy = sy - y0;
    for (let x = 0; x < outW; x++) {
      const sx = Math.min(w - 1, Math.max(0, ((x + 0.5) * w) / outW - 0.5));
      const x0 = Math.floor(sx);
      const x1 = Math.min(w - 1, x0 + 1);
      const fx = sx - x0;
      const top = map[y0 * w + x0]! * (1 - fx) + map[y0 * w + x1]! * fx;
      const bottom = map[y1 * w + x0]! * (1 - fx) + map[y1 * w + x1]! * fx;
      out[y * outW + x] = top * (1 - fy) + bottom * fy;
    }
  }
  return out;
}

/** Where the map is strongest, as a 3×3 region of the photo in words ("top left", "centre"…). */
export function peakRegion(map: ArrayLike<number>, h: number, w: number): string {
  let best = 0;
  for (let i = 1; i < h * w; i++) if (map[i]! > map[best]!) best = i;
  const y = Math.floor(best / w);
  const x = best % w;
  const row = ['top', 'middle', 'bottom'][Math.min(2, Math.floor((3 * y) / h))]!;
  const col = ['left', 'centre', 'right'][Math.min(2, Math.floor((3 * x) / w))]!;
  return row === 'middle' && col === 'centre' ? 'centre' : row === 'middle' ? `middle ${col}` : `${row} ${col}`;
}

/** Where Grad-CAM's inferno scale starts: its darkest part is too close to black to read over a photo. */
export const INFERNO_FROM = 0.15;

/** The Grad-CAM picture's size: the photo scaled down (never up) to fit maxWidth × maxHeight. */
export function camSize(photoWidth: number, photoHeight: number, maxWidth: number, maxHeight = 360): { width: number; height: number } {
  const scale = Math.min(1, maxWidth / photoWidth, maxHeight / photoHeight);
  return { width: Math.max(1, Math.round(photoWidth * scale)), height: Math.max(1, Math.round(photoHeight * scale)) };
}

/**
 * Lays an upsampled Grad-CAM map (one value per pixel of `rgba`) over the photo's RGBA pixels, in
 * place: level t = value / peak clamped to [0, 1] picks the colour from the 256-entry tables, with
 * opacity 0.15 + 0.55 t (transparent-ish where there is no evidence, warm and opaque where most).
 */
export function blendCam(rgba: Uint8ClampedArray, map: ArrayLike<number>, peak: number, r: Uint8Array, g: Uint8Array, b: Uint8Array): void {
  if (!(peak > 0)) return;
  const k = 1 / peak;
  for (let i = 0; i < map.length; i++) {
    const v = map[i]! * k;
    const t = v < 0 ? 0 : v > 1 ? 1 : v;
    const level = (t * 255 + 0.5) | 0;
    const a = 0.15 + 0.55 * t;
    const j = i * 4;
    rgba[j] = rgba[j]! * (1 - a) + r[level]! * a;
    rgba[j + 1] = rgba[j + 1]! * (1 - a) + g[level]! * a;
    rgba[j + 2] = rgba[j + 2]! * (1 - a) + b[level]! * a;
  }
}
