// The project's two tiny Fashion-MNIST nets, loaded from their committed files exactly as the site
// serves them: the test errors and confusion matrices in src/lib/data/tiny-nets.json are reproduced
// from the weights, their sizes and counts match the specs, and the figure's strip is what it says.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { TINY_NETS_DATA, checkTinyNets, tinyNetLabel } from '../../src/lib/data/tiny-nets';
// Registers the option-A shortcut layer ResNet-20's model.json names, as the worker does.
import '../../src/lib/arch/tfjs-model';
import { TINY_STRIP } from '../../src/lib/data/tiny-strip';
import { TINY_NETS, FASHION_INPUT, FASHION_CLASSES } from '../../src/lib/train';
import { pixelStats } from '../../src/lib/train/fashion-mnist';
import { analyze } from '../../src/lib/arch';
import { classifyPixels, evaluateSet } from '../../src/lib/tiny/classify';
import { committedFashion, wasmTf } from '../helpers/wasm-train';
import { ROOT } from '../helpers/node-models';
import { loadSavedModel, tinyModelFolder } from '../../scripts/saved-model';

const loadTiny = (id: string): Promise<tf.LayersModel> => loadSavedModel(tf, tinyModelFolder(id));

describe('tiny nets (public/tiny-models/, src/lib/data/tiny-nets.json)', () => {
  it("describes Tiny VGG and ResNet-20 with the spec's parameters and MACs, each under 2 MB", () => {
    const d = TINY_NETS_DATA;
    expect(d.classes).toEqual([...FASHION_CLASSES]);
    expect(d.nets.map(tinyNetLabel)).toEqual(['Tiny VGG', 'ResNet-20']);
    for (const n of d.nets) {
      const totals = analyze(TINY_NETS[n.id](), FASHION_INPUT).totals;
      expect([n.trainableParams, n.macsPerImage]).toEqual([totals.params, totals.macs]);
      const dir = join(ROOT, 'public', 'tiny-models', n.id);
      const bytes = readFileSync(join(dir, 'model.json')).length + readFileSync(join(dir, 'weights.bin')).length;
      expect(bytes).toBe(n.bytes);
      expect(bytes).toBeLessThanOrEqual(2 * 2 ** 20);
    }
  });

  it("reproduces each net's committed test error and confusion matrix from its weights (wasm)", async () => {
    await wasmTf();
    const data = await committedFashion();
    expect(data.test.count).toBe(TINY_NETS_DATA.dataset.testImages);
    const norm = pixelStats(data.train);
    expect(norm.mean).toBeCloseTo(TINY_NETS_DATA.dataset.normalisation.mean, 10);
    expect(norm.std).toBeCloseTo(TINY_NETS_DATA.dataset.normalisation.std, 10);
    const before = tf.memory().numTensors;
    for (const n of TINY_NETS_DATA.nets) {
      const model = await loadTiny(n.id);
      expect(model.countParams()).toBe(n.params);
      const r = await evaluateSet(tf, model, data.test, norm);
      expect(r.errors).toBe(n.testErrors);
      expect(r.confusion).toEqual(n.confusion);
      model.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  }, 180_000);

  it('gives a top-3 for one committed strip image without leaking tensors', async () => {
    await wasmTf();
    const model = await loadTiny('tiny-resnet20');
    const before = tf.memory().numTensors;
    const top = await classifyPixels(tf, model, TINY_STRIP[1]!.pixels, TINY_NETS_DATA.dataset.normalisation);
    expect(tf.memory().numTensors).toBe(before);
    expect(top).toHaveLength(3);
    expect(top[0]!.probability).toBeGreaterThanOrEqual(top[1]!.probability);
    expect(top.reduce((a, g) => a + g.probability, 0)).toBeLessThanOrEqual(1 + 1e-6);
    await expect(classifyPixels(tf, model, new Uint8Array(10), TINY_NETS_DATA.dataset.normalisation)).rejects.toThrow(/784 pixels/);
    model.dispose();
  });

  it('rejects a malformed tiny-nets.json with a clear message', () => {
    const bad = structuredClone(TINY_NETS_DATA) as unknown as { nets: { testErrors: number }[] };
    bad.nets[0]!.testErrors += 1;
    expect(() => checkTinyNets(bad)).toThrow(/off-diagonal/);
    expect(() => checkTinyNets({ version: 2 })).toThrow(/version must be 1/);
  });
});

describe("the figure's strip (src/lib/data/tiny-strip.json)", () => {
  it('holds the first test image of each class, pixel for pixel', async () => {
    const { test } = await committedFashion();
    expect(TINY_STRIP.map((s) => s.label)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const s of TINY_STRIP) {
      expect(test.labels[s.index]).toBe(s.label);
      expect(Array.from(test.labels.subarray(0, s.index))).not.toContain(s.label);
      expect(Array.from(s.pixels)).toEqual(Array.from(test.images.subarray(s.index * 784, (s.index + 1) * 784)));
    }
  });
});
