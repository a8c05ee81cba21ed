// The worker runtime over a real MessageChannel: typed calls and answers, events, progress, errors,
// abort, latest-wins lanes, serial methods, broadcasts, crash and restart, pagehide. No timers: every
// step the worker takes is released by the test.
import { afterEach, describe, expect, expectTypeOf, test } from 'vitest';
import {
  AbortedError,
  RpcClient,
  WorkerCrashedError,
  WorkerError,
  isAborted,
  type CallContext,
  type PageEvents,
  type WorkerLike,
} from '../../src/lib/worker-rpc';
import { channelWorker, deferred } from '../helpers/fake-worker';

interface Methods {
  add: { args: { a: number; b: number }; result: number };
  count: { args: { to: number }; result: string; event: number };
  download: { args: null; result: 'done' };
  burst: { args: { n: number }; result: 'done'; event: 'half' };
  wait: { args: { label: string }; result: string };
  step: { args: { label: string }; result: string };
  fail: { args: null; result: never };
  bytes: { args: number; result: Float32Array };
}

/** What the worker side saw: which calls started, and the signal of each. */
function fixture() {
  const started: string[] = [];
  const signals = new Map<string, AbortSignal>();
  const gates = new Map<string, ReturnType<typeof deferred<void>>>();
  const gate = (label: string) => {
    if (!gates.has(label)) gates.set(label, deferred());
    return gates.get(label)!;
  };
  const entered = new Map<string, ReturnType<typeof deferred<void>>>();
  const enteredGate = (label: string) => {
    if (!entered.has(label)) entered.set(label, deferred());
    return entered.get(label)!;
  };
  const waitOn = async ({ label }: { label: string }, ctx: CallContext) => {
    started.push(label);
    signals.set(label, ctx.signal);
    enteredGate(label).resolve();
    await Promise.race([
      gate(label).promise,
      new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason))),
    ]);
    return label;
  };
  const workers: ReturnType<typeof channelWorker<Methods, string>>[] = [];
  const create = () => {
    const w = channelWorker<Methods, string>({
      add: ({ a, b }) => a + b,
      count: ({ to }, ctx) => {
        for (let i = 1; i <= to; i++) ctx.emit(i);
        return `counted to ${to}`;
      },
      download: (_, ctx) => {
        ctx.progress(0.5, 1, 2);
        ctx.progress(1, 2, 2);
        return 'done';
      },
      // A download's chunks: progress in two bursts with an event between, never reaching 1.
      burst: ({ n }, ctx) => {
        for (let i = 1; i <= n; i++) ctx.progress(i / (2 * n), i, 2 * n);
        ctx.emit('half');
        for (let i = n + 1; i < 2 * n; i++) ctx.progress(i / (2 * n), i, 2 * n);
        return 'done';
      },
      wait: waitOn,
      step: { serial: true, run: waitOn },
      fail: () => {
        throw Object.assign(new Error('the weights did not match'), {
          name: 'LoadError',
          kind: 'integrity',
          attempts: ['site: sha256 mismatch'],
        });
      },
      bytes: (n, ctx) => {
        const out = new Float32Array(n).fill(1);
        ctx.transfer(out.buffer);
        return out;
      },
    });
    workers.push(w);
    return w;
  };
  return { started, signals, gate, entered: enteredGate, workers, create };
}

const clients: RpcClient<Methods, string>[] = [];
const client = (create: () => WorkerLike, page: PageEvents | null = null) => {
  const c = new RpcClient<Methods, string>({ create, page });
  clients.push(c);
  return c;
};
afterEach(() => {
  for (const c of clients.splice(0)) c.terminate();
});

describe('calls', () => {
  test('a typed round trip', async () => {
    const f = fixture();
    const c = client(f.create);
    const sum = c.call('add', { a: 2, b: 3 });
    expectTypeOf(sum).toEqualTypeOf<Promise<number>>();
    expect(await sum).toBe(5);
    expect(c.generation).toBe(1);
    expect(c.running).toBe(true);
  });

  test('events and progress reach the call that asked, before its answer', async () => {
    const f = fixture();
    const c = client(f.create);
    const events: number[] = [];
    expect(await c.call('count', { to: 3 }, { onEvent: (e) => events.push(e) })).toBe('counted to 3');
    expect(events).toEqual([1, 2, 3]);
    const progress: number[][] = [];
    await c.call('download', null, { onProgress: (...p) => progress.push(p) });
    expect(progress).toEqual([
      [0.5, 1, 2],
      [1, 2, 2],
    ]);
  });

  test('a burst of progress reaches the page as a few messages, the newest before each event and before the answer', async () => {
    const f = fixture();
    const c = client(f.create);
    const seen: (number | string)[] = [];
    const n = 1000;
    const answer = await c.call('burst', { n }, { onProgress: (_f, loaded) => seen.push(loaded), onEvent: (e) => seen.push(e) });
    expect(answer).toBe('done');
    // 2,000 calls of ctx.progress: the first goes out at once, the rest wait for PROGRESS_EVERY_MS.
    expect(seen.length).toBeLessThan(20);
    expect(seen[0]).toBe(1);
    expect(seen[seen.indexOf('half') - 1]).toBe(n);
    expect(seen.at(-1)).toBe(2 * n - 1);
    const loaded = seen.filter((x) => typeof x === 'number');
    expect(loaded).toEqual([...loaded].sort((a, b) => a - b));
  });

  test("the worker's error arrives with its name, message, kind and attempts", async () => {
    const f = fixture();
    const c = client(f.create);
    const err = await c.call('fail', null).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkerError);
    expect(err).toMatchObject({
      name: 'LoadError',
      message: 'the weights did not match',
      kind: 'integrity',
      attempts: ['site: sha256 mismatch'],
    });
  });

  test('transferred results arrive whole', async () => {
    const f = fixture();
    const c = client(f.create);
    expect([...(await c.call('bytes', 3))]).toEqual([1, 1, 1]);
  });

  test('broadcasts reach every listener, tied to no call', async () => {
    const f = fixture();
    const c = client(f.create);
    const heard: string[] = [];
    const off = c.onBroadcast((s) => heard.push(s));
    await c.call('add', { a: 0, b: 0 });
    f.workers[0]!.served.broadcast('paused');
    await expect.poll(() => heard).toEqual(['paused']);
    off();
  });
});

describe('abort, lanes and serial methods', () => {
  test('an aborted call rejects with AbortedError at once, and the worker sees its signal abort', async () => {
    const f = fixture();
    const c = client(f.create);
    const controller = new AbortController();
    const job = c.call('wait', { label: 'a' }, { signal: controller.signal });
    await f.entered('a').promise;
    controller.abort();
    await expect(job).rejects.toBeInstanceOf(AbortedError);
    await expect.poll(() => f.signals.get('a')?.aborted).toBe(true);
    // The worker stays usable.
    expect(await c.call('add', { a: 1, b: 1 })).toBe(2);
    // A call whose signal has already aborted never reaches the worker.
    await expect(c.call('wait', { label: 'never' }, { signal: controller.signal })).rejects.toSatisfy(isAborted);
    expect(f.started).toEqual(['a']);
  });

  test('latest wins: a new call on a lane supersedes the one before, on both sides', async () => {
    const f = fixture();
    const c = client(f.create);
    const first = c.call('wait', { label: 'first' }, { lane: 'view' });
    await f.entered('first').promise;
    const second = c.call('wait', { label: 'second' }, { lane: 'view' });
    const other = c.call('wait', { label: 'other' }, { lane: 'elsewhere' });
    await expect(first).rejects.toMatchObject({ why: 'superseded' });
    await expect.poll(() => f.signals.get('first')?.aborted).toBe(true);
    f.gate('first').resolve(); // finishing late changes nothing
    f.gate('second').resolve();
    f.gate('other').resolve();
    expect(await second).toBe('second');
    expect(await other).toBe('other');
  });

  test('serial methods run one after another; others do not wait for them', async () => {
    const f = fixture();
    const c = client(f.create);
    const one = c.call('step', { label: 'one' });
    const two = c.call('step', { label: 'two' });
    await f.entered('one').promise;
    expect(await c.call('add', { a: 1, b: 2 })).toBe(3);
    expect(f.started).toEqual(['one']);
    f.gate('two').resolve(); // ready early, still waits its turn
    f.gate('one').resolve();
    expect(await one).toBe('one');
    expect(await two).toBe('two');
    expect(f.started).toEqual(['one', 'two']);
  });

  test('a serial call cancelled while queued never runs', async () => {
    const f = fixture();
    const c = client(f.create);
    const one = c.call('step', { label: 'one' });
    const controller = new AbortController();
    const two = c.call('step', { label: 'two' }, { signal: controller.signal });
    await f.entered('one').promise;
    controller.abort();
    await expect(two).rejects.toSatisfy(isAborted);
    expect(await c.call('add', { a: 0, b: 1 })).toBe(1); // messages arrive in order: the cancel is read
    f.gate('one').resolve();
    await one;
    expect(await c.call('add', { a: 0, b: 1 })).toBe(1);
    expect(f.started).toEqual(['one']);
  });
});

describe('crash, restart and disposal', () => {
  test('a worker that dies fails its pending calls clearly, and the next call starts a new one', async () => {
    const f = fixture();
    const crashes: unknown[] = [];
    const c = new RpcClient<Methods, string>({ create: f.create, page: null, onCrash: (e) => crashes.push(e) });
    clients.push(c);
    const pending = c.call('wait', { label: 'a' });
    await f.entered('a').promise;
    f.workers[0]!.crash('out of memory');
    await expect(pending).rejects.toBeInstanceOf(WorkerCrashedError);
    await expect(pending).rejects.toThrow(/stopped \(out of memory\)\. It restarts by itself/);
    expect(crashes).toHaveLength(1);
    expect(c.running).toBe(false);
    expect(await c.call('add', { a: 2, b: 2 })).toBe(4);
    expect(f.workers).toHaveLength(2);
    expect(c.generation).toBe(2);
  });

  test('terminate() fails pending calls with the reason given; the next call starts afresh', async () => {
    const f = fixture();
    const c = client(f.create);
    const pending = c.call('wait', { label: 'a' });
    c.terminate('the test stopped it');
    await expect(pending).rejects.toThrow(/the test stopped it/);
    expect(await c.call('add', { a: 1, b: 0 })).toBe(1);
    expect(c.generation).toBe(2);
  });

  test('leaving the page ends the worker; a client ends nothing it does not hold', async () => {
    const f = fixture();
    const page = new EventTarget();
    const c = client(f.create, page as unknown as PageEvents);
    const pending = c.call('wait', { label: 'a' });
    page.dispatchEvent(new Event('pagehide'));
    await expect(pending).rejects.toThrow(/you left the page/);
    expect(c.running).toBe(false);
    // Coming back (bfcache): the next call starts a new worker, which the next pagehide ends too.
    expect(await c.call('add', { a: 1, b: 1 })).toBe(2);
    page.dispatchEvent(new Event('pagehide'));
    expect(c.running).toBe(false);
    c.dispose();
    expect(f.workers).toHaveLength(2);
  });
});
