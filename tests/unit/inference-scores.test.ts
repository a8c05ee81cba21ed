import { describe, expect, test } from 'vitest';
import { softmax, topK, rankOf, errorAtK, errorCurve, toKerasOrder } from '../../src/lib/inference/scores';
import { CLASS_NAMES, WNIDS, DARKNET_INDEX_FOR_KERAS, shortName, classIndex, searchClasses } from '../../src/lib/inference/labels';

describe('scores → ranks', () => {
  test('softmax sums to 1, keeps order, and survives large logits', () => {
    const p = softmax([1000, 1001, 999]);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(p[1]).toBeGreaterThan(p[0]!);
    expect(p[0]).toBeGreaterThan(p[2]!);
    expect([...p].every(Number.isFinite)).toBe(true);
  });

  test('topK returns the best classes first with 1-based ranks', () => {
    const probs = new Float32Array([0.1, 0.5, 0.05, 0.3, 0.05]);
    expect(topK(probs, 3)).toEqual([
      { index: 1, p: 0.5, rank: 1 },
      { index: 3, p: expect.closeTo(0.3, 6), rank: 2 },
      { index: 0, p: expect.closeTo(0.1, 6), rank: 3 },
    ]);
  });

  test('rankOf agrees with topK, ties included', () => {
    const probs = new Float32Array([0.1, 0.5, 0.05, 0.3, 0.05]);
    for (const { index, rank } of topK(probs, 5)) expect(rankOf(probs, index)).toBe(rank);
    expect(() => rankOf(probs, 5)).toThrow(/not a class index/);
  });

  test('top-k error and the error-vs-k curve', () => {
    const ranks = [1, 2, 5, 6, 30];
    expect(errorAtK(ranks, 1)).toBe(0.8);
    expect(errorAtK(ranks, 5)).toBe(0.4);
    const curve = errorCurve(ranks, 10);
    expect(curve).toHaveLength(10);
    expect(curve.map((c) => c.error)).toEqual([0.8, 0.6, 0.6, 0.6, 0.4, 0.2, 0.2, 0.2, 0.2, 0.2]);
    expect(errorAtK([], 1)).toBeNaN();
  });

  test('toKerasOrder moves each score to its Keras index', () => {
    expect([...toKerasOrder([10, 20, 30], [2, 0, 1])]).toEqual([30, 10, 20]);
  });
});

describe('ImageNet labels', () => {
  test('1000 classes in Keras order with WordNet ids', () => {
    expect(CLASS_NAMES).toHaveLength(1000);
    expect(WNIDS[0]).toBe('n01440764');
    expect(shortName(0)).toBe('tench');
    expect(shortName(967)).toBe('espresso');
    expect(shortName(285)).toBe('Egyptian cat');
    // Keras order is sorted WordNet ids.
    expect([...WNIDS].sort()).toEqual([...WNIDS]);
  });

  test('the darknet mapping is a permutation of 0…999', () => {
    expect(new Set(DARKNET_INDEX_FOR_KERAS).size).toBe(1000);
    expect(Math.min(...DARKNET_INDEX_FOR_KERAS)).toBe(0);
    expect(Math.max(...DARKNET_INDEX_FOR_KERAS)).toBe(999);
  });

  test('lookup and search by name', () => {
    expect(classIndex('tabby')).toBe(281);
    expect(classIndex('Tabby, tabby cat')).toBe(281);
    expect(classIndex('no such thing')).toBe(-1);
    expect(searchClasses('cat').map(shortName)).toContain('Egyptian cat');
    expect(searchClasses('  ')).toEqual([]);
  });
});
