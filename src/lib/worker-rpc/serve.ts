// The worker side: takes calls from a port (the worker's `self`, or a MessageChannel port in tests),
// runs each method's handler and answers. Calls that name a lane are latest-wins (a newer one aborts
// the older one's signal); methods marked serial run one after another; any call can be cancelled.
import { AbortedError, LatestWins, isAborted, throwIfAborted } from './abort';
import { isToWorker, serializeError, type Args, type EventOf, type FromWorker, type MethodsOf, type Result } from './wire';

export interface PortLike {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
  removeEventListener?(type: 'message', listener: (e: MessageEvent) => void): void;
  start?: () => void;
}

/** What a handler gets beside its arguments. */
export interface CallContext<E = never> {
  /** Aborts when the page cancels the call, a newer call on its lane supersedes it, or the port closes. */
  readonly signal: AbortSignal;
  /** One event of this call's stream (the page's `onEvent`): a race's steps, a download's files. */
  emit(event: E, transfer?: Transferable[]): void;
  /** Download progress (the page's `onProgress`). */
  progress(fraction: number, loaded: number, total: number): void;
  /** Transfers these (e.g. a result's ArrayBuffer) with the answer instead of copying them. */
  transfer(...list: Transferable[]): void;
}

export type Handler<M, K extends keyof M> = (args: Args<M, K>, ctx: CallContext<EventOf<M, K>>) => Result<M, K> | Promise<Result<M, K>>;

/** A handler, or a handler with options: `serial` runs it after every serial call before it. */
export type HandlerEntry<M, K extends keyof M> = Handler<M, K> | { run: Handler<M, K>; serial?: boolean };

export type Handlers<M> = { [K in keyof M]: HandlerEntry<M, K> };

export interface Served<B> {
  /** An event tied to no call: every client listening with `onBroadcast` gets it. */
  broadcast(event: B, transfer?: Transferable[]): void;
  /** Stops answering and aborts every running call. */
  close(): void;
}

/**
 * Progress is posted at most this often per call. A download arrives in small chunks (about 1,600 for
 * the quick model's 2.4 MB under the phone profile), and a message for each had the page redraw its bar
 * 1,600 times: measured on /metrics/ under that profile, the page's main thread worked 2.05–2.34 s from
 * the click to the answer with a message per chunk, 1.46–1.51 s with this limit.
 */
const PROGRESS_EVERY_MS = 50;

/** `post` at most every PROGRESS_EVERY_MS; the newest value waits for its turn, a complete one (≥ 1) never. */
function throttledProgress(post: (fraction: number, loaded: number, total: number) => void) {
  let last = -Infinity;
  let pending: [number, number, number] | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (!pending) return;
    const [f, l, t] = pending;
    pending = null;
    last = performance.now();
    post(f, l, t);
  };
  const progress = (fraction: number, loaded: number, total: number) => {
    pending = [fraction, loaded, total];
    const wait = last + PROGRESS_EVERY_MS - performance.now();
    if (fraction >= 1 || wait <= 0) flush();
    else timer ??= setTimeout(flush, wait);
  };
  return { progress, flush };
}

export function serve<M extends MethodsOf<M>, B = never>(port: PortLike, handlers: Handlers<M>): Served<B> {
  const running = new Map<number, AbortController>();
  const lanes = new Map<string, LatestWins>();
  let queue: Promise<unknown> = Promise.resolve();
  const post = (m: FromWorker, transfer: Transferable[] = []) => port.postMessage(m, transfer);

  const onMessage = (e: MessageEvent) => {
    const msg = e.data as unknown;
    if (!isToWorker(msg)) return;
    if (msg.rpc === 'cancel') {
      running.get(msg.id)?.abort(new AbortedError());
      return;
    }
    const { id, method, args, lane } = msg;
    const entry = (handlers as Record<string, HandlerEntry<M, keyof M> | undefined>)[method];
    if (!entry) {
      post({ rpc: 'error', id, error: { name: 'Error', message: `the worker has no method "${method}"` } });
      return;
    }
    const handler = typeof entry === 'function' ? entry : entry.run;
    const serial = typeof entry !== 'function' && entry.serial === true;
    const controller = new AbortController();
    running.set(id, controller);
    const transfer: Transferable[] = [];
    // Progress that waits for its turn goes out before the call's next event and before its answer.
    const bar = throttledProgress((fraction, loaded, total) => post({ rpc: 'progress', id, fraction, loaded, total }));
    const run = (signal: AbortSignal) => {
      throwIfAborted(signal); // cancelled while queued
      const ctx: CallContext<unknown> = {
        signal,
        emit: (event, t = []) => {
          bar.flush();
          post({ rpc: 'event', id, event }, t);
        },
        progress: bar.progress,
        transfer: (...list) => transfer.push(...list),
      };
      return (handler as (a: unknown, c: CallContext<unknown>) => unknown)(args, ctx);
    };
    const ordered = (signal: AbortSignal): Promise<unknown> => {
      if (!serial) return Promise.resolve().then(() => run(signal));
      const turn = queue.then(() => run(signal));
      queue = turn.catch(() => undefined);
      return turn;
    };
    let job: Promise<unknown>;
    if (lane) {
      let l = lanes.get(lane);
      if (!l) lanes.set(lane, (l = new LatestWins()));
      job = l.run(ordered, controller.signal);
    } else {
      job = ordered(controller.signal);
    }
    job
      .finally(bar.flush)
      .then(
        (value) => post({ rpc: 'ok', id, value }, transfer),
        (err: unknown) =>
          post({ rpc: 'error', id, error: isAborted(err) ? { name: 'AbortError', message: (err as Error).message } : serializeError(err) }),
      )
      .finally(() => running.delete(id));
  };

  port.addEventListener('message', onMessage);
  port.start?.();
  return {
    broadcast: (event, transfer = []) => post({ rpc: 'broadcast', event }, transfer),
    close: () => {
      port.removeEventListener?.('message', onMessage);
      for (const c of running.values()) c.abort(new AbortedError());
      running.clear();
    },
  };
}
