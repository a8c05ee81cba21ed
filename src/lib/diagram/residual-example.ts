/**
 * A residual block small enough to compute by hand: x has 4 channels, F is
 * weight layer → ReLU → weight layer (4 → 4 → 4, no biases), and the block outputs
 * y = ReLU(F(x) + x), as in He et al. 2016, Fig. 2. `alpha` scales F's last weight layer: at 0 the
 * residual branch outputs zeros and the block passes x through unchanged (x ≥ 0, as it is after the
 * previous block's ReLU), while the same block without its shortcut outputs zeros.
 * The weights are fixed, illustrative numbers, not taken from a trained network.
 */

export type Vec = readonly number[];
export type Mat = readonly Vec[];

export const EXAMPLE_X: Vec = [1.0, 0.5, 2.0, 0.0];
const EXAMPLE_W1: Mat = [
  [0.6, -0.4, 0.2, 0.5],
  [-0.3, 0.8, 0.1, -0.2],
  [0.2, 0.3, -0.5, 0.4],
  [0.5, -0.1, 0.3, 0.6],
];
const EXAMPLE_W2: Mat = [
  [0.4, -0.6, 0.3, 0.2],
  [-0.5, 0.7, 0.2, -0.3],
  [0.3, 0.2, -0.4, -0.6],
  [-0.2, 0.5, 0.6, 0.1],
];

const matVec = (m: Mat, v: Vec): number[] => m.map((row) => row.reduce((s, w, j) => s + w * (v[j] ?? 0), 0));
const relu = (v: Vec): number[] => v.map((a) => Math.max(0, a));

export interface ResidualExample {
  readonly alpha: number;
  readonly x: Vec;
  /** After the first weight layer and its ReLU. */
  readonly hidden: Vec;
  /** F(x) = alpha · W2 · ReLU(W1 · x). */
  readonly f: Vec;
  /** F(x) + x, before the block's final ReLU. */
  readonly sum: Vec;
  /** y = ReLU(F(x) + x). */
  readonly y: Vec;
  /** The plain block (no shortcut): ReLU(F(x)). */
  readonly plain: Vec;
  /** Largest |y − x|: 0 means the block is the identity. */
  readonly distanceFromIdentity: number;
}

export function residualExample(alpha: number, x: Vec = EXAMPLE_X, w1: Mat = EXAMPLE_W1, w2: Mat = EXAMPLE_W2): ResidualExample {
  const hidden = relu(matVec(w1, x));
  const f = matVec(w2, hidden).map((a) => alpha * a);
  const sum = f.map((a, i) => a + (x[i] ?? 0));
  const y = relu(sum);
  const plain = relu(f);
  const distanceFromIdentity = Math.max(...y.map((a, i) => Math.abs(a - (x[i] ?? 0))));
  return { alpha, x, hidden, f, sum, y, plain, distanceFromIdentity };
}
