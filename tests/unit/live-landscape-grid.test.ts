// The live landscape's settings from the URL and its sentence, computed from the two grids.
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIVE_GRID, expectedMapSeconds, gridRise, liveGridFromUrl, riseSentence } from '../../src/lib/landscape/live-grid';
import type { LandscapeGrid } from '../../src/lib/landscape/grid';

/** A bowl: centre + scale · (α² + β²) on an n × n grid over [−1, 1]. */
const bowl = (n: number, scale: number, centre = 0.5): LandscapeGrid => {
  const mid = (n - 1) / 2;
  const loss = Array.from(
    { length: n * n },
    (_, k) => centre + (scale * (((k % n) - mid) ** 2 + (Math.floor(k / n) - mid) ** 2)) / mid ** 2,
  );
  return { n, range: 1, loss };
};
const names = { plain: 'Plain-20', residual: 'ResNet-20' };

describe('the live landscape grid', () => {
  it('reads a smaller grid from the URL, keeping the reader’s default at 11 × 11 on 256 images', () => {
    expect(liveGridFromUrl('')).toEqual(DEFAULT_LIVE_GRID);
    expect(DEFAULT_LIVE_GRID.steps).toBeGreaterThanOrEqual(11);
    expect(liveGridFromUrl('?map.steps=5&map.images=32')).toEqual({ ...DEFAULT_LIVE_GRID, steps: 5, images: 32 });
    expect(liveGridFromUrl('?map.steps=4').steps).toBe(5);
    expect(liveGridFromUrl('?map.steps=x&map.images=many')).toEqual(DEFAULT_LIVE_GRID);
    expect(liveGridFromUrl('?map.images=-3').images).toBe(16);
  });

  it('measures the mean rise from the centre to the edge, leaving out and counting NaN points', () => {
    const g = bowl(3, 1);
    // Edge points of a 3 × 3 bowl: 4 at distance² 1, 4 at 2, so the mean rise is 1.5.
    expect(gridRise(g)).toEqual({ centre: 0.5, edgeRise: 1.5, nanPoints: 0, notDownhill: 0 });
    const loss = [...g.loss];
    loss[0] = NaN;
    const r = gridRise({ ...g, loss });
    expect(r.nanPoints).toBe(1);
    expect(r.edgeRise).toBeCloseTo((1 * 4 + 2 * 3) / 7);
  });

  it('says which net’s loss rises faster and by how much, from the numbers', () => {
    // Edge of a 5 × 5 bowl: 16 points, mean (α² + β²) = 1.375.
    expect(gridRise(bowl(5, 1)).edgeRise).toBeCloseTo(1.375);
    const s = riseSentence(names, { plain: bowl(5, 3), residual: bowl(5, 1) });
    expect(s).toBe(
      "From the trained weights (the centre) to the edge of the map, the loss rises on average Plain-20's from 0.5 by 4.13 and ResNet-20's from 0.5 by 1.38: the plain net's loss rises 3.0× as fast. Points with no downhill path to the centre: 0 of 25 for Plain-20, 0 for ResNet-20.",
    );
    expect(riseSentence(names, { plain: bowl(5, 1), residual: bowl(5, 2) })).toContain(
      "here the residual net's loss rises 2.0× as fast, the opposite of what Li et al. found for deep nets.",
    );
    expect(riseSentence(names, { plain: bowl(5, 1), residual: bowl(5, 1.01) })).toContain(': about as fast in both.');
  });

  it('a NaN centre is said, not a crash; NaN points are counted', () => {
    const nan = { n: 3, range: 1, loss: new Array<number>(9).fill(NaN) };
    expect(riseSentence(names, { plain: nan, residual: bowl(3, 1) })).toBe(
      'The loss of one of the two nets is not finite at its centre or all around it, so their rise cannot be compared. 9 of 9 points of Plain-20 gave no finite loss (marked ✕).',
    );
  });
});

describe('the live map’s expected time', () => {
  it('is about one training step of each net per point, scaled by the images', () => {
    expect(expectedMapSeconds({ steps: 11, images: 256, seed: 1 }, 1000)).toBe(121);
    expect(expectedMapSeconds({ steps: 5, images: 64, seed: 1 }, 400)).toBe(2.5);
  });
});
