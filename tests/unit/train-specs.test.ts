// The spec options the lab uses (width, batch norm off) and the tiny nets' specs.
import { describe, expect, it } from 'vitest';
import { analyze, cifarResnetSpec } from '../../src/lib/arch';
import { tinyResnetSpec, tinyVggSpec, FASHION_INPUT } from '../../src/lib/train/tiny-specs';
import { checkFits, estimateTraining } from '../../src/lib/train/estimate';

describe('CIFAR-style spec options', () => {
  it('keeps the paper defaults and scales every stage with the width', () => {
    expect(cifarResnetSpec(20).id).toBe('cifar-resnet20');
    const w8 = analyze(cifarResnetSpec(20, { width: 8 }), FASHION_INPUT);
    expect(w8.spec.id).toBe('cifar-resnet20-w8');
    expect(w8.stages.slice(1, 4).map((s) => s.outShape)).toEqual([
      { h: 28, w: 28, c: 8 },
      { h: 14, w: 14, c: 16 },
      { h: 7, w: 7, c: 32 },
    ]);
    const w16 = analyze(cifarResnetSpec(20), FASHION_INPUT);
    // Convolution parameters grow with the square of the width.
    expect(w16.totals.params / w8.totals.params).toBeGreaterThan(3.5);
    expect(() => cifarResnetSpec(20, { width: 0 })).toThrow(/positive integer/);
  });

  it('without batch norm has no bn layers and a bias on every conv', () => {
    const m = analyze(cifarResnetSpec(56, { batchNorm: false, shortcuts: false }), FASHION_INPUT);
    expect(m.spec.name).toBe('Plain-56 (CIFAR-10, no batch norm)');
    expect(m.steps.some((s) => s.kind === 'bn')).toBe(false);
    expect(m.steps.filter((s) => s.spec.kind === 'conv').every((s) => s.spec.kind === 'conv' && s.spec.bias === 'always')).toBe(true);
    expect(m.depth).toBe(56);
  });
});

describe('tiny nets and estimates', () => {
  it('tiny VGG is 6 weight layers of 3×3 convs and 2×2 pools; tiny ResNet is ResNet-20', () => {
    const v = analyze(tinyVggSpec(), FASHION_INPUT);
    expect(v.depth).toBe(6);
    expect(v.steps.filter((s) => s.kind === 'maxpool').map((s) => s.outShape.h)).toEqual([14, 7]);
    expect(analyze(tinyResnetSpec(), FASHION_INPUT).depth).toBe(20);
  });

  it('refuses settings whose memory or time does not fit, with the estimate', () => {
    const big = cifarResnetSpec(56, { width: 32 });
    const e = estimateTraining(big, FASHION_INPUT, 256);
    expect(e.bytes).toBeGreaterThan(1.5 * 2 ** 30);
    expect(checkFits([big, big], FASHION_INPUT, 256).message).toMatch(/MiB of memory/);
    expect(checkFits([cifarResnetSpec(8, { width: 4 })], FASHION_INPUT, 16).ok).toBe(true);
    expect(checkFits([cifarResnetSpec(20)], FASHION_INPUT, 64, { macsPerSecond: 1e6 }).message).toMatch(/One step would take about \d+ s/);
  });
});
