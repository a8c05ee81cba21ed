import { describe, expect, it } from 'vitest';
import { analyze, getModel, summarize } from '../../src/lib/arch';
import { KERAS_MODELS } from '../../src/lib/data/keras-applications';

const totals = (id: string) => analyze(getModel(id)).totals;

describe('parameters, torchvision convention (convs without bias in ResNets, BatchNorm γ and β)', () => {
  it.each([
    ['vgg11', 132_863_336],
    ['vgg13', 133_047_848],
    ['vgg16', 138_357_544],
    ['vgg19', 143_667_240],
    ['resnet18', 11_689_512],
    ['resnet34', 21_797_672],
    ['resnet50', 25_557_032],
    ['resnet101', 44_549_160],
    ['resnet152', 60_192_808],
  ])('%s has %i parameters', (id, n) => {
    expect(totals(id).params).toBe(n);
  });
});

describe('parameters, Keras convention (conv biases, BatchNorm moving mean and variance counted)', () => {
  it.each([
    ['resnet50', 25_636_712],
    ['resnet101', 44_707_176],
    ['resnet152', 60_419_944],
    // VGG has biases everywhere and no BatchNorm: both conventions agree (Keras VGG16/VGG19).
    ['vgg16', 138_357_544],
    ['vgg19', 143_667_240],
  ])('%s has %i parameters', (id, n) => {
    expect(totals(id).paramsKeras).toBe(n);
  });

  it('matches the exact counts of the typed Keras Applications table', () => {
    const keras = (name: string) => KERAS_MODELS.find((m) => m.name === name)?.paramsExact;
    expect(totals('resnet50').paramsKeras).toBe(keras('ResNet50'));
    expect(totals('resnet101').paramsKeras).toBe(keras('ResNet101'));
    expect(totals('resnet152').paramsKeras).toBe(keras('ResNet152'));
    expect(totals('vgg16').paramsKeras).toBe(keras('VGG16'));
    expect(totals('vgg19').paramsKeras).toBe(keras('VGG19'));
  });

  it('differs from torchvision by exactly 3 numbers per BatchNorm channel (bias, moving mean, moving variance)', () => {
    for (const id of ['resnet50', 'resnet101', 'resnet152']) {
      const m = analyze(getModel(id));
      const bnChannels = m.steps.filter((s) => s.kind === 'bn').reduce((n, s) => n + s.outShape.c, 0);
      const convBiases = m.steps.filter((s) => s.kind === 'conv').reduce((n, s) => n + s.outShape.c, 0);
      // Every conv of a Keras ResNet is followed by a BatchNorm of the same width.
      expect(convBiases).toBe(bnChannels);
      expect(m.totals.paramsKeras - m.totals.params).toBe(3 * bnChannels);
    }
    // ResNet-50: 26,560 BatchNorm channels → 79,680 = 25,636,712 − 25,557,032.
    const r50 = summarize(getModel('resnet50'));
    expect(r50.totals.paramsKeras - r50.totals.params).toBe(79_680);
    expect(r50.nonTrainableKeras).toBe(53_120);
    expect(r50.trainableKeras).toBe(25_583_592);
  });
});

describe('multiply-accumulates (convs and fully connected layers), within 1%', () => {
  it.each([
    ['vgg11', 7.61],
    ['vgg13', 11.31],
    ['vgg16', 15.47],
    ['vgg19', 19.63],
    ['resnet18', 1.81],
    ['resnet34', 3.66],
    ['resnet50', 4.09],
    ['resnet101', 7.8],
    ['resnet152', 11.51],
  ])('%s does %f G MACs', (id, g) => {
    expect(Math.abs(totals(id).macs / 1e9 - g) / g).toBeLessThan(0.01);
  });

  it('registers the Keras ResNet-50 (stride on the first 1×1): 25,636,712 Keras parameters, 3,857,973,248 MACs', () => {
    const keras = getModel('resnet50-keras');
    expect(keras.id).toBe('resnet50-keras');
    expect(keras.name).toBe('ResNet-50 (Keras)');
    const t = analyze(keras).totals;
    expect(t.paramsKeras).toBe(25_636_712);
    expect(t.paramsKeras).toBe(KERAS_MODELS.find((m) => m.name === 'ResNet50')?.paramsExact);
    expect(t.params).toBe(25_557_032);
    expect(t.macs).toBe(3_857_973_248);
    expect(totals('resnet50').macs).toBe(4_089_184_256);
    // Only the strided 1×1 convs of conv3–5 block 1 (and the 3×3s after them) change: about 6%.
    expect(totals('resnet50').macs / t.macs).toBeCloseTo(1.06, 2);
  });

  it('puts the paper/Keras bottleneck stride on the 1×1 conv only on request (same parameters, fewer MACs)', async () => {
    const { resnetSpec } = await import('../../src/lib/arch');
    const v1 = analyze(resnetSpec(50, { bottleneckStride: '1x1' })).totals;
    expect(v1.params).toBe(25_557_032);
    expect(v1.macs).toBeLessThan(totals('resnet50').macs);
    // He et al. Table 1 quotes 3.8 × 10⁹ FLOPs (multiply-adds) for this placement.
    expect(v1.macs / 1e9).toBeCloseTo(3.86, 1);
  });
});

describe('depth counted as weight layers on the longest path', () => {
  it.each([
    ['vgg11', 11],
    ['vgg13', 13],
    ['vgg16', 16],
    ['vgg19', 19],
    ['resnet18', 18],
    ['resnet34', 34],
    ['resnet50', 50],
    ['resnet101', 101],
    ['resnet152', 152],
    ['plain18', 18],
    ['plain34', 34],
    ['cifar-resnet20', 20],
    ['cifar-resnet32', 32],
    ['cifar-resnet44', 44],
    ['cifar-resnet56', 56],
    ['cifar-resnet110', 110],
    ['cifar-plain20', 20],
    ['cifar-plain56', 56],
  ])('%s has depth %i', (id, d) => {
    expect(analyze(getModel(id)).depth).toBe(d);
  });
});

describe('CIFAR-10 nets of He et al. §4.2 (Table 6 parameter counts)', () => {
  it.each([
    ['cifar-resnet20', 0.27, 2],
    ['cifar-resnet32', 0.46, 2],
    ['cifar-resnet44', 0.66, 2],
    ['cifar-resnet56', 0.85, 2],
    ['cifar-resnet110', 1.7, 1],
  ])('%s has ≈ %f M parameters', (id, m, digits) => {
    expect(Number((totals(id).params / 1e6).toFixed(digits))).toBe(m);
  });

  it('ResNet-20 has exactly 269,722 parameters, and option-A shortcuts add none (plain twin equal)', () => {
    expect(totals('cifar-resnet20').params).toBe(269_722);
    for (const d of [20, 32, 44, 56]) {
      expect(totals(`cifar-plain${d}`).params).toBe(totals(`cifar-resnet${d}`).params);
    }
  });
});

describe('plain twins', () => {
  it('plain-34 equals ResNet-34 minus its three projection shortcuts', () => {
    const r = analyze(getModel('resnet34'));
    const projections = r.steps.filter((s) => s.path === 'shortcut').reduce((n, s) => n + s.params, 0);
    expect(totals('plain34').params).toBe(r.totals.params - projections);
    expect(r.steps.filter((s) => s.path === 'shortcut' && s.kind === 'conv')).toHaveLength(3);
    expect(analyze(getModel('plain34')).steps.some((s) => s.kind === 'add')).toBe(false);
  });
});
