// quickFirst (src/lib/inference/quick-first.ts): the quick MobileNet answers first only while a much
// larger model is still to load, never for itself or a model already in the worker.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RESNET50_ID, MODELS, QUICK_MODEL_ID, modelById } from '../../src/lib/inference/models';
import { QUICK_FIRST_RATIO, quickFirst } from '../../src/lib/inference/quick-first';

const quick = modelById(QUICK_MODEL_ID);

describe('quickFirst', () => {
  it('answers first for the 8-bit ResNet-50 until it is loaded', () => {
    const resnet = modelById(DEFAULT_RESNET50_ID);
    expect(resnet.bytes / quick.bytes).toBeGreaterThan(QUICK_FIRST_RATIO);
    expect(quickFirst(resnet, quick, false)).toBe(true);
    expect(quickFirst(resnet, quick, true)).toBe(false);
  });

  it('never for the quick model itself, nor for a model about its size', () => {
    expect(quickFirst(quick, quick, false)).toBe(false);
    expect(quickFirst({ ...quick, id: 'other', bytes: quick.bytes * 2 }, quick, false)).toBe(false);
  });

  it('in the registry (downloads): both ResNet-50s (22 and 103 MB), not the float MobileNet (10.5 MB, the same network) or Darknet (4 MB)', () => {
    expect(MODELS.filter((m) => quickFirst(m, quick, false)).map((m) => m.id)).toEqual([DEFAULT_RESNET50_ID, 'resnet50']);
  });
});
