// The 8-bit derivations (scripts/quantize-uint8.mjs: ResNet-50, and MobileNet, the quick model) on the
// real float32 files: the same bytes every run, exactly the files models.lock.json pins, in tfjs's uint8
// quantization format.
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { quantizeLayersModel, affineRange } from '../../scripts/quantize-uint8.mjs';
import { MODELS_DIR, ROOT, modelsPresent } from '../helpers/node-models';

type Derived = { files: Map<string, Uint8Array>; stats: Record<string, number> };
interface LockEntry {
  derivedFrom: string;
  about: string;
  options?: Record<string, unknown>;
  files: Record<string, { bytes: number; sha256: string }>;
}
const lock = JSON.parse(readFileSync(join(ROOT, 'models.lock.json'), 'utf8')) as { models: Record<string, LockEntry> };
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const digests = (d: Derived) => Object.fromEntries([...d.files].map(([f, buf]) => [f, { bytes: buf.length, sha256: sha256(buf) }]));

/** Derives a lock entry's files from its source model, as `npm run models` does. */
function derive(id = 'resnet50_uint8'): Derived {
  const entry = lock.models[id]!;
  const dir = join(MODELS_DIR, entry.derivedFrom);
  const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
  return quantizeLayersModel(json, (f: string) => readFileSync(join(dir, f)), entry.about, entry.options) as Derived;
}

describe('8-bit MobileNet derivation (the quick model)', () => {
  test('is deterministic and reproduces the lock entry: Conv2D kernels uint8 and bias-corrected, depthwise kernels float32', () => {
    if (!modelsPresent(['mobilenet_v1_0.75'])) throw new Error('run `npm run models` first');
    const a = derive('mobilenet_v1_0.75_uint8');
    expect(digests(a)).toEqual(digests(derive('mobilenet_v1_0.75_uint8')));
    expect(digests(a)).toEqual(lock.models['mobilenet_v1_0.75_uint8']!.files);
    // 14 Conv2D kernels (conv1 sees the image, so 13 pointwise convs and the classifier are corrected).
    expect(a.stats).toMatchObject({ quantized: 15, equalized: 27, corrected: 14 });
    const json = JSON.parse(new TextDecoder().decode(a.files.get('model.json')));
    for (const w of json.weightsManifest[0].weights as { name: string; quantization?: unknown }[]) {
      if (w.name.endsWith('/depthwise_kernel')) expect(w.quantization).toBeUndefined();
      if (w.name.endsWith('/kernel')) expect(w.quantization).toBeDefined();
    }
  }, 60_000);
});

describe('8-bit ResNet-50 derivation', () => {
  test('is deterministic and reproduces the lock entry file for file', () => {
    if (!modelsPresent(['resnet50'])) throw new Error('run `npm run models` first');
    const a = derive();
    const b = derive();
    expect(digests(a)).toEqual(digests(b));
    expect(digests(a)).toEqual(lock.models['resnet50_uint8']!.files);
    expect(a.stats).toEqual({ quantized: 54, kept: 266, quantizedValues: 25_502_912, keptValues: 133_800, equalized: 53 });
  }, 60_000);

  test('writes the standard tfjs uint8 quantization: every kernel uint8, every 1-D tensor float32', () => {
    const json = JSON.parse(new TextDecoder().decode(derive().files.get('model.json')));
    const weights = json.weightsManifest[0].weights as {
      name: string;
      shape: number[];
      dtype: string;
      quantization?: { dtype: string; min: number; scale: number };
    }[];
    for (const w of weights) {
      expect(w.dtype).toBe('float32');
      if (w.shape.length > 1) {
        expect(w.quantization?.dtype).toBe('uint8');
        expect(w.quantization!.scale).toBeGreaterThan(0);
        // 0 is one of the 256 levels exactly.
        const zero = -w.quantization!.min / w.quantization!.scale;
        expect(Math.abs(zero - Math.round(zero))).toBeLessThan(1e-6);
      } else expect(w.quantization).toBeUndefined();
    }
  }, 60_000);

  test('the range always contains 0 and is nudged so 0 is exact', () => {
    const r = affineRange(0.5, 2);
    expect(r.min).toBe(0);
    expect(r.scale).toBeCloseTo(2 / 255, 12);
    const s = affineRange(-1, 3);
    expect(Math.abs(-s.min / s.scale - Math.round(-s.min / s.scale))).toBeLessThan(1e-9);
    expect(affineRange(0, 0)).toEqual({ min: 0, scale: 1 });
  });
});
