import { describe, expect, it } from 'vitest';
import { summarizeTimes } from '../../src/lib/race/stats';

describe('race statistics', () => {
  it('median of odd and even counts, whatever the order', () => {
    expect(summarizeTimes([5, 1, 3]).median).toBe(3);
    expect(summarizeTimes([4, 1, 3, 2]).median).toBe(2.5);
    expect(summarizeTimes([7]).median).toBe(7);
  });
  it('one slow run moves the median, not much else', () => {
    const s = summarizeTimes([10, 11, 10, 12, 90]);
    expect(s.median).toBe(11);
    expect(s.min).toBe(10);
    expect(s.max).toBe(90);
    expect(s.spread).toBe(80);
    expect(s.relativeSpread).toBeCloseTo(80 / 11);
    expect(s.runs).toEqual([10, 11, 10, 12, 90]);
  });
  it('refuses empty or impossible timings', () => {
    expect(() => summarizeTimes([])).toThrow();
    expect(() => summarizeTimes([1, Number.NaN])).toThrow(/finite/);
    expect(() => summarizeTimes([-1])).toThrow();
  });
});
