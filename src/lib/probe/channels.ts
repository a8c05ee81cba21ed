// Choosing what to draw from one activation ([H, W, C], NHWC, batch 1): the channels with the largest
// mean (the "most active"), each as its own H×W map, on one colour scale shared by all of them so
// their brightness can be compared. No tfjs here.
import { channelOf } from '../inference/activations';
import { rangeOf } from '../inference/map-tiles';

/** Mean of each channel over the H×W positions. */
export function channelMeans(data: ArrayLike<number>, h: number, w: number, c: number): Float64Array {
  const sums = new Float64Array(c);
  for (let p = 0; p < h * w; p++) {
    const base = p * c;
    for (let k = 0; k < c; k++) sums[k]! += data[base + k]!;
  }
  for (let k = 0; k < c; k++) sums[k]! /= h * w;
  return sums;
}

/** The `count` channels with the largest means, largest first (ties: lower index first). */
export function topByMean(means: ArrayLike<number>, count: number): number[] {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`count must be a whole number ≥ 1, got ${count}`);
  const idx = Array.from({ length: means.length }, (_, k) => k);
  idx.sort((a, b) => means[b]! - means[a]! || a - b);
  return idx.slice(0, Math.min(count, means.length));
}

/** One scale for several maps: the smallest and largest value over all of them (0, 0 when empty). */
export const sharedRange = rangeOf;

export interface ChosenMaps {
  channels: number[];
  maps: Float32Array[];
}

/** The maps of the given channels. */
export const mapsOf = (data: ArrayLike<number>, h: number, w: number, c: number, channels: readonly number[]): Float32Array[] =>
  channels.map((k) => channelOf(data, h, w, c, k));

/** The `count` most active channels of an activation and their maps. */
export function mostActive(data: ArrayLike<number>, h: number, w: number, c: number, count: number): ChosenMaps {
  const channels = topByMean(channelMeans(data, h, w, c), count);
  return { channels, maps: mapsOf(data, h, w, c, channels) };
}
