// Deleting blocks of the real Keras ResNet-50 (8-bit weights, the figure's model) on the gallery's
// photos, through the engine session and its handlers as the classifier worker serves them, on wasm.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { EngineSession } from '../../src/lib/engine/session';
import { engineHandlers } from '../../src/lib/engine/serve-engine';
import type { EngineMethods } from '../../src/lib/engine/methods';
import { RpcClient, serve, type PortLike, type WorkerLike } from '../../src/lib/worker-rpc';
import { isAborted } from '../../src/lib/worker-rpc/abort';
import type { BackendInfo } from '../../src/lib/worker-rpc/backend';
import { DEFAULT_RESNET50_ID, modelById, type ModelEntry } from '../../src/lib/inference/models';
import { LABELLED_GALLERY } from '../../src/lib/data/gallery';
import type { ModelProbe } from '../../src/lib/probe';
import type { BlockDeletion, GallerySweepAnswer } from '../../src/lib/probe/lesion-types';
import { publicFetch, SITE, GALLERY_DIR, modelsPresent, photoRgba, rgbaToPixels } from '../helpers/node-models';

const ID = DEFAULT_RESNET50_ID;
const spec: ModelEntry = { ...modelById(ID), urls: [SITE + modelById(ID).urls[0]!] };
const ESPRESSO = 967;
const startBackend = async (): Promise<BackendInfo> => {
  await tf.setBackend('wasm');
  await tf.ready();
  return { name: 'wasm', note: 'Node test' };
};
const photo = (file: string) => photoRgba(join(GALLERY_DIR, file));

let session: EngineSession;
let probe: ModelProbe;
let client: RpcClient<EngineMethods>;

beforeAll(async () => {
  if (!modelsPresent([ID])) throw new Error('Run `npm run models` first (CI: MODELS_MIRROR=../shared/models npm run models).');
  await startBackend();
  session = new EngineSession({ tf, startBackend, toPixels: rgbaToPixels, fetchFunc: publicFetch });
  session.putImage('coffee', photo('coffee.jpg'));
  probe = await session.probe(spec);
  const { port1, port2 } = new MessageChannel();
  serve<EngineMethods>(port1 as unknown as PortLike, engineHandlers(session));
  const worker: WorkerLike = {
    postMessage: (m, t) => port2.postMessage(m, t ?? []),
    addEventListener: (type, l) => {
      if (type === 'message') port2.addEventListener('message', l as (e: MessageEvent) => void);
    },
    terminate: () => {
      port1.close();
      port2.close();
    },
  };
  port2.start();
  client = new RpcClient<EngineMethods>({ create: () => worker, page: null });
}, 120_000);

afterAll(() => {
  client.dispose();
  session.dispose();
});

/** model.predict on the photo's preprocessed input, the way the classifier runs it. */
const predicted = async () => (await session.classify(spec, 'coffee')).probs;

describe('ResNet-50 with blocks removed, on coffee.jpg', () => {
  test('removing no block gives model.predict’s probabilities exactly', async () => {
    const before = tf.memory().numTensors;
    const a = await client.call('lesion', { model: spec, imageId: 'coffee', off: [] });
    const own = await predicted();
    expect(a.finite).toBe(true);
    expect(a.blocks).toHaveLength(16);
    expect(a.blocks.filter((b) => b.projection).map((b) => `${b.name} ${b.stage}.${b.inStage}`)).toEqual([
      'conv2_block1 2.1',
      'conv3_block1 3.1',
      'conv4_block1 4.1',
      'conv5_block1 5.1',
    ]);
    expect(a.top5[0]!.index).toBe(ESPRESSO);
    expect(a.top5.map((r) => r.p)).toEqual(a.top5.map((r) => own[r.index]));
    expect(a.original).toEqual({ classIndex: ESPRESSO, intactProb: own[ESPRESSO], prob: own[ESPRESSO], rank: 1 });
    expect(tf.memory().numTensors).toBe(before);
  });

  // Zeroing the scale and shift of the branch's last batch norm makes F(x) = 0 exactly, so the model's
  // own predict, untouched otherwise, computes the block with only its shortcut: an independent reference.
  test.each(['conv3_block2', 'conv4_block1'])('removing %s equals model.predict with that block’s F(x) set to 0', async (name) => {
    const i = probe.blocks.findIndex((b) => b.name === name);
    const bn = probe.model.getLayer(probe.blocks[i]!.branchEnd);
    expect(bn.getClassName()).toBe('BatchNormalization');
    const saved = bn.getWeights().map((w) => w.clone());
    const [gamma, beta, ...rest] = saved;
    const zeroed = [tf.zerosLike(gamma!), tf.zerosLike(beta!)];
    bn.setWeights([...zeroed, ...rest]);
    let reference: Float32Array;
    try {
      reference = await predicted();
    } finally {
      bn.setWeights(saved);
      tf.dispose([...saved, ...zeroed]);
    }
    const before = tf.memory().numTensors;
    const a = await client.call('lesion', { model: spec, imageId: 'coffee', off: [i] });
    expect(tf.memory().numTensors).toBe(before);
    expect(a.off).toEqual([i]);
    expect(a.top5.map((r) => [r.index, r.p])).toEqual(a.top5.map((r) => [r.index, reference[r.index]]));
    // The weights are back: no block removed is the model's own answer again.
    expect((await client.call('lesion', { model: spec, imageId: 'coffee', off: [] })).original.prob).toBe((await predicted())[ESPRESSO]);
  });

  test('each block in turn: 16 deletions streamed with progress, each as a single lesion gives it; tensors flat', async () => {
    const before = tf.memory().numTensors;
    const events: BlockDeletion[] = [];
    const progress: number[] = [];
    const r = await client.call(
      'lesion-sweep',
      { model: spec, imageId: 'coffee' },
      { onEvent: (e) => events.push(e), onProgress: (f) => progress.push(f) },
    );
    expect(tf.memory().numTensors).toBe(before);
    expect(r.deletions.map((d) => d.block)).toEqual([...Array(16).keys()]);
    expect(events).toEqual(r.deletions);
    expect(progress.at(-1)).toBe(1);
    expect(r.original.classIndex).toBe(ESPRESSO);
    for (const i of [0, 5, 15]) {
      const single = await client.call('lesion', { model: spec, imageId: 'coffee', off: [i] });
      expect(r.deletions[i]!.prob, `block ${i}`).toBe(single.original.prob);
      expect(r.deletions[i]!.rank).toBe(single.original.rank);
    }
    for (const d of r.deletions) expect(d.finite && Number.isFinite(d.prob) && d.rank! >= 1).toBe(true);
    // Print what a reader of this photo sees (the README's figure is measured in the browser).
    console.log(r.deletions.map((d) => `${r.blocks[d.block]!.name}: p=${d.prob.toFixed(4)} rank ${d.rank}`).join('\n'));
  }, 300_000);

  test('a cancelled sweep frees its tensors', async () => {
    const before = tf.memory().numTensors;
    const ac = new AbortController();
    const job = client.call('lesion-sweep', { model: spec, imageId: 'coffee' }, { signal: ac.signal, onEvent: () => ac.abort() });
    await expect(job).rejects.toSatisfy(isAborted);
    await expect.poll(() => tf.memory().numTensors).toBe(before);
  }, 120_000);
});

describe('over the labelled gallery photos', () => {
  test('counts per block the photos that keep their true class in the top-5, streamed photo by photo', async () => {
    const photos = LABELLED_GALLERY.slice(0, 2).map((p) => ({ image: photo(p.file), trueClass: p.trueClass }));
    const before = tf.memory().numTensors;
    const events: GallerySweepAnswer[] = [];
    const r = await client.call('lesion-gallery', { model: spec, photos }, { onEvent: (e) => events.push(e) });
    expect(tf.memory().numTensors).toBe(before);
    expect(events.map((e) => e.done)).toEqual([1, 2]);
    expect(r).toMatchObject({ total: 2, done: 2 });
    expect(r.kept).toHaveLength(16);
    for (const k of r.kept) expect(k >= 0 && k <= 2).toBe(true);
    expect(r.intactKept).toBe(2); // coffee → espresso, chelsea → tabby are both in the top-5 intact
    expect(session.memory().imagesHeld).toBe(1); // the gallery photos were dropped after their sweeps
  }, 600_000);
});
