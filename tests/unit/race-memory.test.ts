import { describe, expect, it } from 'vitest';
import { getModel } from '../../src/lib/arch';
import { estimateMemory, peakBytes } from '../../src/lib/race/memory';
import { formatBytes } from '../../src/lib/format';
import { square } from '../../src/lib/race/racers';

describe('memory estimate of a race', () => {
  it('VGG-16 at 224: 138,357,544 float32 weights are 553 MB, fc1 alone 411 MB', () => {
    const e = estimateMemory(getModel('vgg16'), square(224));
    expect(e.params).toBe(138_357_544);
    expect(e.weightBytes).toBe(553_430_176);
    expect(formatBytes(e.weightBytes)).toBe('553 MB');
    expect(e.largestLayerId).toBe('fc1');
    expect(e.largestLayerBytes).toBe((7 * 7 * 512 * 4096 + 4096) * 4);
    expect(e.inputBytes).toBe(224 * 224 * 3 * 4);
    expect(e.totalBytes).toBe(e.weightBytes + e.activationBytes + e.inputBytes);
  });

  it('ResNet-50 at 224: 25,636,712 weights (Keras count) are 103 MB; its activations outweigh VGG-16’s', () => {
    const r = estimateMemory(getModel('resnet50'), square(224));
    const v = estimateMemory(getModel('vgg16'), square(224));
    expect(r.params).toBe(25_636_712);
    expect(formatBytes(r.weightBytes)).toBe('103 MB');
    expect(r.activationBytes).toBeGreaterThan(v.activationBytes);
  });

  it('a smaller input shrinks VGG-16’s fc1 (it flattens the last pool) but not ResNet-50’s weights', () => {
    const v32 = estimateMemory(getModel('vgg16'), square(32));
    expect(v32.params).toBe(138_357_544 - (49 - 1) * 512 * 4096);
    expect(v32.largestLayerId).toBe('fc2');
    expect(estimateMemory(getModel('resnet50'), square(32)).params).toBe(25_636_712);
  });

  it('models race one at a time: the peak is the largest model, not the sum', () => {
    const es = [estimateMemory(getModel('vgg16')), estimateMemory(getModel('resnet50'))];
    expect(peakBytes(es)).toBe(es[0]!.totalBytes);
  });

  it('formats bytes in decimal units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(3_211_264)).toBe('3.2 MB');
    expect(formatBytes(2_147_483_648)).toBe('2.1 GB');
    expect(() => formatBytes(-1)).toThrow();
  });
});
