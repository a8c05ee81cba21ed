// The lab session as a worker would run it: typed commands in, events out, on real data.
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { LabSession } from '../../src/lib/train/lab-session';
import {
  DEFAULT_LAB_SETTINGS,
  validateLabSettings,
  type LabCommand,
  type LabEvent,
  type LabSettings,
} from '../../src/lib/train/lab-methods';
import { committedFashion, wasmTf } from '../helpers/wasm-train';

const SMALL: LabSettings = {
  ...DEFAULT_LAB_SETTINGS,
  depth: 8,
  width: 4,
  batchSize: 16,
  maxIterations: 6,
  evalEvery: 3,
  evalCount: 50,
  gradEvery: 3,
};

function session(): { s: LabSession; events: LabEvent[]; until: (test: (e: LabEvent) => boolean, from?: number) => Promise<LabEvent> } {
  const events: LabEvent[] = [];
  const waiting = new Set<{ test: (e: LabEvent) => boolean; resolve: (e: LabEvent) => void }>();
  const post = (e: LabEvent) => {
    events.push(e);
    for (const w of waiting)
      if (w.test(e)) {
        waiting.delete(w);
        w.resolve(e);
      }
  };
  const s = new LabSession({
    tf,
    loadData: async (p) => {
      p({ loaded: 1, total: 1 });
      return committedFashion();
    },
    post,
  });
  /** The first event from index `from` on (already posted or still to come) that passes `test`. */
  const until = (test: (e: LabEvent) => boolean, from = 0) => {
    const seen = events.slice(from).find(test);
    return seen ? Promise.resolve(seen) : new Promise<LabEvent>((resolve) => waiting.add({ test, resolve }));
  };
  return { s, events, until };
}
const ofType = <T extends LabEvent['type']>(events: LabEvent[], type: T) =>
  events.filter((e): e is Extract<LabEvent, { type: T }> => e.type === type);

describe('LabSession', () => {
  it('trains a plain and a residual net on the same batches, with curves, timings, counts and gradient norms', async () => {
    await wasmTf();
    const baseline = tf.memory().numTensors;
    const { s, events } = session();
    await s.handle({ type: 'start', settings: SMALL });
    await s.settled();
    const ready = ofType(events, 'ready')[0]!;
    expect(ready.nets.map((n) => [n.key, n.name, n.depth])).toEqual([
      ['plain', 'Plain-8', 8],
      ['residual', 'ResNet-8', 8],
    ]);
    expect(ready.nets[0]!.params).toBeGreaterThan(1000);
    expect(ready.nets[0]!.macsPerImage).toBeGreaterThan(ready.nets[0]!.params);
    const steps = ofType(events, 'step');
    expect(steps.map((e) => e.iteration)).toEqual([1, 2, 3, 4, 5, 6]);
    for (const e of steps) {
      expect(e.nets.map((n) => n.key)).toEqual(['plain', 'residual']);
      for (const n of e.nets) {
        expect(Number.isFinite(n.loss)).toBe(true);
        expect(n.msPerStep).toBeGreaterThan(0);
        expect(n.imagesPerSecond).toBeCloseTo(16_000 / n.msPerStep, 5);
      }
    }
    expect(ofType(events, 'eval').map((e) => e.iteration)).toEqual([0, 3, 6]);
    const grads = ofType(events, 'gradients');
    expect(grads.map((e) => e.iteration)).toEqual([0, 3, 6]);
    expect(grads[0]!.nets[0]!.layers).toHaveLength(ready.nets[0]!.weightLayers);
    expect(ofType(events, 'done')).toEqual([{ type: 'done', iteration: 6 }]);
    // Reset frees everything it made: tensors back to where they were (steady over all those steps).
    await s.handle({ type: 'reset' });
    expect(ofType(events, 'memory').at(-1)!.numTensors).toBe(baseline);
  });

  it('pauses, resumes and resets between steps', async () => {
    await wasmTf();
    const { s, events, until } = session();
    await s.handle({ type: 'start', settings: { ...SMALL, maxIterations: 1000, gradEvery: 0, evalEvery: 1000 } });
    await until((e) => e.type === 'step' && e.iteration >= 2);
    await s.handle({ type: 'pause' });
    expect(ofType(events, 'state').at(-1)).toEqual({ type: 'state', state: 'paused' });
    // The training loop has returned (not merely waiting between two steps): nothing can step now.
    await s.settled();
    const at = s.currentIteration;
    const seen = events.length;
    // One more command, delivered as a worker gets its messages (a task of its own, behind whatever
    // the loop had queued), and answered: no step came before the answer, the count did not move.
    const { port1, port2 } = new MessageChannel();
    port2.onmessage = (m: MessageEvent<LabCommand>) => void s.handle(m.data);
    port1.postMessage({ type: 'memory' } satisfies LabCommand);
    await until((e) => e.type === 'memory', seen);
    port1.close();
    expect(events.slice(seen).map((e) => e.type)).toEqual(['memory']);
    expect(s.currentIteration).toBe(at);
    expect(ofType(events, 'step').at(-1)!.iteration).toBe(at);
    expect(s.currentState).toBe('paused');
    await s.handle({ type: 'resume' });
    await until((e) => e.type === 'step' && e.iteration >= at + 2);
    await s.handle({ type: 'reset' });
    expect(s.currentIteration).toBe(0);
    expect(s.currentState).toBe('idle');
  });

  it('reports a diverging net as diverged, not as a crash', async () => {
    await wasmTf();
    const { s, events } = session();
    await s.handle({
      type: 'start',
      settings: { ...SMALL, batchNorm: false, learningRate: 2, maxIterations: 30, gradEvery: 0, evalEvery: 1000 },
    });
    await s.settled();
    expect(ofType(events, 'error')).toEqual([]);
    const diverged = ofType(events, 'diverged');
    expect(diverged.length).toBeGreaterThan(0);
    expect(Number.isFinite(diverged[0]!.loss)).toBe(false);
    expect(ofType(events, 'done')).toHaveLength(1);
    await s.handle({ type: 'reset' });
  });

  it('refuses bad or oversized settings with the reason and the estimate', async () => {
    await wasmTf();
    const { s, events } = session();
    await s.handle({ type: 'start', settings: { ...SMALL, depth: 21 as never } });
    await s.handle({ type: 'start', settings: { ...SMALL, depth: 56, width: 32, batchSize: 256 } });
    const refused = ofType(events, 'refused');
    expect(refused[0]!.message).toMatch(/Depth must be one of 8, 20, 32, 44, 56/);
    expect(refused[1]!.message).toMatch(/MiB of memory|One step would take/);
    expect(refused[1]!.estimate!.bytes).toBeGreaterThan(0);
    expect(ofType(events, 'step')).toEqual([]);
    expect(validateLabSettings({ ...SMALL, learningRate: -1 })).toEqual({
      ok: false,
      message: 'learningRate must be a number from 0.00001 to 2.',
    });
  });

  it('computes gradient norms at initialisation on request, then frees the nets', async () => {
    await wasmTf();
    const before = tf.memory().numTensors;
    const { s, events } = session();
    await s.handle({ type: 'gradients', settings: { ...SMALL, depth: 20 } });
    const g = ofType(events, 'gradients')[0]!;
    expect(g.iteration).toBe(0);
    expect(g.nets.map((n) => n.layers.length)).toEqual([20, 20]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
