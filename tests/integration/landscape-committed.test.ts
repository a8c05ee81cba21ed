// The committed loss landscapes (src/lib/data/landscape.json, npm run train:landscape) reproduce from
// the committed weights (public/tiny-models/landscape-*/) and the seeded directions: the centre and
// one off-centre grid point of the shallowest and the deepest plain net, one slice point of a
// residual net, and a committed test error.
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { LANDSCAPE_DATA, type LandscapeNet } from '../../src/lib/data/landscape';
import { cifarResnetSpec } from '../../src/lib/arch';
import { createNet, type Net } from '../../src/lib/train/net';
import { errorRate, makeBatch } from '../../src/lib/train/trainer';
import { pixelStats } from '../../src/lib/train/fashion-mnist';
import { FASHION_INPUT } from '../../src/lib/train/tiny-specs';
import { assignSavedWeights } from '../../src/lib/landscape/weights';
import { disposeDirection, randomDirection } from '../../src/lib/landscape/directions';
import { gridCoords, lossesAt } from '../../src/lib/landscape/grid';
import { committedFashion, wasmTf } from '../helpers/wasm-train';
import { readSavedModel } from '../../scripts/saved-model';

const d = LANDSCAPE_DATA;

async function loadNet(n: LandscapeNet): Promise<Net> {
  const spec = cifarResnetSpec(n.depth, {
    classes: 10,
    width: d.recipe.width,
    shortcuts: n.kind === 'resnet',
    batchNorm: d.recipe.batchNorm,
  });
  const net = createNet(tf, spec, { input: FASHION_INPUT, seed: d.recipe.seed });
  const saved = readSavedModel(new URL(`../../public${n.model.replace(/model\.json$/, '')}`, import.meta.url));
  assignSavedWeights(tf, net, saved.weightSpecs, saved.weightData);
  return net;
}

/** The committed losses at grid points (i, j) and slice points i, recomputed. */
async function recompute(n: LandscapeNet, grid: [number, number][], slice: number[]): Promise<{ grid: number[]; slice: number[] }> {
  const data = await committedFashion();
  const set = makeBatch(
    tf,
    data.train,
    Array.from({ length: d.landscape.images.first }, (_, i) => i),
    pixelStats(data.train),
  );
  const net = await loadNet(n);
  const dirs = [randomDirection(tf, net, d.landscape.directionSeeds[0]), randomDirection(tf, net, d.landscape.directionSeeds[1])];
  const g = gridCoords(d.landscape.grid.n, d.landscape.grid.range);
  const s = gridCoords(d.landscape.slice.n, d.landscape.slice.range);
  const out = {
    grid: await lossesAt(
      tf,
      net,
      dirs,
      set,
      grid.map(([i, j]) => [g[i]!, g[j]!] as [number, number]),
    ),
    slice: await lossesAt(
      tf,
      net,
      dirs.slice(0, 1),
      set,
      slice.map((i) => [s[i]!, 0] as [number, number]),
    ),
  };
  dirs.forEach((x) => disposeDirection(tf, x));
  net.dispose();
  tf.dispose([set.x, set.y]);
  return out;
}

const close = (a: number, b: number): void => {
  if (!Number.isFinite(b)) expect(Number.isFinite(a)).toBe(false);
  else expect(Math.abs(a - b) / Math.max(1e-6, Math.abs(b))).toBeLessThan(2e-4);
};

describe('landscape.json', () => {
  it('holds all four nets on one grid, from one complete run', () => {
    expect(d.complete).toBe(true);
    expect(d.nets.map((n) => n.name)).toEqual(['plain-20', 'ResNet-20', 'plain-56', 'ResNet-56']);
    expect(d.landscape.grid.n).toBeGreaterThanOrEqual(25);
  });

  for (const id of ['landscape-plain-20', 'landscape-plain-56', 'landscape-resnet-56']) {
    it(`${id}: the centre, a corner-side grid point and a slice point reproduce from the weights and the seeds`, async () => {
      await wasmTf();
      const n = d.nets.find((x) => x.id === id)!;
      const N = n.grid.n;
      const mid = (N - 1) / 2;
      const pts: [number, number][] = [
        [mid, mid],
        [N - 3, 2],
      ];
      const before = tf.memory().numTensors;
      const r = await recompute(n, pts, [1]);
      pts.forEach(([i, j], k) => close(r.grid[k]!, n.grid.loss[j * N + i]!));
      close(r.slice[0]!, n.slice.loss[1]!);
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('ResNet-20: the committed test error reproduces from its weights', async () => {
    await wasmTf();
    const n = d.nets.find((x) => x.id === 'landscape-resnet-20')!;
    const data = await committedFashion();
    const net = await loadNet(n);
    const err = await errorRate(tf, net, data.test, pixelStats(data.train));
    net.dispose();
    expect(err).toBeCloseTo(n.testError, 4);
  });
});
