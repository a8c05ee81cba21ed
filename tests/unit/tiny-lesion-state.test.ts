// The block-deletion figure's state over a fake worker: the committed numbers are there before any
// worker starts, a recompute measures the picked block in both nets and compares with the committed
// counts, Cancel and a newer recompute win over an older one, failures leave a polite message, and the
// worker's backend may start early (never a net), quietly.
import { describe, expect, it } from 'vitest';
import { AbortedError } from '../../src/lib/worker-rpc';
import { TinyLesionState, type LesionWorker } from '../../src/components/tiny-lesion/lesion-state.svelte';
import { TINY_LESION, type LesionNetKey } from '../../src/lib/data/tiny-lesion';
import type { LesionAnswer, LesionEvent } from '../../src/lib/tiny/methods';

interface Call {
  net: LesionNetKey;
  removed: readonly string[];
  onEvent: (e: LesionEvent) => void;
  resolve: (a: LesionAnswer) => void;
  reject: (e: unknown) => void;
}

class FakeLesion implements LesionWorker {
  constructor(
    readonly ready: LesionWorker['ready'] = Promise.resolve({
      backend: { name: 'wasm' as const, note: '', simd: true, threads: 2 },
      note: null,
    }),
  ) {}
  calls: Call[] = [];
  terminated = false;
  lesion(
    net: LesionNetKey,
    removed: readonly string[],
    opts: { signal: AbortSignal; onEvent: (e: LesionEvent) => void },
  ): Promise<LesionAnswer> {
    return new Promise((resolve, reject) => {
      opts.signal.addEventListener('abort', () => reject(new AbortedError('cancelled')));
      this.calls.push({ net, removed, onEvent: opts.onEvent, resolve, reject });
    });
  }
  terminate(): void {
    this.terminated = true;
  }
}

const tick = () => new Promise((r) => setTimeout(r, 0));
const answer = (net: LesionNetKey, removed: readonly string[], errors: number): LesionAnswer => ({
  net,
  removed,
  count: TINY_LESION.dataset.testImages,
  errors,
  error: errors / TINY_LESION.dataset.testImages,
  nonFinite: 0,
  ms: 5,
  tensors: 40,
});
const committed = (net: number, block: string): number => TINY_LESION.nets[net]!.blocks.find((b) => b.id === block)!.errors;

describe('the block-deletion figure state', () => {
  it('holds the committed numbers without a worker, and recomputes the picked block in both nets', async () => {
    const workers: FakeLesion[] = [];
    const st = new TinyLesionState(TINY_LESION, () => (workers.push(new FakeLesion()), workers.at(-1)!));
    expect([st.phase, st.selected, workers.length]).toEqual(['idle', TINY_LESION.nets[0]!.blocks[0]!.id, 0]);
    const block = TINY_LESION.nets[0]!.blocks[2]!.id;
    st.select(block);
    const run = st.recompute();
    await tick();
    const w = workers[0]!;
    expect(w.calls.map((c) => [c.net, c.removed])).toEqual([['tiny-plain20', [block]]]);
    w.calls[0]!.onEvent({ stage: 'run', fraction: 0.5 });
    expect(st.progress).toBeCloseTo((0.3 + 0.35) / 2, 10);
    expect(st.progressText).toMatch(/running the test images through the Plain-20/);
    w.calls[0]!.resolve(answer('tiny-plain20', [block], committed(0, block)));
    await tick();
    expect(w.calls[1]!.net).toBe('tiny-resnet20');
    w.calls[1]!.resolve(answer('tiny-resnet20', [block], committed(1, block) + 1));
    await run;
    expect([st.phase, st.finished, st.progress, st.tensors, st.backendNote]).toEqual(['done', 1, 1, 40, 'wasm (SIMD on, 2 threads)']);
    expect(st.live.map((r) => [r.net, r.errors === r.committed])).toEqual([
      ['tiny-plain20', true],
      ['tiny-resnet20', false],
    ]);
    st.dispose();
    expect(w.terminated).toBe(true);
  });

  it('takes the block picked before the figure hydrated, and ignores one it does not have, without a message', () => {
    const st = new TinyLesionState(TINY_LESION, () => new FakeLesion());
    const block = TINY_LESION.nets[0]!.blocks[3]!.id;
    st.applyEarly({ block });
    expect(st.selected).toBe(block);
    st.applyEarly({ block: 'no-such-block' });
    st.applyEarly({});
    expect([st.selected, st.message]).toEqual([block, null]);
  });

  it('lets Cancel stop a recompute, and the latest recompute win', async () => {
    const w = new FakeLesion();
    const st = new TinyLesionState(TINY_LESION, () => w);
    const first = st.recompute();
    await tick();
    st.cancel();
    await first;
    expect([st.phase, st.message]).toEqual(['cancelled', 'Cancelled. The committed numbers stay on the chart.']);
    const b1 = TINY_LESION.nets[0]!.blocks[1]!.id;
    const b2 = TINY_LESION.nets[0]!.blocks[3]!.id;
    st.select(b1);
    const older = st.recompute();
    await tick();
    st.select(b2);
    const newer = st.recompute();
    await older; // superseded: it leaves the newer run alone
    expect(st.phase).toBe('running');
    await tick();
    const last = w.calls.at(-1)!;
    expect(last.removed).toEqual([b2]);
    last.resolve(answer('tiny-plain20', [b2], committed(0, b2)));
    await tick();
    w.calls.at(-1)!.resolve(answer('tiny-resnet20', [b2], committed(1, b2)));
    await newer;
    expect([st.phase, st.live.length, st.live.every((r) => r.block === b2 && r.errors === r.committed)]).toEqual(['done', 2, true]);
  });

  it('says politely when a deletion fails, when the worker stops, and when a block does not exist', async () => {
    const workers: FakeLesion[] = [];
    let stop: (m: string) => void = () => {};
    const st = new TinyLesionState(TINY_LESION, (stopped) => ((stop = stopped), workers.push(new FakeLesion()), workers.at(-1)!));
    st.select('stage2_block1');
    expect(st.message).toBe('There is no removable block "stage2_block1".');
    expect(st.selected).toBe(TINY_LESION.nets[0]!.blocks[0]!.id);
    const run = st.recompute();
    await tick();
    workers[0]!.calls[0]!.reject(new Error('Could not load the test images (HTTP 404)'));
    await run;
    expect(st.phase).toBe('failed');
    expect(st.message).toMatch(
      /^The deletion could not be recomputed: Could not load the test images \(HTTP 404\)\. The committed numbers stay/,
    );
    const again = st.recompute();
    await tick();
    stop("The nets' worker stopped unexpectedly.");
    await again;
    expect([st.phase, st.message]).toEqual(['failed', "The nets' worker stopped unexpectedly."]);
    // The next recompute starts a fresh worker.
    void st.recompute();
    await tick();
    expect(workers).toHaveLength(2);
    st.dispose();
  });

  it('says Cancelled when cancelled while its worker was still starting', async () => {
    const st = new TinyLesionState(TINY_LESION, () => new FakeLesion());
    const run = st.recompute();
    st.cancel();
    await run;
    expect(st.phase).toBe('cancelled');
    expect(st.message).toBe('Cancelled. The committed numbers stay on the chart.');
  });

  it('starts the backend early on a good connection without any deletion, and stays quiet when that fails', async () => {
    const workers: FakeLesion[] = [];
    const stops: ((m: string) => void)[] = [];
    let ready: LesionWorker['ready'] | undefined;
    const st = new TinyLesionState(TINY_LESION, (stopped) => (stops.push(stopped), workers.push(new FakeLesion(ready)), workers.at(-1)!));
    expect(st.startEarly({ effectiveType: '4g', saveData: true })).toBe(false);
    expect(st.startEarly({ effectiveType: '3g' })).toBe(false);
    expect(workers).toHaveLength(0);
    ready = Promise.reject(new Error('wasm could not be fetched'));
    expect(st.startEarly({ effectiveType: '4g' })).toBe(true);
    await tick();
    expect([st.phase, st.message, workers[0]!.terminated, workers[0]!.calls.length]).toEqual(['idle', null, true, 0]);
    ready = undefined;
    expect(st.startEarly(undefined)).toBe(true);
    stops[1]!("The nets' worker stopped unexpectedly.");
    expect([st.phase, st.message]).toEqual(['idle', null]);
    expect(st.startEarly({})).toBe(true);
    await tick();
    expect(st.startEarly({})).toBe(false); // the worker started early is kept for the first recompute
    const run = st.recompute();
    await tick();
    expect([workers.length, workers[2]!.calls.length]).toEqual([3, 1]);
    st.cancel();
    await run;
  });

  it('a backend that did not start fails the recompute politely, and the next one starts a new worker', async () => {
    const workers: FakeLesion[] = [];
    const st = new TinyLesionState(
      TINY_LESION,
      () => (workers.push(new FakeLesion(workers.length ? undefined : Promise.reject(new Error('no backend')))), workers.at(-1)!),
    );
    await st.recompute();
    expect([st.phase, workers[0]!.terminated]).toEqual(['failed', true]);
    expect(st.message).toMatch(/^The deletion could not be recomputed: no backend\. The committed numbers stay on the chart; try again\.$/);
    void st.recompute();
    await tick();
    expect([workers.length, workers[1]!.calls.length]).toEqual([2, 1]);
    st.dispose();
  });
});
