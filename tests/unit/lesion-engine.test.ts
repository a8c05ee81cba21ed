// The engine's block-deletion methods (lesion-handlers.ts) through an EngineSession and the worker
// runtime, on the tiny residual net of tests/helpers/tiny-resnet.ts served from memory (no downloaded
// weights): nothing removed is the model's own classification; a lesion equals the library's; the
// sweeps stream with progress, count per block, drop their photos and leave no tensor behind.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { EngineSession } from '../../src/lib/engine/session';
import { engineHandlers } from '../../src/lib/engine/serve-engine';
import type { EngineMethods } from '../../src/lib/engine/methods';
import { RpcClient } from '../../src/lib/worker-rpc';
import { isAborted } from '../../src/lib/worker-rpc/abort';
import type { BackendInfo } from '../../src/lib/worker-rpc/backend';
import { preprocess } from '../../src/lib/inference/preprocess';
import { rankOf, topK } from '../../src/lib/inference/scores';
import { lesionedProbs } from '../../src/lib/probe/lesion-run';
import type { BlockDeletion, GallerySweepAnswer } from '../../src/lib/probe/lesion-types';
import { channelWorker } from '../helpers/fake-worker';
import { serve, tinySpec } from '../helpers/tiny-model';
import { tinyResNetFiles } from '../helpers/tiny-resnet';
import { rgbaToPixels } from '../helpers/node-models';

const spec = tinySpec({ id: 'tiny-resnet', name: 'tiny ResNet' });
const startBackend = async (): Promise<BackendInfo> => {
  await tf.setBackend('wasm');
  await tf.ready();
  return { name: 'wasm', note: 'Node test' };
};
/** A 12×10 RGBA picture, different for each seed. */
const picture = (seed: number) => ({
  width: 12,
  height: 10,
  data: Uint8ClampedArray.from({ length: 12 * 10 * 4 }, (_, i) => (i * 37 + seed * 101) % 256),
});

/** The class at this 1-based rank. */
const rankedAt = (probs: Float32Array, rank: number) => topK(probs, rank)[rank - 1]!.index;

let session: EngineSession;
let client: RpcClient<EngineMethods>;

beforeAll(async () => {
  await startBackend();
  session = new EngineSession({ tf, startBackend, toPixels: rgbaToPixels, fetchFunc: serve(await tinyResNetFiles()) });
  await session.load(spec);
  session.putImage('p', picture(1));
  client = new RpcClient<EngineMethods>({ create: () => channelWorker<EngineMethods>(engineHandlers(session)), page: null });
});

afterAll(() => {
  client.dispose();
  session.dispose();
});

describe('the engine’s block-deletion methods on a tiny residual net', () => {
  test('nothing removed is the model’s own classification exactly; a removed block is the library’s lesion', async () => {
    const before = tf.memory().numTensors;
    const own = (await session.classify(spec, 'p')).probs;
    const a = await client.call('lesion', { model: spec, imageId: 'p', off: [] });
    expect(a.blocks.map((b) => [b.name, b.stage, b.inStage, b.projection])).toEqual([
      ['a_add', 2, 1, true],
      ['b_add', 2, 2, false],
    ]);
    expect(a.top5.map((r) => r.p)).toEqual(a.top5.map((r) => own[r.index]));
    expect(a.original).toMatchObject({ classIndex: a.top5[0]!.index, rank: 1, prob: a.top5[0]!.p, intactProb: a.top5[0]!.p });
    const off = await client.call('lesion', { model: spec, imageId: 'p', off: [1] });
    const probe = await session.probe(spec);
    const pixels = rgbaToPixels(picture(1));
    const input = preprocess(tf, pixels, spec.preprocessing, spec.inputSize);
    const ref = await lesionedProbs(tf, probe, [1], input);
    tf.dispose([pixels, input]);
    expect(off.top5.map((r) => r.p)).toEqual(off.top5.map((r) => ref[r.index]));
    expect(off.original.intactProb).toBe(a.original.intactProb);
    expect(tf.memory().numTensors).toBe(before);
  });

  test('a block that does not exist is refused with a message', async () => {
    await expect(client.call('lesion', { model: spec, imageId: 'p', off: [7] })).rejects.toThrow(/there is no block 7 \(the model has 2/);
  });

  test('each block in turn: one event per block, progress to the end, the same numbers as single lesions', async () => {
    const before = tf.memory().numTensors;
    const events: BlockDeletion[] = [];
    const progress: number[] = [];
    const r = await client.call(
      'lesion-sweep',
      { model: spec, imageId: 'p' },
      { onEvent: (e) => events.push(e), onProgress: (f) => progress.push(f) },
    );
    expect(events).toEqual(r.deletions);
    expect(progress).toEqual([0, 0.5, 1]);
    for (const d of r.deletions)
      expect(d.prob).toBe((await client.call('lesion', { model: spec, imageId: 'p', off: [d.block] })).original.prob);
    expect(tf.memory().numTensors).toBe(before);
    const ac = new AbortController();
    await expect(
      client.call('lesion-sweep', { model: spec, imageId: 'p' }, { signal: ac.signal, onEvent: () => ac.abort() }),
    ).rejects.toSatisfy(isAborted);
    await expect.poll(() => tf.memory().numTensors).toBe(before);
  });

  test('over labelled photos: counts per block, streamed photo by photo; the photos are dropped after', async () => {
    const before = tf.memory().numTensors;
    const probe = await session.probe(spec);
    // Each picture's true class: its intact top-1 for two, a class far down the list for the third.
    const expected = [0, 0];
    const photos = [];
    for (const seed of [1, 2, 3]) {
      const pixels = rgbaToPixels(picture(seed));
      const input = preprocess(tf, pixels, spec.preprocessing, spec.inputSize);
      const intact = await lesionedProbs(tf, probe, [], input);
      const trueClass = seed === 3 ? rankedAt(intact, 500) : rankedAt(intact, 1);
      for (const b of [0, 1]) if (rankOf(await lesionedProbs(tf, probe, [b], input), trueClass) <= 5) expected[b]! += 1;
      tf.dispose([pixels, input]);
      photos.push({ image: picture(seed), trueClass });
    }
    const events: GallerySweepAnswer[] = [];
    const r = await client.call('lesion-gallery', { model: spec, photos }, { onEvent: (e) => events.push(e) });
    expect(events.map((e) => e.done)).toEqual([1, 2, 3]);
    expect(r).toMatchObject({ total: 3, done: 3, intactKept: 2, kept: expected });
    expect(session.memory().imagesHeld).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
  });
});
