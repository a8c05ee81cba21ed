import { describe, expect, it } from 'vitest';
import { analyze, getModel } from '../../src/lib/arch';
import { compareRows, kerasReference, msPerGmac, raceRow, racerSpec, square, REAL_WEIGHTS_MODEL_ID } from '../../src/lib/race/racers';
import { modelById } from '../../src/lib/inference/models';
import { REAL_RESNET50_PATH } from '../../src/components/race/real-weights-build';
import { summarizeTimes } from '../../src/lib/race/stats';

describe('race results next to the Keras table', () => {
  it('MACs from the spec at 224: 15.47 G for VGG-16, 3.86 G for the Keras ResNet-50 the table timed', () => {
    expect(kerasReference('vgg16').macs / 1e9).toBeCloseTo(15.47, 2);
    expect(racerSpec('resnet50').id).toBe('resnet50-keras');
    expect(kerasReference('resnet50').macs).toBe(3_857_973_248);
    // Not torchvision's placement (stride on the 3×3 conv, 4.09 G), which is about 6% off.
    expect(kerasReference('resnet50').macs).toBe(analyze(getModel('resnet50-keras'), square(224)).totals.macs);
    expect(kerasReference('resnet50').macs).toBeLessThan(analyze(getModel('resnet50'), square(224)).totals.macs);
  });

  it('Keras times are per batch of 32: per image and per GMAC follow', () => {
    const v = kerasReference('vgg16');
    expect(v.cpuMsPerBatch).toBe(69.5);
    expect(v.gpuMsPerBatch).toBe(4.2);
    expect(v.cpuMsPerImage).toBeCloseTo(69.5 / 32, 10);
    expect(v.cpuMsPerGmac).toBeCloseTo(69.5 / 32 / 15.470264, 5);
    const r = kerasReference('resnet50');
    expect(r.cpuMsPerBatch).toBe(58.2);
    expect(r.gpuMsPerBatch).toBe(4.6);
    // ResNet-50 does a quarter of VGG-16's MACs but takes 84% of its CPU time: 3.4× slower per GMAC.
    expect(r.cpuMsPerGmac).toBeCloseTo(58.2 / 32 / 3.857973248, 10);
    expect(r.cpuMsPerGmac / v.cpuMsPerGmac).toBeCloseTo(3.36, 2);
  });

  it('ms per GMAC of a race row uses the MACs at the raced input size', () => {
    const row = raceRow('resnet50', 'zeros', 112, summarizeTimes([40, 42, 41]));
    expect(row.macs).toBe(analyze(getModel('resnet50-keras'), square(112)).totals.macs);
    expect(row.msPerGmac).toBeCloseTo(41 / (row.macs / 1e9), 6);
    expect(row.name).toBe('ResNet-50 (Keras)');
    expect(() => msPerGmac(1, 0)).toThrow();
  });

  it('compares the two racers as ratios, on this device and in the table', () => {
    const v = raceRow('vgg16', 'zeros', 224, summarizeTimes([300]));
    const r = raceRow('resnet50', 'zeros', 224, summarizeTimes([100]));
    const c = compareRows(v, r);
    expect(c.timeRatio).toBe(3);
    expect(c.macRatio).toBeCloseTo(15.470264 / 3.857973, 5);
    expect(c.kerasCpuRatio).toBeCloseTo(69.5 / 58.2, 10);
    expect(c.kerasGpuRatio).toBeCloseTo(4.2 / 4.6, 10);
  });

  it('races real weights of the same network it counts: the Keras ResNet-50 files, 3.86 G MACs', () => {
    const weights = modelById(REAL_WEIGHTS_MODEL_ID);
    expect(weights.arch).toBe(racerSpec('resnet50').id);
    expect(REAL_RESNET50_PATH).toBe('models/resnet50/model.json');
    const row = raceRow('resnet50', 'keras', 224, summarizeTimes([100]));
    expect(row.macs).toBe(3_857_973_248);
    expect(row.msPerGmac).toBeCloseTo(100 / 3.857973248, 10);
  });
});
