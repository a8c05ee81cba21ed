// Training with the site's library on real Fashion-MNIST images: the loss falls, wasm and cpu
// agree step for step, nothing leaks, and one backward pass shows the gradient vanish in a deep
// plain net but not in its residual twin.
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { cifarResnetSpec } from '../../src/lib/arch';
import { createNet, toLayersWeights, type Net } from '../../src/lib/train/net';
import { BatchOrder, Sgd, gradientNorms, makeBatch, trainStep } from '../../src/lib/train/trainer';
import { pixelStats } from '../../src/lib/train/fashion-mnist';
import { FASHION_INPUT } from '../../src/lib/train/tiny-specs';
import { committedFashion, onBackend, wasmTf } from '../helpers/wasm-train';

async function losses(depth: number, width: number, batch: number, steps: number, seed: number, lr: number): Promise<number[]> {
  const d = await committedFashion();
  const norm = pixelStats(d.train);
  const net = createNet(tf, cifarResnetSpec(depth, { width, classes: 10 }), { input: FASHION_INPUT, seed });
  const opt = new Sgd(tf, net, { learningRate: lr });
  const order = new BatchOrder(d.train.count, batch, seed);
  const out: number[] = [];
  for (let i = 0; i < steps; i++) {
    const { x, y } = makeBatch(tf, d.train, order.next(), norm);
    out.push((await trainStep(tf, net, opt, x, y)).loss);
    tf.dispose([x, y]);
  }
  opt.dispose();
  net.dispose();
  return out;
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('training on wasm', () => {
  it('lowers the loss of a ResNet-8 over 20 steps (fixed seed), without leaking tensors', async () => {
    await wasmTf();
    const before = tf.memory().numTensors;
    const l = await losses(8, 8, 32, 20, 3, 0.05);
    expect(l.every(Number.isFinite)).toBe(true);
    expect(mean(l.slice(-5))).toBeLessThan(mean(l.slice(0, 5)) * 0.8);
    expect(tf.memory().numTensors).toBe(before);
    // Same seed, same curve.
    expect(await losses(8, 8, 32, 3, 3, 0.05)).toEqual(l.slice(0, 3));
  });

  it('gives the same loss as the cpu backend after 3 steps (same seed, to 1e-3)', async () => {
    await wasmTf();
    const wasm = await losses(8, 4, 16, 3, 5, 0.05);
    const cpu = await onBackend('cpu', () => losses(8, 4, 16, 3, 5, 0.05));
    expect(cpu.length).toBe(3);
    for (let i = 0; i < 3; i++) expect(Math.abs(wasm[i]! - cpu[i]!)).toBeLessThan(1e-3);
  });
});

describe('a diverged step', () => {
  /** Every weight of a net (kernels, biases, gammas, betas, moving statistics), read back. */
  const weights = (net: Net): Promise<Float32Array[]> =>
    Promise.all(toLayersWeights(net).map(async (w) => (await w.tensor.data()) as Float32Array));

  it('(NaN loss) writes nothing into the weights, the moving statistics or the momentum, and frees what it made', async () => {
    await wasmTf();
    const d = await committedFashion();
    const norm = pixelStats(d.train);
    const spec = cifarResnetSpec(8, { width: 4, classes: 10 });
    const { x, y } = makeBatch(
      tf,
      d.train,
      Array.from({ length: 8 }, (_, i) => i),
      norm,
    );
    const nan = tf.fill(x.shape, Number.NaN) as tf.Tensor4D;
    // Net a: a finite step (momentum buffers now hold something), a diverged one, a finite one.
    // Net b, same seed: the two finite steps only. The diverged step must change nothing.
    const a = createNet(tf, spec, { input: FASHION_INPUT, seed: 4 });
    const b = createNet(tf, spec, { input: FASHION_INPUT, seed: 4 });
    const optA = new Sgd(tf, a, { learningRate: 0.05 });
    const optB = new Sgd(tf, b, { learningRate: 0.05 });
    await trainStep(tf, a, optA, x, y);
    await trainStep(tf, b, optB, x, y);
    const beforeW = await weights(a);
    const tensors = tf.memory().numTensors;
    const r = await trainStep(tf, a, optA, nan, y);
    expect(Number.isNaN(r.loss)).toBe(true);
    expect(await weights(a)).toEqual(beforeW);
    expect(tf.memory().numTensors).toBe(tensors);
    const la = await trainStep(tf, a, optA, x, y);
    const lb = await trainStep(tf, b, optB, x, y);
    expect(la).toEqual(lb);
    expect(await weights(a)).toEqual(await weights(b));
    expect(beforeW.some((w) => w.some((v) => !Number.isFinite(v)))).toBe(false);
    for (const o of [optA, optB]) o.dispose();
    for (const n of [a, b]) n.dispose();
    tf.dispose([x, y, nan]);
  });
});

describe('gradient norms from one backward pass', () => {
  // Without batch norm, Keras' default initialisation (Glorot) halves the signal's variance at
  // every ReLU layer: through 55 plain layers the gradient reaching the first ones vanishes.
  async function ratio(shortcuts: boolean): Promise<{ ratio: number; layers: number; finite: boolean }> {
    await wasmTf();
    const d = await committedFashion();
    const { x, y } = makeBatch(
      tf,
      d.train,
      Array.from({ length: 16 }, (_, i) => i),
      pixelStats(d.train),
    );
    const net = createNet(tf, cifarResnetSpec(56, { shortcuts, width: 4, batchNorm: false, classes: 10 }), {
      input: FASHION_INPUT,
      seed: 1,
      init: 'glorot',
    });
    const g = await gradientNorms(tf, net, x, y);
    net.dispose();
    tf.dispose([x, y]);
    const convs = g.filter((l) => !l.id.startsWith('predictions'));
    const gm = (a: number[]): number => Math.exp(mean(a.map(Math.log)));
    const first = gm(convs.slice(0, 3).map((l) => l.outputGradRms));
    const last = gm(convs.slice(-3).map((l) => l.outputGradRms));
    return {
      ratio: first / last,
      layers: g.length,
      finite: g.every((l) => Number.isFinite(l.outputGradNorm) && Number.isFinite(l.weightGradNorm)),
    };
  }

  it('plain-56 without batch norm: the first layers get orders of magnitude less gradient than the last', async () => {
    const r = await ratio(false);
    expect(r.layers).toBe(56);
    expect(r.finite).toBe(true);
    expect(r.ratio).toBeLessThan(1e-6);
  });

  it('ResNet-56 without batch norm: first and last layers stay within one order of magnitude', async () => {
    const r = await ratio(true);
    expect(r.layers).toBe(56);
    expect(r.ratio).toBeGreaterThan(0.1);
    expect(r.ratio).toBeLessThan(10);
  });
});
