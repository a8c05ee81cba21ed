/**
 * The live landscape's settings and its one sentence. A map is an n × n grid of training losses at
 * θ + α·δ + β·η, α and β evenly from −1 to 1, row-major (β outer, α inner), around each of the lab's
 * two trained nets; NaN where the loss was not finite (a marked cell, a result, not an error). The
 * sentences compare how fast each net's loss rises away from the centre, from the two grids.
 */
import { defineUrlState, int } from '../url-state';
import { formatInt, formatSignificant, formatTimes } from '../format';
import type { NetKey } from '../data/gradient-flow';
import type { LandscapeGrid } from './grid';
import { centreLoss, notDownhillCount } from './summary';

export interface LiveGridSettings {
  /** Points per side (odd, so the trained weights are a grid point). */
  readonly steps: number;
  /** Training images the loss is the mean over (the first ones of the set, the same for both nets). */
  readonly images: number;
  /** Seed of the random directions. */
  readonly seed: number;
}

export const DEFAULT_LIVE_GRID: LiveGridSettings = { steps: 11, images: 256, seed: 1 };

/**
 * One grid point (a forward pass over the images, in chunks of 64) against one training step of the
 * same net (batch 64: a forward and two backward convolutions), as `npm run bench:landscape` measured
 * it with 256 images on wasm with 2 threads, in two runs under load: 0.45–1.04. One is an upper estimate.
 */
const POINT_PER_STEP_AT_256 = 1;

/**
 * The expected time of a map from the lab's measured milliseconds per iteration (both nets): every
 * net's points cost about one of its training steps each, scaled by the image count.
 */
export function expectedMapSeconds(settings: LiveGridSettings, labMsPerIteration: number): number {
  return (settings.steps ** 2 * labMsPerIteration * POINT_PER_STEP_AT_256 * (settings.images / 256)) / 1000;
}

/** `?map.steps=5&map.images=32` (tests and slow devices); the reader's default stays 11 × 11 on 256. */
const MAP_URL = defineUrlState('map', {
  steps: { codec: int(3, 25), default: DEFAULT_LIVE_GRID.steps },
  images: { codec: int(16, 1024), default: DEFAULT_LIVE_GRID.images },
});

/** The grid settings from the page's query (an even side gets one more point). */
export function liveGridFromUrl(search: string): LiveGridSettings {
  const u = MAP_URL.read(new URLSearchParams(search));
  return { ...DEFAULT_LIVE_GRID, steps: u.steps % 2 === 1 ? u.steps : u.steps + 1, images: u.images };
}

export interface GridRise {
  /** The loss at α = β = 0 (the trained net). */
  readonly centre: number;
  /** Mean loss rise over the grid's edge (max(|α|, |β|) = range), finite points only. */
  readonly edgeRise: number;
  /** Points with no finite loss. */
  readonly nanPoints: number;
  /** Points with no path downhill to the centre (summary.ts). */
  readonly notDownhill: number;
}

export function gridRise(g: LandscapeGrid): GridRise {
  const { n, loss } = g;
  const centre = centreLoss(g);
  let sum = 0;
  let count = 0;
  let nanPoints = 0;
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const v = loss[j * n + i]!;
      if (!Number.isFinite(v)) nanPoints++;
      else if (i === 0 || j === 0 || i === n - 1 || j === n - 1) {
        sum += v - centre;
        count++;
      }
    }
  }
  return { centre, edgeRise: count > 0 ? sum / count : NaN, nanPoints, notDownhill: notDownhillCount(g) };
}

/**
 * Two sentences from the two grids: each net's mean rise from its centre to the edge and their ratio,
 * then how many points have no downhill path to the centre, and any points without a finite loss.
 */
export function riseSentence(names: Record<NetKey, string>, grids: Record<NetKey, LandscapeGrid>): string {
  const p = gridRise(grids.plain);
  const r = gridRise(grids.residual);
  const points = grids.plain.n ** 2;
  const nan = (['plain', 'residual'] as const)
    .map((k) => {
      const x = k === 'plain' ? p : r;
      return x.nanPoints > 0
        ? ` ${formatInt(x.nanPoints)} of ${formatInt(grids[k].n ** 2)} points of ${names[k]} gave no finite loss (marked ✕).`
        : '';
    })
    .join('');
  if (![p.centre, r.centre, p.edgeRise, r.edgeRise].every(Number.isFinite))
    return `The loss of one of the two nets is not finite at its centre or all around it, so their rise cannot be compared.${nan}`;
  const rise = (x: GridRise, name: string) => `${name}'s from ${formatSignificant(x.centre)} by ${formatSignificant(x.edgeRise)}`;
  const head = `From the trained weights (the centre) to the edge of the map, the loss rises on average ${rise(p, names.plain)} and ${rise(r, names.residual)}`;
  let tail = ': at least one of the two does not sit at a minimum of this slice.';
  if (p.edgeRise > 0 && r.edgeRise > 0) {
    const ratio = p.edgeRise / r.edgeRise;
    tail =
      ratio >= 1.05
        ? `: the plain net's loss rises ${formatTimes(ratio)} as fast.`
        : ratio <= 1 / 1.05
          ? `: here the residual net's loss rises ${formatTimes(1 / ratio)} as fast, the opposite of what Li et al. found for deep nets.`
          : ': about as fast in both.';
  }
  const downhill = ` Points with no downhill path to the centre: ${formatInt(p.notDownhill)} of ${formatInt(points)} for ${names.plain}, ${formatInt(r.notDownhill)} for ${names.residual}.`;
  return `${head}${tail}${downhill}${nan}`;
}
