// The coordinates and result types of loss landscapes, free of tfjs and of the trainer, so the page,
// the figures and the data loader can use them (grid.ts computes them).

/** Losses on an n × n grid: `loss[j * n + i]` is at α = coords[i], β = coords[j]. */
export interface LandscapeGrid {
  readonly n: number;
  readonly range: number;
  readonly loss: readonly number[];
}

/** Losses along one direction: `loss[i]` is at α = coords[i] (β = 0). */
export interface LandscapeSlice {
  readonly n: number;
  readonly range: number;
  readonly loss: readonly number[];
}

/** The n evenly spaced coordinates from −range to range (n odd: the middle one is exactly 0). */
export function gridCoords(n: number, range: number): number[] {
  if (!Number.isInteger(n) || n < 3 || n % 2 === 0) throw new Error(`A landscape needs an odd number of points ≥ 3 per axis, not ${n}`);
  if (!(range > 0) || !Number.isFinite(range)) throw new Error(`A landscape needs a positive range, not ${range}`);
  const mid = (n - 1) / 2;
  return Array.from({ length: n }, (_, i) => (range * (i - mid)) / mid);
}
