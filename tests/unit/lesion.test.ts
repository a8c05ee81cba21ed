// Deleting residual blocks (src/lib/probe/lesion.ts, lesion-run.ts) on a tiny Keras-style functional
// net with two bottleneck-like blocks, the first with a 1×1 projection shortcut: the lesioned forward
// against model.predict and against forwards built here by calling the layers by hand.
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { findResidualBlocks, readGraph, type ModelGraph, type ResidualBlock } from '../../src/lib/probe';
import { lesionedForward } from '../../src/lib/probe/lesion';
import { tinyResNet } from '../helpers/tiny-resnet';
import { expectNoSyncReads, noSyncReads, releaseSpy } from '../helpers/sync-read-spy';
import {
  blockDeletion,
  eachBlockInTurn,
  lesionAnswer,
  lesionBlocks,
  lesionedProbs,
  type LesionTarget,
} from '../../src/lib/probe/lesion-run';

let model: tf.LayersModel;
let graph: ModelGraph;
let blocks: ResidualBlock[];
let target: LesionTarget;
let x: tf.Tensor4D;

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
  model = tinyResNet();
  graph = readGraph(model);
  blocks = findResidualBlocks(graph);
  target = { model, graph, blocks };
  x = tf.randomNormal([1, 8, 8, 3], 0, 1, 'float32', 7) as tf.Tensor4D;
});

afterEach(releaseSpy);

afterAll(() => {
  x.dispose();
  model.dispose();
});

const apply = (name: string, ...ins: tf.Tensor[]) => model.getLayer(name).apply(ins.length === 1 ? ins[0]! : ins) as tf.Tensor;
const chain = (names: string[], t: tf.Tensor) => names.reduce((acc, n) => apply(n, acc), t);

/** The forward pass written out by hand; `offA`/`offB` drop that block's branch. */
function byHand(offA: boolean, offB: boolean): tf.Tensor {
  return tf.tidy(() => {
    const stem = chain(['stem', 'stem_bn', 'stem_relu'], x);
    const aShort = chain(['a_conv0', 'a_bn0'], stem);
    const aSum = offA ? aShort : apply('a_add', chain(['a_conv1', 'a_bn1', 'a_relu1', 'a_conv2', 'a_bn2'], stem), aShort);
    const aOut = apply('a_out', aSum);
    const bSum = offB ? aOut : apply('b_add', chain(['b_conv1', 'b_bn1', 'b_relu1', 'b_conv2', 'b_bn2'], aOut), aOut);
    return chain(['b_out', 'pool', 'fc'], bSum);
  });
}

async function values(t: tf.Tensor): Promise<Float32Array> {
  const v = (await t.data()) as Float32Array;
  t.dispose();
  return v;
}

describe('the lesioned forward pass', () => {
  test('the block finder sees two blocks: a projection opening, then an identity', () => {
    expect(blocks.map((b) => [b.projection, b.branch.length, b.shortcut.length])).toEqual([
      [true, 5, 2],
      [false, 5, 0],
    ]);
    expect(lesionBlocks(target).map((b) => [b.stage, b.inStage, b.projection])).toEqual([
      [2, 1, true],
      [2, 2, false],
    ]);
  });

  test('with no block removed it gives model.predict’s output exactly, and leaves no tensor behind', async () => {
    const before = tf.memory().numTensors;
    const mine = await values(lesionedForward(tf, model, graph, blocks, [], x).output);
    const theirs = await values(model.predict(x) as tf.Tensor);
    expect(Array.from(mine)).toEqual(Array.from(theirs));
    expect(tf.memory().numTensors).toBe(before);
  });

  test.each([
    ['the projection block', [0], true, false],
    ['the identity block', [1], false, true],
    ['both blocks', [0, 1], true, true],
  ])('removing %s equals the forward built by hand without F', async (_, off, offA, offB) => {
    const before = tf.memory().numTensors;
    const mine = await values(lesionedForward(tf, model, graph, blocks, off, x).output);
    expect(tf.memory().numTensors).toBe(before);
    const ref = await values(byHand(offA, offB));
    expect(Array.from(mine)).toEqual(Array.from(ref));
    const intact = await values(byHand(false, false));
    expect(Array.from(mine)).not.toEqual(Array.from(intact));
  });

  test('starting from a block’s input gives the same as a whole pass; keep returns tensors the caller owns', async () => {
    const pass = lesionedForward(tf, model, graph, blocks, [], x, { keep: [blocks[1]!.input] });
    const kept = pass.kept.get(blocks[1]!.input)!;
    pass.output.dispose();
    const from = await values(lesionedForward(tf, model, graph, blocks, [1], x, { from: { layer: blocks[1]!.input, value: kept } }).output);
    expect(kept.isDisposed).toBe(false);
    kept.dispose();
    expect(Array.from(from)).toEqual(Array.from(await values(byHand(false, true))));
  });

  test('refusals: a block that does not exist, a start that is not a cut of the graph', () => {
    expect(() => lesionedForward(tf, model, graph, blocks, [2], x)).toThrow(/there is no block 2 \(the model has 2 residual blocks\)/);
    const t = tf.zeros([1, 8, 8, 8]);
    // a_bn2 is on block A's branch: the shortcut's layers still read the stem.
    expect(() => lesionedForward(tf, model, graph, blocks, [], x, { from: { layer: 'a_bn2', value: t } })).toThrow(/not a cut/);
    t.dispose();
  });
});

describe('the experiments on top', () => {
  test('each block in turn: the same probabilities as each single deletion; tensors flat; abort frees the kept inputs', async () => {
    const before = tf.memory().numTensors;
    const got: Float32Array[] = [];
    const intact = await eachBlockInTurn(tf, target, x, { onDeletion: (_, p) => got.push(p) });
    expect(tf.memory().numTensors).toBe(before);
    expect(Array.from(intact)).toEqual(Array.from(await lesionedProbs(tf, target, [], x)));
    for (const i of [0, 1]) expect(Array.from(got[i]!), `block ${i}`).toEqual(Array.from(await lesionedProbs(tf, target, [i], x)));
    const ac = new AbortController();
    await expect(eachBlockInTurn(tf, target, x, { signal: ac.signal, onDeletion: () => ac.abort() })).rejects.toThrow();
    expect(tf.memory().numTensors).toBe(before);
  });

  test('no synchronous read anywhere (it would stall a GPU backend): a lesion and each block in turn', async () => {
    await noSyncReads(async () => {
      await lesionedProbs(tf, target, [0], x);
      await eachBlockInTurn(tf, target, x);
      expectNoSyncReads();
    });
  });

  test('an answer follows the intact top-1; a NaN output is a result with no top-5 and no rank', () => {
    const intact = new Float32Array([0.1, 0.6, 0.1, 0.1, 0.1]);
    const lesioned = new Float32Array([0.05, 0.2, 0.5, 0.15, 0.1]);
    const a = lesionAnswer(target, [1, 0, 1], intact, lesioned);
    expect(a.off).toEqual([0, 1]);
    expect(a.finite).toBe(true);
    expect(a.top5.map((r) => r.index)).toEqual([2, 1, 3, 4, 0]);
    expect(a.original).toEqual({ classIndex: 1, intactProb: expect.closeTo(0.6, 6), prob: expect.closeTo(0.2, 6), rank: 2 });
    const nan = lesionAnswer(target, [0], intact, new Float32Array([Number.NaN, 0, 0, 0, 0]));
    expect(nan.finite).toBe(false);
    expect(nan.top5).toEqual([]);
    expect(nan.original.rank).toBeNull();
    expect(blockDeletion(1, intact, lesioned)).toEqual({ block: 1, finite: true, prob: expect.closeTo(0.2, 6), rank: 2, top1: 2 });
    expect(blockDeletion(0, intact, new Float32Array(5).fill(Number.NaN))).toMatchObject({ finite: false, rank: null, top1: null });
  });
});
