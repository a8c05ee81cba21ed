// The gradient-flow figure's sentence: first-to-last ratios in orders of magnitude.
import { describe, expect, it } from 'vitest';
import { describeRatio, flowRatio, summariseFlow } from '../../src/lib/train/gradient-summary';
import { formatScientific } from '../../src/lib/format';
import type { LayerGradNorm } from '../../src/lib/data/gradient-flow';

/** A net whose output-gradient RMS is 10^(e_i) at layer i, then a classifier. */
function net(exps: readonly number[], weight = 1): LayerGradNorm[] {
  const convs = exps.map((e, i) => ({
    id: `conv${i}`,
    layer: i + 1,
    stageIndex: 1,
    outputGradNorm: 10 ** e * 100,
    outputGradRms: 10 ** e,
    weightGradNorm: weight,
  }));
  return [
    ...convs,
    { id: 'predictions', layer: exps.length + 1, stageIndex: 4, outputGradNorm: 1e6, outputGradRms: 1e6, weightGradNorm: 1e6 },
  ];
}

describe('flowRatio', () => {
  it('compares the geometric means of the first and last three convolutions, leaving the classifier out', () => {
    // First three: 10^-9, 10^-8, 10^-7 (geometric mean 10^-8); last three: 10^-1, 10^0, 10^1 (10^0).
    const r = flowRatio(net([-9, -8, -7, -5, -3, -1, 0, 1]), 'outputGradRms')!;
    expect(r.k).toBe(3);
    expect(r.convLayers).toBe(8);
    expect(r.orders).toBeCloseTo(-8, 10);
    expect(r.ratio).toBeCloseTo(1e-8, 18);
    expect(flowRatio(net([0, 0, 0, 0], 2), 'weightGradNorm')!.orders).toBeCloseTo(0, 12);
  });

  it('uses fewer end layers in a short net and gives up on zeros or NaN', () => {
    expect(flowRatio(net([-2, 0, 2, 4]), 'outputGradRms')!.k).toBe(2);
    expect(flowRatio(net([1]), 'outputGradRms')).toBeNull();
    expect(flowRatio(net([0, Number.NaN, 0, 0, 0, 0]), 'outputGradRms')).toBeNull();
    expect(flowRatio(net([0, 0, 0, 0], 0), 'weightGradNorm')).toBeNull();
  });
});

describe('the sentence', () => {
  it('says "orders of magnitude" beyond a factor of ten, and "times" within it', () => {
    const less = flowRatio(net([-9.3, -9.3, -9.3, 0, 0, 0]), 'outputGradRms')!;
    expect(describeRatio(less)).toBe('9.3 orders of magnitude less');
    const more = flowRatio(net([0.62, 0.62, 0.62, 0, 0, 0]), 'outputGradRms')!;
    expect(describeRatio(more)).toBe('4.2 times more');
    const bitLess = flowRatio(net([-0.3, -0.3, -0.3, 0, 0, 0]), 'outputGradRms')!;
    expect(describeRatio(bitLess)).toBe('2.0 times less');
  });

  it('formats ratios in scientific notation with superscripts outside 0.01–1000', () => {
    expect(formatScientific(4.98e-10)).toBe('5.0 × 10⁻¹⁰');
    expect(formatScientific(9.96e-10)).toBe('1.0 × 10⁻⁹');
    expect(formatScientific(1480)).toBe('1.5 × 10³');
    expect(formatScientific(4.2)).toBe('4.2');
    expect(formatScientific(0.35)).toBe('0.35');
    expect(formatScientific(123)).toBe('123');
  });

  it('names each net with its ratio', () => {
    const s = summariseFlow(
      [
        { name: 'Plain-8', layers: net([-6, -6, -6, 0, 0, 0]) },
        { name: 'ResNet-8', layers: net([0.5, 0.5, 0.5, 0, 0, 0]) },
      ],
      'outputGradRms',
    );
    expect(s.nets.map((n) => [n.name, n.layers])).toEqual([
      ['Plain-8', 7],
      ['ResNet-8', 7],
    ]);
    expect(s.sentence).toBe(
      'Plain-8: its first 3 convolutions get 6.0 orders of magnitude less output-gradient RMS than its last 3 (1.0 × 10⁻⁶ against 1.0). ' +
        'ResNet-8: its first 3 convolutions get 3.2 times more output-gradient RMS than its last 3 (3.2 against 1.0).',
    );
    expect(summariseFlow([{ name: 'X', layers: net([0, 0, 0, 0], 0) }], 'weightGradNorm').sentence).toMatch(/no ratio/);
  });
});
