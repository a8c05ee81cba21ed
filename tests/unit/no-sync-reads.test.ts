// GPU backends (WebGPU above all) must never be read synchronously: tfjs-webgpu serves `dataSync`
// through an OffscreenCanvas 'webgpu' context that is absent in workers without one and fragile on
// software adapters, and any sync read stalls the GPU pipeline. These tests run the training and
// tiny nets' paths on wasm with spies on every synchronous read tfjs offers (tests/helpers/sync-read-spy.ts):
// `tf.engine().readSync` (what `Tensor.dataSync`, `arraySync`, `bufferSync`, `toString` and moving
// data between backends go through; `Tensor.data()` goes through `engine.read`, and backends read
// their own memory below the engine, so the spy sees only the caller's sync reads) and the three
// Tensor methods themselves. Classification with the real MobileNet:
// tests/integration/no-sync-reads-classify.test.ts.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
// Registers the option-A shortcut layer the tiny ResNet-20's model.json names, as the worker does.
import '../../src/lib/arch/tfjs-model';
import { cifarResnetSpec } from '../../src/lib/arch';
import { createNet } from '../../src/lib/train/net';
import { Sgd, errorRate, gradientNorms, makeBatch, trainStep } from '../../src/lib/train/trainer';
import { pixelStats } from '../../src/lib/train/fashion-mnist';
import { FASHION_INPUT } from '../../src/lib/train/tiny-specs';
import { LabSession } from '../../src/lib/train/lab-session';
import { DEFAULT_LAB_SETTINGS, type LabEvent } from '../../src/lib/train/lab-methods';
import { classifyPixels, evaluateSet } from '../../src/lib/tiny/classify';
import { committedFashion, wasmTf } from '../helpers/wasm-train';
import { readSavedModel, tinyModelFolder } from '../../scripts/saved-model';
import { expectNoSyncReads, noSyncReads, releaseSpy, spy } from '../helpers/sync-read-spy';

beforeAll(async () => {
  await wasmTf();
});
afterEach(releaseSpy);

describe('the spy itself', () => {
  it('sees dataSync, arraySync, bufferSync and the engine read, and not data()', async () => {
    const t = tf.tensor1d([1, 2, 3]);
    await noSyncReads(async () => {
      await t.data();
    });
    expect(spy!.calls).toHaveLength(0);
    await noSyncReads(async () => {
      t.dataSync();
      t.arraySync();
      t.bufferSync();
    });
    // Each Tensor method (arraySync and bufferSync call dataSync), and the engine read under each.
    const names = spy!.calls.map((c) => c.split('\n')[0]);
    expect(names.filter((n) => n === 'readSync')).toHaveLength(3);
    expect(names.filter((n) => n !== 'readSync').sort()).toEqual(['arraySync', 'bufferSync', 'dataSync', 'dataSync', 'dataSync']);
    t.dispose();
    // Restored: the methods are tfjs' own again.
    expect(Object.hasOwn(tf.engine(), 'readSync')).toBe(false);
  });
});

describe('training reads nothing synchronously (wasm)', () => {
  async function setup(seed: number) {
    const d = await committedFashion();
    const norm = pixelStats(d.train);
    const net = createNet(tf, cifarResnetSpec(8, { width: 4, classes: 10 }), { input: FASHION_INPUT, seed });
    const opt = new Sgd(tf, net, { learningRate: 0.05 });
    const { x, y } = makeBatch(
      tf,
      d.train,
      Array.from({ length: 8 }, (_, i) => i),
      norm,
    );
    return {
      d,
      norm,
      net,
      opt,
      x,
      y,
      done: () => {
        opt.dispose();
        net.dispose();
        tf.dispose([x, y]);
      },
    };
  }

  it('trainStep: two steps (the first makes the momentum buffers) with finite losses', async () => {
    const s = await setup(1);
    const results = await noSyncReads(async () => [
      await trainStep(tf, s.net, s.opt, s.x, s.y),
      await trainStep(tf, s.net, s.opt, s.x, s.y),
    ]);
    expectNoSyncReads();
    expect(results.every((r) => Number.isFinite(r.loss) && r.errors >= 0 && r.errors <= 8)).toBe(true);
    s.done();
  });

  it('trainStep: a diverged step (NaN loss) neither', async () => {
    const s = await setup(2);
    const nan = tf.fill([8, FASHION_INPUT.h, FASHION_INPUT.w, 1], Number.NaN) as tf.Tensor4D;
    const r = await noSyncReads(() => trainStep(tf, s.net, s.opt, nan, s.y));
    expectNoSyncReads();
    expect(Number.isNaN(r.loss)).toBe(true);
    nan.dispose();
    s.done();
  });

  it('gradient norms and the error rate on a set', async () => {
    const s = await setup(3);
    await noSyncReads(async () => {
      await gradientNorms(tf, s.net, s.x, s.y);
      await errorRate(tf, s.net, s.d.test, s.norm, 40, 20);
    });
    expectNoSyncReads();
    s.done();
  });

  it('a whole lab session: steps, evaluations, gradient norms and reset', async () => {
    const events: LabEvent[] = [];
    const lab = new LabSession({ tf, loadData: async () => committedFashion(), post: (e) => events.push(e) });
    await noSyncReads(async () => {
      await lab.handle({
        type: 'start',
        settings: {
          ...DEFAULT_LAB_SETTINGS,
          depth: 8,
          width: 4,
          batchSize: 8,
          maxIterations: 2,
          evalEvery: 2,
          evalCount: 50,
          gradEvery: 2,
        },
      });
      await lab.settled();
      await lab.handle({ type: 'reset' });
    });
    expectNoSyncReads();
    expect(events.filter((e) => e.type === 'error' || e.type === 'refused')).toEqual([]);
    expect(events.filter((e) => e.type === 'step')).toHaveLength(2);
  });
});

describe('the tiny nets figure reads nothing synchronously (wasm)', () => {
  it('classifyPixels and evaluateSet with the committed tiny ResNet-20', async () => {
    const saved = readSavedModel(tinyModelFolder('tiny-resnet20'));
    const d = await committedFashion();
    const norm = pixelStats(d.train);
    const set = { ...d.test, count: 50 };
    const pixels = d.test.images.slice(0, FASHION_INPUT.h * FASHION_INPUT.w);
    const r = await noSyncReads(async () => {
      const model = await tf.loadLayersModel(tf.io.fromMemory(saved));
      try {
        return { guesses: await classifyPixels(tf, model, pixels, norm), set: await evaluateSet(tf, model, set, norm) };
      } finally {
        model.dispose();
      }
    });
    expectNoSyncReads();
    expect(r.guesses).toHaveLength(3);
    expect(r.set.errors).toBeLessThan(25);
  });
});
