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

/** "[1, 112, 112, 48]" style text for a shape with an open batch dimension. */
export function shapeText(shape: readonly (number | null)[]): string {
  return `[${shape.map((d) => (d === null ? 'batch' : String(d))).join(', ')}]`;
}
