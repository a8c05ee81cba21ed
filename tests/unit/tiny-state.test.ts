// The tiny-nets island's state with a fake worker: the worker starts on the first image (or early,
// backend only, where the connection allows), the nets load once, only the latest image's answers show,
// an empty drawing gets a message, failures say what to do and can be retried.
import { describe, expect, it } from 'vitest';
import { AbortedError } from '../../src/lib/worker-rpc';
import { TinyState, TinyStopped, backendText, type TinyAnswers, type TinyWorker } from '../../src/components/tiny/tiny-state.svelte';
import { GRID, blank, dab } from '../../src/lib/tiny/drawing';

class FakeTiny implements TinyWorker {
  readyResolve!: (v: Awaited<TinyWorker['ready']>) => void;
  readyReject!: (e: unknown) => void;
  readonly ready = new Promise<Awaited<TinyWorker['ready']>>((res, rej) => {
    this.readyResolve = res;
    this.readyReject = rej;
  });
  calls: { pixels: Uint8Array; resolve: (a: TinyAnswers) => void; reject: (e: unknown) => void }[] = [];
  terminated = false;
  /** Each load of the nets, settled by the test (`autoLoad`: at once). */
  loads: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  constructor(readonly autoLoad = true) {}
  loadNets(): Promise<void> {
    if (this.autoLoad) return (this.loads.push({ resolve: () => {}, reject: () => {} }), Promise.resolve());
    return new Promise((resolve, reject) => this.loads.push({ resolve, reject }));
  }
  classify(pixels: Uint8Array): Promise<TinyAnswers> {
    this.calls.at(-1)?.reject(new AbortedError('superseded'));
    return new Promise((resolve, reject) => this.calls.push({ pixels, resolve, reject }));
  }
  terminate(): void {
    this.terminated = true;
  }
}

const tick = () => new Promise((r) => setTimeout(r, 0));
const answer = (label: number): TinyAnswers => ({ answers: [{ id: 'vgg', top: [{ label, probability: 0.9 }] }], ms: 3, tensors: 12 });

describe('the tiny-nets island state', () => {
  it("starts the worker on the first image and shows only the latest image's answers", async () => {
    const workers: FakeTiny[] = [];
    const tiny = new TinyState(() => (workers.push(new FakeTiny()), workers.at(-1)!));
    expect(tiny.phase).toBe('idle');
    const first = tiny.classify(new Uint8Array(784), 'test image 0', 9);
    expect([tiny.phase, workers.length]).toEqual(['starting', 1]);
    workers[0]!.readyResolve({ backend: { name: 'wasm', note: '', simd: true, threads: 2 }, note: null });
    await tick();
    expect([tiny.phase, tiny.backendNote]).toEqual(['ready', 'wasm (SIMD on, 2 threads)']);
    const second = tiny.classify(new Uint8Array(784).fill(1), 'test image 1', 2);
    await first; // superseded: no answer, no message
    expect([tiny.answered, tiny.message]).toEqual([0, null]);
    workers[0]!.calls[1]!.resolve(answer(2));
    await second;
    expect([tiny.answered, tiny.answers[0]!.top[0]!.label, tiny.tensors, tiny.ms, tiny.shown?.truth]).toEqual([1, 2, 12, 3, 2]);
    expect(workers).toHaveLength(1);
    tiny.dispose();
    expect(workers[0]!.terminated).toBe(true);
  });

  it('says an empty drawing is empty, and classifies a drawing scaled to fill the grid', async () => {
    const w = new FakeTiny();
    const tiny = new TinyState(() => w);
    await tiny.classifyDrawing(blank());
    expect(tiny.message).toMatch(/^The drawing is empty/);
    expect(w.calls).toHaveLength(0);
    const drawing = blank();
    dab(drawing, GRID / 2, GRID / 2);
    const run = tiny.classifyDrawing(drawing);
    expect([tiny.message, tiny.shown?.source, tiny.shown?.truth]).toEqual([null, 'your drawing (scaled to fill the grid)', null]);
    await tick();
    w.calls[0]!.resolve(answer(3));
    await run;
    expect(tiny.answered).toBe(1);
  });

  it('a worker that stopped fails the figure with its message; the next image starts a new one', async () => {
    const workers: FakeTiny[] = [];
    const tiny = new TinyState(() => (workers.push(new FakeTiny()), workers.at(-1)!));
    const run = tiny.classify(new Uint8Array(784), 'test image 0', 0);
    const stopped = new TinyStopped("The nets' worker stopped unexpectedly. Pick an image again to restart it.");
    await tick();
    workers[0]!.readyReject(stopped);
    workers[0]!.calls[0]!.reject(stopped);
    await run;
    expect([tiny.phase, tiny.message]).toEqual(['failed', stopped.message]);
    void tiny.classify(new Uint8Array(784), 'test image 0', 0);
    expect([tiny.phase, workers.length]).toEqual(['starting', 2]);
  });

  it('an error from the nets is shown politely, and the backend after a hang names why', async () => {
    const w = new FakeTiny();
    const tiny = new TinyState(() => w);
    const run = tiny.classify(new Uint8Array(784), 'test image 0', 0);
    await tick();
    w.calls[0]!.reject(new Error('An image must have 784 pixels'));
    await run;
    expect(tiny.message).toBe('The nets could not run: An image must have 784 pixels. Reload the page to try again.');
    expect(backendText({ name: 'wasm', note: '', simd: false, threads: 1 }, 'WASM with threads did not start')).toBe(
      'wasm (SIMD off, one thread); WASM with threads did not start',
    );
  });

  const wasm = { backend: { name: 'wasm' as const, note: '', simd: true, threads: 1 }, note: null };

  it('starts the backend early on a good connection, never the nets; the first image then waits only for them, loaded once', async () => {
    const workers: FakeTiny[] = [];
    const tiny = new TinyState(() => (workers.push(new FakeTiny(false)), workers.at(-1)!));
    expect(tiny.startEarly({ effectiveType: '4g' })).toBe(true);
    expect([tiny.phase, tiny.preparing, workers.length]).toEqual([
      'idle',
      'Getting TensorFlow.js ready in a worker (no weights downloaded yet)…',
      1,
    ]);
    expect(tiny.startEarly({ effectiveType: '4g' })).toBe(false); // one worker
    workers[0]!.readyResolve(wasm);
    await tick();
    expect([tiny.phase, tiny.preparing, tiny.backendNote, workers[0]!.loads.length]).toEqual([
      'idle',
      null,
      'wasm (SIMD on, one thread)',
      0,
    ]);
    const first = tiny.classify(new Uint8Array(784), 'test image 0', 9);
    expect([tiny.phase, tiny.status, workers[0]!.loads.length]).toEqual(['loading', 'Loading both nets’ weights…', 1]);
    workers[0]!.loads[0]!.resolve();
    await tick();
    expect([tiny.phase, tiny.status]).toEqual(['ready', null]);
    workers[0]!.calls[0]!.resolve(answer(9));
    await first;
    const second = tiny.classify(new Uint8Array(784), 'test image 1', 2);
    await tick();
    workers[0]!.calls[1]!.resolve(answer(2));
    await second;
    expect([tiny.answered, workers.length, workers[0]!.loads.length]).toEqual([2, 1, 1]);
  });

  it('starts nothing early with saveData or on a slow connection', () => {
    const workers: FakeTiny[] = [];
    const tiny = new TinyState(() => (workers.push(new FakeTiny()), workers.at(-1)!));
    expect(tiny.startEarly({ effectiveType: '4g', saveData: true })).toBe(false);
    expect(tiny.startEarly({ effectiveType: '3g' })).toBe(false);
    expect([workers.length, tiny.preparing]).toEqual([0, null]);
  });

  it('an early start that fails or stops stays quiet, and the first image starts a new worker', async () => {
    const workers: FakeTiny[] = [];
    const stops: ((m: string) => void)[] = [];
    const tiny = new TinyState((stopped) => (stops.push(stopped), workers.push(new FakeTiny()), workers.at(-1)!));
    tiny.startEarly(undefined);
    workers[0]!.readyReject(new Error('wasm could not be fetched'));
    await tick();
    expect([tiny.phase, tiny.message, tiny.preparing, workers[0]!.terminated]).toEqual(['idle', null, null, true]);
    tiny.startEarly({});
    stops[1]!("The nets' worker stopped unexpectedly. Pick an image again to restart it.");
    expect([tiny.phase, tiny.message]).toEqual(['idle', null]);
    const run = tiny.classify(new Uint8Array(784), 'test image 0', 0);
    expect([tiny.phase, tiny.status, workers.length]).toEqual(['starting', 'Starting TensorFlow.js in a worker and loading both nets…', 3]);
    workers[2]!.readyResolve(wasm);
    await tick();
    workers[2]!.calls[0]!.resolve(answer(0));
    await run;
    expect([tiny.phase, tiny.answered]).toEqual(['ready', 1]);
  });

  it('a failed download of the nets says so and is tried again on the next image, in the same worker', async () => {
    const w = new FakeTiny(false);
    const tiny = new TinyState(() => w);
    const run = tiny.classify(new Uint8Array(784), 'test image 0', 0);
    w.readyResolve(wasm);
    w.loads[0]!.reject(new Error('Request to /tiny-models/tiny-vgg/model.json failed with status code 503'));
    await run;
    expect([tiny.phase, tiny.message]).toEqual([
      'failed',
      'The nets could not be loaded: Request to /tiny-models/tiny-vgg/model.json failed with status code 503. Pick an image again to try again.',
    ]);
    const again = tiny.classify(new Uint8Array(784), 'test image 0', 0);
    expect([tiny.phase, tiny.message, w.loads.length]).toEqual(['loading', null, 2]);
    w.loads[1]!.resolve();
    await tick();
    w.calls[0]!.resolve(answer(0));
    await again;
    expect([tiny.phase, tiny.answered, w.terminated]).toEqual(['ready', 1, false]);
  });

  it('a backend that fails to start for an image says so, and the next image starts a new worker', async () => {
    const workers: FakeTiny[] = [];
    const tiny = new TinyState(() => (workers.push(new FakeTiny(false)), workers.at(-1)!));
    const run = tiny.classify(new Uint8Array(784), 'test image 0', 0);
    workers[0]!.readyReject(new Error('no backend could start'));
    await tick();
    workers[0]!.loads[0]!.reject(new Error('no backend could start'));
    await run;
    expect([tiny.phase, tiny.message, workers[0]!.terminated]).toEqual([
      'failed',
      'The nets could not start: no backend could start. Pick an image again to try again.',
      true,
    ]);
    void tiny.classify(new Uint8Array(784), 'test image 0', 0);
    expect([tiny.phase, workers.length]).toEqual(['starting', 2]);
  });
});
