// The probes' logic without downloaded weights: residual blocks and the spec ↔ model map found from
// real tfjs graphs built from the specs (names never read), the channel choice, the probe cache, the
// memory message, and Grad-CAM's gradient checked against its closed form on a small model.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { analyze, getModel } from '../../src/lib/arch';
import { buildModel } from '../../src/lib/arch/tfjs-model';
import {
  ModelProbe,
  findResidualBlocks,
  graphOf,
  gradCam,
  mapSpecToModel,
  mostActive,
  readGraph,
  residualRatios,
  sharedRange,
  topByMean,
  withMemoryMessage,
  isOutOfMemory,
  type GraphLayer,
} from '../../src/lib/probe';
import { ProbeCache } from '../../src/lib/engine/probe-cache';
import type { ProbeLayer } from '../../src/lib/probe/types';

const SMALL = { h: 64, w: 64, c: 3 };

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
});

describe('residual blocks and the spec map from a graph', () => {
  let resnet18: tf.LayersModel;
  beforeAll(() => {
    resnet18 = buildModel(getModel('resnet18'), { input: SMALL, init: 'zeros' });
  });
  afterAll(() => resnet18.dispose());

  test('ResNet-18 built from its spec: 8 basic blocks, a projection opening stages 3–5 only', () => {
    const blocks = findResidualBlocks(readGraph(resnet18));
    expect(blocks).toHaveLength(8);
    expect(blocks.map((b) => b.stage)).toEqual([2, 2, 3, 3, 4, 4, 5, 5]);
    expect(blocks.map((b) => b.projection)).toEqual([false, false, true, false, true, false, true, false]);
    // conv, bn, relu, conv, bn on the branch; the identity shortcut reads the block input itself.
    expect(blocks[0]!.branch).toHaveLength(5);
    expect(blocks[0]!.shortcutEnd).toBe(blocks[0]!.input);
    expect(blocks[2]!.shortcut).toHaveLength(2);
  });

  test('every spec layer maps to a layer with the same output shape; the separate softmax is its own layer', () => {
    const map = mapSpecToModel(readGraph(resnet18), analyze(getModel('resnet18'), SMALL));
    const steps = analyze(getModel('resnet18'), SMALL).steps;
    expect(map.layers.map((l) => l.id)).toEqual(steps.map((s) => s.id));
    for (const l of map.layers) expect(l.modelShape).toEqual(l.specShape);
    // buildModel names its layers after the spec, so here the map is the identity on names.
    expect(map.layers.every((l) => l.modelLayer === l.id)).toBe(true);
    expect(map.byId.get('predictions')!.preActivation).toBe(false);
  });

  test('names play no part: the same graph with every layer renamed maps the same way', () => {
    const g = readGraph(resnet18);
    const alias = new Map(g.layers.map((l, i) => [l.name, `layer_${(i * 7919) % 1000}_${i}`]));
    const renamed: GraphLayer[] = g.layers.map((l) => ({ ...l, name: alias.get(l.name)!, inbound: l.inbound.map((n) => alias.get(n)!) }));
    const map = mapSpecToModel(
      graphOf(
        renamed,
        g.inputs.map((n) => alias.get(n)!),
        g.outputs.map((n) => alias.get(n)!),
      ),
      analyze(getModel('resnet18'), SMALL),
    );
    expect(map.byId.get('conv3_block1_0_conv')!.modelLayer).toBe(alias.get('conv3_block1_0_conv'));
    expect(map.blocks.map((b) => b.name)).toEqual([
      'conv2_block1',
      'conv2_block2',
      'conv3_block1',
      'conv3_block2',
      'conv4_block1',
      'conv4_block2',
      'conv5_block1',
      'conv5_block2',
    ]);
  });

  test('a spec that does not fit the graph is refused with where and why', () => {
    const g = readGraph(resnet18);
    expect(() => mapSpecToModel(g, analyze(getModel('resnet34'), SMALL))).toThrow(
      /ResNet-34 has 16 residual blocks; the model's graph has 8/,
    );
    // The same graph at another input size: shapes disagree, and the message gives both.
    expect(() => mapSpecToModel(g, analyze(getModel('resnet18')))).toThrow(
      /conv1_conv gives \[112, 112, 64\] but the model's conv1_conv gives \[32, 32, 64\]/,
    );
  });

  test('an Add of two equally long paths is not a residual block', () => {
    const l = (name: string, className: string, inbound: string[]): GraphLayer => ({ name, className, inbound, shape: [4, 4, 8] });
    const g = graphOf(
      [l('in', 'InputLayer', []), l('a', 'Conv2D', ['in']), l('b', 'Conv2D', ['in']), l('sum', 'Add', ['a', 'b'])],
      ['in'],
      ['sum'],
    );
    expect(findResidualBlocks(g)).toEqual([]);
  });
});

describe('choosing channels', () => {
  // [H=1, W=2, C=3]: channel means 2, 5, −1.
  const data = Float32Array.from([1, 4, -1, 3, 6, -1]);
  test('most active first, by mean; one shared range over the chosen maps', () => {
    const { channels, maps } = mostActive(data, 1, 2, 3, 2);
    expect(channels).toEqual([1, 0]);
    expect(maps.map((m) => [...m])).toEqual([
      [4, 6],
      [1, 3],
    ]);
    expect(sharedRange(maps)).toEqual({ min: 1, max: 6 });
  });
  test('asking for more channels than there are gives them all; a count below 1 is refused', () => {
    expect(topByMean([1, 2], 10)).toEqual([1, 0]);
    expect(() => topByMean([1, 2], 0)).toThrow(/count must be a whole number/);
  });
});

describe('probe cache', () => {
  const answer = (n: number): ProbeLayer => ({
    layer: 'x',
    shape: [n],
    h: 1,
    w: n,
    c: 1,
    channels: [0],
    maps: [new Float32Array(n)],
    min: 0,
    max: 0,
    ms: 1,
    cached: false,
  });
  test('dropping an image drops its answers; the least recently used go first over the budget', () => {
    const c = new ProbeCache(3 * 400);
    c.set('a', 'l1', answer(100));
    c.set('a', 'l2', answer(100));
    c.set('b', 'l1', answer(100));
    c.get('a', 'l1'); // now the most recent
    c.set('b', 'l2', answer(100)); // over budget: a/l2 (least recent) goes
    expect(c.get('a', 'l2')).toBeUndefined();
    expect(c.get('a', 'l1')).toBeDefined();
    c.dropImage('b');
    expect(c.size).toBe(1);
    expect(c.heldBytes).toBe(400);
  });
});

describe('errors', () => {
  test('running out of memory becomes a message that says so and what to try', async () => {
    const oom = withMemoryMessage('Grad-CAM', () =>
      Promise.reject(new RangeError('WebAssembly.Memory.grow(): Maximum memory size exceeded')),
    );
    await expect(oom).rejects.toThrow(/Memory ran out while computing Grad-CAM.*Try again with fewer channels/);
    await expect(withMemoryMessage('x', () => Promise.reject(new Error('other')))).rejects.toThrow(/^other$/);
    expect(isOutOfMemory(new Error('Aborted(Cannot enlarge memory arrays to size 2147549184 bytes (OOM))'))).toBe(true);
  });
});

describe('Grad-CAM on a small model', () => {
  // conv (the "last stage", 4×4×5) → global average pool → Dense with a built-in softmax, like the
  // converted ResNet-50's head.
  let model: tf.LayersModel;
  let probe: ModelProbe;
  beforeAll(() => {
    const inp = tf.input({ shape: [8, 8, 3] });
    const a = tf.layers
      .conv2d({ filters: 5, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', name: 'conv5_block3_out' })
      .apply(inp) as tf.SymbolicTensor;
    const p = tf.layers.globalAveragePooling2d({ name: 'pool' }).apply(a) as tf.SymbolicTensor;
    const out = tf.layers.dense({ units: 4, activation: 'softmax', name: 'fc' }).apply(p) as tf.SymbolicTensor;
    model = tf.model({ inputs: inp, outputs: out });
    probe = new ModelProbe(tf, model);
  });
  afterAll(() => model.dispose());

  test('the map is ReLU(Σ_k α_k A^k) with α_k = w_kc / (H·W), the score is the logit, no tensors left', async () => {
    const x = tf.randomUniform([1, 8, 8, 3], -1, 1, 'float32', 7) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    const g = await gradCam(tf, probe, x, 2);
    expect(tf.memory().numTensors).toBe(before);
    const [kernel, bias] = model.getLayer('fc').getWeights() as [tf.Tensor2D, tf.Tensor1D];
    const A = probe.run(['conv5_block3_out'], x)[0]! as tf.Tensor4D;
    const w = kernel.slice([0, 2], [5, 1]).reshape([5]);
    const expected = tf
      .relu(A.mul(w.div(16)).sum(3))
      .reshape([-1])
      .dataSync();
    const logit = A.mean([1, 2])
      .matMul(w.reshape([5, 1]))
      .add(bias.slice([2], [1]))
      .dataSync()[0]!;
    expect(g.h).toBe(4);
    expect([...g.map].map((v, i) => Math.abs(v - expected[i]!))).toSatisfy((d: number[]) => d.every((e) => e < 1e-5));
    expect(g.score).toBeCloseTo(logit, 5);
    expect(g.max).toBeCloseTo(Math.max(0, ...expected), 6);
    tf.dispose([x, A, w]);
  });

  test('a model without the layer, or a class out of range, is refused with a message', async () => {
    const x = tf.zeros([1, 8, 8, 3]) as tf.Tensor4D;
    await expect(gradCam(tf, probe, x, 2, 'conv4_block6_out')).rejects.toThrow(/Grad-CAM needs the layer conv4_block6_out.*no such layer/);
    await expect(gradCam(tf, probe, x, 4)).rejects.toThrow(/class 4 is outside 0…3/);
    await expect(residualRatios(tf, probe, x)).rejects.toThrow(/no residual blocks/);
    x.dispose();
  });
});
