// The wasm convolution-gradient kernels against the cpu backend's, on random shapes.
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { mulberry32 } from '../../src/lib/train/rng';
import { onBackend, wasmTf } from '../helpers/wasm-train';

type Case = { n: number; h: number; w: number; ci: number; co: number; k: number; s: number; pad: 'same' | 'valid' | number };

function cases(count: number): Case[] {
  const r = mulberry32(12345);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const out: Case[] = [
    { n: 2, h: 28, w: 28, ci: 16, co: 32, k: 3, s: 2, pad: 1 },
    { n: 1, h: 7, w: 7, ci: 3, co: 5, k: 3, s: 1, pad: 'same' },
    { n: 3, h: 8, w: 6, ci: 4, co: 2, k: 1, s: 2, pad: 'valid' },
  ];
  while (out.length < count) {
    out.push({
      n: pick([1, 2, 3, 5]),
      h: pick([5, 6, 7, 9, 12, 14]),
      w: pick([5, 7, 8, 11]),
      ci: pick([1, 2, 3, 8, 16]),
      co: pick([1, 4, 7, 16]),
      k: pick([1, 2, 3, 5]),
      s: pick([1, 2]),
      pad: pick(['same', 'valid', 0, 1] as const),
    });
  }
  return out.filter(
    (c) =>
      c.pad === 'same' ||
      (c.h + 2 * (typeof c.pad === 'number' ? c.pad : 0) >= c.k && c.w + 2 * (typeof c.pad === 'number' ? c.pad : 0) >= c.k),
  );
}

const explicit = (p: Case['pad']) =>
  typeof p === 'number'
    ? ([
        [0, 0],
        [p, p],
        [p, p],
        [0, 0],
      ] as [[number, number], [number, number], [number, number], [number, number]])
    : p;

function grads(c: Case, seed: number): { dx: Float32Array; dw: Float32Array } {
  return tf.tidy(() => {
    const x = tf.randomNormal([c.n, c.h, c.w, c.ci], 0, 1, 'float32', seed) as tf.Tensor4D;
    const f = tf.randomNormal([c.k, c.k, c.ci, c.co], 0, 1, 'float32', seed + 1) as tf.Tensor4D;
    const y = tf.conv2d(x, f, c.s, explicit(c.pad));
    const dy = tf.randomNormal(y.shape, 0, 1, 'float32', seed + 2) as tf.Tensor4D;
    const dx = tf.conv2dTranspose(dy, f, x.shape, c.s, explicit(c.pad) as never);
    const dw = tf.grad((ff: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(x, ff as tf.Tensor4D, c.s, explicit(c.pad)), dy)))(f);
    return { dx: dx.dataSync() as Float32Array, dw: dw.dataSync() as Float32Array };
  });
}

function maxRelErr(a: Float32Array, b: Float32Array): number {
  let scale = 1e-6;
  for (const v of b) scale = Math.max(scale, Math.abs(v));
  let err = 0;
  for (let i = 0; i < a.length; i++) err = Math.max(err, Math.abs(a[i]! - b[i]!));
  return err / scale;
}

describe('wasm Conv2DBackpropFilter and Conv2DBackpropInput', () => {
  it('agree with the cpu backend on 40 random shapes (strides 1 and 2, same/valid/explicit padding)', async () => {
    await wasmTf();
    const all = cases(40);
    const strides = new Set(all.map((c) => c.s));
    expect(strides).toEqual(new Set([1, 2]));
    let worst = 0;
    for (const [i, c] of all.entries()) {
      const cpu = await onBackend('cpu', () => grads(c, 100 + i));
      const wasm = grads(c, 100 + i);
      expect(wasm.dw.length).toBe(cpu.dw.length);
      expect(wasm.dx.length).toBe(cpu.dx.length);
      const e = Math.max(maxRelErr(wasm.dw, cpu.dw), maxRelErr(wasm.dx, cpu.dx));
      worst = Math.max(worst, e);
      expect(e, JSON.stringify(c)).toBeLessThan(1e-5);
    }
    expect(worst).toBeLessThan(1e-5);
    // Not the same code twice: float sums in another order differ in the last bits.
    expect(worst).toBeGreaterThan(0);
  });

  it('leaves no tensor behind', async () => {
    await wasmTf();
    const before = tf.memory().numTensors;
    grads({ n: 2, h: 9, w: 9, ci: 3, co: 4, k: 3, s: 2, pad: 'same' }, 7);
    expect(tf.memory().numTensors).toBe(before);
  });
});
