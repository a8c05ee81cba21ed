import { describe, it, expect } from 'vitest';
import { channelOf, normaliseTo255, shapeText } from '../../src/lib/inference/activations';
import { mapGrid } from '../../src/lib/inference/map-tiles';

describe('channelOf', () => {
  it('takes one channel out of NHWC data', () => {
    // 2×2 map, 3 channels: value = 10 * pixel + channel
    const data = [0, 1, 2, 10, 11, 12, 20, 21, 22, 30, 31, 32];
    expect([...channelOf(data, 2, 2, 3, 1)]).toEqual([1, 11, 21, 31]);
    expect([...channelOf(data, 2, 2, 3, 2)]).toEqual([2, 12, 22, 32]);
  });
  it('refuses a channel out of range or too little data', () => {
    expect(() => channelOf([0, 1], 1, 1, 2, 2)).toThrow(RangeError);
    expect(() => channelOf([0], 1, 1, 2, 0)).toThrow(RangeError);
  });
});

describe('normaliseTo255', () => {
  it('maps the minimum to 0 and the maximum to 255, linearly', () => {
    expect([...normaliseTo255([-1, 0, 1])]).toEqual([0, 128, 255]);
    expect([...normaliseTo255([2, 4, 6, 10])]).toEqual([0, 64, 128, 255]);
  });
  it('gives all zeros for a constant map (a dead ReLU channel)', () => {
    expect([...normaliseTo255([0, 0, 0])]).toEqual([0, 0, 0]);
    expect([...normaliseTo255([5, 5])]).toEqual([0, 0]);
  });
  it('handles an empty map', () => {
    expect(normaliseTo255([]).length).toBe(0);
  });
});

describe("mapGrid (the one grid of map tiles), with the classifier's spacing", () => {
  // The classifier's layer view: 2 px apart, cells of at least 28 px.
  const gridLayout = (n: number, maxWidth: number, opts: { gap?: number; minCell?: number; maxCell?: number } = {}) =>
    mapGrid(n, maxWidth, { gap: 2, minCell: 28, ...opts });
  it('fits as many columns as the width allows and wraps the rest', () => {
    const g = gridLayout(16, 300, { gap: 2, minCell: 28, maxCell: 72 });
    expect(g.cols).toBe(10); // floor(302 / 30)
    expect(g.rows).toBe(2);
    expect(g.width).toBeLessThanOrEqual(300);
    expect(g.positions).toHaveLength(16);
    expect(g.positions[10]).toEqual({ x: 0, y: g.cell + 2 });
  });
  it('caps the cell size when there are few maps', () => {
    const g = gridLayout(3, 600, { maxCell: 72 });
    expect(g.cols).toBe(3);
    expect(g.cell).toBe(72);
    expect(g.width).toBe(3 * 72 + 2 * 2);
  });
  it('never lays a cell outside the grid, on a phone-sized width', () => {
    const g = gridLayout(32, 320);
    for (const p of g.positions) {
      expect(p.x + g.cell).toBeLessThanOrEqual(g.width);
      expect(p.y + g.cell).toBeLessThanOrEqual(g.height);
    }
    expect(g.width).toBeLessThanOrEqual(320);
  });
  it('is empty for no maps and refuses a negative count', () => {
    expect(gridLayout(0, 300).positions).toEqual([]);
    expect(() => gridLayout(-1, 300)).toThrow(RangeError);
  });
});

describe('shapeText', () => {
  it('names the open batch dimension', () => {
    expect(shapeText([null, 112, 112, 48])).toBe('[batch, 112, 112, 48]');
  });
});
