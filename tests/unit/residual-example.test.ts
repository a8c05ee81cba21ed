import { describe, expect, it } from 'vitest';
import { EXAMPLE_X, residualExample } from '../../src/lib/diagram/residual-example';

describe('residual block example', () => {
  it('computes y = ReLU(F(x) + x) by hand', () => {
    const r = residualExample(1);
    // W1·x = [0.6−0.2+0.4, −0.3+0.4+0.2, 0.2+0.15−1.0, 0.5−0.05+0.6] → ReLU → [0.8, 0.3, 0, 1.05]
    r.hidden.forEach((v, i) => expect(v).toBeCloseTo([0.8, 0.3, 0, 1.05][i]!));
    // W2·h: [0.32−0.18+0.21, −0.4+0.21−0.315, 0.24+0.06−0.63, −0.16+0.15+0.105]
    r.f.forEach((v, i) => expect(v).toBeCloseTo([0.35, -0.505, -0.33, 0.095][i]!));
    r.y.forEach((v, i) => expect(v).toBeCloseTo([1.35, 0, 1.67, 0.095][i]!));
    expect(r.distanceFromIdentity).toBeGreaterThan(0.3);
  });

  it('becomes the identity when F learns zero, while the plain block outputs zeros', () => {
    const r = residualExample(0);
    expect(r.f.every((v) => v === 0)).toBe(true);
    expect(r.y).toEqual(EXAMPLE_X);
    expect(r.distanceFromIdentity).toBe(0);
    expect(r.plain.every((v) => v === 0)).toBe(true);
  });

  it('scales F linearly with alpha', () => {
    const a = residualExample(0.5);
    const b = residualExample(1);
    a.f.forEach((v, i) => expect(v).toBeCloseTo(b.f[i]! / 2));
    expect(a.distanceFromIdentity).toBeLessThan(b.distanceFromIdentity);
  });
});
