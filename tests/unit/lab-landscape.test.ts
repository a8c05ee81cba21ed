// The live landscape in the lab's session, on real data and the smallest nets: a grid around each
// trained net whose points are the landscape lib's losses on the same weights and directions, the
// weights put back and every tensor freed (done or cancelled), a diverged net's grid all NaN, and a
// polite refusal while nothing is trained; no synchronous read on the way.
import { afterEach, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { LabSession } from '../../src/lib/train/lab-session';
import { mapLabLandscape } from '../../src/lib/train/lab-landscape';
import { DEFAULT_LAB_SETTINGS, type LabSettings, type LandscapeEvent } from '../../src/lib/train/lab-methods';
import { disposeDirection, randomDirection } from '../../src/lib/landscape/directions';
import { lossesAt } from '../../src/lib/landscape/grid';
import { LANDSCAPE_CHUNK } from '../../src/lib/landscape/live-memory';
import { makeBatch } from '../../src/lib/train/trainer';
import { subSeed } from '../../src/lib/train/rng';
import { committedFashion, wasmTf } from '../helpers/wasm-train';
import { expectNoSyncReads, noSyncReads, releaseSpy } from '../helpers/sync-read-spy';

afterEach(releaseSpy);

const SMALL: LabSettings = {
  ...DEFAULT_LAB_SETTINGS,
  depth: 8,
  width: 4,
  batchSize: 16,
  maxIterations: 3,
  evalEvery: 3,
  evalCount: 50,
  gradEvery: 0,
};
const ARGS = { steps: 3, images: 40, seed: 7 };

async function trained(): Promise<LabSession> {
  const s = new LabSession({ tf, loadData: () => committedFashion(), post: () => undefined });
  await s.handle({ type: 'start', settings: SMALL });
  await s.settled();
  expect(s.currentState).toBe('done');
  return s;
}

const weights = async (s: LabSession): Promise<Float32Array[]> => {
  const t = s.trainedNets();
  if ('message' in t) throw new Error(t.message);
  return Promise.all(t.nets.flatMap((n) => n.net.trainable.map(async (v) => (await v.data()) as Float32Array)));
};

describe('the live landscape in the lab session', () => {
  it('maps both nets with progress; a point equals the lib’s loss on the same weights; weights back, tensors freed', async () => {
    await wasmTf();
    const s = await trained();
    const before = await weights(s);
    const tensors = tf.memory().numTensors;
    const events: LandscapeEvent[] = [];
    // Only `await data()` reads (a GPU backend must not block on a synchronous read).
    const r = await noSyncReads(() => mapLabLandscape(tf, s, ARGS, new AbortController().signal, (e) => events.push(e)));
    expectNoSyncReads();
    expect(r.iteration).toBe(3);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(await weights(s)).toEqual(before);

    const grids = events.filter((e) => e.type === 'grid');
    expect(grids.map((g) => [g.key, g.grid.n, g.grid.loss.length])).toEqual([
      ['plain', 3, 9],
      ['residual', 3, 9],
    ]);
    const progress = events.filter((e) => e.type === 'progress' && e.key === 'plain');
    expect(progress.at(0)).toEqual({ type: 'progress', key: 'plain', done: 0, total: 9 });
    expect(progress.at(-1)).toEqual({ type: 'progress', key: 'plain', done: 9, total: 9 });
    for (const g of grids) for (const v of g.grid.loss) expect(v).toBeGreaterThan(0);

    // The corner (α, β) = (1, −1) of the residual net, from the lib itself on the same weights and seeds.
    const t = s.trainedNets();
    if ('message' in t) throw new Error(t.message);
    const net = t.nets[1]!.net;
    const set = makeBatch(
      tf,
      t.data.train,
      Array.from({ length: ARGS.images }, (_, i) => i),
      t.norm,
    );
    const dirs = [randomDirection(tf, net, subSeed(ARGS.seed, 'alpha')), randomDirection(tf, net, subSeed(ARGS.seed, 'beta'))] as const;
    const [corner] = await lossesAt(tf, net, dirs, set, [[1, -1]], { batchSize: LANDSCAPE_CHUNK });
    dirs.forEach((d) => disposeDirection(tf, d));
    tf.dispose([set.x, set.y]);
    expect(grids[1]!.grid.loss[2]).toBeCloseTo(corner!, 5);
    await s.handle({ type: 'reset' });
  });

  it('a cancelled map frees its tensors and puts the weights back', async () => {
    await wasmTf();
    const s = await trained();
    const before = await weights(s);
    const tensors = tf.memory().numTensors;
    const stop = new AbortController();
    const job = mapLabLandscape(tf, s, ARGS, stop.signal, (e) => {
      if (e.type === 'progress' && e.done === 2) stop.abort();
    });
    await expect(job).rejects.toMatchObject({ name: 'AbortError' });
    expect(tf.memory().numTensors).toBe(tensors);
    expect(await weights(s)).toEqual(before);
    await s.handle({ type: 'reset' });
  });

  it('a diverged net gets a grid of NaN (a result); nothing trained is a polite refusal', async () => {
    await wasmTf();
    const s = await trained();
    const t = s.trainedNets();
    if ('message' in t) throw new Error(t.message);
    t.nets[0]!.diverged = true;
    const events: LandscapeEvent[] = [];
    await mapLabLandscape(tf, s, ARGS, new AbortController().signal, (e) => events.push(e));
    const plain = events.find((e) => e.type === 'grid' && e.key === 'plain');
    expect(plain?.type === 'grid' && plain.grid.loss.every(Number.isNaN)).toBe(true);
    await s.handle({ type: 'reset' });
    await expect(mapLabLandscape(tf, s, ARGS, new AbortController().signal, () => undefined)).rejects.toThrow(
      'Train the two nets first: the landscape is mapped around a paused or finished run.',
    );
    await expect(mapLabLandscape(tf, s, { ...ARGS, steps: 4 }, new AbortController().signal, () => undefined)).rejects.toThrow(
      'The grid needs an odd number of points per side, from 3 to 51.',
    );
  });
});
