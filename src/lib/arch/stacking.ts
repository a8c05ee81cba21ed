/**
 * The "stacking 3×3 convolutions" argument of Simonyan & Zisserman §2.3: n stacked 3×3 layers
 * (stride 1) see a (2n+1)×(2n+1) window, like one (2n+1)×(2n+1) layer, with fewer weights
 * (n·9C² vs (2n+1)²C² for C channels in and out, biases aside) and n non-linearities instead of one.
 */

export interface StackComparison {
  readonly n: number;
  readonly channels: number;
  /** Side of the receptive field of either option: 2n+1. */
  readonly rf: number;
  /** n·9·C² */
  readonly stackedWeights: number;
  /** (2n+1)²·C² */
  readonly singleWeights: number;
  /** stackedWeights / singleWeights (n = 3: 27/49 ≈ 0.55). */
  readonly ratio: number;
}

export function compareStack(n: number, channels: number): StackComparison {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer, got ${n}`);
  const rf = 2 * n + 1;
  const c2 = channels * channels;
  const stackedWeights = n * 9 * c2;
  const singleWeights = rf * rf * c2;
  return { n, channels, rf, stackedWeights, singleWeights, ratio: stackedWeights / singleWeights };
}

/** A square window of pixels, inclusive bounds, already clipped to the grid. */
export interface Window {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

/**
 * For a grid drawing: with n stacked 3×3 layers ('same' padding, stride 1) on a size×size map,
 * the window of layer-l pixels (l = 0 is the input, l = n the output) that output pixel (row, col)
 * depends on. Returns n+1 windows, from the input up to the output pixel itself.
 */
export function stackWindows(n: number, row: number, col: number, size: number): Window[] {
  const out: Window[] = [];
  const clip = (v: number): number => Math.min(size - 1, Math.max(0, v));
  for (let l = 0; l <= n; l++) {
    const r = n - l;
    out.push({ top: clip(row - r), left: clip(col - r), bottom: clip(row + r), right: clip(col + r) });
  }
  return out;
}

/**
 * How many paths connect each input pixel of the (2n+1)×(2n+1) window to the output pixel through
 * n stacked 3×3 layers: the outer product of the coefficients of (1 + x + x²)ⁿ. The centre is
 * reached by the most paths (the "effective" receptive field is peaked); entries sum to 9ⁿ.
 */
export function stackPathCounts(n: number): number[][] {
  let line = [1];
  for (let i = 0; i < n; i++) {
    const next = new Array<number>(line.length + 2).fill(0);
    line.forEach((v, j) => {
      for (let d = 0; d < 3; d++) next[j + d] = (next[j + d] ?? 0) + v;
    });
    line = next;
  }
  return line.map((a) => line.map((b) => a * b));
}
