// The training lab's and the gradient-flow figure's island state, with fake workers: what the reader
// sees from the worker's events, the URL, refusals before any worker, pause when the tab is hidden,
// Reset ending the worker, the gradient figure's latest choice and its failures.
import { describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import { LabState } from '../../src/components/lab/lab-state.svelte';
import { GradientFlowState } from '../../src/components/lab/gradient-flow-state.svelte';
import type { LabWorker } from '../../src/components/lab/lab-client';
import type { LabGradients } from '../../src/components/lab/lab-bus';
import { DEFAULT_LAB_SETTINGS, type LabEvent, type LabSettings } from '../../src/lib/train/lab-methods';
import { AbortedError } from '../../src/lib/worker-rpc';

class FakeLab implements LabWorker {
  calls: string[] = [];
  gradientCalls: { settings: LabSettings; reject: (e: unknown) => void }[] = [];
  constructor(readonly emit: (e: LabEvent) => void) {}
  start(s: LabSettings): void {
    this.calls.push(`start ${s.depth}`);
  }
  pause(): void {
    this.calls.push('pause');
  }
  resume(): void {
    this.calls.push('resume');
  }
  gradients(settings: LabSettings): Promise<void> {
    this.gradientCalls.at(-1)?.reject(new AbortedError('superseded'));
    return new Promise((_, reject) => this.gradientCalls.push({ settings, reject }));
  }
  memory(): void {
    this.calls.push('memory');
  }
  landscape(): Promise<{ iteration: number }> {
    this.calls.push('landscape');
    return new Promise(() => {});
  }
  retire(): void {
    this.calls.push('retire');
  }
  terminate(): void {
    this.calls.push('terminate');
  }
}

const nets = [
  { key: 'plain' as const, id: 'p', name: 'Plain-8', depth: 8, params: 10, macsPerImage: 20, weightLayers: 3 },
  { key: 'residual' as const, id: 'r', name: 'ResNet-8', depth: 8, params: 10, macsPerImage: 20, weightLayers: 3 },
];

function lab(published: LabGradients[] = []): { state: LabState; workers: FakeLab[] } {
  const workers: FakeLab[] = [];
  const state = new LabState({
    createWorker: (_backend, _ladder, onEvent) => (workers.push(new FakeLab(onEvent)), workers.at(-1)!),
    publishGradients: (g) => published.push(g),
    now: () => 0,
  });
  return { state, workers };
}

describe('the training lab island state', () => {
  it('reads the form from the URL (lab.* keys) and writes it back, keeping other keys', () => {
    const { state } = lab();
    state.load('?lab.depth=8&lab.width=4&lab.batch=3&x=1');
    expect([state.form.depth, state.form.width, state.form.batchSize]).toEqual([8, 4, 64]);
    expect(state.urlNotes).toEqual([
      "The link's lab.batch=3 was ignored (batch size must be a whole number from 4 to 256); the default is used.",
    ]);
    expect(state.urlSearch('?x=1')).toBe('?x=1&lab.depth=8&lab.width=4');
  });

  it('starts a worker on Start and follows its events to Done; asks for the tensor count after each step', () => {
    const published: LabGradients[] = [];
    const { state, workers } = lab(published);
    state.form.depth = 8;
    state.start();
    flushSync();
    expect([state.phase, state.status]).toEqual(['starting', 'Starting TensorFlow.js in a worker for Plain-8 and ResNet-8…']);
    const w = workers[0]!;
    expect(w.calls).toEqual(['start 8']);
    w.emit({ type: 'backend', info: { name: 'wasm', note: 'SIMD on, 2 threads.' } });
    w.emit({ type: 'state', state: 'loading' });
    w.emit({ type: 'loading', loaded: 1, total: 4 });
    flushSync();
    expect([state.phase, state.loadPct, state.backendNote]).toEqual(['loading', 25, 'Backend: wasm — SIMD on, 2 threads.']);
    w.emit({ type: 'ready', settings: { ...DEFAULT_LAB_SETTINGS, depth: 8 }, nets, estimate: { bytes: 1, secondsPerStep: 0.1 } });
    w.emit({ type: 'state', state: 'running' });
    w.emit({
      type: 'step',
      iteration: 1,
      epoch: 0,
      nets: [{ key: 'plain', loss: 2, batchError: 0.5, msPerStep: 10, imagesPerSecond: 6400 }],
    });
    w.emit({ type: 'gradients', iteration: 1, nets: [] });
    flushSync();
    expect([state.phase, state.view.iteration, state.busy]).toEqual(['running', 1, true]);
    expect(w.calls).toEqual(['start 8', 'memory']);
    expect(published.map((g) => g.settings.depth)).toEqual([8]);
    w.emit({ type: 'state', state: 'done' });
    w.emit({ type: 'done', iteration: 1 });
    flushSync();
    expect([state.phase, state.status, state.busy]).toEqual(['done', 'Done: 1 iterations.', false]);
  });

  it('refuses oversized settings before any worker starts', () => {
    const { state, workers } = lab();
    Object.assign(state.form, { depth: 56, width: 32, batchSize: 256 });
    state.start();
    flushSync();
    expect(state.phase).toBe('refused');
    expect(state.view.refused).toMatch(/Choose a smaller batch, width or depth/);
    expect(workers).toHaveLength(0);
  });

  it('pauses when the tab is hidden, resumes on the button, and Reset retires the worker', () => {
    const { state, workers } = lab();
    state.start();
    const w = workers[0]!;
    // Hidden before the run got going: paused as soon as it runs.
    state.hidden();
    w.emit({ type: 'state', state: 'running' });
    expect(w.calls).toEqual(['start 20', 'pause']);
    w.emit({ type: 'state', state: 'paused' });
    flushSync();
    expect(state.status).toBe('Paused at iteration 0 because the tab was hidden. Press Resume to go on.');
    state.toggle();
    expect(w.calls.at(-1)).toBe('resume');
    state.reset();
    flushSync();
    expect(w.calls.at(-1)).toBe('retire');
    expect([state.phase, state.busy]).toEqual(['idle', false]);
    state.start();
    expect(workers).toHaveLength(2);
  });

  it('an error ends the worker, so the next Start gets a fresh one', () => {
    const { state, workers } = lab();
    state.start();
    workers[0]!.emit({ type: 'error', message: 'The training worker stopped (out of memory). Reset to start again.' });
    flushSync();
    expect([state.phase, state.view.error]).toEqual(['error', 'The training worker stopped (out of memory). Reset to start again.']);
    expect(workers[0]!.calls.at(-1)).toBe('retire');
  });
});

describe('the gradient-flow island state', () => {
  const layers = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      id: `conv${i}`,
      layer: i + 1,
      stageIndex: 0,
      outputGradNorm: 1,
      outputGradRms: 10 ** -i,
      weightGradNorm: 1,
    }));

  it("computes the nets shown; only the latest choice's snapshot is taken, labelled with its setup", async () => {
    const workers: FakeLab[] = [];
    const gf = new GradientFlowState((onEvent) => (workers.push(new FakeLab(onEvent)), workers.at(-1)!));
    gf.start();
    const w = workers[0]!;
    expect([gf.phase, w.gradientCalls.map((c) => c.settings.depth)]).toEqual(['starting', [56]]);
    w.emit({ type: 'backend', info: { name: 'wasm', note: '', threads: 2 } });
    expect([gf.phase, gf.backendNote]).toEqual(['computing', 'wasm (2 threads)']);
    w.emit({ type: 'loading', loaded: 2 ** 20, total: 2 * 2 ** 20 });
    flushSync();
    expect([gf.phase, gf.progressText]).toEqual(['loading', '1.0 MiB of 2.0 MiB']);
    gf.setDepth(8);
    gf.setBatchNorm(true);
    expect(w.gradientCalls.map((c) => [c.settings.depth, c.settings.batchNorm])).toEqual([
      [56, false],
      [8, false],
      [8, true],
    ]);
    w.emit({
      type: 'gradients',
      iteration: 0,
      nets: [
        { key: 'plain', layers: layers(4) },
        { key: 'residual', layers: layers(4) },
      ],
    });
    flushSync();
    expect([gf.phase, gf.computed, gf.shown?.setup, gf.stale]).toEqual(['ready', 1, { depth: 8, batchNorm: true, init: 'glorot' }, false]);
    expect(w.calls).toEqual(['memory']);
    w.emit({ type: 'memory', numTensors: 7, numBytes: 1 });
    expect(gf.tensors).toBe(7);
    expect(gf.summary?.sentence).toMatch(/^Plain-8: its first 2 convolutions get 2.0 orders of magnitude more/);
    expect(gf.rows).toEqual([0, 1, 2, 3]);
    gf.setInit('he');
    flushSync();
    expect([gf.phase, gf.stale]).toEqual(['computing', true]);
  });

  it('takes the choices made before the figure hydrated, ignoring any it does not offer, and computes those nets', () => {
    const workers: FakeLab[] = [];
    const gf = new GradientFlowState((onEvent) => (workers.push(new FakeLab(onEvent)), workers.at(-1)!));
    gf.applyEarly({ depth: '20', bn: 'on', init: 'he', metric: 'weightGradNorm' });
    expect([gf.depth, gf.batchNorm, gf.init, gf.metric]).toEqual([20, true, 'he', 'weightGradNorm']);
    gf.applyEarly({ depth: '44', bn: 'yes', init: 'zeros', metric: 'loss' });
    expect([gf.depth, gf.batchNorm, gf.init, gf.metric]).toEqual([20, true, 'he', 'weightGradNorm']);
    gf.start();
    expect(workers[0]!.gradientCalls.map((c) => [c.settings.depth, c.settings.batchNorm, c.settings.init])).toEqual([[20, true, 'he']]);
  });

  it("follows the training lab's snapshots on request, and fails politely with a retry", () => {
    const workers: FakeLab[] = [];
    const gf = new GradientFlowState((onEvent) => (workers.push(new FakeLab(onEvent)), workers.at(-1)!));
    gf.labGradients({
      type: 'gradients',
      iteration: 40,
      nets: [{ key: 'plain', layers: layers(3) }],
      settings: { ...DEFAULT_LAB_SETTINGS, depth: 20 },
    });
    expect(gf.shown).toBeNull();
    gf.mode = 'lab';
    flushSync();
    expect([gf.shown?.iteration, gf.shown?.nets[0]?.name]).toEqual([40, 'Plain-20']);
    gf.start();
    workers[0]!.emit({ type: 'refused', message: 'No.' });
    expect([gf.phase, gf.failure]).toEqual(['failed', 'No.']);
    gf.retry();
    expect(workers[0]!.calls).toContain('terminate');
    expect([workers.length, gf.phase, gf.failure]).toEqual([2, 'starting', null]);
  });
});
