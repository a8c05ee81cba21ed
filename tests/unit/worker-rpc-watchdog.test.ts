// The watchdog that keeps a stuck demo worker from hanging the page: silence judged per phase, the
// backend ladder, and the runtime's client with fake workers that beat,
// answer, or go silent the way Firefox's blocked `new Worker()` made the real ones go silent.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SilenceWatch, WATCH, withDeadline, type WorkerPhase } from '../../src/lib/worker-rpc/watchdog';
import { BackendLadder, hangNote, stepDown } from '../../src/lib/worker-rpc/backend-ladder';
import { RpcClient, WorkerHungError, backendStart, type BackendChoice, type BackendInfo } from '../../src/lib/worker-rpc';
import { beatTo, setPhase } from '../../src/lib/worker-rpc/alive';
import { FakeWorker, beat } from '../helpers/fake-worker';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('SilenceWatch', () => {
  const make = () => {
    const silent: [WorkerPhase, number][] = [];
    const watch = new SilenceWatch({ onSilent: (p, ms) => silent.push([p, ms]), paused: () => false });
    return { watch, silent };
  };

  it('judges nothing before the first beat (the worker script may still be downloading)', () => {
    const { silent } = make();
    vi.advanceTimersByTime(10 * WATCH.startingSilenceMs);
    expect(silent).toEqual([]);
  });

  it('allows a starting worker a few seconds of silence, then reports it once', () => {
    const { watch, silent } = make();
    expect(watch.heard(beat('starting'))).toBe(true);
    vi.advanceTimersByTime(WATCH.startingSilenceMs - WATCH.beatMs);
    expect(silent).toEqual([]);
    vi.advanceTimersByTime(2 * WATCH.beatMs);
    expect(silent).toHaveLength(1);
    expect(silent[0]![0]).toBe('starting');
    vi.advanceTimersByTime(10 * WATCH.startingSilenceMs);
    expect(silent).toHaveLength(1);
  });

  it('a slow start that keeps beating is never a hang', () => {
    const { watch, silent } = make();
    for (let i = 0; i < 100; i++) {
      watch.heard(beat('starting'));
      vi.advanceTimersByTime(WATCH.beatMs);
    }
    expect(silent).toEqual([]);
  });

  it('gives a worker ready on threaded wasm a minute for one synchronous operation, and never judges backends that cannot deadlock', () => {
    const { watch, silent } = make();
    watch.heard(beat('ready', 'wasm', 2));
    vi.advanceTimersByTime(WATCH.readySilenceMs - WATCH.beatMs);
    expect(silent).toEqual([]);
    vi.advanceTimersByTime(2 * WATCH.beatMs);
    expect(silent.map((s) => s[0])).toEqual(['ready']);

    for (const [backend, threads] of [['cpu'], ['webgl'], ['webgpu'], ['wasm', 1]] as const) {
      const other = make();
      other.watch.heard(beat('ready', backend, threads));
      vi.advanceTimersByTime(10 * WATCH.readySilenceMs);
      expect(other.silent, backend).toEqual([]);
    }
  });

  it('any message counts as a sign of life, and other messages are not beats', () => {
    const { watch, silent } = make();
    watch.heard(beat('starting'));
    for (let i = 0; i < 20; i++) {
      vi.advanceTimersByTime(WATCH.startingSilenceMs / 2);
      expect(watch.heard({ id: 1, type: 'progress' })).toBe(false);
    }
    expect(silent).toEqual([]);
  });

  it('does not count silence while the page is hidden (its timers may be throttled)', () => {
    let hidden = true;
    const silent: WorkerPhase[] = [];
    const watch = new SilenceWatch({ onSilent: (p) => silent.push(p), paused: () => hidden });
    watch.heard(beat('starting'));
    vi.advanceTimersByTime(10 * WATCH.startingSilenceMs);
    expect(silent).toEqual([]);
    hidden = false;
    vi.advanceTimersByTime(WATCH.startingSilenceMs + WATCH.beatMs);
    expect(silent).toEqual(['starting']);
  });
});

describe('the worker side of the watchdog (alive.ts)', () => {
  it('beats at once when the phase changes, then twice a second, and a page-side watch hears it', () => {
    const beats: unknown[] = [];
    beatTo((m) => beats.push(m));
    try {
      setPhase('starting', 'wasm', 2);
      expect(beats).toEqual([beat('starting', 'wasm', 2)]);
      vi.advanceTimersByTime(2 * WATCH.beatMs);
      expect(beats).toHaveLength(3);
      setPhase('ready', 'wasm', 2);
      expect(beats.at(-1)).toEqual(beat('ready', 'wasm', 2));
      const silent: WorkerPhase[] = [];
      const watch = new SilenceWatch({ onSilent: (p) => silent.push(p), paused: () => false });
      for (const b of beats) expect(watch.heard(b)).toBe(true);
      watch.stop();
    } finally {
      beatTo(null);
    }
  });
});

describe('the backend ladder', () => {
  it('goes threaded WASM → WASM on one thread → plain JavaScript → nothing', () => {
    expect(stepDown({ backend: 'wasm' })).toEqual({ backend: 'wasm', threads: 1 });
    expect(stepDown({ backend: 'wasm', threads: 4 })).toEqual({ backend: 'wasm', threads: 1 });
    expect(stepDown({ backend: 'wasm', threads: 1 })).toEqual({ backend: 'cpu' });
    expect(stepDown({ backend: 'cpu' })).toBeNull();
    expect(stepDown({ backend: 'auto' })).toEqual({ backend: 'wasm', threads: 1 });
    expect(stepDown({ backend: 'webgpu' })).toEqual({ backend: 'wasm', threads: 1 });
  });

  it('says what hung, for how long, and what runs now', () => {
    expect(hangNote({ backend: 'wasm' }, { backend: 'wasm', threads: 1 }, 'starting', 4200)).toBe(
      'WASM with threads did not start (its worker stopped answering for 4 s), so the demo now uses WASM on one thread',
    );
    expect(hangNote({ backend: 'cpu' }, null, 'ready', 61_000)).toMatch(
      /^the worker running plain JavaScript stopped answering for 61 s, and there is no simpler backend left/,
    );
  });

  it('keeps the lower rung for the same choice, and starts afresh when the reader chooses again', () => {
    const ladder = new BackendLadder();
    expect(ladder.rungFor('wasm')).toEqual({ backend: 'wasm' });
    expect(ladder.afterHang({ backend: 'wasm' }, 'starting', 5000)).toBe(true);
    expect(ladder.rungFor('wasm')).toEqual({ backend: 'wasm', threads: 1 });
    expect(ladder.afterHang({ backend: 'wasm', threads: 1 }, 'starting', 5000)).toBe(true);
    expect(ladder.rungFor('wasm')).toEqual({ backend: 'cpu' });
    expect(ladder.afterHang({ backend: 'cpu' }, 'ready', 5000)).toBe(false);
    expect(ladder.note).toMatch(/no simpler backend/);
    expect(ladder.rungFor('webgl')).toEqual({ backend: 'webgl' });
    expect(ladder.note).toBeNull();
  });
});

describe('RpcClient under the watchdog', () => {
  interface Methods {
    start: { args: { backend: BackendChoice; threads?: number }; result: BackendInfo };
    settings: { args: { rate: number }; result: null };
    memory: { args: null; result: { numTensors: number } };
  }
  const client = (initial?: { backend: BackendChoice }) => {
    const workers: FakeWorker[] = [];
    const hangs: [string, boolean][] = [];
    const engine = new RpcClient<Methods>({
      create: () => {
        const w = new FakeWorker();
        workers.push(w);
        return w;
      },
      start: backendStart<Methods>('start', initial),
      page: null,
      watch: { paused: () => false },
      onHung: (e, restarted) => hangs.push([e.phase, restarted]),
    });
    return { engine, workers, hangs };
  };
  const answer = (w: FakeWorker, method: string, value: unknown) => {
    const call = w.calls().findLast((c) => c.method === method)!;
    w.post({ rpc: 'ok', id: call.id, value });
  };

  it('ends a worker that hangs while starting, starts the next on WASM with one thread, and answers the start from it', async () => {
    const { engine, workers, hangs } = client();
    const started = engine.retryingStartHangs(() => engine.call('start', { backend: 'auto' }));
    const first = workers[0]!;
    expect(first.calls().map((c) => c.args)).toEqual([{ backend: 'auto' }]);
    // Its last beat: starting wasm on 2 threads (then Firefox blocks inside `new Worker()`).
    first.post(beat('starting', 'wasm', 2));
    await vi.advanceTimersByTimeAsync(WATCH.startingSilenceMs + 2 * WATCH.beatMs);
    expect(first.terminated).toBe(true);
    expect(hangs).toEqual([['starting', true]]);

    // The new worker got the start again, on the lower rung, and its answer settles the first call.
    const second = workers[1]!;
    expect(second.calls().map((c) => [c.method, c.args])).toEqual([['start', { backend: 'wasm', threads: 1 }]]);
    second.post(beat('starting'));
    answer(second, 'start', { name: 'wasm', note: 'your choice' });
    await expect(started).resolves.toEqual({ name: 'wasm', note: 'your choice' });
    expect(engine.note).toBe(
      'WASM with threads did not start (its worker stopped answering for 5 s), so the demo now uses WASM on one thread',
    );
    expect(engine.generation).toBe(2);
  });

  it('replays the pending replayable calls, and the latest answered one of each method, to the replacement; other pending calls fail and are retried', async () => {
    const { engine, workers } = client();
    const start = engine.call('start', { backend: 'wasm' }, { replay: true });
    const first = engine.call('settings', { rate: 1 }, { replay: true });
    const second0 = workers[0]!;
    answer(second0, 'settings', null);
    await first;
    const settings = engine.call('settings', { rate: 2 }, { replay: true });
    const older = engine.call('settings', { rate: 3 }, { replay: true });
    const memory = engine.retryingStartHangs(() => engine.call('memory', null));
    workers[0]!.post(beat('starting', 'wasm', 2));
    await vi.advanceTimersByTimeAsync(WATCH.startingSilenceMs + 2 * WATCH.beatMs);
    const second = workers[1]!;
    expect(second.calls().map((c) => [c.method, c.args])).toEqual([
      ['start', { backend: 'wasm', threads: 1 }],
      ['settings', { rate: 2 }],
      ['settings', { rate: 3 }],
      ['memory', null],
    ]);
    answer(second, 'start', { name: 'wasm', note: 'on one thread' });
    for (const c of second.calls().filter((c) => c.method === 'settings')) second.post({ rpc: 'ok', id: c.id, value: null });
    answer(second, 'memory', { numTensors: 0 });
    await expect(start).resolves.toMatchObject({ name: 'wasm' });
    await expect(settings).resolves.toBeNull();
    await expect(older).resolves.toBeNull();
    await expect(memory).resolves.toEqual({ numTensors: 0 });
  });

  it('a later worker of the same choice starts on the lower rung, even when its first call is not the start', async () => {
    const { engine, workers } = client({ backend: 'auto' });
    void engine.call('start', { backend: 'auto' }).catch(() => {});
    workers[0]!.post(beat('starting', 'wasm', 2));
    await vi.advanceTimersByTimeAsync(WATCH.startingSilenceMs + 2 * WATCH.beatMs);
    answer(workers[1]!, 'start', { name: 'wasm', note: '' });
    engine.terminate('a crash');
    const job = engine.call('memory', null);
    expect(workers[2]!.calls().map((c) => [c.method, c.args])).toEqual([
      ['start', { backend: 'wasm', threads: 1 }],
      ['memory', null],
    ]);
    answer(workers[2]!, 'memory', { numTensors: 1 });
    await expect(job).resolves.toEqual({ numTensors: 1 });
    // Choosing another backend starts afresh, as chosen.
    void engine.call('start', { backend: 'webgl' });
    expect(workers[2]!.calls().at(-1)!.args).toEqual({ backend: 'webgl' });
    expect(engine.note).toBeNull();
  });

  it('a call pending on a worker that hangs once ready fails with the reason, and is not retried', async () => {
    const { engine, workers, hangs } = client();
    const job = engine.retryingStartHangs(() => engine.call('memory', null));
    const w = workers[0]!;
    w.post(beat('ready', 'wasm', 2));
    const failed = expect(job).rejects.toSatisfy(
      (e: unknown) => e instanceof WorkerHungError && e.phase === 'ready' && /stopped answering for 6\d s/.test(e.message),
    );
    await vi.advanceTimersByTimeAsync(WATCH.readySilenceMs + 2 * WATCH.beatMs);
    await failed;
    expect(workers).toHaveLength(1);
    expect(hangs).toEqual([['ready', false]]);
  });

  it('stops retrying at the bottom of the ladder, with a message that says so', async () => {
    const { engine, workers } = client();
    const job = engine.retryingStartHangs(() => engine.call('start', { backend: 'wasm', threads: 1 }));
    const failed = expect(job).rejects.toThrow(/no simpler backend left to try/);
    for (let i = 0; i < 2; i++) {
      workers[i]!.post(beat('starting'));
      await vi.advanceTimersByTimeAsync(WATCH.startingSilenceMs + 2 * WATCH.beatMs);
    }
    await failed;
    expect(workers).toHaveLength(2);
    expect(workers[1]!.calls().at(-1)!.args).toEqual({ backend: 'cpu' });
  });

  it('never hands a beat to a call', async () => {
    const { engine, workers } = client();
    const job = engine.call('memory', null);
    const w = workers[0]!;
    w.post(beat('ready', 'wasm'));
    answer(w, 'memory', { numTensors: 3 });
    await expect(job).resolves.toEqual({ numTensors: 3 });
  });

  it('a worker that keeps beating is left alone, however long it starts', async () => {
    const { engine, workers, hangs } = client();
    const job = engine.call('start', { backend: 'wasm' });
    for (let i = 0; i < 200; i++) {
      workers[0]!.post(beat(i < 100 ? 'starting' : 'ready', 'wasm'));
      await vi.advanceTimersByTimeAsync(WATCH.beatMs);
    }
    answer(workers[0]!, 'start', { name: 'wasm', note: '' });
    await expect(job).resolves.toMatchObject({ name: 'wasm' });
    expect(hangs).toEqual([]);
    expect(workers[0]!.terminated).toBe(false);
  });
});

describe('withDeadline (a start that never answers while the worker stays responsive)', () => {
  it('passes a value or an error through when it comes in time', async () => {
    await expect(withDeadline(Promise.resolve(7), 1000, 'late')).resolves.toBe(7);
    await expect(withDeadline(Promise.reject(new Error('no adapter')), 1000, 'late')).rejects.toThrow('no adapter');
  });

  it('rejects with the message once the time is up, whatever happens later', async () => {
    let settle!: (v: boolean) => void;
    const never = new Promise<boolean>((r) => (settle = r));
    const job = withDeadline(never, 10_000, 'it did not start within 10 s');
    const failed = expect(job).rejects.toThrow('it did not start within 10 s');
    await vi.advanceTimersByTimeAsync(10_001);
    await failed;
    settle(true);
  });
});
