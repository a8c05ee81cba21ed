/**
 * The reader's drawing: a 28×28 grid of uint8 intensities, bright ink on black like Fashion-MNIST.
 * Painting, lines between pointer samples, the empty check, and `frame()`, which scales the drawn
 * part to fill the grid the way Fashion-MNIST's images fill theirs (the garment trimmed and its
 * longer side resized to 28 pixels, Xiao et al. 2017, §2), so a small sketch in a corner is not lost.
 */
export const GRID = 28;
export const PIXELS = GRID * GRID;

export const blank = (): Uint8Array => new Uint8Array(PIXELS);

/** Paints a soft round dot centred on (x, y) in grid units: full ink inside `radius`, fading over one pixel. */
export function dab(buf: Uint8Array, x: number, y: number, radius = 1.1): void {
  const r = Math.ceil(radius + 1);
  for (let j = Math.floor(y) - r; j <= Math.floor(y) + r; j++) {
    if (j < 0 || j >= GRID) continue;
    for (let i = Math.floor(x) - r; i <= Math.floor(x) + r; i++) {
      if (i < 0 || i >= GRID) continue;
      const d = Math.hypot(i + 0.5 - x, j + 0.5 - y);
      const ink = Math.round(255 * Math.min(1, Math.max(0, radius + 1 - d)));
      const k = j * GRID + i;
      if (ink > buf[k]!) buf[k] = ink;
    }
  }
}

/** Paints dots along the segment from (x0, y0) to (x1, y1), close enough to form a stroke. */
export function stroke(buf: Uint8Array, x0: number, y0: number, x1: number, y1: number, radius = 1.1): void {
  const steps = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0) / 0.5));
  for (let s = 0; s <= steps; s++) dab(buf, x0 + ((x1 - x0) * s) / steps, y0 + ((y1 - y0) * s) / steps, radius);
}

/** True when nothing visible is drawn (no pixel above `threshold`). */
export function isBlank(buf: Uint8Array, threshold = 16): boolean {
  for (const v of buf) if (v > threshold) return false;
  return true;
}

/** The smallest box holding every pixel above `threshold`, or null for a blank grid. */
export function inkBox(buf: Uint8Array, threshold = 16): { x0: number; y0: number; x1: number; y1: number } | null {
  let x0 = GRID,
    y0 = GRID,
    x1 = -1,
    y1 = -1;
  for (let j = 0; j < GRID; j++) {
    for (let i = 0; i < GRID; i++) {
      if (buf[j * GRID + i]! <= threshold) continue;
      x0 = Math.min(x0, i);
      x1 = Math.max(x1, i);
      y0 = Math.min(y0, j);
      y1 = Math.max(y1, j);
    }
  }
  return x1 < 0 ? null : { x0, y0, x1: x1 + 1, y1: y1 + 1 };
}

/**
 * The drawing as the nets should see it: its inked box scaled (bilinear) so the longer side spans
 * the grid, centred. A blank grid stays blank.
 */
export function frame(buf: Uint8Array): Uint8Array {
  const box = inkBox(buf);
  const out = blank();
  if (!box) return out;
  const w = box.x1 - box.x0;
  const h = box.y1 - box.y0;
  const scale = GRID / Math.max(w, h);
  const ox = (GRID - w * scale) / 2;
  const oy = (GRID - h * scale) / 2;
  const at = (i: number, j: number): number => (i < 0 || j < 0 || i >= GRID || j >= GRID ? 0 : buf[j * GRID + i]!);
  for (let j = 0; j < GRID; j++) {
    for (let i = 0; i < GRID; i++) {
      // Centre of the output pixel, mapped back into the source grid.
      const sx = box.x0 + (i + 0.5 - ox) / scale - 0.5;
      const sy = box.y0 + (j + 0.5 - oy) / scale - 0.5;
      if (sx < box.x0 - 0.5 || sy < box.y0 - 0.5 || sx > box.x1 - 0.5 || sy > box.y1 - 0.5) continue;
      const fx = Math.floor(sx),
        fy = Math.floor(sy);
      const tx = sx - fx,
        ty = sy - fy;
      const v = (1 - ty) * ((1 - tx) * at(fx, fy) + tx * at(fx + 1, fy)) + ty * ((1 - tx) * at(fx, fy + 1) + tx * at(fx + 1, fy + 1));
      out[j * GRID + i] = Math.round(v);
    }
  }
  return out;
}
