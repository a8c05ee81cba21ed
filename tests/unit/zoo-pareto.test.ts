import { describe, it, expect } from 'vitest';
import { KERAS_MODELS, type KerasModel } from '../../src/lib/data/keras-applications';
import { paretoFrontier, dominates } from '../../src/lib/zoo/pareto';
import { costAxis, metric } from '../../src/lib/zoo/axes';
import { plottedFrontier } from '../../src/lib/zoo/missing';

const names = (ms: readonly KerasModel[]) => ms.map((m) => m.name);
const frontier = (x: Parameters<typeof costAxis>[0], y: Parameters<typeof metric>[0], models = KERAS_MODELS) =>
  names(plottedFrontier(models, costAxis(x), metric(y)));

describe('Pareto frontier of the Keras table', () => {
  it('(parameters, top-1): worked out by hand from the table', () => {
    // Sorted by parameters: MobileNetV2 (3.5 M, 71.3) beats MobileNet (4.3 M, 70.4); EfficientNetB0 ties
    // NASNetMobile on 5.3 M with 77.1 > 74.4; then EfficientNet and EfficientNetV2 alternate (V2B0 78.7
    // at 7.2 M, B1 79.1 at 7.9, V2B1 79.8 at 8.2, B2 80.1 at 9.2, V2B2 80.5 at 10.2, B3 81.6 at 12.3,
    // V2B3 82.0 at 14.5, B4 82.9 at 19.5, V2S 83.9 at 21.6); B5 (30.6 M, 83.6) and ConvNeXtTiny (28.6 M,
    // 81.3) fall below V2S; B6 84.0 at 43.3, V2M 85.3 at 54.4 (B7's 84.3 at 66.7 and ConvNeXtBase's 85.3
    // at 88.5 fall short), V2L 85.7 at 119.0, ConvNeXtLarge 86.3 at 197.7, ConvNeXtXLarge 86.7 at 350.1.
    expect(frontier('params', 'top1')).toEqual([
      'MobileNetV2',
      'EfficientNetB0',
      'EfficientNetV2B0',
      'EfficientNetB1',
      'EfficientNetV2B1',
      'EfficientNetB2',
      'EfficientNetV2B2',
      'EfficientNetB3',
      'EfficientNetV2B3',
      'EfficientNetB4',
      'EfficientNetV2S',
      'EfficientNetB6',
      'EfficientNetV2M',
      'EfficientNetV2L',
      'ConvNeXtLarge',
      'ConvNeXtXLarge',
    ]);
  });

  it('(parameters, top-5): the ConvNeXt rows, which have no top-5, are never on it', () => {
    // Same walk on top-5 without ConvNeXt: MobileNetV2 90.1, B0 93.3, V2B0 94.3, B1 94.4, V2B1 95.0,
    // V2B2 95.1 (B2's 94.9 falls short), B3 95.7, V2B3 95.8, B4 96.4, V2S 96.7 (B5's 96.7 at 30.6 M ties
    // at more cost), B6 96.8, V2M 97.4 (B7's 97.0 at 66.7 M falls short), V2L 97.5.
    expect(frontier('params', 'top5')).toEqual([
      'MobileNetV2',
      'EfficientNetB0',
      'EfficientNetV2B0',
      'EfficientNetB1',
      'EfficientNetV2B1',
      'EfficientNetV2B2',
      'EfficientNetB3',
      'EfficientNetV2B3',
      'EfficientNetB4',
      'EfficientNetV2S',
      'EfficientNetB6',
      'EfficientNetV2M',
      'EfficientNetV2L',
    ]);
  });

  it('(CPU ms, top-1): worked out by hand from the table', () => {
    // Sorted by CPU ms: MobileNet 22.6 (70.4), MobileNetV2 25.9 (71.3), NASNetMobile 27.0 (74.4),
    // InceptionV3 42.2 (77.9); ResNet50V2 45.6 (76.0) and EfficientNetB0 46.0 (77.1) fall short of 77.9;
    // EfficientNetB1 60.2 (79.1), EfficientNetB2 80.8 (80.1), InceptionResNetV2 130.2 (80.3),
    // EfficientNetB3 140.0 (81.6), EfficientNetB4 308.3 (82.9); NASNetLarge 344.5 (82.5) falls short;
    // EfficientNetB5 579.2 (83.6), B6 958.1 (84.0), B7 1578.9 (84.3). EfficientNetV2 and ConvNeXt have
    // no timings in the source and are left out.
    expect(frontier('cpu', 'top1')).toEqual([
      'MobileNet',
      'MobileNetV2',
      'NASNetMobile',
      'InceptionV3',
      'EfficientNetB1',
      'EfficientNetB2',
      'InceptionResNetV2',
      'EfficientNetB3',
      'EfficientNetB4',
      'EfficientNetB5',
      'EfficientNetB6',
      'EfficientNetB7',
    ]);
  });

  it('neither VGG nor ResNet v1 is on either frontier', () => {
    for (const [x, y] of [
      ['params', 'top1'],
      ['cpu', 'top1'],
    ] as const) {
      expect(frontier(x, y).filter((n) => /^VGG|^ResNet\d+$/.test(n))).toEqual([]);
    }
  });

  it('with only VGG and ResNet v1 shown, ResNet50 is the cheapest in parameters and VGG16 in GPU time', () => {
    const subjects = KERAS_MODELS.filter((m) => m.family === 'VGG' || m.family === 'ResNet');
    // ResNet50 (25.6 M, 74.9) dominates VGG16 and VGG19; 101 and 152 each buy more top-1.
    expect(frontier('params', 'top1', subjects)).toEqual(['ResNet50', 'ResNet101', 'ResNet152']);
    // GPU: VGG16 4.2 ms (71.3) is fastest; VGG19 4.4 ms ties its top-1 at more cost; ResNet50 4.6 ms (74.9).
    expect(frontier('gpu', 'top1', subjects)).toEqual(['VGG16', 'ResNet50', 'ResNet101', 'ResNet152']);
  });

  it('dominance needs one strict improvement; exact ties both stay on the frontier', () => {
    const p = { item: 'p', cost: 1, score: 1 };
    expect(dominates(p, { ...p, item: 'q' })).toBe(false);
    expect(dominates({ item: 'q', cost: 1, score: 2 }, p)).toBe(true);
    expect(dominates({ item: 'q', cost: 0.5, score: 1 }, p)).toBe(true);
    expect(
      paretoFrontier(
        ['a', 'b'],
        () => 1,
        () => 1,
      ),
    ).toEqual(['a', 'b']);
    expect(
      paretoFrontier(
        [],
        () => 1,
        () => 1,
      ),
    ).toEqual([]);
  });

  it('the frontier rises in accuracy as cost rises', () => {
    for (const x of ['params', 'size', 'depth', 'cpu', 'gpu'] as const) {
      for (const y of ['top1', 'top5'] as const) {
        const f = plottedFrontier(KERAS_MODELS, costAxis(x), metric(y));
        expect(f.length).toBeGreaterThan(0);
        for (let i = 1; i < f.length; i++) {
          expect(metric(y).value(f[i]!)!).toBeGreaterThan(metric(y).value(f[i - 1]!)!);
        }
      }
    }
  });
});
