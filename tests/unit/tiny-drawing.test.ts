// The reader's 28×28 drawing: painting, the empty check, and framing a sketch to fill the grid.
import { describe, expect, it } from 'vitest';
import { GRID, blank, dab, frame, inkBox, isBlank, stroke } from '../../src/lib/tiny/drawing';
import { topK } from '../../src/lib/tiny/classify';
import { classErrors, worstConfusion } from '../../src/lib/tiny/confusion';

describe('drawing grid', () => {
  it('starts blank, and a dot or a stroke is not blank', () => {
    const b = blank();
    expect(b.length).toBe(GRID * GRID);
    expect(isBlank(b)).toBe(true);
    dab(b, 5.5, 5.5);
    expect(isBlank(b)).toBe(false);
    expect(b[5 * GRID + 5]).toBe(255);
    const s = blank();
    stroke(s, 2, 14, 25, 14);
    for (let x = 2; x < 25; x++) expect(s[14 * GRID + x]).toBeGreaterThan(200);
  });

  it('ignores paint outside the grid and treats faint noise as empty', () => {
    const b = blank();
    dab(b, -10, -10);
    expect(isBlank(b)).toBe(true);
    b[100] = 10;
    expect(isBlank(b)).toBe(true);
  });

  it('frames a small sketch in a corner so that it fills the grid, centred', () => {
    const b = blank();
    stroke(b, 2, 2, 2, 8); // a short vertical line near the top left
    const box = inkBox(b)!;
    expect(box.y1 - box.y0).toBeLessThan(12);
    const f = frame(b);
    const fb = inkBox(f)!;
    expect(fb.y1 - fb.y0).toBeGreaterThanOrEqual(GRID - 1); // longer side spans the grid
    const cx = (fb.x0 + fb.x1) / 2;
    expect(Math.abs(cx - GRID / 2)).toBeLessThanOrEqual(1);
    expect(isBlank(frame(blank()))).toBe(true);
  });
});

describe('top-k and confusion summaries', () => {
  it('orders by probability, lower class first on ties', () => {
    expect(topK([0.1, 0.5, 0.1, 0.3], 3).map((g) => g.label)).toEqual([1, 3, 0]);
  });
  it('finds the most frequent mistake and per-class errors', () => {
    const m = [
      [8, 2, 0],
      [1, 9, 0],
      [0, 5, 5],
    ];
    expect(worstConfusion(m)).toEqual({ truth: 2, predicted: 1, count: 5 });
    expect(classErrors(m).map((x) => +x.toFixed(2))).toEqual([0.2, 0.1, 0.5]);
  });
});
