import { describe, it, expect } from 'vitest';
import { compareModels, costRatio, accuracyGain } from '../../src/lib/zoo/pin-comparison';
import { formatRatio } from '../../src/lib/format';

describe('pinned-pair comparison', () => {
  it('reads the issue’s example sentence from the table', () => {
    // 25,636,712 / 138,357,544 = 0.18529; 74.9 − 71.3 = 3.6.
    expect(compareModels('VGG16', 'ResNet50', 'params', 'top1').headline).toBe(
      'ResNet50 has 0.185× VGG16’s parameters and +3.6 points top-1.',
    );
  });

  it('computes every ratio and difference of ResNet50 against VGG16 (hand-checked)', () => {
    const lines = Object.fromEntries(compareModels('VGG16', 'ResNet50', 'cpu', 'top5').lines.map((l) => [l.id, l]));
    expect(lines['params']!.value).toBeCloseTo(25_636_712 / 138_357_544, 10); // 0.18529
    expect(lines['params']!.text).toBe('0.185× VGG16’s');
    expect(lines['size']!.value).toBeCloseTo(98 / 528, 10); // 0.18561
    expect(lines['size']!.text).toBe('0.186× VGG16’s');
    expect(lines['depth']!.value).toBeCloseTo(107 / 16, 10); // 6.6875
    expect(lines['depth']!.text).toBe('6.69× VGG16’s');
    expect(lines['cpu']!.value).toBeCloseTo(58.2 / 69.5, 10); // 0.83741
    expect(lines['cpu']!.text).toBe('0.837× VGG16’s');
    expect(lines['gpu']!.value).toBeCloseTo(4.6 / 4.2, 10); // 1.0952
    expect(lines['gpu']!.text).toBe('1.10× VGG16’s');
    expect(lines['top1']!.text).toBe('+3.6 points');
    expect(lines['top5']!.text).toBe('+2.0 points'); // 92.1 − 90.1
    expect(lines['top5Error']!.value).toBeCloseTo(7.9 / 9.9, 10); // 0.79798
    expect(lines['top5Error']!.text).toBe('0.798× VGG16’s');
  });

  it('headline follows the chosen axes', () => {
    expect(compareModels('VGG16', 'ResNet50', 'cpu', 'top5').headline).toBe('ResNet50 has 0.837× VGG16’s CPU time and +2.0 points top-5.');
    expect(compareModels('ResNet50', 'VGG16', 'gpu', 'top1').headline).toBe(
      'VGG16 has 0.913× ResNet50’s GPU time and −3.6 points top-1.', // 4.2 / 4.6 = 0.91304
    );
  });

  it('uses exact parameter counts where both rows have them, rounded millions otherwise', () => {
    expect(costRatio('VGG16', 'VGG19', 'params')).toBeCloseTo(143_667_240 / 138_357_544, 10); // 1.0384
    expect(costRatio('ResNet50', 'DenseNet121', 'params')).toBeCloseTo(8_062_504 / 25_636_712, 10);
    expect(costRatio('ResNet50', 'ConvNeXtTiny', 'params')).toBeCloseTo(28.6 / 25.6, 10); // ConvNeXtTiny has no exact count
    expect(costRatio('ResNet50', 'DenseNet121', 'depth')).toBeCloseTo(242 / 107, 10);
    expect(costRatio('ResNet50', 'DenseNet121', 'size')).toBeCloseTo(33 / 98, 10);
    expect(costRatio('ResNet50', 'DenseNet121', 'cpu')).toBeCloseTo(77.1 / 58.2, 10);
    expect(costRatio('ResNet50', 'DenseNet121', 'gpu')).toBeCloseTo(5.4 / 4.6, 10);
    expect(accuracyGain('ResNet50', 'DenseNet121', 'top1')).toBe(0.1);
    expect(accuracyGain('ResNet50', 'DenseNet121', 'top5')).toBe(0.2);
  });

  it('formats ratios to three significant digits', () => {
    expect(formatRatio(0.18529)).toBe('0.185×');
    expect(formatRatio(5.397)).toBe('5.40×');
    expect(formatRatio(1)).toBe('1.00×');
  });

  it('says which value is missing instead of computing one (ConvNeXt has no top-5, EfficientNetV2 no timings)', () => {
    expect(costRatio('ResNet50', 'EfficientNetV2S', 'cpu')).toBeNull();
    expect(accuracyGain('ResNet50', 'ConvNeXtTiny', 'top5')).toBeNull();
    expect(accuracyGain('ResNet50', 'ConvNeXtTiny', 'top1')).toBe(6.4);
    expect(compareModels('ResNet50', 'ConvNeXtTiny', 'params', 'top5').headline).toBe(
      'ConvNeXtTiny has 1.12× ResNet50’s parameters and the source gives no top-5 accuracy for ConvNeXtTiny.',
    );
    expect(compareModels('EfficientNetV2S', 'ConvNeXtBase', 'gpu', 'top1').headline).toBe(
      'ConvNeXtBase against EfficientNetV2S: the source gives no GPU time for EfficientNetV2S and ConvNeXtBase; +1.4 points top-1.',
    );
    const lines = Object.fromEntries(compareModels('VGG16', 'ConvNeXtTiny', 'params', 'top1').lines.map((l) => [l.id, l]));
    expect(lines['cpu']).toMatchObject({ value: null, text: 'not given for ConvNeXtTiny' });
    expect(lines['top5Error']).toMatchObject({ value: null, text: 'not given for ConvNeXtTiny' });
    expect(lines['size']!.value).toBeCloseTo(109.42 / 528, 10);
  });
});
