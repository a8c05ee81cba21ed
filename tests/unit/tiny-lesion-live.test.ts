// The worker side of the live recompute (src/lib/tiny/lesion-live.ts) with a stand-in fetch and
// model loader: the test subset and each net load once, progress goes out by stage, the answer counts
// errors as lesion.ts does, a cancelled call stops, and a failed load is reported and tried again.
import { gzipSync } from 'node:zlib';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../src/lib/arch/tfjs-model';
import { LesionRunner } from '../../src/lib/tiny/lesion-live';
import { LESION_SPECS } from '../../src/lib/tiny/lesion-nets';
import { lesionError } from '../../src/lib/tiny/lesion';
import { FASHION_FILES, encodeIdx } from '../../src/lib/train/fashion-mnist';
import { FASHION_INPUT } from '../../src/lib/train';
import type { LesionEvent } from '../../src/lib/tiny/methods';

const COUNT = 6;
const images = Uint8Array.from({ length: COUNT * 784 }, (_, i) => (i * 37) % 256);
const labels = Uint8Array.from({ length: COUNT }, (_, i) => i % 10);
const files: Record<string, Uint8Array> = {
  [FASHION_FILES.testImages]: gzipSync(encodeIdx([COUNT, 28, 28], images)),
  [FASHION_FILES.testLabels]: gzipSync(encodeIdx([COUNT], labels)),
};
const NORM = { mean: 0.3, std: 0.35 };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('LesionRunner', () => {
  it('loads the test subset and the net once, reports progress by stage and counts errors as lesion.ts does', async () => {
    const fetched: string[] = [];
    const fakeFetch = (async (url: string) => {
      fetched.push(url);
      const name = url.slice(url.lastIndexOf('/') + 1);
      return files[name] ? new Response(files[name] as BodyInit) : new Response('', { status: 404 });
    }) as typeof fetch;
    const spec = LESION_SPECS['tiny-resnet20']();
    const model = buildModel(spec, { input: FASHION_INPUT });
    let loads = 0;
    const runner = new LesionRunner(tf, fakeFetch, async (_url, onProgress) => {
      loads++;
      onProgress(1);
      return model;
    });
    const events: LesionEvent[] = [];
    const args = { net: 'tiny-resnet20' as const, model: '/m.json', removed: ['stage1_block2'], data: '/data/', norm: NORM };
    const a = await runner.run(args, new AbortController().signal, (e) => events.push(e));
    const set = { images, labels, count: COUNT, rows: 28, cols: 28 };
    const expected = await lesionError(tf, model, spec, set, NORM, ['stage1_block2']);
    expect([a.errors, a.count, a.nonFinite, a.removed]).toEqual([expected.errors, COUNT, 0, ['stage1_block2']]);
    expect(events.map((e) => e.stage)).toEqual(['model', 'data', 'run']);
    const before = tf.memory().numTensors;
    const b = await runner.run({ ...args, removed: [] }, new AbortController().signal, () => {});
    expect(tf.memory().numTensors).toBe(before);
    expect(b.tensors).toBe(before);
    expect([loads, fetched.length]).toEqual([1, 2]);
    const ac = new AbortController();
    ac.abort();
    await expect(runner.run(args, ac.signal, () => {})).rejects.toThrow();
    await expect(runner.run({ ...args, net: 'nope' as never }, new AbortController().signal, () => {})).rejects.toThrow(
      /No lesion net "nope"/,
    );
    model.dispose();
  });

  it('says which file failed to load, and loads it again on the next call', async () => {
    let fail = true;
    const fakeFetch = (async (url: string) => {
      const name = url.slice(url.lastIndexOf('/') + 1);
      return fail ? new Response('', { status: 404 }) : new Response(files[name] as BodyInit);
    }) as typeof fetch;
    const model = buildModel(LESION_SPECS['tiny-plain20'](), { input: FASHION_INPUT });
    const runner = new LesionRunner(tf, fakeFetch, async () => model);
    const args = { net: 'tiny-plain20' as const, model: '/m.json', removed: [], data: '/data/', norm: NORM };
    await expect(runner.run(args, new AbortController().signal, () => {})).rejects.toThrow(
      /Could not load the test images \(t10k-images-idx3-ubyte\.gz: HTTP 404\)/,
    );
    fail = false;
    expect((await runner.run(args, new AbortController().signal, () => {})).count).toBe(COUNT);
    model.dispose();
  });
});
