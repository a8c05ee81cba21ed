import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getModel } from '../../src/lib/arch';
import { buildModelStepwise } from '../../src/lib/arch/tfjs-model';
import { isAborted } from '../../src/lib/worker-rpc';
import { memorySnapshot, runRace, type RaceEvent } from '../../src/lib/race/race';
import { square } from '../../src/lib/race/racers';

beforeAll(async () => {
  // wasm, as on the page (the cpu backend takes ~10 s for VGG-16 at 32 px here).
  await tf.setBackend('wasm');
  await tf.ready();
});

// Real models on the wasm backend at 32×32 (VGG-16's fc1 is then 512×4096): seconds, not minutes.
describe('a race with real tfjs models', () => {
  it('times both models, reports two rows, and frees every tensor', async () => {
    const before = memorySnapshot(tf);
    const events: RaceEvent[] = [];
    const rows = await runRace(tf, buildModelStepwise, {
      racers: [
        { id: 'vgg16', weights: 'zeros' },
        { id: 'resnet50', weights: 'zeros' },
      ],
      side: 32,
      protocol: { warmup: 1, runs: 2 },
      now: () => performance.now(),
      onEvent: (e) => events.push(e),
    });
    expect(rows.map((r) => r.id)).toEqual(['vgg16', 'resnet50']);
    for (const r of rows) {
      expect(r.timing.runs).toHaveLength(2);
      expect(r.timing.median).toBeGreaterThan(0);
      expect(r.side).toBe(32);
    }
    // Progress: one build event per layer of each spec, runs in order, then each model disposed.
    const builds = events.filter((e) => e.type === 'build');
    expect(builds.at(-1)).toMatchObject({ racer: 'resnet50', done: builds.at(-1)!.total });
    expect(events.filter((e) => e.type === 'run')).toHaveLength(6);
    expect(events.filter((e) => e.type === 'disposed')).toHaveLength(2);
    expect(memorySnapshot(tf)).toEqual(before);
  }, 60_000);

  it('cancelled during the build: rejects with the abort error and frees the layers built so far', async () => {
    const before = memorySnapshot(tf);
    const controller = new AbortController();
    const run = runRace(tf, buildModelStepwise, {
      racers: [
        { id: 'vgg16', weights: 'zeros' },
        { id: 'resnet50', weights: 'zeros' },
      ],
      side: 32,
      protocol: { warmup: 1, runs: 3 },
      now: () => performance.now(),
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === 'build' && e.layer === 'block3_conv1') controller.abort();
      },
    });
    await expect(run).rejects.toSatisfy((e: unknown) => isAborted(e));
    expect(memorySnapshot(tf)).toEqual(before);
  });

  it('cancelled between timed runs: frees the model and the input', async () => {
    const before = memorySnapshot(tf);
    const controller = new AbortController();
    const run = runRace(tf, buildModelStepwise, {
      racers: [{ id: 'resnet50', weights: 'zeros' }],
      side: 32,
      protocol: { warmup: 1, runs: 5 },
      now: () => performance.now(),
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === 'run' && e.progress.phase === 'timed') controller.abort();
      },
    });
    await expect(run).rejects.toSatisfy((e: unknown) => isAborted(e));
    expect(memorySnapshot(tf)).toEqual(before);
  });

  it('buildModelStepwise gives the same model as buildModel, layer by layer with progress', async () => {
    const seen: string[] = [];
    const m = await buildModelStepwise(getModel('resnet50'), { input: square(32), init: 'zeros' }, { onProgress: (p) => seen.push(p.id) });
    try {
      expect(m.countParams()).toBe(25_636_712);
      expect(seen[0]).toBe('conv1_conv');
      expect(seen).toHaveLength(m.layers.filter((l) => !l.name.endsWith('_pad') && l.name !== 'input').length);
    } finally {
      m.dispose();
    }
  });
});
