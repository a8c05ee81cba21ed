import { describe, expect, it } from 'vitest';
import { compareStack, getModel, stackPathCounts, stackWindows, summarize } from '../../src/lib/arch';

describe('where the parameters are vs where the work is', () => {
  it("VGG-16's first fully connected layer holds about 74% of the parameters; convs do almost all MACs", () => {
    const s = summarize(getModel('vgg16'));
    expect(s.heaviest.id).toBe('fc1');
    expect(s.heaviest.params).toBe(7 * 7 * 512 * 4096 + 4096);
    expect(s.heaviest.paramShare).toBeCloseTo(0.7427, 4);
    expect(s.convMacShare).toBeGreaterThan(0.99);
    expect(s.convParamShare).toBeCloseTo(0.1065, 3);
    expect(s.weightLayers).toHaveLength(16);
    expect(s.weightLayers.reduce((a, l) => a + l.paramShare, 0)).toBeCloseTo(1, 12);
    expect(s.weightLayers.reduce((a, l) => a + l.macShare, 0)).toBeCloseTo(1, 12);
    expect(s.otherParams).toBe(0);
  });

  it('ResNet-50 keeps most parameters in convs; BatchNorm holds the rest besides the classifier', () => {
    const s = summarize(getModel('resnet50'));
    expect(s.depth).toBe(50);
    // 53 convs (49 on the main path + 4 projections) and the classifier.
    expect(s.weightLayers).toHaveLength(54);
    expect(s.weightLayers.filter((l) => l.shortcut)).toHaveLength(4);
    expect(s.otherParams).toBe(53_120);
    // Keras' extra 79,680 = 26,560 conv biases + 53,120 BatchNorm moving means and variances.
    expect(s.kerasConvBiases).toBe(26_560);
    expect(s.kerasConvBiases + s.nonTrainableKeras).toBe(s.totals.paramsKeras - s.totals.params);
    expect(summarize(getModel('vgg16')).kerasConvBiases).toBe(0);
    expect(s.weightLayers.find((l) => l.id === 'predictions')?.params).toBe(2048 * 1000 + 1000);
    expect(s.convMacShare).toBeGreaterThan(0.999);
    expect(s.stages.map((st) => st.blockCount)).toEqual([1, 3, 4, 6, 3, 1]);
  });

  it('sums per-stage totals to the model total', () => {
    const s = summarize(getModel('vgg19'));
    expect(s.stages.reduce((n, st) => n + st.totals.params, 0)).toBe(143_667_240);
    expect(s.layerCount).toBe(44);
  });
});

describe('stacking 3×3 convolutions (Simonyan & Zisserman §2.3)', () => {
  it('three 3×3 layers see 7×7 with 27C² weights instead of 49C²', () => {
    const c = compareStack(3, 64);
    expect(c.rf).toBe(7);
    expect(c.stackedWeights).toBe(27 * 64 * 64);
    expect(c.singleWeights).toBe(49 * 64 * 64);
    expect(c.ratio).toBeCloseTo(27 / 49, 12);
    expect(compareStack(2, 1)).toMatchObject({ rf: 5, stackedWeights: 18, singleWeights: 25 });
    expect(() => compareStack(0, 8)).toThrow(RangeError);
  });

  it('lists the window each layer contributes to one output pixel, clipped at the border', () => {
    const w = stackWindows(2, 4, 4, 9);
    expect(w).toEqual([
      { top: 2, left: 2, bottom: 6, right: 6 },
      { top: 3, left: 3, bottom: 5, right: 5 },
      { top: 4, left: 4, bottom: 4, right: 4 },
    ]);
    expect(stackWindows(3, 0, 1, 5)[0]).toEqual({ top: 0, left: 0, bottom: 3, right: 4 });
  });

  it('counts the paths from each input pixel: peaked in the centre, 9ⁿ in all', () => {
    const p = stackPathCounts(2);
    expect(p).toHaveLength(5);
    expect(p[0]).toEqual([1, 2, 3, 2, 1]);
    expect(p[2]?.[2]).toBe(9);
    expect(p.flat().reduce((a, b) => a + b, 0)).toBe(81);
    expect(stackPathCounts(1)).toEqual([
      [1, 1, 1],
      [1, 1, 1],
      [1, 1, 1],
    ]);
  });
});
