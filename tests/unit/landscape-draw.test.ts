// The landscape plot's geometry: a pointer position maps back to the grid point drawn under it.
import { describe, expect, it } from 'vitest';
import { cellAt, levelColour } from '../../src/components/landscape/draw-landscape';

describe('cellAt', () => {
  // An SVG of 300 px: the plot is the square [30, 30 + 264] × [6, 6 + 264] (margins 30 + 6 either way), 25 points a side.
  const size = 300;
  const n = 25;
  const side = 264;
  const at = (i: number, j: number): [number, number] => [30 + (i * side) / (n - 1), 6 + side - (j * side) / (n - 1)];

  it('finds the grid point under the pointer, β upward', () => {
    expect(cellAt(...at(0, 0), size, n)).toEqual({ i: 0, j: 0 });
    expect(cellAt(...at(12, 12), size, n)).toEqual({ i: 12, j: 12 });
    expect(cellAt(...at(24, 3), size, n)).toEqual({ i: 24, j: 3 });
    const [x, y] = at(5, 7);
    expect(cellAt(x + 4, y - 4, size, n)).toEqual({ i: 5, j: 7 });
  });

  it('is null off the plot', () => {
    expect(cellAt(2, 100, size, n)).toBeNull();
    expect(cellAt(100, 299, size, n)).toBeNull();
  });

  it('colours the lowest band dark and the highest light, the same for the same index', () => {
    expect(levelColour(0, 10)).not.toBe(levelColour(9, 10));
    expect(levelColour(3, 10)).toBe(levelColour(3, 10));
  });
});
