// Block deletion (src/lib/tiny/lesion.ts) on small synthetic nets built from their specs: removing no
// block is the model's own forward pass exactly, removing a residual block equals the same net with
// that block's F zeroed, removable blocks come from the spec's shapes, and a blow-up counts as a result.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { cifarResnetSpec, type Shape } from '../../src/lib/arch';
import { buildModel } from '../../src/lib/arch/tfjs-model';
import { checkRemoved, lesionError, lesionedForward, randomBlocks, removableBlocks } from '../../src/lib/tiny/lesion';
import { LESION_SPECS } from '../../src/lib/tiny/lesion-nets';
import { FASHION_INPUT } from '../../src/lib/train';
import type { ImageSet } from '../../src/lib/train/fashion-mnist';

const INPUT: Shape = { h: 8, w: 8, c: 1 };
const NORM = { mean: 0.5, std: 0.25 };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A small random image set (seeded through a tiny LCG). */
function imageSet(count: number): ImageSet {
  let s = 7;
  const next = (): number => (s = (s * 1103515245 + 12345) >>> 0) >>> 24;
  const images = new Uint8Array(count * 64).map(() => next());
  const labels = new Uint8Array(count).map(() => next() % 3);
  return { images, labels, count, rows: 8, cols: 8 };
}

const x4 = (set: ImageSet) =>
  tf.tidy(() =>
    tf.tensor4d(
      Float32Array.from(set.images, (v) => (v / 255 - NORM.mean) / NORM.std),
      [set.count, 8, 8, 1],
    ),
  );

describe('removableBlocks: the blocks whose input and output shapes agree', () => {
  it('are the seven same-shape blocks of both 20-layer nets, never the stride-2 ones', () => {
    for (const make of Object.values(LESION_SPECS)) {
      const ids = removableBlocks(make(), FASHION_INPUT).map((b) => b.id);
      expect(ids).toEqual([
        'stage1_block1',
        'stage1_block2',
        'stage1_block3',
        'stage2_block2',
        'stage2_block3',
        'stage3_block2',
        'stage3_block3',
      ]);
    }
    expect(removableBlocks(LESION_SPECS['tiny-resnet20'](), FASHION_INPUT).map((b) => b.label)).toContain('2.3');
    expect(() => checkRemoved(LESION_SPECS['tiny-plain20'](), FASHION_INPUT, ['stage2_block1'])).toThrow(
      /no removable block "stage2_block1"/,
    );
  });
});

describe('lesionedForward on a small ResNet-14 and its plain twin', () => {
  it("removing no block reproduces the model's own output exactly, without leaking tensors", () => {
    for (const shortcuts of [true, false]) {
      const spec = cifarResnetSpec(14, { classes: 3, width: 2, shortcuts });
      const model = buildModel(spec, { input: INPUT });
      const x = x4(imageSet(5));
      const before = tf.memory().numTensors;
      const own = model.predict(x) as tf.Tensor;
      const walked = lesionedForward(tf, model, spec, x, new Set());
      expect(Array.from(walked.dataSync())).toEqual(Array.from(own.dataSync()));
      tf.dispose([own, walked]);
      expect(tf.memory().numTensors).toBe(before);
      x.dispose();
      model.dispose();
    }
  });

  it("removing a residual block equals the intact net with that block's F set to zero", () => {
    const spec = cifarResnetSpec(14, { classes: 3, width: 2 });
    const model = buildModel(spec, { input: INPUT });
    const x = x4(imageSet(4));
    const lesioned = lesionedForward(tf, model, spec, x, new Set(['stage2_block2']));
    // F's last batch norm with γ = β = 0 outputs zero: the block becomes ReLU(0 + x) = x.
    const bn = model.getLayer('stage2_block2_2_bn');
    const w = bn.getWeights();
    bn.setWeights(w.map((t, i) => (i < 2 ? tf.zerosLike(t) : t)));
    const zeroed = model.predict(x) as tf.Tensor;
    const a = lesioned.dataSync();
    const b = zeroed.dataSync();
    for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(b[i]!, 6);
    const intact = lesionedForward(tf, buildModel(spec, { input: INPUT }), spec, x, new Set());
    expect(intact.shape).toEqual(lesioned.shape);
    tf.dispose([x, lesioned, zeroed, intact]);
    model.dispose();
  });

  it('lets the input of a removed plain block pass on unchanged', () => {
    const spec = cifarResnetSpec(14, { classes: 3, width: 2, shortcuts: false });
    const model = buildModel(spec, { input: INPUT });
    const x = x4(imageSet(3));
    const lesioned = lesionedForward(tf, model, spec, x, new Set(['stage3_block2']));
    // By hand: every layer in spec order, the removed block's layers skipped (the builder pads the
    // input of the two stride-2 convolutions with a layer of its own).
    const skip = spec.stages.flatMap((s) => s.blocks).find((b) => b.id === 'stage3_block2')!;
    const names = spec.stages
      .flatMap((s) => s.blocks)
      .filter((b) => b !== skip)
      .flatMap((b) => [...b.main, ...b.out].map((l) => l.name))
      .flatMap((n) => (n === 'stage2_block1_1_conv' || n === 'stage3_block1_1_conv' ? [`${n}_pad`, n] : [n]));
    const byHand = tf.tidy(() => names.reduce((h, n) => model.getLayer(n).apply(h) as tf.Tensor, x as tf.Tensor));
    expect(Array.from(lesioned.dataSync())).toEqual(Array.from(byHand.dataSync()));
    tf.dispose([x, lesioned, byHand]);
    model.dispose();
  });
});

describe('lesionError', () => {
  it('counts wrong answers as the model predicts them, reports progress and frees every tensor', async () => {
    const spec = cifarResnetSpec(14, { classes: 3, width: 2 });
    const model = buildModel(spec, { input: INPUT });
    const set = imageSet(30);
    const x = x4(set);
    const predicted = (tf.argMax(model.predict(x) as tf.Tensor, 1).dataSync() as Int32Array).slice();
    x.dispose();
    const expected = predicted.reduce((n, p, i) => n + (p === set.labels[i] ? 0 : 1), 0);
    const before = tf.memory().numTensors;
    const progress: number[] = [];
    const r = await lesionError(tf, model, spec, set, NORM, [], { batch: 8, onProgress: (d) => progress.push(d) });
    expect(tf.memory().numTensors).toBe(before);
    expect(r).toEqual({ count: 30, errors: expected, error: expected / 30, nonFinite: 0 });
    expect(progress).toEqual([8, 16, 24, 30]);
    await expect(lesionError(tf, model, spec, set, NORM, ['stage2_block1'])).rejects.toThrow(/no removable block/);
    const ac = new AbortController();
    ac.abort();
    await expect(lesionError(tf, model, spec, set, NORM, [], { signal: ac.signal })).rejects.toThrow();
    model.dispose();
  });

  it('shows a net that outputs NaN as a result: every image wrong, each counted as not finite', async () => {
    const spec = cifarResnetSpec(14, { classes: 3, width: 2, shortcuts: false });
    const model = buildModel(spec, { input: INPUT });
    const bn = model.getLayer('stage3_block2_2_bn');
    bn.setWeights(bn.getWeights().map((t, i) => (i === 0 ? tf.fill(t.shape, NaN) : t)));
    const set = imageSet(10);
    const r = await lesionError(tf, model, spec, set, NORM, []);
    expect(r).toEqual({ count: 10, errors: 10, error: 1, nonFinite: 10 });
    // Removing the block that blew up gives finite answers again.
    expect((await lesionError(tf, model, spec, set, NORM, ['stage3_block2'])).nonFinite).toBe(0);
    model.dispose();
  });
});

describe('randomBlocks', () => {
  const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
  it('draws k distinct blocks in net order, the same for the same seed', () => {
    for (let k = 0; k <= ids.length; k++) {
      const r = randomBlocks(ids, k, 3);
      expect(r).toHaveLength(k);
      expect(new Set(r).size).toBe(k);
      expect(r).toEqual([...r].sort((p, q) => ids.indexOf(p) - ids.indexOf(q)));
      expect(randomBlocks(ids, k, 3)).toEqual(r);
    }
    const draws = new Set([1, 2, 3, 4, 5].map((s) => randomBlocks(ids, 3, s).join()));
    expect(draws.size).toBeGreaterThan(1);
    expect(() => randomBlocks(ids, 8, 1)).toThrow(RangeError);
  });
});
