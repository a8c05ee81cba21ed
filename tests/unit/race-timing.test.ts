import { describe, expect, it } from 'vitest';
import { DEFAULT_PROTOCOL, timeRuns, type RunProgress } from '../../src/lib/race/timing';
import { isAborted } from '../../src/lib/worker-rpc';
import { yieldToEventLoop } from '../../src/lib/train/event-loop';

/** A fake clock the fake work advances: run i takes durations[i] ms; pauses take 1000 ms (never timed). */
function fakeWork(durations: number[]) {
  let t = 0;
  let i = 0;
  return {
    now: () => t,
    once: () => {
      t += durations[i++] ?? 0;
    },
    pause: async () => {
      t += 1000;
    },
    calls: () => i,
  };
}

describe('the race protocol', () => {
  it('runs the warm-ups untimed, then times N runs and takes their median', async () => {
    const w = fakeWork([500, 300, 12, 10, 11, 40, 10]);
    const seen: RunProgress[] = [];
    const s = await timeRuns(w.once, { warmup: 2, runs: 5 }, { now: w.now, pause: w.pause, onRun: (p) => seen.push(p) });
    expect(w.calls()).toBe(7);
    expect(s.runs).toEqual([12, 10, 11, 40, 10]);
    expect(s.median).toBe(11);
    expect(s.spread).toBe(30);
    expect(seen.map((p) => `${p.phase}${p.index}/${p.of}`)).toEqual([
      'warmup1/2',
      'warmup2/2',
      'timed1/5',
      'timed2/5',
      'timed3/5',
      'timed4/5',
      'timed5/5',
    ]);
  });

  it('defaults to one warm-up and five timed runs', () => {
    expect(DEFAULT_PROTOCOL).toEqual({ warmup: 1, runs: 5 });
  });

  it('stops between runs when cancelled, with the abort error', async () => {
    const controller = new AbortController();
    let calls = 0;
    const once = () => {
      calls++;
      if (calls === 3) controller.abort();
    };
    const run = timeRuns(once, { warmup: 1, runs: 5 }, { now: () => 0, signal: controller.signal });
    await expect(run).rejects.toSatisfy((e: unknown) => isAborted(e));
    expect(calls).toBe(3);
  });

  it('does nothing when already cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    let calls = 0;
    await expect(timeRuns(() => void calls++, DEFAULT_PROTOCOL, { now: () => 0, signal: controller.signal })).rejects.toThrow();
    expect(calls).toBe(0);
  });

  it('refuses a protocol without timed runs', async () => {
    await expect(timeRuns(() => {}, { warmup: 1, runs: 0 }, { now: () => 0 })).rejects.toThrow(/timed runs/);
    await expect(timeRuns(() => {}, { warmup: -1, runs: 3 }, { now: () => 0 })).rejects.toThrow(/warm-up/);
  });
});

describe('cancellation helpers', () => {
  it('recognises the abort error, and only it', () => {
    const c = new AbortController();
    c.abort();
    expect(isAborted(c.signal.reason)).toBe(true);
    expect(isAborted(new DOMException('stop', 'AbortError'))).toBe(true);
    expect(isAborted(new Error('out of memory'))).toBe(false);
    expect(isAborted('AbortError')).toBe(false);
  });

  it('yields a macrotask: pending microtasks (promise callbacks) run first', async () => {
    const order: string[] = [];
    const pause = yieldToEventLoop().then(() => order.push('after pause'));
    void Promise.resolve().then(() => order.push('microtask'));
    await pause;
    expect(order).toEqual(['microtask', 'after pause']);
  });
});
