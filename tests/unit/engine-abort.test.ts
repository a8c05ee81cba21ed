// Pure parts of the engine: cancellation helpers, latest-wins, the model cache's sharing rules and
// the backend policy (no GPU needed to test which backend the automatic choice picks).
import { describe, expect, test } from 'vitest';
import { AbortedError, LatestWins, abortable, isAborted } from '../../src/lib/engine/abort';
import { ModelCache } from '../../src/lib/engine/model-cache';
import { backendOrder, wasmThreadCount } from '../../src/lib/engine/backend-order';

const later = <T>(v: T, ms = 20) => new Promise<T>((r) => setTimeout(() => r(v), ms));

describe('latest wins', () => {
  test('each run supersedes the one before; only the last resolves', async () => {
    const lane = new LatestWins();
    const jobs = [1, 2, 3].map((n) => lane.run(() => later(n)));
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
      return later('never', 200);
    }, outer.signal);
    outer.abort();
    await expect(job).rejects.toSatisfy(isAborted);
    expect(seen!.aborted).toBe(true);
  });

  test('abortable rejects at once when the signal aborts, before the work settles', async () => {
    const c = new AbortController();
    const p = abortable(later('slow', 500), c.signal);
    const t0 = Date.now();
    c.abort(new AbortedError());
    await expect(p).rejects.toSatisfy(isAborted);
    expect(Date.now() - t0).toBeLessThan(100);
  });
});

describe('model cache', () => {
  const model = () => ({ disposed: 0, dispose() { this.disposed++; } });

  test('concurrent gets share one load; progress reaches every waiter', async () => {
    const cache = new ModelCache<ReturnType<typeof model>>();
    let loads = 0;
    const seen: number[][] = [[], []];
    const load = async (_s: AbortSignal, progress: (f: number, l: number, t: number) => void) => {
      loads++;
      progress(0.5, 1, 2);
      await later(null);
      progress(1, 2, 2);
      return model();
    };
    const [a, b] = await Promise.all([
      cache.get('k', load, { onProgress: (f) => seen[0]!.push(f) }),
      cache.get('k', load, { onProgress: (f) => seen[1]!.push(f) }),
    ]);
    expect(loads).toBe(1);
    expect(a).toBe(b);
    expect(seen[1]).toContain(1);
    expect(await cache.get('k', load)).toBe(a);
    expect(cache.loadsStarted).toBe(1);
  });

  test('the last waiter giving up aborts the load; a model that arrives anyway is disposed', async () => {
    const cache = new ModelCache<ReturnType<typeof model>>();
    const made = model();
    let loadSignal: AbortSignal | null = null;
    const c = new AbortController();
    const p = cache.get('k', async (signal) => {
      loadSignal = signal;
      await later(null, 50);
      return made; // ignores the abort, like a load finishing its last step
    }, { signal: c.signal });
    c.abort(new AbortedError());
    await expect(p).rejects.toSatisfy(isAborted);
    expect(loadSignal!.aborted).toBe(true);
    await later(null, 80);
    expect(made.disposed).toBe(1);
    expect(cache.size).toBe(0);
  });

  test('a failed load is forgotten so the next request retries', async () => {
    const cache = new ModelCache<ReturnType<typeof model>>();
    await expect(cache.get('k', async () => { throw new Error('404'); })).rejects.toThrow('404');
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
