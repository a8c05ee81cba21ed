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

/** 1-based rank of the true class, or undefined when the model did not list it. */
export function rankOfTruth(p: RankedPrediction): number | undefined {
  const i = p.ranked.indexOf(p.truth);
  return i < 0 ? undefined : i + 1;
}

/** Whether `truth` is among the first `k` entries of `ranked`. */
export function inTopK(p: RankedPrediction, k: number): boolean {
  if (!Number.isInteger(k) || k < 1) throw new Error(`k must be a positive integer, got ${k}`);
  return (rankOfTruth(p) ?? Infinity) <= k;
}

/**
 * err@k over the ranks of the true labels (1 = the model's first guess; Infinity = not listed):
 * the share whose true label is not in the top k. NaN for an empty set.
 */
export function errorAtK(ranks: readonly number[], k: number): number {
  if (ranks.length === 0) return NaN;
  return ranks.filter((r) => r > k).length / ranks.length;
}

/** Error vs k for k = 1…maxK: the curve that shows why top-5 error is so much lower than top-1. */
export function errorCurve(ranks: readonly number[], maxK = 10): { k: number; error: number }[] {
  return Array.from({ length: maxK }, (_, i) => ({ k: i + 1, error: errorAtK(ranks, i + 1) }));
}

/** err@k = (1/N) Σ 1[yᵢ ∉ top-k(pᵢ)], as a fraction between 0 and 1. */
export function topKError(predictions: readonly RankedPrediction[], k: number): number {
  if (predictions.length === 0) throw new Error('topKError needs at least one prediction');
  if (!Number.isInteger(k) || k < 1) throw new Error(`k must be a positive integer, got ${k}`);
  return errorAtK(
    predictions.map((p) => rankOfTruth(p) ?? Infinity),
    k,
  );
}
