// The worker side of the tiny-nets figure (src/lib/tiny/nets-live.ts) with a stand-in model loader:
// the nets load only when asked (after the backend), once; images wait for them; a failed load frees
// the net that did load and is tried again; an image asked for before any load says so.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { TinyNetsRunner } from '../../src/lib/tiny/nets-live';
import { AbortedError } from '../../src/lib/worker-rpc';

const NORM = { mean: 0.3, std: 0.35 };
const MODELS = [
  { id: 'tiny-vgg', url: 'https://site.test/tiny-models/tiny-vgg/model.json' },
  { id: 'tiny-resnet20', url: 'https://site.test/tiny-models/tiny-resnet20/model.json' },
];

/** A 28×28×1 → 10-class softmax net, small enough for Node. */
const smallNet = (): tf.LayersModel =>
  tf.sequential({ layers: [tf.layers.flatten({ inputShape: [28, 28, 1] }), tf.layers.dense({ units: 10, activation: 'softmax' })] });

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('TinyNetsRunner', () => {
  it('loads both nets once, after the backend, and answers each image with both top 3s', async () => {
    const loaded: string[] = [];
    const runner = new TinyNetsRunner(tf, async (url) => (loaded.push(url), smallNet()));
    await expect(runner.classify(new Uint8Array(784))).rejects.toThrow('The nets are not loaded yet');
    let backendUp!: () => void;
    const backend = new Promise<void>((r) => (backendUp = r));
    const before = tf.memory().numTensors;
    const load = runner.load(MODELS, NORM, backend);
    // An image asked for right after the load waits for the nets.
    const image = runner.classify(new Uint8Array(784).fill(128));
    await new Promise((r) => setTimeout(r, 0));
    expect(loaded).toEqual([]);
    backendUp();
    const tensors = await load;
    expect(loaded).toEqual(MODELS.map((m) => m.url));
    expect(tensors).toBe(before + 4); // two nets, a kernel and a bias each
    const a = await image;
    expect(a.answers.map((x) => [x.id, x.top.length])).toEqual([
      ['tiny-vgg', 3],
      ['tiny-resnet20', 3],
    ]);
    expect(a.tensors).toBe(tensors);
    await runner.load(MODELS, NORM, Promise.resolve());
    expect(loaded).toHaveLength(2);
    const stop = new AbortController();
    stop.abort(new AbortedError('superseded'));
    await expect(runner.classify(new Uint8Array(784), stop.signal)).rejects.toBeInstanceOf(AbortedError);
  });

  it('a failed load frees the net that did load and is tried again on the next call', async () => {
    let fail = true;
    const nets: tf.LayersModel[] = [];
    const runner = new TinyNetsRunner(tf, async (url) => {
      if (fail && url.includes('resnet20')) throw new Error('Request failed with status code 503');
      nets.push(smallNet());
      return nets.at(-1)!;
    });
    const before = tf.memory().numTensors;
    await expect(runner.load(MODELS, NORM, Promise.resolve())).rejects.toThrow('status code 503');
    expect(tf.memory().numTensors).toBe(before);
    await expect(runner.classify(new Uint8Array(784))).rejects.toThrow('The nets are not loaded yet');
    await expect(runner.load(MODELS, NORM, Promise.reject(new Error('no backend')))).rejects.toThrow('no backend');
    fail = false;
    expect(await runner.load(MODELS, NORM, Promise.resolve())).toBe(before + 4);
    expect((await runner.classify(new Uint8Array(784))).answers).toHaveLength(2);
    for (const n of nets.slice(1)) n.dispose(); // the first was freed by the failed load
  });
});
