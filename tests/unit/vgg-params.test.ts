import { describe, expect, it } from 'vitest';
import { VGG_CONFIGS, vggConfig, layerLabel } from '../../src/lib/data/vgg-configs';
import { vggLayerParams, vggParamSummary } from '../../src/lib/vgg-params';
import { compareStack } from '../../src/lib/arch';
import { ILSVRC_DATA } from '../../src/lib/data/ilsvrc';
import { VGG_TRAINING, VGG_DEPTH_TREND } from '../../src/lib/data/vgg-results';

describe('VGG configurations (paper Table 1)', () => {
  it('has A, A-LRN, B, C, D, E with the paper’s weight-layer counts', () => {
    expect(VGG_CONFIGS.map((c) => [c.name, c.weightLayers])).toEqual([
      ['A', 11],
      ['A-LRN', 11],
      ['B', 13],
      ['C', 16],
      ['D', 16],
      ['E', 19],
    ]);
  });
  it('counts conv + FC layers equal to the header of each column', () => {
    for (const c of VGG_CONFIGS) expect(vggLayerParams(c)).toHaveLength(c.weightLayers);
  });
  it('labels layers in the paper’s notation', () => {
    expect(vggConfig('C').blocks[2]!.map(layerLabel)).toEqual(['conv3-256', 'conv3-256', 'conv1-256']);
    expect(vggConfig('A-LRN').blocks[0]!.map(layerLabel)).toEqual(['conv3-64', 'LRN']);
  });
});

describe('VGG parameter counts', () => {
  it('VGG-16 (D) has 138,357,544 parameters, as Keras reports', () => {
    expect(vggParamSummary(vggConfig('D')).total).toBe(138_357_544);
  });
  it('VGG-19 (E) has 143,667,240 parameters, as Keras reports', () => {
    expect(vggParamSummary(vggConfig('E')).total).toBe(143_667_240);
  });
  it('rounds to the paper’s Table 2 millions for every configuration', () => {
    for (const c of VGG_CONFIGS) expect(Math.round(vggParamSummary(c).total / 1e6)).toBe(c.paperParamsM);
  });
  it('puts 102,764,544 parameters (74.3%) in VGG-16’s first FC layer', () => {
    const s = vggParamSummary(vggConfig('D'));
    expect(s.firstFc).toBe(7 * 7 * 512 * 4096 + 4096);
    expect(s.firstFc).toBe(102_764_544);
    expect(s.firstFcShare).toBeCloseTo(0.7427, 4);
    expect(s.fc).toBe(123_642_856);
    expect(s.conv).toBe(14_714_688);
    expect(s.fcShare).toBeCloseTo(0.8936, 4);
  });
});

describe('small-filter arithmetic (paper §2.3)', () => {
  it('three 3×3 layers use 27C² weights, one 7×7 layer 49C²', () => {
    expect(compareStack(3, 1).stackedWeights).toBe(27);
    expect(compareStack(3, 1).singleWeights).toBe(49);
    expect(1 / compareStack(3, 1).ratio - 1).toBeCloseTo(0.81, 2);
  });
  it('two 3×3 layers see 5×5, three see 7×7', () => {
    expect(compareStack(2, 1).rf).toBe(5);
    expect(compareStack(3, 1).rf).toBe(7);
  });
});

describe('VGG training recipe and results (paper §3.1, Table 3)', () => {
  it('370K iterations of batch 256 over 1,281,167 images are the paper’s 74 epochs', () => {
    const epochs = (VGG_TRAINING.iterations * VGG_TRAINING.batchSize) / ILSVRC_DATA.trainImages;
    expect(epochs).toBeCloseTo(73.9, 1);
    expect(Math.round(epochs)).toBe(VGG_TRAINING.epochs);
  });
  it('the single 7×7 layer needs 81% more weights than three 3×3 layers', () => {
    expect(((1 / compareStack(3, 1).ratio - 1) * 100).toFixed(0)).toBe('81');
  });
  it('error falls from A to D at training scale 256', () => {
    const top1 = Object.fromEntries(VGG_DEPTH_TREND.map((r) => [r.config, r.top1]));
    expect(top1['A']).toBeGreaterThan(top1['B']!);
    expect(top1['B']).toBeGreaterThan(top1['D']!);
  });
});
