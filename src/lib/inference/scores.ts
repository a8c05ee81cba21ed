// Pure functions on class scores (Float32Array of 1000, Keras class order). No tfjs, no DOM.

export interface Ranked {
  /** Class index in Keras order. */
  index: number;
  /** Probability (after softmax). */
  p: number;
  /** 1-based rank: 1 is the model's top guess. */
  rank: number;
}

/** Numerically stable softmax (subtracts the max before exponentiating). */
export function softmax(logits: ArrayLike<number>): Float32Array {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i] ?? -Infinity);
  const out = new Float32Array(logits.length);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) {
    const e = Math.exp((logits[i] ?? 0) - max);
    out[i] = e;
    sum += e;
  }
  for (let i = 0; i < out.length; i++) out[i] = (out[i] ?? 0) / sum;
  return out;
}

/** The k highest-scoring classes, best first; ties keep the lower index first. */
export function topK(probs: ArrayLike<number>, k: number): Ranked[] {
  const idx = Array.from({ length: probs.length }, (_, i) => i);
  idx.sort((a, b) => (probs[b] ?? 0) - (probs[a] ?? 0) || a - b);
  return idx.slice(0, Math.max(0, k)).map((index, i) => ({ index, p: probs[index] ?? 0, rank: i + 1 }));
}

/** 1-based rank of class `label` among all classes (1 = top-1). Same tie rule as topK. */
export function rankOf(probs: ArrayLike<number>, label: number): number {
  if (!Number.isInteger(label) || label < 0 || label >= probs.length) {
    throw new RangeError(`label ${label} is not a class index (0…${probs.length - 1})`);
  }
  const p = probs[label] ?? 0;
  let rank = 1;
  for (let i = 0; i < probs.length; i++) {
    const q = probs[i] ?? 0;
    if (q > p || (q === p && i < label)) rank++;
  }
  return rank;
}

// The metric itself (err@k over ranks, and its curve over k) is defined once, in src/lib/top-k-error.ts.
export { errorAtK, errorCurve } from '../top-k-error';

/** Reorders scores given in another class order into Keras order: out[k] = scores[sourceIndexFor[k]]. */
export function toKerasOrder(scores: ArrayLike<number>, sourceIndexFor: readonly number[]): Float32Array {
  const out = new Float32Array(sourceIndexFor.length);
  for (let k = 0; k < sourceIndexFor.length; k++) out[k] = scores[sourceIndexFor[k] ?? -1] ?? 0;
  return out;
}
