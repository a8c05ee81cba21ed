/**
 * Top-k error, the ILSVRC's classification metric: an image counts as an error when its one
 * ground-truth label is not among the model's k highest-ranked classes.
 */

export interface RankedPrediction {
  /** The image's single ground-truth class. */
  readonly truth: string;
  /** Classes in the order the model ranks them, most probable first. */
  readonly ranked: readonly string[];
}

/** Whether `truth` is among the first `k` entries of `ranked`. */
export function inTopK(p: RankedPrediction, k: number): boolean {
  if (!Number.isInteger(k) || k < 1) throw new Error(`k must be a positive integer, got ${k}`);
  return p.ranked.slice(0, k).includes(p.truth);
}

/** err@k = (1/N) Σ 1[yᵢ ∉ top-k(pᵢ)], as a fraction between 0 and 1. */
export function topKError(predictions: readonly RankedPrediction[], k: number): number {
  if (predictions.length === 0) throw new Error('topKError needs at least one prediction');
  const misses = predictions.filter((p) => !inTopK(p, k)).length;
  return misses / predictions.length;
}

/** 1-based rank of the true class, or undefined when the model did not list it. */
export function rankOfTruth(p: RankedPrediction): number | undefined {
  const i = p.ranked.indexOf(p.truth);
  return i < 0 ? undefined : i + 1;
}
