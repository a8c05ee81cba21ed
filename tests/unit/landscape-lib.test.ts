// The loss-landscape library (src/lib/landscape): filter-normalised seeded directions, the loss over
// a grid and along slices with the net's own weights put back, abort, and the summary numbers.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { cifarResnetSpec } from '../../src/lib/arch';
import { createNet, type Net } from '../../src/lib/train/net';
import { crossEntropy } from '../../src/lib/train/trainer';
import { FASHION_INPUT } from '../../src/lib/train/tiny-specs';
import { disposeDirection, randomDirection } from '../../src/lib/landscape/directions';
import { gridCoords, lossGrid, lossSlice, setLoss, type LossSet } from '../../src/lib/landscape/grid';
import {
  centreLoss,
  downhillToCentre,
  localMinima,
  maxInDisc,
  notDownhillCount,
  sliceAt,
  sliceRise,
  summarise,
} from '../../src/lib/landscape/summary';
import { formatLoss, medianLoss, sharedLevels } from '../../src/lib/landscape/levels';
import { wasmTf } from '../helpers/wasm-train';

beforeAll(async () => {
  await wasmTf();
});

const smallNet = (shortcuts = true): Net =>
  createNet(tf, cifarResnetSpec(8, { classes: 10, width: 4, shortcuts }), { input: FASHION_INPUT, seed: 7 });

function lossSet(n = 12): LossSet {
  return tf.tidy(() => ({
    x: tf.randomNormal([n, 28, 28, 1], 0, 1, 'float32', 3) as tf.Tensor4D,
    y: tf.tensor1d(
      Array.from({ length: n }, (_, i) => (i * 7) % 10),
      'int32',
    ),
  }));
}

const read = async (ts: readonly tf.Tensor[]): Promise<Float32Array[]> =>
  Promise.all(ts.map(async (t) => (await t.data()) as Float32Array));

/** Frobenius norm of each filter (last axis) of a kernel's values. */
function filterNorms(v: Float32Array, filters: number): number[] {
  const out = new Array<number>(filters).fill(0);
  for (let i = 0; i < v.length; i++) out[i % filters]! += v[i]! ** 2;
  return out.map(Math.sqrt);
}

describe('random directions', () => {
  it('give each filter of every conv and fc kernel the norm of the same filter in the weights', async () => {
    const net = smallNet();
    const d = randomDirection(tf, net, 11);
    const [w, dv] = [await read(net.trainable), await read(d.tensors)];
    let kernels = 0;
    net.trainable.forEach((v, k) => {
      if (!d.moves[k]) return;
      kernels++;
      const filters = v.shape[v.shape.length - 1]!;
      const nw = filterNorms(w[k]!, filters);
      const nd = filterNorms(dv[k]!, filters);
      nw.forEach((x, j) => expect(nd[j]).toBeCloseTo(x, 4));
    });
    // Every conv and the fc layer move: 7 convs and 1 fc in a ResNet-8 (option-A shortcuts have no weights).
    expect(kernels).toBe(net.weightSteps.length);
    expect(kernels).toBe(8);
    disposeDirection(tf, d);
    net.dispose();
  });

  it('are zero for biases and batch-norm parameters, and the same for the same seed', async () => {
    const net = smallNet();
    const a = randomDirection(tf, net, 5);
    const b = randomDirection(tf, net, 5);
    const c = randomDirection(tf, net, 6);
    const [av, bv, cv] = [await read(a.tensors), await read(b.tensors), await read(c.tensors)];
    const still = net.trainable.filter((_, k) => !a.moves[k]).map((v) => v.name.split('/').pop());
    expect(new Set(still)).toEqual(new Set(['gamma', 'beta', 'bias']));
    net.trainable.forEach((_, k) => {
      if (!a.moves[k]) expect(av[k]!.every((x) => x === 0)).toBe(true);
      expect(bv[k]).toEqual(av[k]);
    });
    expect(cv.some((x, k) => a.moves[k] && x[0] !== av[k]![0])).toBe(true);
    [a, b, c].forEach((d) => disposeDirection(tf, d));
    net.dispose();
  });
});

describe('the loss over a grid', () => {
  it('has the net’s own loss at the centre and leaves the weights exactly as they were', async () => {
    const net = smallNet();
    const set = lossSet();
    const dirs = [randomDirection(tf, net, 1), randomDirection(tf, net, 2)] as const;
    const before = await read(net.trainable);
    const own = await setLoss(tf, net, set, 5);
    const direct = tf.tidy(() => crossEntropy(tf, net.logits(set.x, { training: false }), set.y));
    const progress: number[] = [];
    const g = await lossGrid(tf, net, dirs, set, { n: 5, range: 1 }, { onProgress: (d) => progress.push(d), batchSize: 5 });
    expect(g.loss).toHaveLength(25);
    expect(centreLoss(g)).toBe(own);
    expect(own).toBeCloseTo((await direct.data())[0]!, 5);
    expect(progress).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(g.loss.filter((l) => l > own).length).toBeGreaterThan(20);
    expect(await read(net.trainable)).toEqual(before);
    tf.dispose([direct, set.x, set.y]);
    dirs.forEach((d) => disposeDirection(tf, d));
    net.dispose();
  });

  it('reproduces a grid point from the weights and the seeded directions, computed by hand', async () => {
    const net = smallNet(false);
    const set = lossSet();
    const g = await (async () => {
      const dirs = [randomDirection(tf, net, 21), randomDirection(tf, net, 22)] as const;
      const out = await lossGrid(tf, net, dirs, set, { n: 3, range: 0.5 });
      dirs.forEach((d) => disposeDirection(tf, d));
      return out;
    })();
    // A second net with the same seed: the same weights; directions from the seeds alone.
    const twin = smallNet(false);
    const [d1, d2] = [randomDirection(tf, twin, 21), randomDirection(tf, twin, 22)];
    const [w, a, b] = [await read(twin.trainable), await read(d1.tensors), await read(d2.tensors)];
    const [alpha, beta] = [gridCoords(3, 0.5)[2]!, gridCoords(3, 0.5)[0]!];
    twin.trainable.forEach((v, k) => {
      const moved = w[k]!.map((x, i) => x + alpha * a[k]![i]! + beta * b[k]![i]!);
      v.assign(tf.tensor(moved, v.shape));
    });
    const l = tf.tidy(() => crossEntropy(tf, twin.logits(set.x, { training: false }), set.y));
    // Row β = −0.5 (j = 0), column α = 0.5 (i = 2).
    expect(g.loss[0 * 3 + 2]).toBeCloseTo((await l.data())[0]!, 4);
    tf.dispose([l, set.x, set.y]);
    [d1, d2].forEach((d) => disposeDirection(tf, d));
    net.dispose();
    twin.dispose();
  });

  it('stops when aborted between points, frees every tensor and puts the weights back', async () => {
    const net = smallNet();
    const set = lossSet(6);
    const dirs = [randomDirection(tf, net, 1), randomDirection(tf, net, 2)] as const;
    const before = await read(net.trainable);
    const tensors = tf.memory().numTensors;
    const ac = new AbortController();
    const run = lossGrid(tf, net, dirs, set, { n: 7 }, { signal: ac.signal, onProgress: (d) => d === 3 && ac.abort() });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(tf.memory().numTensors).toBe(tensors);
    expect(await read(net.trainable)).toEqual(before);
    // A slice after the abort still works, and frees what it made too.
    const s = await lossSlice(tf, net, dirs[0], set, { n: 5 });
    expect(s.loss[2]).toBe(await setLoss(tf, net, set));
    expect(tf.memory().numTensors).toBe(tensors);
    tf.dispose([set.x, set.y]);
    dirs.forEach((d) => disposeDirection(tf, d));
    net.dispose();
  });

  it('refuses an even or too small grid', () => {
    expect(() => gridCoords(4, 1)).toThrow(/odd/);
    expect(() => gridCoords(1, 1)).toThrow(/odd/);
    expect(() => gridCoords(5, 0)).toThrow(/range/);
    expect(gridCoords(5, 1)).toEqual([-1, -0.5, 0, 0.5, 1]);
  });
});

describe('summary numbers', () => {
  const n = 7;
  const c = gridCoords(n, 1);
  const bowl = { n, range: 1, loss: c.flatMap((b) => c.map((a) => 0.2 + a * a + b * b)) };
  // The bowl with a ridge at α = 0.5 and a pit behind it at α = 0.67.
  const pitted = { ...bowl, loss: bowl.loss.map((l, p) => (p % n === 5 && p !== 5 && p !== 40 ? 0.1 : p % n === 4 ? l + 3 : l)) };

  it('find every point of a smooth bowl downhill from the centre, with no other minimum', () => {
    expect(centreLoss(bowl)).toBeCloseTo(0.2, 10);
    expect(notDownhillCount(bowl)).toBe(0);
    expect(localMinima(bowl)).toBe(0);
    expect(maxInDisc(bowl, 0.5)).toBeCloseTo(0.2 + (1 / 3) ** 2 * 2, 10);
    expect(maxInDisc(bowl, 1)).toBeCloseTo(0.2 + 1, 10); // (±1, 0) and (0, ±1)
  });

  it('count the points stranded behind a ridge, and the pits', () => {
    const reach = downhillToCentre(pitted);
    expect(reach[(n * n - 1) / 2]).toBe(true);
    // Column 5 (rows 1–5) is lower than the ridge next to it and than the centre's neighbours: stranded.
    expect(reach[3 * n + 5]).toBe(false);
    expect(notDownhillCount(pitted)).toBeGreaterThanOrEqual(5);
    expect(localMinima(pitted)).toBe(0); // a valley (equal neighbours above and below), not strict pits
    const onePit = { ...bowl, loss: bowl.loss.map((l, p) => (p === 2 * n + 5 ? 0.05 : l)) };
    expect(localMinima(onePit)).toBe(1);
  });

  it('read slices between their points, and the rise both ways', () => {
    const s = { n: 5, range: 1, loss: [2, 1, 0.5, 1, 3] };
    expect(sliceAt(s, 0.25)).toBeCloseTo(0.75, 10);
    expect(sliceAt(s, 2)).toBeNaN();
    expect(sliceRise(s, 1)).toBeCloseTo(2, 10);
    const sum = summarise(bowl, s);
    expect(sum).toMatchObject({ centre: 0.2 + 0, notDownhill: 0, points: 49, localMinima: 0 });
    expect(sum.riseAtHalf).toBeCloseTo(0.5, 10);
  });

  it('share contour levels, linear or log, leaving out what is not finite', () => {
    expect(
      sharedLevels(
        [
          [1, 2],
          [3, NaN, Infinity],
        ],
        { count: 3, scale: 'linear' },
      ),
    ).toEqual([1, 2, 3]);
    const log = sharedLevels([[0.1, 10]], { count: 3, scale: 'log' });
    expect(log[1]).toBeCloseTo(1, 10);
    expect(sharedLevels([[1, 100]], { count: 2, scale: 'linear', cap: 5 })).toEqual([1, 5]);
    expect(sharedLevels([[NaN]], { count: 3, scale: 'linear' })).toEqual([]);
    expect(
      medianLoss([
        [1, 3],
        [2, NaN],
      ]),
    ).toBe(2);
    expect(medianLoss([[1, 2, 3, 4]])).toBe(2.5);
    expect(formatLoss(0.4763)).toBe('0.476');
    expect(formatLoss(4.38e12)).toBe('4.4 × 10¹²');
    expect(formatLoss(NaN)).toBe('not finite');
  });
});
