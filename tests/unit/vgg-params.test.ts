import { describe, expect, it } from 'vitest';
import { VGG_CONFIGS, vggConfig, layerLabel } from '../../src/lib/data/vgg-configs';
import { vggLayerParams, vggParamSummary, stackWeightsPerC2, stackReceptiveField } from '../../src/lib/vgg-params';

describe('VGG configurations (paper Table 1)', () => {
  it('has A, A-LRN, B, C, D, E with the paper’s weight-layer counts', () => {
    expect(VGG_CONFIGS.map((c) => [c.name, c.weightLayers])).toEqual([
      ['A', 11], ['A-LRN', 11], ['B', 13], ['C', 16], ['D', 16], ['E', 19],
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
    expect(stackWeightsPerC2(3, 3)).toBe(27);
    expect(stackWeightsPerC2(1, 7)).toBe(49);
    expect(stackWeightsPerC2(1, 7) / stackWeightsPerC2(3, 3) - 1).toBeCloseTo(0.81, 2);
  });
  it('two 3×3 layers see 5×5, three see 7×7', () => {
    expect(stackReceptiveField(2, 3)).toBe(5);
    expect(stackReceptiveField(3, 3)).toBe(7);
    expect(stackReceptiveField(1, 7)).toBe(7);
  });
});
