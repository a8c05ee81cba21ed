// Workers for the runtime's tests: a scripted fake (records what it was sent, posts what the test says,
// beats or goes silent like a worker stuck in Firefox's blocked `new Worker()`), and a real worker
// side served on one end of a MessageChannel.
import { serve, type Handlers, type MethodsOf, type PortLike, type Served, type WorkerLike } from '../../src/lib/worker-rpc';
import { ALIVE, type AliveMessage, type WorkerPhase } from '../../src/lib/worker-rpc/watchdog';
import type { BackendName } from '../../src/lib/worker-rpc/backend';

export const beat = (phase: WorkerPhase, backend?: BackendName, threads?: number): AliveMessage => ({
  type: ALIVE,
  phase,
  ...(backend ? { backend } : {}),
  ...(threads ? { threads } : {}),
});

export class FakeWorker implements WorkerLike {
  readonly sent: unknown[] = [];
  terminated = false;
  private readonly listeners = new Map<string, ((e: Event) => void)[]>();
  postMessage(message: unknown): void {
    this.sent.push(message);
  }
  addEventListener(type: string, listener: (e: Event) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  terminate(): void {
    this.terminated = true;
  }
  /** The worker posts `data`. */
  post(data: unknown): void {
    for (const l of this.listeners.get('message') ?? []) l({ data } as MessageEvent);
  }
  /** An uncaught error in the worker. */
  fail(message: string): void {
    for (const l of this.listeners.get('error') ?? []) l({ message, preventDefault() {} } as unknown as ErrorEvent);
  }
  /** The calls sent so far (method and arguments), cancels left out. */
  calls(): { id: number; method: string; args: unknown }[] {
    return this.sent.filter((m) => (m as { rpc: string }).rpc === 'call') as { id: number; method: string; args: unknown }[];
  }
}

/** A worker whose other side is `serve(handlers)` over a MessageChannel, in this process. */
export function channelWorker<M extends MethodsOf<M>, B = never>(
  handlers: Handlers<M>,
): WorkerLike & { served: Served<B>; crash(message: string): void } {
  const { port1, port2 } = new MessageChannel();
  const served = serve<M, B>(port1 as unknown as PortLike, handlers);
  const errors: ((e: Event) => void)[] = [];
  port2.start();
  return {
    served,
    postMessage: (m, t) => port2.postMessage(m, t ?? []),
    addEventListener: (type, l) => {
      if (type === 'message') port2.addEventListener('message', l as (e: MessageEvent) => void);
      if (type === 'error') errors.push(l);
    },
    terminate: () => {
      served.close();
      port1.close();
      port2.close();
    },
    crash: (message) => {
      for (const l of errors) l({ message, preventDefault() {} } as unknown as ErrorEvent);
    },
  };
}

/** A promise settled by the test itself, when the test says so (no timer). */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
