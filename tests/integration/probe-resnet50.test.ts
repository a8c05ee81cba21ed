// Probing the real Keras ResNet-50 on the gallery's coffee photo, through the engine session the
// classifier worker serves, on wasm. The weights are the site's default, resnet50_uint8 (the 8-bit
// download, dequantised to float32 on load); the model is loaded once and shared by every test.
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
import type { GradCam } from '../../src/lib/probe/types';
import { modelById, type ModelEntry } from '../../src/lib/inference/models';
import { analyze, getModel } from '../../src/lib/arch';
import { mapSpecToModel, type ModelProbe } from '../../src/lib/probe';
import { publicFetch, SITE, GALLERY_DIR, modelsPresent, photoRgba, rgbaToPixels } from '../helpers/node-models';

const ID = 'resnet50_uint8';
const spec: ModelEntry = { ...modelById(ID), urls: [SITE + modelById(ID).urls[0]!] };
const ESPRESSO = 967;
const TABBY = 281;

const startBackend = async (): Promise<BackendInfo> => {
  await tf.setBackend('wasm');
  await tf.ready();
  return { name: 'wasm', note: 'Node test' };
};
const coffee = () => photoRgba(join(GALLERY_DIR, 'coffee.jpg'));

/**
 * A real, tiny tfjs graph model served from memory: the image's mean colour times a fixed [3, 1000]
 * matrix (a GraphDef with a Placeholder, Mean and MatMul, its two constants in one weight file).
 */
const tinyGraphModelFetch: typeof fetch = async (input) => {
  const url = String(input);
  const weights = new Uint8Array(2 * 4 + 3000 * 4);
  new Int32Array(weights.buffer, 0, 2).set([1, 2]);
  new Float32Array(weights.buffer, 8, 3000).forEach((_, i, a) => (a[i] = ((i * 37) % 101) / 101));
  if (url.endsWith('/w.bin')) return new Response(weights);
  if (!url.endsWith('/model.json')) return new Response('not found', { status: 404 });
  const f = { type: 'DT_FLOAT' };
  return Response.json({
    format: 'graph-model',
    modelTopology: {
      node: [
        {
          name: 'x',
          op: 'Placeholder',
          attr: { dtype: f, shape: { shape: { dim: [{ size: '-1' }, { size: '224' }, { size: '224' }, { size: '3' }] } } },
        },
        {
          name: 'axes',
          op: 'Const',
          attr: { dtype: { type: 'DT_INT32' }, value: { tensor: { dtype: 'DT_INT32', tensorShape: { dim: [{ size: '2' }] } } } },
        },
        {
          name: 'w',
          op: 'Const',
          attr: { dtype: f, value: { tensor: { dtype: 'DT_FLOAT', tensorShape: { dim: [{ size: '3' }, { size: '1000' }] } } } },
        },
        { name: 'mean', op: 'Mean', input: ['x', 'axes'], attr: { T: f, keep_dims: { b: false } } },
        { name: 'logits', op: 'MatMul', input: ['mean', 'w'], attr: { T: f, transpose_a: { b: false }, transpose_b: { b: false } } },
      ],
      versions: { producer: 1 },
    },
    weightsManifest: [
      {
        paths: ['w.bin'],
        weights: [
          { name: 'axes', shape: [2], dtype: 'int32' },
          { name: 'w', shape: [3, 1000], dtype: 'float32' },
        ],
      },
    ],
  });
};

let session: EngineSession;
let probe: ModelProbe;

beforeAll(async () => {
  if (!modelsPresent([ID])) throw new Error('Run `npm run models` first (CI: MODELS_MIRROR=../shared/models npm run models).');
  await startBackend();
  session = new EngineSession({ tf, startBackend, toPixels: rgbaToPixels, fetchFunc: publicFetch });
  session.putImage('coffee', coffee());
  probe = await session.probe(spec);
}, 120_000);

afterAll(() => session.dispose());

/** Runs a job and checks it leaves the worker's tensor count where it was. */
async function flat<T>(job: () => Promise<T>): Promise<T> {
  const before = tf.memory().numTensors;
  const r = await job();
  expect(tf.memory().numTensors).toBe(before);
  return r;
}

describe('the loaded model against the Keras ResNet-50 spec', () => {
  test('every layer of the spec maps to a model layer with the same output shape', () => {
    const steps = analyze(getModel('resnet50-keras')).steps;
    const map = probe.map!;
    expect(probe.mapError).toBeNull();
    expect(map.layers.map((l) => l.id)).toEqual(steps.map((s) => s.id));
    for (const l of map.layers) expect(l.modelShape, l.id).toEqual(l.specShape);
    // The converted weights carry Keras 2.2 names; the map finds them from the graph.
    expect(map.byId.get('conv2_block1_1_conv')!.modelLayer).toBe('res2a_branch2a');
    expect(map.byId.get('conv5_block3_out')!.modelLayer).toBe('activation_48');
    // The Dense has its softmax built in: the spec's predictions (logits) and probs are both fc1000.
    expect(map.byId.get('predictions')).toMatchObject({ modelLayer: 'fc1000', preActivation: true });
    expect(map.byId.get('probs')).toMatchObject({ modelLayer: 'fc1000', preActivation: false });
  });

  test('16 bottleneck blocks found from the graph: 3, 4, 6, 3 in stages 2–5, a projection opening each stage', () => {
    const blocks = probe.blocks;
    expect(blocks).toHaveLength(16);
    expect([2, 3, 4, 5].map((s) => blocks.filter((b) => b.stage === s).length)).toEqual([3, 4, 6, 3]);
    expect(blocks.filter((b) => b.projection).map((b) => b.name)).toEqual(['conv2_block1', 'conv3_block1', 'conv4_block1', 'conv5_block1']);
    for (const b of blocks) {
      expect(b.branch).toHaveLength(8); // conv, BN, ReLU, conv, BN, ReLU, conv, BN
      expect(probe.graph.byName.get(b.branchEnd)!.className).toBe('BatchNormalization');
      expect(b.projection ? probe.graph.byName.get(b.shortcutEnd)!.className : b.shortcutEnd).toBe(
        b.projection ? 'BatchNormalization' : b.input,
      );
    }
  });

  test('the torchvision ResNet-50 spec (stride on the 3×3 conv) does not fit these weights, and says where', () => {
    expect(() => mapSpecToModel(probe.graph, analyze(getModel('resnet50')))).toThrow(
      /conv3_block1 branch: the spec's conv3_block1_1_conv gives \[56, 56, 128\] but the model's res3a_branch2a gives \[28, 28, 128\]/,
    );
  });
});

describe('‖F(x)‖ / ‖x‖ per block on coffee.jpg', () => {
  // Computed once with this test's setup (Node, wasm, resnet50_uint8) and committed.
  const RATIOS: Record<string, number> = {
    conv2_block1: 0.7936,
    conv2_block2: 0.8382,
    conv2_block3: 0.6904,
    conv3_block1: 0.7892,
    conv3_block2: 0.7383,
    conv3_block3: 0.7166,
    conv3_block4: 0.8186,
    conv4_block1: 0.6847,
    conv4_block2: 0.7005,
    conv4_block3: 0.8032,
    conv4_block4: 0.9612,
    conv4_block5: 0.8828,
    conv4_block6: 0.855,
    conv5_block1: 0.6717,
    conv5_block2: 1.1276,
    conv5_block3: 1.5823,
  };

  test('16 finite positive ratios, equal to the committed values; no tensors left', async () => {
    const r = await flat(() => session.residuals(spec, 'coffee'));
    expect(r.map((x) => x.block)).toEqual(Object.keys(RATIOS));
    for (const x of r) {
      expect(Number.isFinite(x.ratio) && x.ratio > 0, x.block).toBe(true);
      expect(x.ratio).toBeCloseTo(x.branchNorm / x.shortcutNorm, 10);
      expect(x.ratio, x.block).toBeCloseTo(RATIOS[x.block]!, 3);
    }
    expect(r.filter((x) => x.projection).map((x) => x.stage)).toEqual([2, 3, 4, 5]);
  });

  test('residual maps: F(x), x and F(x) + x of a block, the chosen channels most active in the sum, one scale', async () => {
    const m = await flat(() => session.residualMaps(spec, 'coffee', 'conv3_block2', 4));
    expect([m.h, m.w, m.c]).toEqual([28, 28, 512]);
    expect(m.channels).toHaveLength(4);
    const mean = (a: Float32Array) => a.reduce((s, v) => s + v, 0) / a.length;
    const means = m.sum.map(mean);
    expect([...means].sort((a, b) => b - a)).toEqual(means);
    // F(x) + x is the sum, element by element.
    for (let i = 0; i < 4; i++)
      for (let j = 0; j < m.h * m.w; j += 97) {
        expect(m.sum[i]![j]).toBeCloseTo(m.branch[i]![j]! + m.shortcut[i]![j]!, 3);
      }
    const all = [...m.branch, ...m.shortcut, ...m.sum].flatMap((a) => [...a]);
    expect(Math.min(...all)).toBe(m.min);
    expect(Math.max(...all)).toBe(m.max);
    await expect(session.residualMaps(spec, 'coffee', 'conv6_block1', 4)).rejects.toThrow(
      /no residual block "conv6_block1".*conv2_block1 … conv5_block3/,
    );
  });
});

describe('Grad-CAM on coffee.jpg', () => {
  // The photo (600×400) is squeezed whole to 224×224, so each of the 7×7 cells is 32×32 input pixels
  // (86×57 of the photo). The cup — its white rim and the crema inside — fills columns 2–4 of rows
  // 0–3 (photo x ≈ 175–435, y ≈ 10–225); the saucer, handle and spoon lie below and around it.
  const inCup = (cell: number) => Math.floor(cell / 7) <= 3 && cell % 7 >= 2 && cell % 7 <= 4;
  const peak = (g: GradCam) => g.map.indexOf(g.max);
  const corr = (a: Float32Array, b: Float32Array) => {
    const ma = a.reduce((s, v) => s + v, 0) / a.length;
    const mb = b.reduce((s, v) => s + v, 0) / b.length;
    let ab = 0,
      aa = 0,
      bb = 0;
    for (let i = 0; i < a.length; i++) {
      ab += (a[i]! - ma) * (b[i]! - mb);
      aa += (a[i]! - ma) ** 2;
      bb += (b[i]! - mb) ** 2;
    }
    return ab / Math.sqrt(aa * bb);
  };
  let espresso: GradCam;

  test('espresso (class 967) peaks inside the cup; its score is the logit, not the probability', async () => {
    espresso = await flat(() => session.gradCam(spec, 'coffee', ESPRESSO));
    expect([espresso.h, espresso.w, espresso.map.length]).toEqual([7, 7, 49]);
    expect(espresso.layer).toBe('conv5_block3_out');
    expect(espresso.max).toBeGreaterThan(0);
    expect(inCup(peak(espresso)), `peak cell ${peak(espresso)}`).toBe(true);
    const logits = await session.probeLayer(spec, 'coffee', 'predictions', 1);
    expect(logits.channels[0]).toBe(ESPRESSO);
    expect(espresso.score).toBeCloseTo(logits.maps[0]![0]!, 3);
    expect(espresso.score).toBeGreaterThan(1); // a logit; the probability is below 1
  });

  test('a class not in the photo (tabby cat) gives a clearly different map', async () => {
    const tabby = await flat(() => session.gradCam(spec, 'coffee', TABBY));
    expect(tabby.score).toBeLessThan(espresso.score - 10);
    expect(peak(tabby)).not.toBe(peak(espresso));
    expect(corr(tabby.map, espresso.map)).toBeLessThan(0.3);
  });

  test('a graph model is refused with a message, not a crash', async () => {
    const s = new EngineSession({ tf, startBackend, toPixels: rgbaToPixels, fetchFunc: tinyGraphModelFetch });
    s.putImage('coffee', coffee());
    const graphSpec: ModelEntry = { ...spec, id: 'own-graph', name: 'Your graph model', format: 'graph', urls: [`${SITE}/own/model.json`] };
    // It loads and classifies (a real tfjs graph model), but has no layers or weights to open up.
    expect((await s.classify(graphSpec, 'coffee')).probs).toHaveLength(1000);
    await expect(s.gradCam(graphSpec, 'coffee', ESPRESSO)).rejects.toThrow(
      /Your graph model is a graph model: Grad-CAM needs a layers model/,
    );
    await expect(s.residuals(graphSpec, 'coffee')).rejects.toThrow(/is a graph model/);
    await expect(s.probeLayer(graphSpec, 'coffee', 'conv1_conv', 4)).rejects.toThrow(/is a graph model/);
    s.dispose();
  });
});

describe('probe-layer', () => {
  test('the requested number of channels, sorted by mean, one shared scale; cached the second time', async () => {
    const first = await flat(() => session.probeLayer(spec, 'coffee', 'conv2_block1_out', 8));
    expect(first).toMatchObject({ layer: 'conv2_block1_out', shape: [56, 56, 256], h: 56, w: 56, c: 256 });
    expect(first.channels).toHaveLength(8);
    expect(first.maps).toHaveLength(8);
    const means = first.maps.map((m) => m.reduce((s, v) => s + v, 0) / m.length);
    for (let i = 1; i < means.length; i++) expect(means[i]!).toBeLessThanOrEqual(means[i - 1]! + 1e-6);
    expect(first.min).toBe(Math.min(...first.maps.flatMap((m) => [...m])));
    expect(first.max).toBe(Math.max(...first.maps.flatMap((m) => [...m])));
    expect(first.cached).toBe(false);
    const again = await flat(() => session.probeLayer(spec, 'coffee', 'conv2_block1_out', 8));
    expect(again.cached).toBe(true);
    expect(again.channels).toEqual(first.channels);
  });

  test('a step brings the rest of its block along: the next steps of the walk are already cached', async () => {
    const first = await flat(() => session.probeLayer(spec, 'coffee', 'conv4_block2_1_conv', 6));
    expect(first.cached).toBe(false);
    for (const id of ['conv4_block2_1_bn', 'conv4_block2_2_conv', 'conv4_block2_3_bn', 'conv4_block2_add', 'conv4_block2_out']) {
      const r = await session.probeLayer(spec, 'coffee', id, 6);
      expect(r.cached, id).toBe(true);
      expect(r.channels).toHaveLength(6);
    }
    // The next block is not: it costs its own pass.
    expect((await session.probeLayer(spec, 'coffee', 'conv4_block3_1_conv', 6)).cached).toBe(false);
    // Answers that came along equal those computed on their own.
    const own = await session.probeLayer(spec, 'coffee', 'res4b_branch2b', 6);
    const along = await session.probeLayer(spec, 'coffee', 'conv4_block2_2_conv', 6);
    expect(along.modelLayer).toBe('res4b_branch2b');
    expect(along.channels).toEqual(own.channels);
    expect([...along.maps[0]!]).toEqual([...own.maps[0]!]);
  });

  test("the model's own layer names work too; the spec shape and the model shape agree", async () => {
    const bySpec = await session.probeLayer(spec, 'coffee', 'conv3_block1_1_conv', 4);
    const byModel = await session.probeLayer(spec, 'coffee', 'res3a_branch2a', 4);
    expect(bySpec.modelLayer).toBe('res3a_branch2a');
    expect(bySpec.shape).toEqual([28, 28, 128]);
    expect(byModel.channels).toEqual(bySpec.channels);
  });

  test('non-spatial layers give shape [N]: the probabilities, the logits and the pooled features', async () => {
    const probs = await flat(() => session.probeLayer(spec, 'coffee', 'probs', 3));
    expect(probs).toMatchObject({ shape: [1000], h: 1, w: 1, c: 1000 });
    expect(probs.channels[0]).toBe(ESPRESSO);
    expect(probs.maps[0]![0]).toBeGreaterThan(0.5);
    expect(probs.maps[0]![0]).toBeLessThanOrEqual(1);
    const pool = await flat(() => session.probeLayer(spec, 'coffee', 'avg_pool', 5));
    expect(pool.shape).toEqual([2048]);
    await expect(session.probeLayer(spec, 'coffee', 'conv9_nothing', 5)).rejects.toThrow(/no layer "conv9_nothing"/);
  });

  test('replacing the image drops its cached answers', async () => {
    await session.probeLayer(spec, 'coffee', 'pool1_pool', 4);
    expect((await session.probeLayer(spec, 'coffee', 'pool1_pool', 4)).cached).toBe(true);
    session.putImage('coffee', coffee());
    expect((await session.probeLayer(spec, 'coffee', 'pool1_pool', 4)).cached).toBe(false);
    session.dropImage('coffee');
    await expect(session.probeLayer(spec, 'coffee', 'pool1_pool', 4)).rejects.toThrow(/no longer held/);
    session.putImage('coffee', coffee());
  });
});

describe('through the worker runtime', () => {
  test('the four requests are served; on one channel the latest wins', async () => {
    // The shared session behind a MessageChannel, as the classifier worker serves it.
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
    const client = new RpcClient<EngineMethods>({ create: () => worker, page: null });
    const ratios = await client.call('residuals', { model: spec, imageId: 'coffee' });
    expect(ratios).toHaveLength(16);
    const maps = await client.call('residual-maps', { model: spec, imageId: 'coffee', block: 'conv5_block3', count: 2 });
    expect(maps.sum[0]).toBeInstanceOf(Float32Array);
    const jobs = [
      client.call('probe-layer', { model: spec, imageId: 'coffee', layer: 'conv4_block6_out', count: 4 }, { lane: 'probe' }),
      client.call('probe-layer', { model: spec, imageId: 'coffee', layer: 'conv5_block1_out', count: 4 }, { lane: 'probe' }),
      client.call('gradcam', { model: spec, imageId: 'coffee', classIndex: ESPRESSO }, { lane: 'probe' }),
    ];
    const settled = await Promise.allSettled(jobs);
    expect(settled.map((r) => r.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
    expect(settled.slice(0, 2).every((r) => r.status === 'rejected' && isAborted(r.reason))).toBe(true);
    expect(((await jobs[2]!) as GradCam).map).toHaveLength(49);
    await expect(client.call('gradcam', { model: spec, imageId: 'coffee', classIndex: 1000 })).rejects.toThrow(
      /class 1000 is outside 0…999/,
    );
    client.terminate();
  });
});
