/**
 * Numbers that describe a loss landscape (grid.ts), for the prose and the figure's table: pure
 * functions of the committed (or live) losses, no tfjs.
 *
 * - how fast the loss rises away from the centre along a 1-D slice;
 * - the largest loss within a disc of radius r around the trained net;
 * - how many grid points have no path downhill to the centre: no chain of neighbouring grid points
 *   (8 neighbours) toward the centre along which the loss never rises. On a smooth bowl every point
 *   has one; a chaotic landscape strands points behind ridges and in local pits;
 * - local minima other than the centre (interior points lower than all 8 neighbours).
 */
import { gridCoords, type LandscapeGrid, type LandscapeSlice } from './coords';

/** The loss at the grid's centre: the trained net itself. */
export function centreLoss(g: LandscapeGrid): number {
  const mid = (g.n - 1) / 2;
  return g.loss[mid * g.n + mid]!;
}

/** The slice's loss at α (linear between its points), or NaN outside its range. */
export function sliceAt(s: LandscapeSlice, alpha: number): number {
  const c = gridCoords(s.n, s.range);
  if (alpha < -s.range || alpha > s.range) return NaN;
  const t = ((alpha + s.range) / (2 * s.range)) * (s.n - 1);
  const i = Math.min(Math.floor(t), s.n - 2);
  const f = (alpha - c[i]!) / (c[i + 1]! - c[i]!);
  return s.loss[i]! * (1 - f) + s.loss[i + 1]! * f;
}

/** How much the loss rises at distance r along the slice, both ways averaged: (L(−r) + L(r))/2 − L(0). */
export function sliceRise(s: LandscapeSlice, r: number): number {
  return (sliceAt(s, -r) + sliceAt(s, r)) / 2 - sliceAt(s, 0);
}

/** The largest loss over the grid points with α² + β² ≤ r² (Infinity or NaN if one is not finite). */
export function maxInDisc(g: LandscapeGrid, r: number): number {
  const c = gridCoords(g.n, g.range);
  let max = -Infinity;
  for (let j = 0; j < g.n; j++) {
    for (let i = 0; i < g.n; i++) {
      if (c[i]! ** 2 + c[j]! ** 2 > r * r + 1e-12) continue;
      const v = g.loss[j * g.n + i]!;
      if (Number.isNaN(v)) return NaN;
      max = Math.max(max, v);
    }
  }
  return max;
}

const NEIGHBOURS = [-1, 0, 1].flatMap((dj) => [-1, 0, 1].map((di) => [di, dj] as const)).filter(([a, b]) => a !== 0 || b !== 0);

/**
 * For each grid point, whether a path of neighbouring points leads from it to the centre with the
 * loss never rising on the way (the centre itself: true). Found from the centre outwards: a point is
 * reached from a reached neighbour whose loss is at most its own. NaN losses are never reached.
 */
export function downhillToCentre(g: LandscapeGrid): boolean[] {
  const { n, loss } = g;
  const mid = (n - 1) / 2;
  const reached = new Array<boolean>(n * n).fill(false);
  const start = mid * n + mid;
  if (Number.isNaN(loss[start])) return reached;
  reached[start] = true;
  const queue = [start];
  while (queue.length > 0) {
    const p = queue.pop()!;
    const pi = p % n;
    const pj = (p - pi) / n;
    for (const [di, dj] of NEIGHBOURS) {
      const i = pi + di;
      const j = pj + dj;
      if (i < 0 || j < 0 || i >= n || j >= n) continue;
      const q = j * n + i;
      if (!reached[q] && loss[q]! >= loss[p]!) {
        reached[q] = true;
        queue.push(q);
      }
    }
  }
  return reached;
}

/** How many grid points have no path downhill to the centre. */
export function notDownhillCount(g: LandscapeGrid): number {
  return downhillToCentre(g).filter((r) => !r).length;
}

/** Interior grid points, other than the centre, whose loss is below all 8 neighbours'. */
export function localMinima(g: LandscapeGrid): number {
  const { n, loss } = g;
  const mid = (n - 1) / 2;
  let count = 0;
  for (let j = 1; j < n - 1; j++) {
    for (let i = 1; i < n - 1; i++) {
      if (i === mid && j === mid) continue;
      const v = loss[j * n + i]!;
      if (NEIGHBOURS.every(([di, dj]) => v < loss[(j + dj) * n + i + di]!)) count++;
    }
  }
  return count;
}

export interface LandscapeSummary {
  readonly centre: number;
  /** Largest loss within radius 0.5 and 1 of the centre. */
  readonly maxWithinHalf: number;
  readonly maxWithinOne: number;
  /** Rise of the loss at distance 0.5 and 1 along the slice (both sides averaged). */
  readonly riseAtHalf: number;
  readonly riseAtOne: number;
  readonly notDownhill: number;
  readonly points: number;
  readonly localMinima: number;
}

export function summarise(g: LandscapeGrid, s: LandscapeSlice): LandscapeSummary {
  return {
    centre: centreLoss(g),
    maxWithinHalf: maxInDisc(g, 0.5),
    maxWithinOne: maxInDisc(g, 1),
    riseAtHalf: sliceRise(s, 0.5),
    riseAtOne: sliceRise(s, Math.min(1, s.range)),
    notDownhill: notDownhillCount(g),
    points: g.n * g.n,
    localMinima: localMinima(g),
  };
}
