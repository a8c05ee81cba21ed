import { describe, it, expect } from 'vitest';
import { KERAS_MODELS } from '../../src/lib/data/keras-applications';
import { groupByFamily, FAMILY_ORDER, FAMILY_LABEL, EMPHASISED } from '../../src/lib/zoo/families';

describe('family grouping', () => {
  const groups = groupByFamily();

  it('has the eleven families in legend order', () => {
    expect(groups.map((g) => g.label)).toEqual([
      'VGG',
      'ResNet v1',
      'ResNet v2',
      'Inception',
      'Xception',
      'MobileNet',
      'DenseNet',
      'NASNet',
      'EfficientNet',
      'EfficientNetV2',
      'ConvNeXt',
    ]);
    expect(groups.map((g) => g.family)).toEqual(FAMILY_ORDER);
  });

  it('places every one of the 38 models exactly once, in each series’ own order', () => {
    expect(groups.flatMap((g) => g.models).length).toBe(38);
    expect(new Set(groups.flatMap((g) => g.models.map((m) => m.name))).size).toBe(38);
    const byFamily = Object.fromEntries(groups.map((g) => [g.family, g.models.map((m) => m.name)]));
    expect(byFamily).toEqual({
      VGG: ['VGG16', 'VGG19'],
      ResNet: ['ResNet50', 'ResNet101', 'ResNet152'],
      ResNetV2: ['ResNet50V2', 'ResNet101V2', 'ResNet152V2'],
      Inception: ['InceptionV3', 'InceptionResNetV2'],
      Xception: ['Xception'],
      MobileNet: ['MobileNet', 'MobileNetV2'],
      DenseNet: ['DenseNet121', 'DenseNet169', 'DenseNet201'],
      NASNet: ['NASNetMobile', 'NASNetLarge'],
      EfficientNet: [
        'EfficientNetB0',
        'EfficientNetB1',
        'EfficientNetB2',
        'EfficientNetB3',
        'EfficientNetB4',
        'EfficientNetB5',
        'EfficientNetB6',
        'EfficientNetB7',
      ],
      EfficientNetV2: [
        'EfficientNetV2B0',
        'EfficientNetV2B1',
        'EfficientNetV2B2',
        'EfficientNetV2B3',
        'EfficientNetV2S',
        'EfficientNetV2M',
        'EfficientNetV2L',
      ],
      ConvNeXt: ['ConvNeXtTiny', 'ConvNeXtSmall', 'ConvNeXtBase', 'ConvNeXtLarge', 'ConvNeXtXLarge'],
    });
  });

  it('drops families with no models and labels every family', () => {
    expect(groupByFamily(KERAS_MODELS.filter((m) => m.family === 'VGG')).map((g) => g.family)).toEqual(['VGG']);
    for (const f of FAMILY_ORDER) expect(FAMILY_LABEL[f].length).toBeGreaterThan(0);
  });

  it('emphasises VGG-16/19 and ResNet-50/101/152, all rows of the table', () => {
    const names = new Set(KERAS_MODELS.map((m) => m.name));
    expect(EMPHASISED.every((n) => names.has(n))).toBe(true);
    expect(EMPHASISED).toHaveLength(5);
  });
});
