import { describe, expect, it } from 'vitest';
import { comparePair, top1Top5Relation } from '../../src/lib/table-numbers';
import { kerasRow } from '../../src/lib/data/keras-applications';
import { formatFixed, formatOneOver, formatTimes, formatSigned } from '../../src/lib/format';

// The numbers the comparison and metrics pages print, pinned so a data change is noticed.
describe('VGG vs ResNet bottom line', () => {
  const c = comparePair('VGG16', 'ResNet50');
  it('ResNet50 has 0.185× ≈ 1/5.4 of VGG16’s parameters (not 1/7)', () => {
    expect(formatFixed(c.paramsRatio, 3)).toBe('0.185');
    expect(formatOneOver(c.paramsRatio)).toBe('1/5.4');
    expect(1 / c.paramsRatio).not.toBeCloseTo(7, 0);
  });
  it('is 3.6 points better top-1, 2.0 top-5, with a 1.25× smaller top-5 error', () => {
    expect(formatSigned(c.top1Gain)).toBe('+3.6');
    expect(formatSigned(c.top5Gain)).toBe('+2.0');
    expect(formatTimes(c.top5ErrorRatio, 2)).toBe('1.25×');
  });
  it('has 0.186× the file size, 0.84× the CPU time and 1.10× the GPU time', () => {
    expect(formatFixed(c.sizeRatio, 3)).toBe('0.186');
    expect(formatTimes(c.cpuRatio, 2)).toBe('0.84×');
    expect(formatTimes(c.gpuRatio, 2)).toBe('1.10×');
  });
  it('VGG19 → ResNet50 is 1/5.6; VGG19 → ResNet152 0.42× parameters, +5.3 points, 1.50× CPU', () => {
    expect(formatOneOver(comparePair('VGG19', 'ResNet50').paramsRatio)).toBe('1/5.6');
    const b = comparePair('VGG19', 'ResNet152');
    expect(formatFixed(b.paramsRatio, 2)).toBe('0.42');
    expect(b.top1Gain).toBe(5.3);
    expect(formatTimes(b.cpuRatio, 2)).toBe('1.50×');
  });
  it('MobileNetV2 matches VGG16 with 1/39 of the parameters; EfficientNetB0 beats ResNet50 by 2.2 points', () => {
    const m = comparePair('VGG16', 'MobileNetV2');
    expect(m.top1Gain).toBe(0);
    expect(formatOneOver(m.paramsRatio, 0)).toBe('1/39');
    const e = comparePair('ResNet50', 'EfficientNetB0');
    expect(e.top1Gain).toBe(2.2);
    expect(formatFixed(e.paramsRatio, 2)).toBe('0.21');
  });
});

describe('top-1 vs top-5 relation (metrics page)', () => {
  const r = top1Top5Relation();
  it('is computed on the 33 rows with both accuracies; the 5 ConvNeXt rows have no top-5', () => {
    expect(r.count).toBe(33);
    expect(r.withoutTop5).toEqual(['ConvNeXtTiny', 'ConvNeXtSmall', 'ConvNeXtBase', 'ConvNeXtLarge', 'ConvNeXtXLarge']);
  });
  it('top-5 error is on average 0.27 of top-1 error, from 0.17 (EfficientNetV2L: 2.5 / 14.3) to 0.35 (MobileNet: 10.5 / 29.6)', () => {
    expect(formatFixed(r.meanErrorRatio, 2)).toBe('0.27');
    expect([r.minErrorRatio.model, formatFixed(r.minErrorRatio.value, 2)]).toEqual(['EfficientNetV2L', '0.17']);
    expect([r.maxErrorRatio.model, formatFixed(r.maxErrorRatio.value, 2)]).toEqual(['MobileNet', '0.35']);
  });
  it('the accuracy gap averages 15.5 points, from 11.8 to 19.1', () => {
    expect(formatFixed(r.meanGap, 1)).toBe('15.5');
    expect([r.minGap.model, r.minGap.value]).toEqual(['EfficientNetV2L', 11.8]);
    expect([r.maxGap.model, r.maxGap.value]).toEqual(['MobileNet', 19.1]);
  });
  it('the lowest ratio belongs to the most accurate of those rows and the highest to the least accurate, as the page says', () => {
    expect(r.minErrorRatio.model).toBe(r.mostAccurate);
    expect(r.maxErrorRatio.model).toBe(r.leastAccurate);
  });
  it('a row without top-5 is left out, not counted as zero', () => {
    const withTiny = top1Top5Relation([kerasRow('ResNet50'), kerasRow('ConvNeXtTiny')]);
    expect(withTiny.count).toBe(1);
    expect(withTiny.meanErrorRatio).toBeCloseTo(7.9 / 25.1, 12);
    expect(() => top1Top5Relation([kerasRow('ConvNeXtBase')])).toThrow(/both accuracies/);
  });
});
