import { describe, expect, it } from 'vitest';
import { DEGRADATION, RESNET_DEPTHS, SHORTCUT_OPTIONS, VGG19_GFLOPS } from '../../src/lib/data/resnet-paper';
import { getModel, summarize } from '../../src/lib/arch';
import { kerasModel } from '../../src/lib/data/keras-applications';
import { resnet50ConventionGap, basicBlockWeights, bottleneckBlockWeights } from '../../src/lib/resnet-conventions';

describe('ResNet paper facts', () => {
  it('Table 2: the plain 34-layer net is worse than the 18-layer one; the residual 34-layer net better', () => {
    const [d18, d34] = DEGRADATION;
    expect(d18).toEqual({ depth: 18, plain: 27.94, resnet: 27.88 });
    expect(d34).toEqual({ depth: 34, plain: 28.54, resnet: 25.03 });
    expect(d34.plain).toBeGreaterThan(d18.plain);
    expect(d34.resnet).toBeLessThan(d18.resnet);
  });
  it('Table 1: each depth is what its stages add up to, with the paper’s FLOPs', () => {
    for (const d of RESNET_DEPTHS) expect(summarize(getModel(`resnet${d.depth}`)).depth).toBe(d.depth);
    expect(RESNET_DEPTHS.map((d) => d.gflops)).toEqual([1.8, 3.6, 3.8, 7.6, 11.3]);
  });
  it('Table 3: options A, B, C improve in that order', () => {
    expect(SHORTCUT_OPTIONS.map((o) => o.top1)).toEqual([25.03, 24.52, 24.19]);
  });
  it('ResNet-50: Keras counts 79,680 more parameters than torchvision', () => {
    const g = resnet50ConventionGap();
    expect(g.torchvision).toBe(25_557_032);
    expect(g.keras).toBe(kerasModel('ResNet50').paramsExact);
    expect(g.keras - g.torchvision).toBe(79_680);
  });
});

describe('ResNet-50 parameter conventions', () => {
  it('explains the whole Keras − torchvision gap: 26,560 conv biases + 53,120 moving statistics', () => {
    const g = resnet50ConventionGap();
    expect(g.convBiases).toBe(26_560);
    expect(g.bnMovingStats).toBe(53_120);
    expect(g.torchvision + g.total).toBe(g.keras);
    // Keras reports 25,583,592 trainable parameters: torchvision’s count plus the conv biases.
    expect(g.torchvision + g.convBiases).toBe(25_583_592);
  });
});

describe('basic vs bottleneck block (paper Fig. 5)', () => {
  it('a bottleneck on 256 channels costs about what a basic block on 64 does', () => {
    expect(basicBlockWeights()).toBe(73_728);
    expect(bottleneckBlockWeights()).toBe(69_632);
  });
  it('ResNet-152 needs 0.58× the FLOPs of VGG-19', () => {
    const r152 = RESNET_DEPTHS.find((d) => d.depth === 152)!;
    expect((r152.gflops / VGG19_GFLOPS).toFixed(2)).toBe('0.58');
  });
});
