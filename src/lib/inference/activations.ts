// "What a layer sees": the pure parts of drawing a layer's activation maps (no tfjs, no DOM here).
// A layer's output for one image is [1, H, W, C] in NHWC order; each of the C channels is one H×W map.

/** One channel of an NHWC activation ([H, W, C] flattened, batch 1) as its own H×W array. */
export function channelOf(data: ArrayLike<number>, h: number, w: number, c: number, channel: number): Float32Array {
  if (channel < 0 || channel >= c) throw new RangeError(`channel ${channel} is outside 0…${c - 1}`);
  if (data.length < h * w * c) throw new RangeError(`expected ${h * w * c} values for [${h}, ${w}, ${c}], got ${data.length}`);
  const out = new Float32Array(h * w);
  for (let i = 0; i < h * w; i++) out[i] = data[i * c + channel]!;
  return out;
}

/**
 * Min–max normalisation of one map to 0…255 (each map on its own scale, so a weak channel still
 * shows its pattern). A constant map (often all zeros after a ReLU) becomes all 0: nothing to see.
 */
export function normaliseTo255(values: ArrayLike<number>): Uint8ClampedArray {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const out = new Uint8ClampedArray(values.length);
  const range = hi - lo;
  if (!(range > 0) || !Number.isFinite(range)) return out;
  for (let i = 0; i < values.length; i++) out[i] = Math.round(((values[i]! - lo) / range) * 255);
  return out;
}

export interface GridLayout {
  cols: number;
  rows: number;
  /** Side of one square cell in CSS pixels (a map is scaled to fit it). */
  cell: number;
  gap: number;
  width: number;
  height: number;
  /** Top-left corner of each map's cell, in reading order. */
  positions: { x: number; y: number }[];
}

/**
 * Lays out n maps as a grid of square cells that fits maxWidth: as many columns as fit with cells of
 * at least minCell px, cells no larger than maxCell px (a 7×7 map blown up to 200 px helps nobody).
 */
export function gridLayout(n: number, maxWidth: number, opts: { gap?: number; minCell?: number; maxCell?: number } = {}): GridLayout {
  const gap = opts.gap ?? 2;
  const minCell = opts.minCell ?? 28;
  const maxCell = opts.maxCell ?? 72;
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number ≥ 0, got ${n}`);
  if (n === 0) return { cols: 0, rows: 0, cell: 0, gap, width: 0, height: 0, positions: [] };
  const fit = Math.max(1, Math.floor((maxWidth + gap) / (minCell + gap)));
  const cols = Math.min(n, fit);
  const rows = Math.ceil(n / cols);
  const cell = Math.max(1, Math.min(maxCell, Math.floor((maxWidth + gap) / cols - gap)));
  const positions = Array.from({ length: n }, (_, i) => ({ x: (i % cols) * (cell + gap), y: Math.floor(i / cols) * (cell + gap) }));
  return { cols, rows, cell, gap, width: cols * cell + (cols - 1) * gap, height: rows * cell + (rows - 1) * gap, positions };
}

/** "[1, 112, 112, 48]" style text for a shape with an open batch dimension. */
export function shapeText(shape: readonly (number | null)[]): string {
  return `[${shape.map((d) => (d === null ? 'batch' : String(d))).join(', ')}]`;
}
