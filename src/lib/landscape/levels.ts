/**
 * Contour levels shared by several landscapes, so that equal colours mean equal losses across the
 * plots: evenly spaced on a linear scale, or geometrically (evenly in log loss) on a log scale.
 * Non-finite losses are left out of the range.
 */
import { formatScientific, formatSignificant } from '../format';

export type LevelScale = 'linear' | 'log';

export interface LevelOptions {
  readonly count: number;
  readonly scale: LevelScale;
  /** Losses above this are not given levels of their own (they all take the top colour). */
  readonly cap?: number;
}

/** The finite [min, max] over all the values (max capped), or null when none is finite (and positive, for log). */
export function lossExtent(grids: readonly (readonly number[])[], scale: LevelScale, cap = Infinity): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const g of grids) {
    for (const v of g) {
      if (!Number.isFinite(v) || (scale === 'log' && v <= 0)) continue;
      lo = Math.min(lo, v);
      hi = Math.max(hi, Math.min(v, cap));
    }
  }
  return lo <= hi ? [lo, hi] : null;
}

/** The median of all the finite losses: the linear scale's top level, so that half of the maps' points get
 * bands of their own and the steep edges do not squeeze the basins into one colour. */
export function medianLoss(grids: readonly (readonly number[])[]): number {
  const v = grids.flatMap((g) => g.filter((x) => Number.isFinite(x))).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const m = v.length >> 1;
  return v.length % 2 ? v[m]! : (v[m - 1]! + v[m]!) / 2;
}

/** `count` thresholds from the lowest loss to the highest (capped), both ends included. */
export function sharedLevels(grids: readonly (readonly number[])[], opts: LevelOptions): number[] {
  const ext = lossExtent(grids, opts.scale, opts.cap);
  if (!ext || opts.count < 2) return ext ? [ext[0]] : [];
  const [lo, hi] = ext;
  if (hi === lo) return [lo];
  const k = opts.count - 1;
  return Array.from({ length: opts.count }, (_, i) => (opts.scale === 'log' ? lo * (hi / lo) ** (i / k) : lo + ((hi - lo) * i) / k));
}

/** A loss for the page: three significant figures ("4.4 × 10¹²" from 10 000 up), "not finite" for an overflow. */
export const formatLoss = (x: number): string =>
  !Number.isFinite(x) ? 'not finite' : Math.abs(x) >= 1e4 ? formatScientific(x, 1) : formatSignificant(x, 3);
