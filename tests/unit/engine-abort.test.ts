// Pure parts of the engine: cancellation helpers, latest-wins, the model cache's sharing rules and
// the backend policy (no GPU needed to test which backend the automatic choice picks).
import { describe, expect, test } from 'vitest';
import { AbortedError, LatestWins, abortable, isAborted } from '../../src/lib/worker-rpc/abort';
import { ModelCache } from '../../src/lib/engine/model-cache';
import { backendOrder, wasmThreadCount } from '../../src/lib/engine/backend-order';

/** A promise settled by the test itself, when the test says so (no timer). */
function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('latest wins', () => {
  test('each run supersedes the one before; only the last resolves', async () => {
    const lane = new LatestWins();
    const work = [1, 2, 3].map(() => deferred<number>());
    const jobs = work.map((w) => lane.run(() => w.promise));
    work.forEach((w, i) => w.resolve(i + 1));
    const settled = await Promise.allSettled(jobs);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
    expect((settled[0] as PromiseRejectedResult).reason).toBeInstanceOf(AbortedError);
    expect((settled[0] as PromiseRejectedResult).reason.why).toBe('superseded');
    expect(await jobs[2]).toBe(3);
  });

  test('an outer signal cancels the running job; a job sees its own signal abort', async () => {
    const lane = new LatestWins();
    const outer = new AbortController();
    let seen: AbortSignal | null = null;
    const job = lane.run((signal) => {
      seen = signal;
      return new Promise<string>(() => {}); // work that never ends by itself
    }, outer.signal);
    outer.abort();
    await expect(job).rejects.toSatisfy(isAborted);
    expect(seen!.aborted).toBe(true);
  });

  test('abortable rejects at once when the signal aborts, before the work settles', async () => {
    const c = new AbortController();
    const work = deferred<string>();
    let workSettled = false;
    void work.promise.finally(() => (workSettled = true));
    const p = abortable(work.promise, c.signal);
    c.abort(new AbortedError());
    await expect(p).rejects.toSatisfy(isAborted);
    // The rejection came while the work was still pending: it did not wait for the work.
    expect(workSettled).toBe(false);
    // The work settling afterwards changes nothing.
    work.resolve('slow');
    await work.promise;
    expect(workSettled).toBe(true);
    await expect(p).rejects.toSatisfy(isAborted);
  });
});

describe('model cache', () => {
  const model = () => ({
    disposed: 0,
    dispose() {
      this.disposed++;
    },
  });

  test('concurrent gets share one load; progress reaches every waiter', async () => {
    const cache = new ModelCache<ReturnType<typeof model>>();
    let loads = 0;
    const seen: number[][] = [[], []];
    const download = deferred<void>();
    const load = async (_s: AbortSignal, progress: (f: number, l: number, t: number) => void) => {
      loads++;
      progress(0.5, 1, 2);
      await download.promise;
      progress(1, 2, 2);
      return model();
    };
    const both = Promise.all([
      cache.get('k', load, { onProgress: (f) => seen[0]!.push(f) }),
      cache.get('k', load, { onProgress: (f) => seen[1]!.push(f) }),
    ]);
    download.resolve(); // both waiters asked while the download was still running
    const [a, b] = await both;
    expect(loads).toBe(1);
    expect(a).toBe(b);
    expect(seen[1]).toContain(1);
    expect(await cache.get('k', load)).toBe(a);
    expect(cache.loadsStarted).toBe(1);
  });

  test('the last waiter giving up aborts the load; a model that arrives anyway is disposed', async () => {
    const cache = new ModelCache<ReturnType<typeof model>>();
    const disposedNow = deferred<void>();
    const made = {
      disposed: 0,
      dispose() {
        this.disposed++;
        disposedNow.resolve();
      },
    };
    const lastStep = deferred<void>();
    let loadSignal: AbortSignal | null = null;
    const c = new AbortController();
    const p = cache.get(
      'k',
      async (signal) => {
        loadSignal = signal;
        await lastStep.promise;
        return made; // ignores the abort, like a load finishing its last step
      },
      { signal: c.signal },
    );
    c.abort(new AbortedError());
    await expect(p).rejects.toSatisfy(isAborted);
    expect(loadSignal!.aborted).toBe(true);
    expect(made.disposed).toBe(0);
    // The load finishes after all: the model it hands over is disposed, since nobody wants it.
    lastStep.resolve();
    await disposedNow.promise;
    expect(made.disposed).toBe(1);
    expect(cache.size).toBe(0);
  });

  test('a failed load is forgotten so the next request retries', async () => {
    const cache = new ModelCache<ReturnType<typeof model>>();
    await expect(
      cache.get('k', async () => {
        throw new Error('404');
      }),
    ).rejects.toThrow('404');
    const m = await cache.get('k', async () => model());
    expect(m.disposed).toBe(0);
    cache.clear();
    expect(m.disposed).toBe(1);
  });
});

describe('backend policy', () => {
  test('automatic choice takes a GPU only when it is hardware; wasm otherwise', () => {
    expect(backendOrder('auto', { webgpu: 'hardware', webgl: 'hardware' }).order[0]).toBe('webgpu');
    expect(backendOrder('auto', { webgpu: 'software', webgl: 'hardware' }).order[0]).toBe('webgl');
    expect(backendOrder('auto', { webgpu: 'software', webgl: 'software' }).order).toEqual(['wasm', 'cpu']);
    expect(backendOrder('webgpu', { webgpu: 'none', webgl: 'none' }).order).toEqual(['webgpu', 'wasm', 'cpu']);
  });

  test('threads: every core (up to 8), never fewer than one', () => {
    expect(wasmThreadCount(2)).toBe(2);
    expect(wasmThreadCount(16)).toBe(8);
    expect(wasmThreadCount(undefined)).toBe(2);
    expect(wasmThreadCount(1)).toBe(1);
  });
});
