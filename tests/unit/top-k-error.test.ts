import { describe, expect, it } from 'vitest';
import { inTopK, topKError, rankOfTruth } from '../../src/lib/top-k-error';
import { TOPK_EXAMPLE } from '../../src/lib/data/topk-example';

describe('top-k error', () => {
  const p = { truth: 'b', ranked: ['a', 'b', 'c', 'd', 'e'] };
  it('finds the truth only within the first k guesses', () => {
    expect(inTopK(p, 1)).toBe(false);
    expect(inTopK(p, 2)).toBe(true);
    expect(rankOfTruth(p)).toBe(2);
    expect(rankOfTruth({ truth: 'z', ranked: ['a'] })).toBeUndefined();
  });
  it('is the fraction of images whose label is missing from the top k', () => {
    expect(topKError([p, { truth: 'a', ranked: ['a'] }], 1)).toBe(0.5);
    expect(topKError([p, { truth: 'a', ranked: ['a'] }], 5)).toBe(0);
  });
  it('rejects bad input', () => {
    expect(() => topKError([], 1)).toThrow();
    expect(() => inTopK(p, 0)).toThrow();
  });
  it('gives 60% top-1 and 20% top-5 error on the metrics page’s worked example', () => {
    expect(TOPK_EXAMPLE).toHaveLength(5);
    for (const img of TOPK_EXAMPLE) expect(img.ranked).toHaveLength(5);
    expect(topKError(TOPK_EXAMPLE, 1)).toBe(0.6);
    expect(topKError(TOPK_EXAMPLE, 5)).toBe(0.2);
    expect(TOPK_EXAMPLE.map(rankOfTruth)).toEqual([1, 2, 3, 1, undefined]);
  });
});
