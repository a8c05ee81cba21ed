// The watchdog that keeps a stuck demo worker from hanging the page: silence judged per phase, the
// backend ladder, and both page-side users (EngineClient, WatchedWorker) with fake workers that beat,
// answer, or go silent the way Firefox's blocked `new Worker()` made the real ones go silent.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ALIVE, SilenceWatch, WATCH, withDeadline, type AliveMessage, type WorkerPhase } from '../../src/lib/engine/watchdog';
import { BackendLadder, hangNote, stepDown } from '../../src/lib/engine/backend-ladder';
import { EngineClient, WorkerHungError, type WorkerLike } from '../../src/lib/engine/client';
import { WatchedWorker } from '../../src/lib/engine/watched-worker';
import type { BackendName, Envelope } from '../../src/lib/engine/protocol';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const beat = (phase: WorkerPhase, backend?: BackendName, threads?: number): AliveMessage => ({ type: ALIVE, phase, ...(backend ? { backend } : {}), ...(threads ? { threads } : {}) });

/** A worker the test scripts: it records what it was sent and delivers what the test says it posts. */
class FakeWorker implements WorkerLike {
  readonly sent: unknown[] = [];
  terminated = false;
  private readonly listeners: ((e: Event) => void)[] = [];
  postMessage(message: unknown): void {
    this.sent.push(message);
  }
  addEventListener(type: string, listener: (e: Event) => void): void {
    if (type === 'message') this.listeners.push(listener);
  }
  terminate(): void {
    this.terminated = true;
  }
  post(data: unknown): void {
    for (const l of this.listeners) l({ data } as MessageEvent);
  }
}

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
    expect(hangNote({ backend: 'cpu' }, null, 'ready', 61_000)).toMatch(/^the worker running plain JavaScript stopped answering for 61 s, and there is no simpler backend left/);
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

describe('EngineClient under the watchdog', () => {
  const client = () => {
    const workers: FakeWorker[] = [];
    const engine = new EngineClient(() => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    });
    return { engine, workers };
  };
  const envelope = (m: unknown) => m as Envelope;

  it('ends a worker that hangs while starting and starts the next on WASM with one thread', async () => {
    const { engine, workers } = client();
    const started = engine.retryingStartHangs(() => engine.request({ type: 'start', backend: 'auto' }));
    const first = workers[0]!;
    expect(envelope(first.sent[0]).req).toEqual({ type: 'start', backend: 'auto' });
    // Its last beat: starting wasm on 2 threads (then Firefox blocks inside `new Worker()`).
    first.post(beat('starting', 'wasm', 2));
    await vi.advanceTimersByTimeAsync(WATCH.startingSilenceMs + 2 * WATCH.beatMs);
    expect(first.terminated).toBe(true);

    // The retry went to a new worker, which was told the lower rung before anything else.
    const second = workers[1]!;
    expect(second.sent.map((m) => envelope(m).req)).toEqual([
      { type: 'start', backend: 'wasm', threads: 1 },
      { type: 'start', backend: 'wasm', threads: 1 },
    ]);
    second.post(beat('starting'));
    second.post({ id: envelope(second.sent[1]).id, type: 'ok', value: { name: 'wasm', note: 'your choice' } });
    await expect(started).resolves.toEqual({ name: 'wasm', note: 'your choice' });
    expect(engine.ladder.note).toBe('WASM with threads did not start (its worker stopped answering for 5 s), so the demo now uses WASM on one thread');
  });

  it('a request pending on a worker that hangs once ready fails with the reason, and is not retried', async () => {
    const { engine, workers } = client();
    const job = engine.retryingStartHangs(() => engine.request({ type: 'memory' }));
    const w = workers[0]!;
    w.post(beat('ready', 'wasm', 2));
    const failed = expect(job).rejects.toSatisfy((e: unknown) => e instanceof WorkerHungError && e.phase === 'ready' && /stopped answering for 6\d s/.test(e.message));
    await vi.advanceTimersByTimeAsync(WATCH.readySilenceMs + 2 * WATCH.beatMs);
    await failed;
    expect(workers).toHaveLength(1);
  });

  it('stops retrying at the bottom of the ladder, with a message that says so', async () => {
    const { engine, workers } = client();
    const job = engine.retryingStartHangs(() => engine.request({ type: 'start', backend: 'wasm', threads: 1 }));
    const failed = expect(job).rejects.toThrow(/no simpler backend left to try/);
    for (let i = 0; i < 2; i++) {
      workers[i]!.post(beat('starting'));
      await vi.advanceTimersByTimeAsync(WATCH.startingSilenceMs + 2 * WATCH.beatMs);
    }
    await failed;
    expect(workers).toHaveLength(2);
    expect(envelope(workers[1]!.sent.at(-1)).req).toEqual({ type: 'start', backend: 'cpu' });
  });

  it('never hands a beat to the protocol', async () => {
    const { engine, workers } = client();
    const job = engine.request({ type: 'memory' });
    const w = workers[0]!;
    w.post(beat('ready', 'wasm'));
    w.post({ id: envelope(w.sent[0]).id, type: 'ok', value: { numTensors: 3 } });
    await expect(job).resolves.toEqual({ numTensors: 3 });
  });
});

describe('WatchedWorker', () => {
  type Req = { type: 'init'; backend: string; threads?: number } | { type: 'go'; n: number };
  type Ev = { type: 'backend' } | { type: 'done'; n: number };

  const watched = (onHung = vi.fn()) => {
    const workers: FakeWorker[] = [];
    const w = new WatchedWorker<Req, Ev>({
      create: () => {
        const f = new FakeWorker();
        workers.push(f);
        return f;
      },
      startMessage: (rung) => ({ type: 'init', backend: rung.backend, ...(rung.threads === undefined ? {} : { threads: rung.threads }) }),
      answersStart: (e) => e.type === 'backend',
      rung: { backend: 'wasm' },
      onHung,
    });
    const events: Ev[] = [];
    w.on((e) => events.push(e));
    return { w, workers, events, onHung };
  };

  it('restarts a rung lower and replays what the page sent since the start', async () => {
    const { w, workers, events, onHung } = watched();
    w.send({ type: 'go', n: 1 });
    workers[0]!.post(beat('starting'));
    await vi.advanceTimersByTimeAsync(WATCH.startingSilenceMs + 2 * WATCH.beatMs);
    expect(workers[0]!.terminated).toBe(true);
    expect(workers[1]!.sent).toEqual([{ type: 'init', backend: 'wasm', threads: 1 }, { type: 'go', n: 1 }]);
    expect(onHung).toHaveBeenCalledWith(expect.stringMatching(/so the demo now uses WASM on one thread$/), true, 'starting');
    workers[1]!.post(beat('ready', 'wasm'));
    workers[1]!.post({ type: 'backend' });
    workers[1]!.post({ type: 'done', n: 1 });
    expect(events).toEqual([{ type: 'backend' }, { type: 'done', n: 1 }]);
    expect(w.note).toMatch(/^WASM with threads did not start/);
  });

  it('a worker that hangs after it started is ended and reported, not restarted', async () => {
    const { workers, onHung } = watched();
    workers[0]!.post(beat('ready', 'wasm', 2));
    workers[0]!.post({ type: 'backend' });
    await vi.advanceTimersByTimeAsync(WATCH.readySilenceMs + 2 * WATCH.beatMs);
    expect(workers[0]!.terminated).toBe(true);
    expect(workers).toHaveLength(1);
    expect(onHung).toHaveBeenCalledWith(expect.stringMatching(/stopped answering for 6\d s/), false, 'ready');
  });

  it('a worker that keeps beating is left alone', async () => {
    const { workers, onHung } = watched();
    for (let i = 0; i < 200; i++) {
      workers[0]!.post(beat(i < 100 ? 'starting' : 'ready', 'wasm'));
      await vi.advanceTimersByTimeAsync(WATCH.beatMs);
    }
    expect(onHung).not.toHaveBeenCalled();
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
