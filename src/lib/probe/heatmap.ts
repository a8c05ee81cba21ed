// Pure helpers for drawing maps on canvases: one shared colour scale for a set of maps, and the
// bilinear upsampling that lays a 7×7 Grad-CAM map over a photo. Numbers in, bytes out; no DOM.

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
  for (const m of maps) for (let i = 0; i < m.length; i++) {
    const v = m[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return Number.isFinite(min) ? { min, max } : { min: 0, max: 0 };
}

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
